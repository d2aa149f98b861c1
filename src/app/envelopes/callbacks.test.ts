import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createReadyEnvelope, createTestConnection, createTestContext, jobContextOf } from '../../../test/support/app-context.js';
import { createFakeProvider, fakeRegistry } from '../../../test/support/fake-provider.js';
import type { CallbackRequest, CallbackTarget } from '../../providers/provider.js';
import { findConnection } from '../../store/connections.js';
import { callbackUrl } from '../connections.js';
import { acceptCallback } from './callbacks.js';
import { requestSend, runSendJob } from './sending.js';
import { SYNC_ENVELOPE_JOB } from './sync.js';

/** A callback naming several envelopes (one Autenti subscription delivery is a list of events) syncs each. */

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('acceptCallback', () => {
  it('queues one sync per envelope a delivery names, and ignores references it does not know', async () => {
    const fake = createFakeProvider();
    let targets: CallbackTarget | readonly CallbackTarget[] | null = null;
    fake.parseCallback = async () => targets;
    const made = await createTestContext(fakeRegistry(fake));
    close = made.close;
    const { context } = made;
    const connectionId = await createTestConnection(context);
    const sent: Array<{ id: string; reference: string }> = [];
    for (let index = 0; index < 2; index += 1) {
      const id = await createReadyEnvelope(context, connectionId);
      await requestSend(context, id, { source: 'api' });
      sent.push({ id, reference: ((await runSendJob(context, { envelopeId: id }, jobContextOf(1))) as { reference: string }).reference });
    }
    targets = [{ reference: sent[0]!.reference }, { reference: sent[1]!.reference }, { reference: 'DOCUMENT_PROCESS:unknown' }];

    const syncJobs = async () => (await sql<{ data: string }>`select data from jobs where name = ${SYNC_ENVELOPE_JOB}`.execute(context.db)).rows;
    expect(await syncJobs()).toEqual([]);
    const token = callbackUrl(context, (await findConnection(context.db, connectionId))!).split('/').at(-1)!;
    const request: CallbackRequest = { method: 'POST', url: `/api/v1/callbacks/${connectionId}/${token}`, headers: {}, body: '[]' };
    expect(await acceptCallback(context, connectionId, token, request)).toEqual({ kind: 'accepted' });

    expect((await syncJobs()).map((row) => (JSON.parse(row.data) as { envelopeId: string }).envelopeId).sort()).toEqual(sent.map((envelope) => envelope.id).sort());
  });

  it('queues a second sync when a callback comes while the envelope’s sync runs, and no third', async () => {
    const fake = createFakeProvider();
    let targets: CallbackTarget | null = null;
    fake.parseCallback = async () => targets;
    const made = await createTestContext(fakeRegistry(fake));
    close = made.close;
    const { context } = made;
    const connectionId = await createTestConnection(context);
    const id = await createReadyEnvelope(context, connectionId);
    await requestSend(context, id, { source: 'api' });
    targets = { reference: ((await runSendJob(context, { envelopeId: id }, jobContextOf(1))) as { reference: string }).reference };
    const token = callbackUrl(context, (await findConnection(context.db, connectionId))!).split('/').at(-1)!;
    const callback = () => acceptCallback(context, connectionId, token, { method: 'POST', url: `/api/v1/callbacks/${connectionId}/${token}`, headers: {}, body: '{}' });
    const syncStates = async () => (await sql<{ state: string }>`select state from jobs where name = ${SYNC_ENVELOPE_JOB} order by created_at, id`.execute(context.db)).rows.map((row) => row.state);

    await callback();
    await callback();
    expect(await syncStates()).toEqual(['created']);
    // The sync starts: it may read the provider before the news the next callback announces.
    await sql`update jobs set state = 'active' where name = ${SYNC_ENVELOPE_JOB}`.execute(context.db);
    await callback();
    await callback();
    expect(await syncStates()).toEqual(['active', 'created']);
  });
});
