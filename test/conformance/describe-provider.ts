import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Capabilities, Feature } from '../../src/providers/capabilities.js';
import { checkSendRequest } from '../../src/providers/send-check.js';
import { ProviderError } from '../../src/providers/errors.js';
import {
  createMemoryCheckpoint,
  PROVIDER_NAMES,
  type CheckpointState,
  type ProviderFile,
  type SendCheckpoint,
  type SendRequest,
  type SignatureProvider,
} from '../../src/providers/provider.js';
import type { ProviderSnapshot } from '../../src/providers/snapshot.js';
import { waitUntil } from '../support/waiting.js';
import { startCallbackReceiver } from './callback-receiver.js';
import type { ConformanceSandbox, ProviderOperation, ProviderUnderTest, SandboxCall } from './harness.js';
import { boxOf, sendRequestOf, unsupportedSendOptions, type RequestShape } from './requests.js';

/**
 * The conformance suite every adapter runs against its own sandbox (issue 8). Each case is registered
 * from the declared capabilities: a supported feature is exercised end to end, an unsupported one is
 * asserted to be refused (`ProviderError` kind `unsupported` with no provider call, or `checkSendRequest`
 * naming the field) — nothing is skipped. Every case asserts the provider calls the sandbox recorded.
 */
export function describeProvider(provider: ProviderUnderTest): void {
  const caps = provider.capabilities;
  const name = PROVIDER_NAMES[provider.id];
  const notSupported = `not supported by ${name}`;

  describe(`${name} conformance`, () => {
    let sandbox: ConformanceSandbox;
    const opened: SignatureProvider[] = [];

    beforeAll(async () => {
      sandbox = await provider.startSandbox();
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map(disposeAdapter));
    });
    afterAll(async () => {
      await sandbox?.close();
    });

    /** An adapter for a fresh sandbox account. */
    async function connect(options?: { callbackUrl?: string }): Promise<SignatureProvider> {
      const adapter = provider.create(await sandbox.connect(options));
      opened.push(adapter);
      return adapter;
    }

    /** Runs `work` and returns what it gave and the provider calls it made. */
    async function recorded<T>(work: () => Promise<T>): Promise<{ value: T; calls: SandboxCall[] }> {
      const mark = await sandbox.mark();
      const value = await work();
      return { value, calls: await sandbox.callsSince(mark) };
    }

    async function sendShape(adapter: SignatureProvider, shape: RequestShape) {
      const request = await sendRequestOf(shape);
      const { value: result, calls } = await recorded(() => adapter.send(request, createMemoryCheckpoint()));
      return { request, result, calls, reference: result.reference };
    }

    /** The call contract of any send: one envelope created, each document uploaded once, sent once. */
    function expectOneSend(calls: SandboxCall[], reference: string, documents: number): void {
      expect(ops(calls, 'create').filter(isOk), describeCalls(calls)).toHaveLength(1);
      expect(ops(calls, 'send').filter(isOk).map((call) => call.reference), describeCalls(calls)).toEqual([reference]);
      expect(ops(calls, 'upload').filter((call) => isOk(call)), describeCalls(calls)).toHaveLength(documents);
      expect(calls.filter((call) => call.reference !== null && call.reference !== reference), describeCalls(calls)).toEqual([]);
    }

    /** Asserts `work` is refused as unsupported naming `feature`, before any provider call. */
    async function expectUnsupported(feature: Feature, work: () => Promise<unknown>): Promise<void> {
      const mark = await sandbox.mark();
      const error = await work().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(ProviderError.is(error, 'unsupported'), String(error)).toBe(true);
      expect((error as ProviderError).feature).toBe(feature);
      expect((error as ProviderError).message).toContain(name);
      expect(await sandbox.callsSince(mark)).toEqual([]);
    }

    /** An envelope sent with signers in `steps`, ready for the actions below. */
    async function sentEnvelope(adapter: SignatureProvider, shape: RequestShape = { steps: [1, 2] }) {
      const sent = await sendShape(adapter, shape);
      const snapshot = await adapter.fetch(sent.reference);
      return { ...sent, snapshot };
    }

    it(`declares the same capabilities as its adapter`, async () => {
      const adapter = await connect();
      expect(adapter.capabilities).toEqual(caps);
      expect(adapter.id).toBe(provider.id);
      expect(adapter.contractVersion).toBe(1);
    });

    it('verifies a connection whose credentials are right', async () => {
      const adapter = await connect();
      const { calls } = await recorded(() => adapter.verify());
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.every(isOk), describeCalls(calls)).toBe(true);
    });

    describe('send', () => {
      it('sends 1 document to 1 participant: created, uploaded and sent once, then reported sent', async () => {
        const adapter = await connect();
        const { request, result, calls, reference } = await sendShape(adapter, { documents: 1, steps: [1] });
        expectOneSend(calls, reference, 1);
        expect(await sandbox.inspect(reference)).toEqual({ documents: ['doc-1.pdf'], participants: emailsOf(request) });
        expect(result.participants.map((link) => link.participantId)).toEqual(['par_1']);
        const snapshot = await adapter.fetch(reference);
        expect(snapshot).toMatchObject({ reference, detail: 'full', status: { unified: 'sent' } });
        expect(participantStatuses(snapshot)).toEqual([[request.participants[0]!.email, 'notified']]);
      });

      for (const documents of [3]) {
        if (caps.maxDocuments === null || caps.maxDocuments >= documents) {
          it(`sends ${documents} documents, each uploaded once, in order`, async () => {
            const adapter = await connect();
            const { calls, reference } = await sendShape(adapter, { documents, steps: [1] });
            expectOneSend(calls, reference, documents);
            expect((await sandbox.inspect(reference)).documents).toEqual(['doc-1.pdf', 'doc-2.pdf', 'doc-3.pdf']);
          });
        } else {
          it(`refuses ${documents} documents before any provider call: ${notSupported} (at most ${caps.maxDocuments})`, async () => {
            await expectRefusedBeforeSending({ documents, steps: [1] }, 'documents');
          });
        }
      }

      for (const participants of [3, 10]) {
        if (caps.maxParticipants === null || caps.maxParticipants >= participants) {
          it(`sends ${participants} participants in ${participants} steps: the first is notified, the others wait`, async () => {
            const adapter = await connect();
            const steps = Array.from({ length: participants }, (_, index) => index + 1);
            const { request, result, calls, reference } = await sendShape(adapter, { steps });
            expectOneSend(calls, reference, 1);
            expect((await sandbox.inspect(reference)).participants).toEqual(emailsOf(request));
            expect(result.participants.map((link) => link.participantId)).toEqual(request.participants.map((p) => p.id));
            const snapshot = await adapter.fetch(reference);
            expect(participantStatuses(snapshot)).toEqual(request.participants.map((p, index) => [p.email, index === 0 ? 'notified' : 'waiting']));
          });
        } else {
          it(`refuses ${participants} participants before any provider call: ${notSupported} (at most ${caps.maxParticipants})`, async () => {
            await expectRefusedBeforeSending({ steps: Array.from({ length: participants }, (_, index) => index + 1) }, 'participants');
          });
        }
      }

      if (caps.parallelSteps) {
        it('sends 3 participants in one step: all notified at once, completed when the last signs', async () => {
          const adapter = await connect();
          const { request, reference } = await sendShape(adapter, { steps: [1, 1, 1] });
          const emails = emailsOf(request);
          expect(participantStatuses(await adapter.fetch(reference))).toEqual(emails.map((email) => [email, 'notified']));
          await sandbox.act(reference, emails[1]!, 'sign');
          const { value: afterOne, calls } = await recorded(() => adapter.fetch(reference));
          expect(ops(calls, 'fetch').map((call) => call.reference)).toEqual([reference]);
          expect(afterOne.status.unified).toBe('sent');
          expect(participantStatuses(afterOne)).toEqual([
            [emails[0], 'notified'],
            [emails[1], 'completed'],
            [emails[2], 'notified'],
          ]);
          await sandbox.act(reference, emails[0]!, 'sign');
          await sandbox.act(reference, emails[2]!, 'sign');
          expect((await adapter.fetch(reference)).status.unified).toBe('completed');
        });
      } else {
        it(`refuses participants in parallel before any provider call: ${notSupported}`, async () => {
          await expectRefusedBeforeSending({ steps: [1, 1] }, 'participants');
        });
      }

      it('sends 2 participants in sequence: the second is notified when the first has signed', async () => {
        const adapter = await connect();
        const { request, reference } = await sendShape(adapter, { steps: [1, 2] });
        const [first, second] = emailsOf(request);
        expect(participantStatuses(await adapter.fetch(reference))).toEqual([
          [first, 'notified'],
          [second, 'waiting'],
        ]);
        await sandbox.act(reference, first!, 'sign');
        const afterFirst = await adapter.fetch(reference);
        expect(afterFirst.status.unified).toBe('sent');
        expect(participantStatuses(afterFirst)).toEqual([
          [first, 'completed'],
          [second, 'notified'],
        ]);
        await sandbox.act(reference, second!, 'sign');
        const done = await adapter.fetch(reference);
        expect(done.status.unified).toBe('completed');
        expect(done.participants.every((p) => p.status.unified === 'completed')).toBe(true);
      });

      async function expectRefusedBeforeSending(shape: RequestShape, path: string): Promise<void> {
        const adapter = await connect();
        const request = await sendRequestOf(shape);
        expect(checkSendRequest(adapter, request).map((problem) => problem.path)).toContain(path);
      }
    });

    if (caps.signatureFields.includes('box') && caps.fieldTypes.includes('signature')) {
      it('sends a signature box per participant, on the document and page asked, and the sandbox holds each where it was put', async () => {
        expect(sandbox.inspectFields, `${name} declares box fields: its sandbox binding needs inspectFields`).toBeTypeOf('function');
        const adapter = await connect();
        const { request, calls, reference } = await sendShape(adapter, { documents: 2, steps: [1, 2], boxes: true });
        expectOneSend(calls, reference, 2);
        expect(await sandbox.inspectFields!(reference)).toEqual(request.participants.map((participant, index) => ({ email: participant.email, filename: 'doc-2.pdf', ...boxOf(index) })));
        expect((await adapter.fetch(reference)).status.unified).toBe('sent');
      });

      it('resumes a send with boxes after a crash at every checkpoint: each document once, the boxes on the uploaded files', async () => {
        const adapter = await connect();
        const clean = createMemoryCheckpoint();
        await adapter.send(await sendRequestOf({ documents: 2, steps: [1, 2], boxes: true }), clean);
        for (let n = 0; n < clean.saves.length; n += 1) {
          const request = await sendRequestOf({ documents: 2, steps: [1, 2], boxes: true });
          const crashing = crashingCheckpoint(n, 'stored');
          await expect(adapter.send(request, crashing)).rejects.toThrow(/crash/);
          const result = await adapter.send(request, createMemoryCheckpoint(crashing.stored));
          const label = `crash at save ${n + 1} of ${clean.saves.length}`;
          expect((await sandbox.inspect(result.reference)).documents, label).toEqual(['doc-1.pdf', 'doc-2.pdf']);
          expect(await sandbox.inspectFields!(result.reference), label).toEqual(
            request.participants.map((participant, index) => ({ email: participant.email, filename: 'doc-2.pdf', ...boxOf(index) })),
          );
        }
      });
    }

    describe('resume after a crash', () => {
      const documents = caps.maxDocuments === null || caps.maxDocuments >= 2 ? 2 : 1;


      for (const mode of ['stored', 'lost'] as const) {
        it(`resumes after a crash at every checkpoint (save ${mode === 'stored' ? 'kept' : 'lost'}): one envelope, each document once, sent once`, async () => {
          const adapter = await connect();
          // A clean send says how many checkpoints a send of this shape saves.
          const clean = createMemoryCheckpoint();
          await adapter.send(await sendRequestOf({ documents, steps: [1, 2] }), clean);
          const saveCount = clean.saves.length;
          expect(saveCount).toBeGreaterThan(0);

          for (let n = 0; n < saveCount; n += 1) {
            const label = `crash at save ${n + 1} of ${saveCount}, ${mode}`;
            const request = await sendRequestOf({ documents, steps: [1, 2] });
            const crashing = crashingCheckpoint(n, mode);
            const { value: result, calls } = await recorded(async () => {
              await expect(adapter.send(request, crashing), label).rejects.toThrow(/crash/);
              return adapter.send(request, createMemoryCheckpoint(crashing.stored));
            });
            // Also when the crash lost the created envelope's id: the resume finds and adopts it
            // (SendCheckpoint, rule 4) rather than leave an unsent draft at the provider.
            const creates = ops(calls, 'create').filter(isOk).length;
            expect(creates, `${label}\n${describeCalls(calls)}`).toBe(1);
            expect(ops(calls, 'send').filter(isOk).map((call) => call.reference), `${label}\n${describeCalls(calls)}`).toEqual([result.reference]);
            expect(await sandbox.inspect(result.reference), label).toEqual({
              documents: request.documents.map((document) => document.filename),
              participants: emailsOf(request),
            });
            expect((await adapter.fetch(result.reference)).status.unified, label).toBe('sent');
          }
        });
      }
    });

    describe('fetch', () => {
      it('reports a rejection with its reason, in one provider call', async () => {
        const adapter = await connect();
        const { request, reference } = await sendShape(adapter, { steps: [1, 2] });
        await sandbox.act(reference, request.participants[0]!.email, 'reject', 'The price is wrong');
        const { value: snapshot, calls } = await recorded(() => adapter.fetch(reference));
        expect(ops(calls, 'fetch').map((call) => call.reference)).toEqual([reference]);
        expect(calls.filter((call) => call.operation !== 'fetch' && call.operation !== 'auth')).toEqual([]);
        expect(snapshot.status.unified).toBe('rejected');
        expect(snapshot.reason).toBe('The price is wrong');
        expect(snapshot.participants[0]).toMatchObject({ status: { unified: 'rejected' }, rejectionReason: 'The price is wrong' });
      });
    });

    if (caps.deltaListing) {
      // "Changed" is an envelope status: every listing reports one (Connective's lists package statuses only).
      it('lists every envelope on a first pass, then only the one whose status changed', async () => {
        const adapter = await connect();
        const first = await sendShape(adapter, { steps: [1, 2] });
        const second = await sendShape(adapter, { steps: [1, 2] });
        const { value: pass, calls } = await recorded(() => listAll(adapter, null));
        expect(pass.references.sort()).toEqual([first.reference, second.reference].sort());
        expect(ops(calls, 'list').length).toBe(pass.pages);
        expect(calls.filter((call) => !['list', 'fetch', 'auth'].includes(call.operation)), describeCalls(calls)).toEqual([]);

        const quiet = await listAll(adapter, pass.cursor);
        expect(quiet.references).toEqual([]);
        await sandbox.act(second.reference, second.request.participants[0]!.email, 'reject', 'Not this one');
        const changed = await listAll(adapter, quiet.cursor);
        expect(changed.references).toEqual([second.reference]);
        expect((await adapter.fetch(second.reference)).status.unified).toBe('rejected');
      });
    } else {
      it(`has no delta listing (changesSince absent): ${notSupported}`, async () => {
        const adapter = await connect();
        expect(adapter.changesSince).toBeUndefined();
      });
    }

    if (caps.withdraw) {
      it('withdraws a sent envelope in one withdraw call; it is then reported withdrawn', async () => {
        const adapter = await connect();
        const { reference } = await sentEnvelope(adapter);
        const { calls } = await recorded(() => adapter.withdraw(reference));
        expect(ops(calls, 'withdraw').filter(isOk).map((call) => call.reference), describeCalls(calls)).toEqual([reference]);
        expect((await adapter.fetch(reference)).status.unified).toBe('withdrawn');
      });
    } else {
      it(`refuses to withdraw: ${notSupported}`, async () => {
        const adapter = await connect();
        const { reference } = await sentEnvelope(adapter);
        await expectUnsupported('withdraw', () => adapter.withdraw(reference));
      });
    }

    if (caps.reminders === 'selected') {
      it('reminds a chosen participant, and everyone pending, one remind call each', async () => {
        const adapter = await connect();
        const { reference, snapshot } = await sentEnvelope(adapter, { steps: [1, 1] });
        const chosen = snapshot.participants[0]!.match.providerReference;
        expect(chosen).toBeTypeOf('string');
        const { calls } = await recorded(async () => {
          await adapter.remind(reference, { participants: [chosen!] });
          await adapter.remind(reference);
        });
        expect(ops(calls, 'remind').filter(isOk).map((call) => call.reference), describeCalls(calls)).toEqual([reference, reference]);
      });
    } else if (caps.reminders === 'all-pending') {
      it('reminds everyone pending in one remind call', async () => {
        const adapter = await connect();
        const { reference } = await sentEnvelope(adapter);
        const { calls } = await recorded(() => adapter.remind(reference));
        expect(ops(calls, 'remind').filter(isOk).map((call) => call.reference), describeCalls(calls)).toEqual([reference]);
      });
    } else {
      it(`refuses to remind: ${notSupported}`, async () => {
        const adapter = await connect();
        const { reference } = await sentEnvelope(adapter);
        await expectUnsupported('reminders', () => adapter.remind(reference));
      });
    }

    if (caps.expiryChange) {
      it('moves the expiry of a sent envelope in one extend call', async () => {
        const adapter = await connect();
        const day = 24 * 60 * 60 * 1000;
        const { reference } = await sentEnvelope(adapter, { steps: [1], expiresAt: caps.expiry ? new Date(Date.now() + 30 * day).toISOString() : null });
        const later = new Date(Date.now() + 60 * day).toISOString();
        const { calls } = await recorded(() => adapter.extendExpiry(reference, later));
        expect(ops(calls, 'extend').filter(isOk).map((call) => call.reference), describeCalls(calls)).toEqual([reference]);
        const expiresAt = (await adapter.fetch(reference)).expiresAt;
        expect(expiresAt === undefined ? undefined : Date.parse(expiresAt)).toBe(Date.parse(later));
      });
    } else {
      it(`refuses to move the expiry: ${notSupported}`, async () => {
        const adapter = await connect();
        const { reference } = await sentEnvelope(adapter);
        await expectUnsupported('expiryChange', () => adapter.extendExpiry(reference, new Date(Date.now() + 86_400_000).toISOString()));
      });
    }

    if (caps.skipPending) {
      it('skips the participants who have not acted in one skip call; the envelope then completes', async () => {
        const adapter = await connect();
        const { request, reference } = await sentEnvelope(adapter);
        await sandbox.act(reference, request.participants[0]!.email, 'sign');
        const { calls } = await recorded(() => adapter.skipPending(reference));
        expect(ops(calls, 'skip').filter(isOk).map((call) => call.reference), describeCalls(calls)).toEqual([reference]);
        const snapshot = await adapter.fetch(reference);
        expect(snapshot.status.unified).toBe('completed');
        expect(participantStatuses(snapshot)).toEqual([
          [request.participants[0]!.email, 'completed'],
          [request.participants[1]!.email, 'skipped'],
        ]);
      });
    } else {
      it(`refuses to skip pending participants: ${notSupported}`, async () => {
        const adapter = await connect();
        const { reference } = await sentEnvelope(adapter);
        await expectUnsupported('skipPending', () => adapter.skipPending(reference));
      });
    }

    if (supportsDeletion(caps)) {
      it('deletes a sent envelope at the provider in one delete call', async () => {
        const adapter = await connect();
        const { reference } = await sentEnvelope(adapter);
        const remove = deleteOf(adapter);
        expect(remove, `${name} declares deletion but its adapter has no delete()`).toBeTypeOf('function');
        const { calls } = await recorded(() => remove!(reference));
        expect(ops(calls, 'delete').filter(isOk).map((call) => call.reference), describeCalls(calls)).toEqual([reference]);
        // Nobody can act on a deleted envelope: it is gone (not-found), or, where the provider keeps
        // deleted envelopes readable (ConsignO's status 6), it reports an outcome, never still sent.
        const after = await adapter.fetch(reference).then(
          (snapshot) => snapshot.status.unified,
          (error: unknown) => (ProviderError.is(error, 'not-found') ? 'not-found' : String(error)),
        );
        expect(['not-found', 'withdrawn']).toContain(after);
      });
    } else {
      it(`has no delete (absent): ${notSupported}`, async () => {
        // The contract: \`delete\` is present only when the provider declares deletion.
        expect(deleteOf(await connect())).toBeUndefined();
      });
    }

    // The contract: `signingUrl` is present exactly when the provider declares embedded signing.
    it(`${caps.embeddedSigning ? 'offers' : 'has no'} signing URLs for embedded participants${caps.embeddedSigning ? '' : ` (absent): ${notSupported}`}`, async () => {
      const signingUrl = (await connect()).signingUrl;
      expect(typeof signingUrl).toBe(caps.embeddedSigning ? 'function' : 'undefined');
    });

    describe('download', () => {
      const documents = caps.maxDocuments === null || caps.maxDocuments >= 2 ? 2 : 1;

      async function completedEnvelope(adapter: SignatureProvider) {
        const sent = await sendShape(adapter, { documents, steps: [1, 2] });
        for (const participant of sent.request.participants) await sandbox.act(sent.reference, participant.email, 'sign');
        expect((await adapter.fetch(sent.reference)).status.unified).toBe('completed');
        return sent;
      }

      it('downloads each signed document of a completed envelope as a PDF', async () => {
        const adapter = await connect();
        const { reference } = await completedEnvelope(adapter);
        const { value: files, calls } = await recorded(() => downloadAll(adapter, reference, 'signed'));
        expect(files.map((file) => file.mediaType)).toEqual(Array.from({ length: documents }, () => 'application/pdf'));
        expect(files.every((file) => file.bytes.subarray(0, 5).toString('latin1') === '%PDF-')).toBe(true);
        // At least one download call: one per document (Connective, Autenti) or one archive of them all (ConsignO's ZIP).
        expect(ops(calls, 'download').filter(isOk).length, describeCalls(calls)).toBeGreaterThanOrEqual(1);
        expect(calls.filter((call) => call.reference !== null && call.reference !== reference)).toEqual([]);
      });

      if (caps.auditProof !== 'none') {
        it(`downloads the audit proof (${caps.auditProof}) of a completed envelope`, async () => {
          const adapter = await connect();
          const { reference } = await completedEnvelope(adapter);
          const { value: files, calls } = await recorded(() => downloadAll(adapter, reference, 'audit'));
          expect(files.length).toBeGreaterThanOrEqual(1);
          expect(files.every((file) => file.mediaType.includes(caps.auditProof) && file.bytes.length > 0)).toBe(true);
          expect(ops(calls, 'download').filter(isOk).length, describeCalls(calls)).toBeGreaterThanOrEqual(1);
        });
      } else {
        it(`refuses to download an audit proof: ${notSupported}`, async () => {
          const adapter = await connect();
          const { reference } = await sentEnvelope(adapter);
          await expectUnsupported('auditProof', () => downloadAll(adapter, reference, 'audit'));
        });
      }
    });

    if (caps.callbacks) {
      it('reads the callbacks its sandbox sends as the envelope to fetch', async () => {
        const receiver = await startCallbackReceiver();
        try {
          const adapter = await connect({ callbackUrl: receiver.url });
          const { request, reference } = await sendShape(adapter, { steps: [1], callbackUrl: receiver.url });
          await sandbox.act(reference, request.participants[0]!.email, 'sign');
          await waitUntil(async () => receiver.received.length, (count) => count > 0, { timeoutMs: 10_000, what: `a callback from the ${name} sandbox` });
          const { value: targets, calls } = await recorded(() => Promise.all(receiver.received.map((callback) => adapter.parseCallback(callback))));
          // Reading a callback calls nobody: the app fetches the envelope afterwards.
          expect(calls).toEqual([]);
          // One delivery may name several envelopes (a list of targets).
          const named = targets.flatMap((target) => (target === null ? [] : Array.isArray(target) ? target : [target]));
          expect(named.length).toBeGreaterThan(0);
          for (const target of named) expect([{ reference }, { envelopeId: request.envelopeId }]).toContainEqual(target);
        } finally {
          await receiver.close();
        }
      });
    } else {
      it(`ignores callbacks: ${notSupported}`, async () => {
        const adapter = await connect();
        const body = JSON.stringify({ id: 'anything', object: { id: 'anything' } });
        expect(await adapter.parseCallback({ method: 'POST', url: '/api/v1/callbacks/con_x/token', headers: { 'content-type': 'application/json' }, body })).toBeNull();
      });
    }

    const refusals = unsupportedSendOptions(caps);
    if (refusals.length > 0) {
      it(`refuses before any provider call what ${name} cannot take: ${refusals.map((refusal) => refusal.what).join(', ')}`, async () => {
        const adapter = await connect();
        for (const refusal of refusals) {
          const request = refusal.change(await sendRequestOf({ steps: [1] }));
          const problems = checkSendRequest(adapter, request);
          expect(problems.map((problem) => problem.path), refusal.what).toContain(refusal.path);
          expect(problems.find((problem) => problem.path === refusal.path)!.message, refusal.what).toContain(name);
        }
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------

const ops = (calls: SandboxCall[], operation: ProviderOperation) => calls.filter((call) => call.operation === operation);
const isOk = (call: SandboxCall) => call.status >= 200 && call.status < 300;
const describeCalls = (calls: SandboxCall[]) => `provider calls:\n${calls.map((call) => `  ${call.summary} ${call.status} → ${call.operation}`).join('\n')}`;
const emailsOf = (request: SendRequest) => request.participants.map((participant) => participant.email);
const participantStatuses = (snapshot: ProviderSnapshot) => snapshot.participants.map((p) => [p.match.email, p.status.unified]);

/**
 * Whether the provider declares deleting a sent envelope (`capabilities.deletion`). The capability and
 * the optional `delete` method arrive with the actions work of issue 8; read loosely until then so
 * this file compiles on either side of that change.
 */
function supportsDeletion(capabilities: Capabilities): boolean {
  return capabilities.deletion;
}

/** The adapter's `delete`, where its contract version has one. */
function deleteOf(adapter: SignatureProvider): ((reference: string) => Promise<void>) | undefined {
  return adapter.delete?.bind(adapter);
}

async function disposeAdapter(adapter: SignatureProvider): Promise<void> {
  const closable = adapter as SignatureProvider & { dispose?: () => Promise<void> | void; close?: () => Promise<void> };
  await (closable.dispose?.() ?? closable.close?.());
}

async function listAll(adapter: SignatureProvider, cursor: string | null) {
  const references: string[] = [];
  let pages = 0;
  for (;;) {
    const page = await adapter.changesSince!(cursor);
    pages += 1;
    references.push(...page.snapshots.map((snapshot) => snapshot.reference));
    cursor = page.nextCursor;
    if (!page.hasMore) return { references, cursor, pages };
  }
}

async function downloadAll(adapter: SignatureProvider, reference: string, kind: 'signed' | 'audit') {
  const files: Array<Omit<ProviderFile, 'open'> & { bytes: Buffer }> = [];
  for await (const file of adapter.download(reference, kind)) {
    const chunks: Buffer[] = [];
    for await (const chunk of await file.open()) chunks.push(Buffer.from(chunk as Uint8Array));
    files.push({ filename: file.filename, mediaType: file.mediaType, bytes: Buffer.concat(chunks) });
  }
  return files;
}

/**
 * A checkpoint that crashes on its (n+1)-th save: `stored` after writing the state (the process
 * died before the write was acknowledged), `lost` before writing it.
 */
function crashingCheckpoint(n: number, mode: 'stored' | 'lost'): SendCheckpoint & { stored: Partial<CheckpointState> } {
  let saves = 0;
  const checkpoint = {
    stored: {} as Partial<CheckpointState>,
    get state() {
      return checkpoint.stored;
    },
    async save(state: Partial<CheckpointState>) {
      saves += 1;
      if (saves > n && mode === 'lost') throw new Error('crash before the save');
      checkpoint.stored = structuredClone(state);
      if (saves > n) throw new Error('crash after the save');
    },
  };
  return checkpoint;
}
