import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { findEventSeq, insertEvents, listEvents, type NewEvent } from './events.js';

/**
 * The feed's order is commit order, on both backends: on PostgreSQL, where transactions run side by
 * side, a reader must never see an event behind one it has already read (its cursor would skip it).
 */

let database: TestDatabase | undefined;

afterEach(async () => {
  await database?.close();
  database = undefined;
});

const event = (id: string): NewEvent => ({ id, type: 'envelope.sent', envelopeId: 'env_1', occurredAt: '2026-12-02T10:00:00.000Z', data: '{}' });

describe('events', () => {
  it('are read in the order their transactions committed, never with a gap a later commit fills', async () => {
    database = await openTestDatabase();
    const db = database.db;
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstInserted!: () => void;
    const firstHasInserted = new Promise<void>((resolve) => (firstInserted = resolve));

    const first = db.transaction().execute(async (transaction) => {
      await insertEvents(transaction, [event('ev_A1'), event('ev_A2')]);
      firstInserted();
      await firstMayCommit;
    });
    await firstHasInserted;
    // On PostgreSQL a second writer runs beside it now; it must wait to take its seqs until the first commits.
    const second = (database.dialect === 'postgres' ? database.openAnother() : db).transaction().execute((transaction) => insertEvents(transaction, [event('ev_B1')]));
    if (database.dialect === 'postgres') {
      // (SQLite's one connection would make this read wait for the open transaction: nothing to see there.)
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await database.openAnother().selectFrom('events').select('id').execute()).toEqual([]);
    }

    releaseFirst();
    await Promise.all([first, second]);
    const rows = await listEvents(db, { limit: 10 });
    expect(rows.map((row) => row.id)).toEqual(['ev_A1', 'ev_A2', 'ev_B1']);
    expect(rows.map((row) => row.seq)).toEqual([...rows.map((row) => row.seq)].sort((a, b) => a - b));
    expect(await listEvents(db, { limit: 10, afterSeq: (await findEventSeq(db, 'ev_A2'))! })).toMatchObject([{ id: 'ev_B1' }]);
  });
});
