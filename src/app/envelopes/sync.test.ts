import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeProvider, fakeRegistry, type FakeProvider, type FakeProviderOptions } from '../../../test/support/fake-provider.js';
import { createReadyEnvelope, createTestConnection, createTestContext, jobContextOf } from '../../../test/support/app-context.js';
import { ProviderError } from '../../providers/errors.js';
import type { ProviderSnapshot } from '../../providers/snapshot.js';
import { findConnection } from '../../store/connections.js';
import type { AppContext } from '../context.js';
import { ARTIFACTS_JOB } from './artifacts.js';
import { getEnvelope } from './envelopes.js';
import { requestSend, runSendJob } from './sending.js';
import { applySnapshot, syncAll } from './sync.js';

/** How a provider's view reaches envelopes (applySnapshot, syncAll), against a fake adapter (test/support/fake-provider.ts). */

let fake: FakeProvider;
let context: AppContext;
let close: () => Promise<void>;
let connectionId: string;

async function setUp(options: FakeProviderOptions = {}): Promise<void> {
  fake = createFakeProvider(options);
  ({ context, close } = await createTestContext(fakeRegistry(fake)));
  // Each reading of the clock a millisecond past the last at least: two envelopes checked in the
  // same millisecond would otherwise tie on "checked longest ago", and the order the polling tests
  // assert would depend on the machine's speed.
  let last = 0;
  context.now = () => new Date((last = Math.max(Date.now(), last + 1)));
  connectionId = await createTestConnection(context);
}

beforeEach(async () => {
  await setUp();
});

afterEach(async () => {
  await close();
});

const system = { source: 'sync' } as const;

/** An envelope sent through the fake: Anna (step 1) notified, Bert (step 2) waiting. Returns its id and provider reference. */
async function sentEnvelope(participants?: NonNullable<Parameters<typeof createReadyEnvelope>[2]>['participants']): Promise<{ id: string; reference: string }> {
  const id = await createReadyEnvelope(context, connectionId, participants ? { participants } : {});
  await requestSend(context, id, { source: 'api' });
  const result = (await runSendJob(context, { envelopeId: id }, jobContextOf(1))) as { reference: string };
  return { id, reference: result.reference };
}

const statuses = async (id: string) => {
  const envelope = await getEnvelope(context, id);
  return { envelope: envelope.status, participants: envelope.participants.map((participant) => participant.status) };
};

const artifactJobs = async () => (await sql<{ n: number }>`select count(*) as n from jobs where name = ${ARTIFACTS_JOB}`.execute(context.db)).rows[0]!.n;

