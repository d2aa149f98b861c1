import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { claimAsRead, claimDueHeads, dueHeads, insertDeliveries, recordAttempt } from './webhook-deliveries.js';
import { findEndpoint, insertEndpoint, markFailingSince } from './webhook-endpoints.js';

/**
 * What lets several senders (jobs, instances) share one endpoint's deliveries: claims by
 * compare-and-set, and the endpoint's run of failures written without locking its row first. On both
 * backends.
 */

let database: TestDatabase | undefined;

afterEach(async () => {
  await database?.close();
  database = undefined;
});

const T0 = '2026-12-02T10:00:00.000Z';
const T1 = '2026-12-02T10:00:01.000Z';
const LATER = '2026-12-02T10:05:00.000Z';

async function endpointWithDelivery(): Promise<TestDatabase> {
  database = await openTestDatabase();
  await insertEndpoint(database.db, {
    id: 'whe_1', url: 'https://crm.example.com/hooks', description: null, eventTypes: null, enabled: true, sealedSecret: 'sealed', sealedPreviousSecret: null,
    previousSecretExpiresAt: null, failingSince: null, disabledReason: null, disabledAt: null, createdAt: T0, updatedAt: T0,
  });
  await insertDeliveries(database.db, [
    { id: 'whd_1', endpointId: 'whe_1', eventId: 'ev_1', eventType: 'envelope.sent', envelopeId: 'env_1', lane: 'envelope:env_1', payload: null, createdAt: T0, firstAttemptAt: T0, redeliveryOf: null },
  ]);
  return database;
}

const attempt = (number: number) => ({ number, attemptedAt: T1, durationMs: 5, statusCode: 500, error: null, responseSnippet: 'down' });

describe('webhook delivery claims', () => {
  it('refuse a delivery read before another sender attempted it: it is not due again yet, and its attempt number is taken', async () => {
    const { db } = await endpointWithDelivery();
    // Sender A reads the due head…
    const [stale] = await dueHeads(db, 'whe_1', { now: T1, owner: 'job_A', limit: 8 });
    expect(stale).toMatchObject({ id: 'whd_1', attempt_count: 0 });
    // …while sender B claims it, attempts it and schedules the retry, releasing its claim.
    expect(await claimDueHeads(db, 'whe_1', { now: T1, until: LATER, owner: 'job_B', limit: 8 })).toHaveLength(1);
    expect(await recordAttempt(db, 'whd_1', 'job_B', attempt(1), { status: 'pending', nextAttemptAt: LATER })).toBe(true);

    // A's claim from the row it read is refused: sending it would come before its retry's time and
    // record a second attempt 1.
    expect(await claimAsRead(db, stale!, { now: T1, until: LATER, owner: 'job_A' })).toBe(false);
    // Once it is due, it is claimed from a fresh read.
    expect(await claimDueHeads(db, 'whe_1', { now: LATER, until: '2026-12-02T10:06:00.000Z', owner: 'job_A', limit: 8 })).toMatchObject([{ id: 'whd_1', attemptCount: 1 }]);
  });

  it('refuse a stale read even when the retry is due at once (a schedule that starts with 0)', async () => {
    const { db } = await endpointWithDelivery();
    const [stale] = await dueHeads(db, 'whe_1', { now: T1, owner: 'job_A', limit: 8 });
    await claimDueHeads(db, 'whe_1', { now: T1, until: LATER, owner: 'job_B', limit: 8 });
    await recordAttempt(db, 'whd_1', 'job_B', attempt(1), { status: 'pending', nextAttemptAt: T1 });
    expect(await claimAsRead(db, stale!, { now: T1, until: LATER, owner: 'job_A' })).toBe(false);
  });

  it('are taken again by their owner (the same job after a crash), not by another sender before they run out', async () => {
    const { db } = await endpointWithDelivery();
    expect(await claimDueHeads(db, 'whe_1', { now: T1, until: LATER, owner: 'job_A', limit: 8 })).toHaveLength(1);
    expect(await claimDueHeads(db, 'whe_1', { now: T1, until: LATER, owner: 'job_B', limit: 8 })).toEqual([]);
    expect(await claimDueHeads(db, 'whe_1', { now: T1, until: LATER, owner: 'job_A', limit: 8 })).toHaveLength(1);
    expect(await claimDueHeads(db, 'whe_1', { now: LATER, until: '2026-12-02T10:06:00.000Z', owner: 'job_B', limit: 8 })).toHaveLength(1);
  });
});

describe("an endpoint's run of failures", () => {
  it('starts at the first failure, keeps that start through later ones, and ends at a success', async () => {
    const { db } = await endpointWithDelivery();
    await markFailingSince(db, 'whe_1', T0);
    await markFailingSince(db, 'whe_1', T1);
    expect((await findEndpoint(db, 'whe_1'))!.failingSince).toBe(T0);
    await markFailingSince(db, 'whe_1', null);
    expect((await findEndpoint(db, 'whe_1'))!.failingSince).toBeNull();
    await markFailingSince(db, 'whe_1', T1);
    expect((await findEndpoint(db, 'whe_1'))!.failingSince).toBe(T1);
  });
});
