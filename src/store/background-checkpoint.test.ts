import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackgroundCheckpoint, CHECKPOINT_EVERY_COMMITS } from './background-checkpoint.js';

let folder: string | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

/** A database in WAL mode whose own connection never checkpoints, with `commits` rows written one commit each. */
function walDatabase(commits: number): { filename: string; database: SqliteDatabase.Database } {
  folder = mkdtempSync(join(tmpdir(), 'countersign-checkpoint-'));
  const filename = join(folder, 'test.sqlite');
  const database = new SqliteDatabase(filename);
  database.pragma('journal_mode = WAL');
  database.pragma('wal_autocheckpoint = 0');
  database.exec('create table notes (id integer primary key, body text)');
  const insert = database.prepare('insert into notes (body) values (?)');
  for (let index = 0; index < commits; index += 1) insert.run('x'.repeat(5_000));
  return { filename, database };
}

describe('background WAL checkpoints', () => {
  it('copy the whole WAL into the database file from the worker, every so many commits', async () => {
    const { filename, database } = walDatabase(30);
    const checkpoints = new BackgroundCheckpoint(filename, 10);
    try {
      for (let index = 0; index < 9; index += 1) checkpoints.commitDone();
      const first = await checkpoints.checkpoint();
      expect(first).toEqual({ busy: 0, log: expect.any(Number), checkpointed: first!.log });
      expect(first!.log).toBeGreaterThan(30);
      // The WAL starts over at the next write: a checkpoint now finds only that write's pages.
      database.prepare('insert into notes (body) values (?)').run('one more');
      const second = await checkpoints.checkpoint();
      expect(second!.log).toBeLessThan(first!.log);
      expect(second!.checkpointed).toBe(second!.log);
    } finally {
      await checkpoints.close();
      database.close();
    }
  });

  it('let a process that closes its database while a checkpoint runs end as it should', async () => {
    folder = mkdtempSync(join(tmpdir(), 'countersign-checkpoint-'));
    // Nothing else keeps this process alive: a worker neither held while closing nor while checkpointing
    // let it end in the middle of the close, its last await unsettled (exit code 13).
    const script = join(folder, 'close.mts');
    writeFileSync(
      script,
      `import { openSqlite } from ${JSON.stringify(fileURLToPath(new URL('./database.ts', import.meta.url)))};
      const db = openSqlite({ filename: ${JSON.stringify(join(folder, 'test.sqlite'))} });
      await db.schema.createTable('notes').addColumn('id', 'integer', (column) => column.primaryKey()).execute();
      for (let index = 0; index < ${CHECKPOINT_EVERY_COMMITS}; index += 1) await db.insertInto('notes').defaultValues().execute();
      await db.destroy();
      console.log('closed');`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { cwd: fileURLToPath(new URL('../..', import.meta.url)) });
    expect(stdout.trim()).toBe('closed');
  });

  it('stop for good, with a warning, when the worker cannot open the database: SQLite then checkpoints by itself', async () => {
    folder = mkdtempSync(join(tmpdir(), 'countersign-checkpoint-'));
    const warnings = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const checkpoints = new BackgroundCheckpoint(join(folder, 'missing.sqlite'), 1);
    try {
      expect(await checkpoints.checkpoint()).toBeUndefined();
      expect(String(warnings.mock.calls[0]?.[0])).toMatch(/^Background WAL checkpoints stopped \(.+\); SQLite checkpoints on the server's own thread from now on\.$/);
      checkpoints.commitDone();
      expect(await checkpoints.checkpoint()).toBeUndefined();
      expect(warnings).toHaveBeenCalledTimes(1);
    } finally {
      await checkpoints.close();
    }
  });
});
