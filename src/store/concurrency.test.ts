import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { countAccounts } from './accounts.js';
import { migrateToLatest, type Db } from './database.js';
import { findDocument, insertDocument } from './documents.js';
import { findEnvelopeForUpdate, insertEnvelope, updateEnvelopeRow } from './envelopes.js';
import { lockRows } from './locking.js';
import { migrations } from './migrations/index.js';

/**
 * What differs between the backends under several writers: on PostgreSQL a pool runs transactions
 * side by side (and several instances share one database); SQLite runs one at a time. These run on
 * whichever `openTestDatabase` gives (COUNTERSIGN_TEST_DATABASE_URL for PostgreSQL) and hold on both.
 */

let database: TestDatabase | undefined;

afterEach(async () => {
  await database?.close();
  database = undefined;
});

const AT = '2026-12-01T10:00:00.000Z';

describe('migrations', () => {
  it('run once when two instances start together: one migrates, the other finds the schema current', async () => {
    database = await openTestDatabase({ migrate: false });
    // Two instances on PostgreSQL; on SQLite the one server of its file (docs/operations.md).
    const second = database.dialect === 'postgres' ? database.openAnother() : database.db;
    const [first, then] = await Promise.all([migrateToLatest(database.db), migrateToLatest(second)]);
    const ran = [first, then].sort((a, b) => b.length - a.length);
    expect(ran).toEqual([Object.keys(migrations), []]);
    const recorded = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
    expect(recorded.rows.map((row) => row.name)).toEqual(Object.keys(migrations));
  });

  it('report nothing to run on a current schema', async () => {
    database = await openTestDatabase();
    expect(await migrateToLatest(database.db)).toEqual([]);
  });
});

describe('result shapes', () => {
  it('gives bigint columns and counts as numbers, as SQLite does', async () => {
    database = await openTestDatabase();
    const size = 5 * 1024 ** 3; // beyond 32 bits
    await insertDocument(database.db, {
      id: 'doc_big', filename: 'big.pdf', mediaType: 'application/pdf', size, sha256: '0'.repeat(64), blobKey: 'blob-big', createdAt: AT, pageCount: 1, warnings: [],
    });
    expect((await findDocument(database.db, 'doc_big'))?.size).toBe(size);
    expect(await countAccounts(database.db)).toBe(0);
  });
});

describe('an envelope locked for update', () => {
  it('makes a second transaction on it wait, then read what the first wrote', async () => {
    database = await openTestDatabase();
    const db = database.db;
    await insertEnvelope(db, {
      id: 'env_1', title: 'Lease', message: null, language: null, connectionId: null, status: 'ready', expiresAt: null, externalRef: null, metadata: null, createdAt: AT, updatedAt: AT,
    });

    let releaseFirst!: () => void;
    const firstMayWrite = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstLocked!: () => void;
    const locked = new Promise<void>((resolve) => (firstLocked = resolve));
    const first = db.transaction().execute(async (transaction) => {
      const envelope = await findEnvelopeForUpdate(transaction, 'env_1');
      firstLocked();
      await firstMayWrite;
      await updateEnvelopeRow(transaction, 'env_1', { status: 'sending', updatedAt: AT });
      return envelope?.status;
    });
    await locked;
    // The second reads the status its change would depend on, as requestSend does.
    const second = db.transaction().execute(async (transaction) => (await findEnvelopeForUpdate(transaction, 'env_1'))?.status);
    try {
      await untilWaitingForLock(database);
    } finally {
      releaseFirst();
    }

    expect(await first).toBe('ready');
    // Without the lock it would have read 'ready' too, and both would have sent.
    expect(await second).toBe('sending');
  });

  it('needs a transaction: a lock outside one would end with its statement', async () => {
    database = await openTestDatabase();
    await expect(lockRows(database.db, 'envelopes', ['env_1'])).rejects.toThrow(/needs a transaction/);
  });
});

/**
 * Resolves once another session of the database waits for a lock. SQLite's store has one connection,
 * so a second transaction cannot even begin before the first ends: nothing to wait for.
 */
async function untilWaitingForLock({ db, dialect }: { db: Db; dialect: string }): Promise<void> {
  if (dialect !== 'postgres') return;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await sql<{ waiting: number }>`
      select count(*) as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
    if (rows[0]!.waiting > 0) return;
    if (Date.now() > deadline) throw new Error('No transaction waited for the envelope row lock within 10 s.');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
