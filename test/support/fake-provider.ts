import { createHash } from 'node:crypto';
import { defineCapabilities, requireCapability, type Capabilities } from '../../src/providers/capabilities.js';
import { ProviderError } from '../../src/providers/errors.js';
import type { ProviderId, SendRequest, SignatureProvider } from '../../src/providers/provider.js';
import type { ProviderRegistry } from '../../src/providers/registry.js';
import type { ParticipantSnapshot, ProviderEnvelopeStatus, ProviderParticipantStatus, ProviderSnapshot } from '../../src/providers/snapshot.js';
import { autentiProvider } from '../../src/providers/autenti/descriptor.js';

/**
 * A hand-written provider for app-level tests: it keeps envelopes in memory, answers like an adapter
 * (full snapshots, pages of changes, `ProviderError`s), keeps to the resumable-send rules, and records
 * every call so a test can assert what the app asked of the provider. Not a mock of app code.
 */

export type FakeCall = { readonly method: string; readonly reference?: string; readonly cursor?: string | null };

type FakeEnvelope = {
  readonly request: SendRequest;
  status: ProviderEnvelopeStatus | null;
  raw: unknown;
  reason?: string;
  participants: Array<{ email: string; status: ProviderParticipantStatus; rejectionReason?: string }>;
  /** Position in the change order, for `changesSince`. */
  changed: number;
};

export type FakeProvider = SignatureProvider & {
  readonly calls: FakeCall[];
  /** Records `dispose` (the app disposes an adapter when its connection changes). */
  dispose(): Promise<void>;
  /** What `send` received, by provider reference, with each document's SHA-256 as streamed. */
  readonly sent: Map<string, { request: SendRequest; documentHashes: string[] }>;
  /** The next `send` throws this before any provider step. */
  failNextSend(error: Error): void;
  /** The next `send` dies (a plain `Error`, as a killed worker) right after saving the created envelope. */
  dieAfterCreate(): void;
  /** The next `changesSince` or `fetch` throws this. */
  failNextRead(error: Error): void;
  /** Changes what the provider reports for an envelope, as a participant acting at the provider would. */
  report(
    reference: string,
    change: { status?: ProviderEnvelopeStatus | null; raw?: unknown; reason?: string; participants?: Record<string, { status: ProviderParticipantStatus; rejectionReason?: string }> },
  ): void;
};

export type FakeProviderOptions = {
  /** The registry slot it stands in (the app checks the adapter's id against the connection's provider). */
  readonly id?: ProviderId;
  readonly capabilities?: Partial<Capabilities>;
  /** Envelopes per `changesSince` page. */
  readonly pageSize?: number;
  /** `summary`: pages carry the status only, as Connective's listing does. */
  readonly listingDetail?: 'full' | 'summary';
};

