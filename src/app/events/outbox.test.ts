import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeProvider, fakeRegistry, type FakeProvider } from '../../../test/support/fake-provider.js';
import { buildTestServer, createReadyEnvelope, createTestConnection, createTestContext, jobContextOf } from '../../../test/support/app-context.js';
import { ProviderError } from '../../providers/errors.js';
import * as store from '../../store/envelopes.js';
import { hashSecret } from '../api-keys.js';
import { verifyConnection } from '../connections.js';
import type { AppContext } from '../context.js';
import { archiveArtifacts, listArtifacts } from '../envelopes/artifacts.js';
import { runEnvelopeActionJob } from '../envelopes/actions.js';
import { getEnvelope } from '../envelopes/envelopes.js';
import { changeEnvelopeStatus } from '../envelopes/history.js';
import { requestSend, runSendJob } from '../envelopes/sending.js';
import { applySnapshot } from '../envelopes/sync.js';
import { listFeedEvents } from './feed.js';
import { withEvents } from './outbox.js';

/**
 * The outbox rule (outbox.ts): one event per real change, written with it; none when nothing
 * changed; none when the change rolled back. Against a fake adapter, on SQLite or PostgreSQL.
 */

let fake: FakeProvider;
let context: AppContext;
let close: () => Promise<void>;
let connectionId: string;

beforeEach(async () => {
  fake = createFakeProvider();
  ({ context, close } = await createTestContext(fakeRegistry(fake)));
  connectionId = await createTestConnection(context);
});

afterEach(async () => {
  await close();
});

const sync = { source: 'sync' } as const;
const feed = async () => (await listFeedEvents(context, { limit: 1000 })).data;
const types = async () => (await feed()).map((event) => event.type);

async function sentEnvelope(): Promise<{ id: string; reference: string }> {
  const id = await createReadyEnvelope(context, connectionId);
  await requestSend(context, id, { source: 'api' });
  const { reference } = (await runSendJob(context, { envelopeId: id }, jobContextOf(1))) as { reference: string };
  return { id, reference };
}

/** A sent envelope the provider reports completed, with one signed file to download. */
async function completedEnvelope(): Promise<{ id: string; reference: string }> {
  const completed = await sentEnvelope();
  fake.report(completed.reference, { status: 'completed', participants: { 'anna@client.test': { status: 'completed' }, 'bert@client.test': { status: 'completed' } } });
  await applySnapshot(context, completed.id, await fake.fetch(completed.reference), sync);
  fake.download = (_reference, kind) =>
    (async function* () {
      yield { filename: `${kind}.pdf`, mediaType: 'application/pdf', open: async () => Readable.from([Buffer.from(`%PDF-1.7 ${kind}`)]) };
    })();
  return completed;
}