describe('applySnapshot', () => {
  it('moves the envelope and its participants forward, and a repeated snapshot changes nothing', async () => {
    const { id, reference } = await sentEnvelope();
    fake.report(reference, { participants: { 'anna@client.test': { status: 'completed' }, 'bert@client.test': { status: 'notified' } } });
    const snapshot = await fake.fetch(reference);
    expect(await applySnapshot(context, id, snapshot, system)).toBe(true);
    expect(await statuses(id)).toEqual({ envelope: 'sent', participants: ['completed', 'notified'] });

    const events = (await getEnvelope(context, id)).events.length;
    expect(await applySnapshot(context, id, snapshot, system)).toBe(false);
    expect((await getEnvelope(context, id)).events).toHaveLength(events);
  });

  it('never moves back: a late snapshot of an earlier state is ignored', async () => {
    const { id, reference } = await sentEnvelope();
    const early = await fake.fetch(reference);
    fake.report(reference, { status: 'completed', participants: { 'anna@client.test': { status: 'completed' }, 'bert@client.test': { status: 'completed' } } });
    expect(await applySnapshot(context, id, await fake.fetch(reference), system)).toBe(true);
    expect(await applySnapshot(context, id, early, system)).toBe(false);
    expect(await statuses(id)).toEqual({ envelope: 'completed', participants: ['completed', 'completed'] });
  });

  it('on completion records when, completes receivers and queues the artifacts job once', async () => {
    const { id, reference } = await sentEnvelope([
      { firstName: 'Anna', lastName: 'Nowak', email: 'anna@client.test', role: 'signer', step: 1 },
      { firstName: 'Rita', lastName: 'Reed', email: 'rita@client.test', role: 'receiver', step: 2 },
    ]);
    fake.report(reference, { status: 'completed', participants: { 'anna@client.test': { status: 'completed' } } });
    expect(await applySnapshot(context, id, await fake.fetch(reference), system)).toBe(true);
    const envelope = await getEnvelope(context, id);
    expect(envelope.status).toBe('completed');
    const row = await context.db.selectFrom('envelopes').select('completed_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.completed_at).not.toBeNull();
    expect(envelope.participants.map((participant) => [participant.role, participant.status])).toEqual([
      ['signer', 'completed'],
      ['receiver', 'completed'],
    ]);
    expect(await artifactJobs()).toBe(1);
    await applySnapshot(context, id, await fake.fetch(reference), system);
    expect(await artifactJobs()).toBe(1);
  });

  it('keeps a rejection\'s reason on the envelope and the participant', async () => {
    const { id, reference } = await sentEnvelope();
    fake.report(reference, { status: 'rejected', reason: 'The price is wrong', participants: { 'anna@client.test': { status: 'rejected', rejectionReason: 'The price is wrong' } } });
    await applySnapshot(context, id, await fake.fetch(reference), system);
    const envelope = await getEnvelope(context, id);
    expect(envelope).toMatchObject({ status: 'rejected', statusReason: 'The price is wrong' });
    expect(envelope.participants[0]).toMatchObject({ status: 'rejected', rejectionReason: 'The price is wrong' });
  });

  it('records a status it cannot map once, raw, instead of guessing', async () => {
    const { id, reference } = await sentEnvelope();
    fake.report(reference, { status: null, raw: { status: 'ARCHIVED_BY_ALIENS' } });
    expect(await applySnapshot(context, id, await fake.fetch(reference), system)).toBe(true);
    expect(await applySnapshot(context, id, await fake.fetch(reference), system)).toBe(false);
    const unknown = (await getEnvelope(context, id)).events.filter((event) => event.type === 'provider-status-unknown');
    expect(unknown.map((event) => event.detail)).toEqual([{ raw: { status: 'ARCHIVED_BY_ALIENS' } }]);
    expect((await statuses(id)).envelope).toBe('sent');
  });

  it('ignores a snapshot of another provider envelope', async () => {
    const { id } = await sentEnvelope();
    const other = await sentEnvelope();
    fake.report(other.reference, { status: 'completed' });
    const foreign: ProviderSnapshot = await fake.fetch(other.reference);
    expect(await applySnapshot(context, id, foreign, system)).toBe(false);
    expect((await statuses(id)).envelope).toBe('sent');
  });
});

describe('syncAll', () => {
  it('with delta listing: pages through changes from the stored cursor, applying only what changed', async () => {
    const envelopes = [await sentEnvelope(), await sentEnvelope(), await sentEnvelope()];
    fake.calls.length = 0;
    const first = await syncAll(context, system);
    // Page size 2: three envelopes changed since the beginning take two listing calls.
    expect(fake.calls.map((call) => [call.method, call.cursor])).toEqual([
      ['changesSince', null],
      ['changesSince', '2'],
    ]);
    expect(first).toMatchObject({ connections: 1, connectionsDone: 1, inFlight: 3, checked: 3, changed: 0, providerCalls: 2, errors: [] });
    expect((await findConnection(context.db, connectionId))?.syncCursor).toBe('3');

    fake.calls.length = 0;
    fake.report(envelopes[1]!.reference, { participants: { 'anna@client.test': { status: 'completed' }, 'bert@client.test': { status: 'notified' } } });
    const second = await syncAll(context, system);
    expect(fake.calls.map((call) => [call.method, call.cursor])).toEqual([['changesSince', '3']]);
    expect(second).toMatchObject({ changed: 1, providerCalls: 1 });
    expect((await statuses(envelopes[1]!.id)).participants).toEqual(['completed', 'notified']);
    expect((await statuses(envelopes[0]!.id)).participants).toEqual(['notified', 'waiting']);
  });

  it('fetches in full what the listing only summarises', async () => {
    await close();
    await setUp({ listingDetail: 'summary' });
    const { id, reference } = await sentEnvelope();
    fake.report(reference, { status: 'completed', participants: { 'anna@client.test': { status: 'completed' }, 'bert@client.test': { status: 'completed' } } });
    fake.calls.length = 0;
    const progress = await syncAll(context, system);
    expect(fake.calls.map((call) => call.method)).toEqual(['changesSince', 'fetch']);
    expect(progress).toMatchObject({ changed: 1, providerCalls: 2 });
    expect(await statuses(id)).toEqual({ envelope: 'completed', participants: ['completed', 'completed'] });
  });

  it('without delta listing: fetches each in-flight envelope once', async () => {
    await close();
    await setUp({ capabilities: { deltaListing: false } });
    const envelopes = [await sentEnvelope(), await sentEnvelope()];
    fake.report(envelopes[0]!.reference, { status: 'withdrawn' });
    fake.calls.length = 0;
    const progress = await syncAll(context, system);
    expect(fake.calls.map((call) => [call.method, call.reference]).sort()).toEqual(envelopes.map(({ reference }) => ['fetch', reference]).sort());
    expect(progress).toMatchObject({ inFlight: 2, checked: 2, changed: 1, providerCalls: 2, errors: [] });
    expect((await statuses(envelopes[0]!.id)).envelope).toBe('withdrawn');
  });

  it('without delta listing: fetches at most the budget per pass, never checked first, then the longest unchecked', async () => {
    await close();
    await setUp({ capabilities: { deltaListing: false } });
    context.limits.syncPollBudget = 2;
    const [first, second, third] = [await sentEnvelope(), await sentEnvelope(), await sentEnvelope()];
    const fetched = () => fake.calls.filter((call) => call.method === 'fetch').map((call) => call.reference);

    fake.calls.length = 0;
    expect(await syncAll(context, system)).toMatchObject({ inFlight: 3, checked: 2, providerCalls: 2, deferred: 1, errors: [] });
    expect(fetched()).toEqual([first!.reference, second!.reference]);

    // The one left out goes first next time, then the one checked longest ago.
    fake.calls.length = 0;
    expect(await syncAll(context, system)).toMatchObject({ checked: 2, deferred: 1 });
    expect(fetched()).toEqual([third!.reference, first!.reference]);

    fake.calls.length = 0;
    await syncAll(context, system);
    expect(fetched()).toEqual([second!.reference, third!.reference]);
  });

  it('without delta listing: an envelope the provider cannot give does not hold up the others', async () => {
    await close();
    await setUp({ capabilities: { deltaListing: false } });
    const [gone, kept] = [await sentEnvelope(), await sentEnvelope()];
    fake.report(kept!.reference, { status: 'completed' });
    fake.failNextRead(new ProviderError({ kind: 'not-found', provider: 'autenti', httpStatus: 404, message: 'The provider has no such envelope.' }));
    const progress = await syncAll(context, system);
    expect(progress.errors).toEqual([`${connectionId}: envelope ${gone!.id}: The provider has no such envelope.`]);
    expect(progress).toMatchObject({ checked: 2, changed: 1 });
    expect((await statuses(kept!.id)).envelope).toBe('completed');
  });

  it('reports a connection whose provider fails, and keeps its cursor', async () => {
    await sentEnvelope();
    await syncAll(context, system);
    const cursor = (await findConnection(context.db, connectionId))?.syncCursor;
    fake.failNextRead(new ProviderError({ kind: 'unavailable', provider: 'autenti', httpStatus: 503, message: 'The provider is down.' }));
    const progress = await syncAll(context, system);
    expect(progress.errors).toEqual([`${connectionId}: The provider is down.`]);
    expect(progress).toMatchObject({ connectionsDone: 1, changed: 0 });
    expect((await findConnection(context.db, connectionId))?.syncCursor).toBe(cursor);
  });
});
