import { afterEach, beforeEach, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { claimIdempotencyKey, findIdempotencyRecord, markIdempotentResource, releaseIdempotencyKey, saveIdempotentResponse } from './idempotency.js';

/** The claim of an Idempotency-Key on both backends (a taken key is told apart without a driver error code). */

let database: TestDatabase;

beforeEach(async () => {
  database = await openTestDatabase();
});

afterEach(async () => {
  await database.close();
});

const AT = '2026-12-01T10:00:00.000Z';

it('gives a key to the first claim only, and again once released', async () => {
  const { db } = database;
  const claim = { principal: 'key_1', key: 'k-1', claimedAt: AT };
  expect(await claimIdempotencyKey(db, claim, 'fingerprint-a')).toBe(true);
  expect(await claimIdempotencyKey(db, claim, 'fingerprint-b')).toBe(false);
  expect((await findIdempotencyRecord(db, 'key_1', 'k-1'))?.fingerprint).toBe('fingerprint-a');
  // The same key of another principal is another key.
  expect(await claimIdempotencyKey(db, { ...claim, principal: 'key_2' }, 'fingerprint-c')).toBe(true);
  await releaseIdempotencyKey(db, claim);
  expect(await claimIdempotencyKey(db, claim, 'fingerprint-b')).toBe(true);
});

it('gives a key to exactly one of several claims made at once, inside transactions too', async () => {
  const claims = await Promise.all(
    Array.from({ length: 5 }, (_, index) =>
      database.db.transaction().execute((transaction) => claimIdempotencyKey(transaction, { principal: 'key_1', key: 'k-1', claimedAt: AT }, `fingerprint-${index}`)),
    ),
  );
  expect(claims.filter(Boolean)).toHaveLength(1);
});

it('lets a claim act on its key only while it holds it: an abandoned claim cannot touch the retry’s', async () => {
  const { db } = database;
  const abandoned = { principal: 'key_1', key: 'k-1', claimedAt: AT };
  const retry = { ...abandoned, claimedAt: '2026-12-01T10:01:01.000Z' };
  await claimIdempotencyKey(db, abandoned, 'fingerprint');
  await releaseIdempotencyKey(db, abandoned);
  await claimIdempotencyKey(db, retry, 'fingerprint');

  expect(await markIdempotentResource(db, abandoned, 'env_old')).toBe(false);
  await saveIdempotentResponse(db, abandoned, 201, 'old answer');
  await releaseIdempotencyKey(db, abandoned);
  expect(await findIdempotencyRecord(db, 'key_1', 'k-1')).toMatchObject({ createdAt: retry.claimedAt, resourceId: null, responseBody: null });

  expect(await markIdempotentResource(db, retry, 'env_new')).toBe(true);
  await saveIdempotentResponse(db, retry, 201, 'answer');
  expect(await findIdempotencyRecord(db, 'key_1', 'k-1')).toMatchObject({ resourceId: 'env_new', statusCode: 201, responseBody: 'answer' });
});

it('keeps the key of a request whose action committed, even when its answer then failed', async () => {
  const { db } = database;
  const claim = { principal: 'key_1', key: 'k-1', claimedAt: AT };
  await claimIdempotencyKey(db, claim, 'fingerprint');
  await markIdempotentResource(db, claim, 'env_1');
  await releaseIdempotencyKey(db, claim);
  expect(await findIdempotencyRecord(db, 'key_1', 'k-1')).toMatchObject({ resourceId: 'env_1', responseBody: null });
});
