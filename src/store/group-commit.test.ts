import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { countingCommits, GroupCommit, GroupCommitSqliteDialect } from './group-commit.js';

/** A database whose fsyncs the test lets through one by one. */
function setup() {
  const folder = mkdtempSync(join(tmpdir(), 'countersign-group-commit-'));
  const raw = new SqliteDatabase(join(folder, 'test.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.exec('create table notes (id integer primary key, text text)');
  const pending: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  let syncs = 0;
  const groupCommit = new GroupCommit(join(folder, 'test.sqlite-wal'), () => {
    syncs += 1;
    return new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
  });
  const db = new Kysely<any>({ dialect: new GroupCommitSqliteDialect({ database: countingCommits(raw, () => groupCommit.commitDone()) }, groupCommit) });
  const settled = <T,>(promise: Promise<T>) => {
    const state = { done: false, error: undefined as unknown };
    promise.then(() => (state.done = true), (error: unknown) => (state.error = error));
    return state;
  };
  // Two turns of the event loop: the group commit starts its fsync a turn after the commit that asks for it.
  const tick = async () => {
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
  };
  /** Lets the fsync running now finish (or fail), then lets the event loop move on. */
  const finishSync = async (error?: Error) => {
    const next = pending.shift()!;
    if (error) next.reject(error);
    else next.resolve();
    await tick();
  };
  return { db, groupCommit, settled, finishSync, tick, syncs: () => syncs, waiting: () => pending.length, remove: () => (raw.close(), rmSync(folder, { recursive: true, force: true })) };
}

let current: ReturnType<typeof setup> | undefined;
afterEach(() => current?.remove());

describe('group commit', () => {
  it('answers a write only once an fsync made after its commit has finished', async () => {
    const t = (current = setup());
    const write = t.settled(t.db.insertInto('notes').values({ text: 'a' }).execute());
    await t.tick();
    expect(t.waiting()).toBe(1);
    expect(write.done).toBe(false);
    await t.finishSync();
    expect(write.done).toBe(true);
  });

  it('lets writes made while an fsync runs share the next one', async () => {
    const t = (current = setup());
    const first = t.settled(t.db.insertInto('notes').values({ text: 'first' }).execute());
    await t.tick();
    const others = [1, 2, 3].map((n) => t.settled(t.db.transaction().execute((trx) => trx.insertInto('notes').values({ text: `other ${n}` }).execute())));
    await t.tick();
    await t.finishSync();
    expect(first.done).toBe(true);
    // The three commits came after the first fsync had started: it does not cover them.
    expect(others.some((write) => write.done)).toBe(false);
    await t.finishSync();
    expect(others.every((write) => write.done)).toBe(true);
    expect(t.syncs()).toBe(2);
  });

  it('lets writes committed in the same turn of the event loop share one fsync', async () => {
    const t = (current = setup());
    const writes = ['a', 'b'].map((text) => t.settled(t.db.insertInto('notes').values({ text }).execute()));
    await t.tick();
    expect(t.waiting()).toBe(1);
    await t.finishSync();
    expect(writes.every((write) => write.done)).toBe(true);
    expect(t.syncs()).toBe(1);
  });

  it('closes only once an fsync asked for just before has run', async () => {
    const t = (current = setup());
    const write = t.settled(t.db.insertInto('notes').values({ text: 'a' }).execute());
    await t.tick();
    const closing = t.settled(t.groupCommit.close());
    await t.tick();
    expect(closing.done).toBe(false);
    await t.finishSync();
    expect(write.done && closing.done).toBe(true);
  });

  it('makes a read of a commit not yet durable wait for it too, and a read of durable data not at all', async () => {
    const t = (current = setup());
    const write = t.settled(t.db.insertInto('notes').values({ text: 'a' }).execute());
    await t.tick();
    const read = t.settled(t.db.selectFrom('notes').selectAll().execute());
    await t.tick();
    expect(read.done).toBe(false);
    await t.finishSync();
    expect(write.done && read.done).toBe(true);
    expect(await t.db.selectFrom('notes').select(sql<number>`count(*)`.as('count')).executeTakeFirst()).toEqual({ count: 1 });
    expect(t.syncs()).toBe(1);
  });

  it('fails the write whose fsync failed, and syncs again for the next', async () => {
    const t = (current = setup());
    const failed = t.db.insertInto('notes').values({ text: 'a' }).execute();
    const outcome = failed.catch((error: Error) => error);
    await t.tick();
    await t.finishSync(new Error('EIO: i/o error, fsync'));
    expect(await outcome).toMatchObject({ message: 'EIO: i/o error, fsync' });
    const next = t.settled(t.db.insertInto('notes').values({ text: 'b' }).execute());
    await t.tick();
    await t.finishSync();
    expect(next.done).toBe(true);
  });
});