export function createFakeProvider(options: FakeProviderOptions = {}): FakeProvider {
  const id = options.id ?? 'autenti';
  const capabilities = defineCapabilities({ roles: ['signer', 'approver', 'viewer', 'receiver'], parallelSteps: true, withdraw: true, deltaListing: true, ...options.capabilities });
  const pageSize = options.pageSize ?? 2;
  const calls: FakeCall[] = [];
  const sent = new Map<string, { request: SendRequest; documentHashes: string[] }>();
  const envelopes = new Map<string, FakeEnvelope>();
  let created = 0;
  let changes = 0;
  let sendFailure: Error | null = null;
  let readFailure: Error | null = null;
  let dieAfterCreate = false;

  const envelopeOf = (reference: string): FakeEnvelope => {
    const envelope = envelopes.get(reference);
    if (!envelope) throw new ProviderError({ kind: 'not-found', provider: id, httpStatus: 404, message: `The fake provider has no envelope ${reference}.` });
    return envelope;
  };
  const failRead = () => {
    const error = readFailure;
    readFailure = null;
    if (error) throw error;
  };

  const snapshotOf = (reference: string, detail: 'full' | 'summary'): ProviderSnapshot => {
    const envelope = envelopeOf(reference);
    const participants: ParticipantSnapshot[] = envelope.participants.map((participant, index) => ({
      match: { providerReference: `${reference}/p${index + 1}`, email: participant.email.toLowerCase() },
      status: { unified: participant.status, raw: participant.status },
      ...(participant.rejectionReason ? { rejectionReason: participant.rejectionReason } : {}),
      timestamps: {},
    }));
    return {
      reference,
      detail,
      status: { unified: envelope.status, raw: envelope.raw },
      participants: detail === 'full' ? participants : [],
      ...(envelope.reason ? { reason: envelope.reason } : {}),
    };
  };

  const fake: FakeProvider = {
    contractVersion: 1,
    id,
    capabilities,
    calls,
    sent,

    async verify() {
      calls.push({ method: 'verify' });
      return { account: 'fake@provider.test' };
    },

    async send(request, checkpoint) {
      if (sendFailure) {
        const error = sendFailure;
        sendFailure = null;
        throw error;
      }
      const state = { ...checkpoint.state } as { reference?: string; sent?: boolean };
      if (state.reference === undefined) {
        created += 1;
        state.reference = `fake-${created}`;
        calls.push({ method: 'create', reference: state.reference });
        const documentHashes: string[] = [];
        for (const document of request.documents) {
          const hash = createHash('sha256');
          for await (const chunk of await document.open()) hash.update(chunk as Buffer);
          documentHashes.push(hash.digest('hex'));
        }
        sent.set(state.reference, { request, documentHashes });
        await checkpoint.save({ ...state });
        if (dieAfterCreate) {
          dieAfterCreate = false;
          throw new Error('the worker died after saving the created envelope');
        }
      }
      const reference = state.reference;
      if (state.sent !== true) {
        calls.push({ method: 'send', reference });
        const firstStep = Math.min(...request.participants.map((participant) => participant.step));
        envelopes.set(reference, {
          request,
          status: 'sent',
          raw: 'Pending',
          participants: request.participants.map((participant) => ({ email: participant.email, status: participant.step === firstStep ? 'notified' : 'waiting' })),
          changed: (changes += 1),
        });
        await checkpoint.save({ ...state, sent: true });
      }
      return {
        reference,
        participants: request.participants.map((participant, index) => ({ participantId: participant.id, providerReference: `${reference}/p${index + 1}` })),
      };
    },

    async fetch(reference) {
      calls.push({ method: 'fetch', reference });
      failRead();
      return snapshotOf(reference, 'full');
    },

    async changesSince(cursor) {
      calls.push({ method: 'changesSince', cursor });
      failRead();
      const after = cursor === null ? 0 : Number(cursor);
      const changed = [...envelopes.entries()].filter(([, envelope]) => envelope.changed > after).sort(([, a], [, b]) => a.changed - b.changed);
      const page = changed.slice(0, pageSize);
      const last = page.at(-1)?.[1].changed ?? after;
      return {
        snapshots: page.map(([reference]) => snapshotOf(reference, options.listingDetail ?? 'full')),
        nextCursor: String(last),
        hasMore: changed.length > page.length,
      };
    },

    async withdraw(reference) {
      requireCapability(fake, 'withdraw');
      calls.push({ method: 'withdraw', reference });
      fake.report(reference, { status: 'withdrawn' });
    },
    async remind(reference) {
      requireCapability(fake, 'reminders');
      calls.push({ method: 'remind', reference });
    },
    async extendExpiry(reference) {
      requireCapability(fake, 'expiryChange');
      calls.push({ method: 'extendExpiry', reference });
    },
    async skipPending(reference) {
      requireCapability(fake, 'skipPending');
      calls.push({ method: 'skipPending', reference });
    },
    download(reference) {
      calls.push({ method: 'download', reference });
      return (async function* () {})();
    },
    async parseCallback() {
      return null;
    },
    async dispose() {
      calls.push({ method: 'dispose' });
    },

    failNextSend(error) {
      sendFailure = error;
    },
    dieAfterCreate() {
      dieAfterCreate = true;
    },
    failNextRead(error) {
      readFailure = error;
    },
    report(reference, change) {
      const envelope = envelopeOf(reference);
      if (change.status !== undefined) {
        envelope.status = change.status;
        envelope.raw = change.raw ?? change.status;
      } else if (change.raw !== undefined) envelope.raw = change.raw;
      if (change.reason !== undefined) envelope.reason = change.reason;
      for (const [email, reported] of Object.entries(change.participants ?? {})) {
        const participant = envelope.participants.find((candidate) => candidate.email.toLowerCase() === email.toLowerCase());
        if (!participant) throw new Error(`${email} is not a participant of ${reference}`);
        participant.status = reported.status;
        if (reported.rejectionReason) participant.rejectionReason = reported.rejectionReason;
      }
      envelope.changed = changes += 1;
    },
  };
  return fake;
}

/** The registry the app builds adapters from, with every connection of the fake's provider getting the fake. */
export function fakeRegistry(fake: FakeProvider): ProviderRegistry {
  return [{ ...autentiProvider, id: fake.id, create: () => fake }];
}
