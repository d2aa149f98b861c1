import { afterEach, beforeEach, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { claimIdempotencyKey, findIdempotencyRecord, releaseIdempotencyKey } from './idempotency.js';

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
  expect(await claimIdempotencyKey(db, 'key_1', 'k-1', 'fingerprint-a', AT)).toBe(true);
  expect(await claimIdempotencyKey(db, 'key_1', 'k-1', 'fingerprint-b', AT)).toBe(false);
  expect((await findIdempotencyRecord(db, 'key_1', 'k-1'))?.fingerprint).toBe('fingerprint-a');
  // The same key of another principal is another key.
  expect(await claimIdempotencyKey(db, 'key_2', 'k-1', 'fingerprint-c', AT)).toBe(true);
  await releaseIdempotencyKey(db, 'key_1', 'k-1');
  expect(await claimIdempotencyKey(db, 'key_1', 'k-1', 'fingerprint-b', AT)).toBe(true);
});

it('gives a key to exactly one of several claims made at once, inside transactions too', async () => {
  const claims = await Promise.all(
    Array.from({ length: 5 }, (_, index) =>
      database.db.transaction().execute((transaction) => claimIdempotencyKey(transaction, 'key_1', 'k-1', `fingerprint-${index}`, AT)),
    ),
  );
  expect(claims.filter(Boolean)).toHaveLength(1);
});