describe('the outbox', () => {
  it('records an event per change of a send, in order, each about the envelope or participant as committed', async () => {
    const id = await createReadyEnvelope(context, connectionId);
    expect(await feed()).toEqual([]); // draft and ready are the host's own edits: no event

    await requestSend(context, id, { source: 'api' });
    await runSendJob(context, { envelopeId: id }, jobContextOf(1));

    const events = await feed();
    expect(events.map((event) => event.type)).toEqual(['envelope.sending', 'envelope.sent', 'participant.notified', 'participant.waiting']);
    expect(events.every((event) => event.envelopeId === id)).toBe(true);
    const envelope = await getEnvelope(context, id);
    const [anna, bert] = envelope.participants;
    expect(events[1]!.data).toMatchObject({ externalRef: null, metadata: null, envelope: { id, status: 'sent' } });
    expect(events[2]!.data.participant).toMatchObject({ id: anna!.id, email: 'anna@client.test', status: 'notified' });
    expect(events[3]!.data.participant).toMatchObject({ id: bert!.id, status: 'waiting' });
    // The provider's id for a participant stays inside, as in the API.
    expect(events[2]!.data.participant).not.toHaveProperty('providerReference');
    // Ids sort as the feed does.
    expect(events.map((event) => event.id)).toEqual(events.map((event) => event.id).sort());
  });

  it('puts what led to an outcome before it, and records nothing for a snapshot that changes nothing', async () => {
    const { id, reference } = await sentEnvelope();
    const before = (await feed()).length;
    fake.report(reference, { status: 'completed', participants: { 'anna@client.test': { status: 'completed' }, 'bert@client.test': { status: 'completed' } } });
    const snapshot = await fake.fetch(reference);
    expect(await applySnapshot(context, id, snapshot, sync)).toBe(true);

    const added = (await feed()).slice(before);
    // Reported in one snapshot, applied envelope first: the signatures still come before the outcome.
    expect(added.map((event) => event.type)).toEqual(['participant.signed', 'participant.signed', 'envelope.completed']);
    const completed = added.at(-1)!;
    expect(completed.data.envelope).toMatchObject({ status: 'completed', participants: [{ status: 'completed' }, { status: 'completed' }] });

    expect(await applySnapshot(context, id, snapshot, sync)).toBe(false);
    expect(await feed()).toHaveLength(before + added.length);
  });

  it('records nothing for a change that rolled back', async () => {
    const { id } = await sentEnvelope();
    const before = await types();
    await expect(
      withEvents(context, async (transaction) => {
        const envelope = (await store.findEnvelopeForUpdate(transaction, id))!;
        await changeEnvelopeStatus(context, transaction, envelope, 'withdrawn', sync);
        throw new Error('the provider call after it failed');
      }),
    ).rejects.toThrow('the provider call after it failed');
    expect(await types()).toEqual(before);
    expect((await getEnvelope(context, id)).status).toBe('sent');
  });

  it('refuses an event-making change in a transaction that would drop its event', async () => {
    const { id } = await sentEnvelope();
    await expect(
      context.db.transaction().execute(async (transaction) => {
        const envelope = (await store.findEnvelopeForUpdate(transaction, id))!;
        await changeEnvelopeStatus(context, transaction, envelope, 'withdrawn', sync);
      }),
    ).rejects.toThrow(/envelope\.withdrawn event of this change would be lost/);
    expect((await getEnvelope(context, id)).status).toBe('sent');
  });

  it('records a withdrawal, and each archived file', async () => {
    const withdrawn = await sentEnvelope();
    await runEnvelopeActionJob(context, { envelopeId: withdrawn.id, action: 'withdraw', reason: 'Wrong price', source: 'api' }, jobContextOf(1));
    expect((await feed()).at(-1)).toMatchObject({ type: 'envelope.withdrawn', envelopeId: withdrawn.id, data: { envelope: { status: 'withdrawn', statusReason: 'Wrong price' } } });

    const completed = await completedEnvelope();
    const { stored } = await archiveArtifacts(context, { envelopeId: completed.id });
    const archived = (await feed()).filter((event) => event.type === 'artifact.archived');
    expect(archived).toHaveLength(stored);
    expect(stored).toBe(1); // the signed file (the fake keeps no audit proof)
    expect(archived[0]!.data.artifact).toMatchObject({ kind: 'signed', mediaType: 'application/pdf' });
    expect(archived[0]!.data.artifact).not.toHaveProperty('blobKey');
  });

  it('archives a completed envelope once: a second run, at once or after a crash lost the first job\'s end, keeps the first files and makes no event', async () => {
    const completed = await completedEnvelope();
    const blobCount = async () => {
      let count = 0;
      for await (const _key of context.blobs.keys()) count += 1;
      return count;
    };
    const blobsBefore = await blobCount();

    // Two runs at once (a retried job while its first run still went on): one set of files is kept.
    const runs = await Promise.all([archiveArtifacts(context, { envelopeId: completed.id }), archiveArtifacts(context, { envelopeId: completed.id })]);
    expect(runs.map((run) => run.stored).sort()).toEqual([0, 1]);
    const kept = await listArtifacts(context, completed.id);
    expect(kept).toHaveLength(1);
    // The run after (its job ran again after a crash): nothing fetched again, nothing replaced.
    expect(await archiveArtifacts(context, { envelopeId: completed.id })).toEqual({ stored: 0 });
    expect(await listArtifacts(context, completed.id)).toEqual(kept);

    const archived = (await feed()).filter((event) => event.type === 'artifact.archived' && event.envelopeId === completed.id);
    expect(archived.map((event) => event.data.artifact!.id)).toEqual([kept[0]!.id]);
    // The losing run's downloaded file is not left behind.
    expect(await blobCount()).toBe(blobsBefore + 1);
  });

  it('records a connection turning unhealthy and healthy again, not a verify that finds the same health', async () => {
    const verify = fake.verify.bind(fake);
    await verifyConnection(context, connectionId); // unknown → ok (first verify)
    fake.verify = async () => {
      throw new ProviderError({ kind: 'authentication', provider: 'autenti', httpStatus: 401, message: 'The provider refused the key.' });
    };
    await verifyConnection(context, connectionId);
    await verifyConnection(context, connectionId);
    fake.verify = verify;
    await verifyConnection(context, connectionId);

    const events = await feed();
    expect(events.map((event) => event.type)).toEqual(['connection.healthy', 'connection.unhealthy', 'connection.healthy']);
    expect(events[1]).toMatchObject({ envelopeId: null, data: { connection: { id: connectionId, health: { status: 'error', detail: 'The provider refused the key.' } } } });
    // The callback URL carries a secret token: never in an event.
    expect(JSON.stringify(events)).not.toContain('/callbacks/');
    expect(events[1]!.data.connection).not.toHaveProperty('callbackUrl');
  });

  it('carries the envelope exactly as GET /api/v1/envelopes/{id} answers it', async () => {
    const KEY = 'test-key-0123456789abcdef0123456789';
    const server = await buildTestServer(context, { environmentKeyHash: hashSecret(KEY) });
    try {
      const { id } = await sentEnvelope();
      const sent = (await feed()).find((event) => event.type === 'envelope.sent')!;
      const answer = await server.inject({ method: 'GET', url: `/api/v1/envelopes/${id}`, headers: { authorization: `Bearer ${KEY}` } });
      expect(sent.data.envelope).toEqual(answer.json());
    } finally {
      await server.close();
    }
  });
});
