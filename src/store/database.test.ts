import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../test/support/waiting.js';
import { openSqlite, WAL_CHECKPOINT_PAGES } from './database.js';

let folder: string | undefined;
afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

/** The WAL header's checkpoint sequence number: SQLite adds one each time the WAL starts over after a complete checkpoint. */
function walRestarts(filename: string): number {
  return readFileSync(`${filename}-wal`).readUInt32BE(12);
}

describe('the embedded SQLite database', () => {
  it('checkpoints the WAL from a worker thread long before its own connection would, and caps the file it keeps', async () => {
    folder = mkdtempSync(join(tmpdir(), 'countersign-database-'));
    const filename = join(folder, 'countersign.sqlite');
    const db = openSqlite({ filename });
    try {
      await sql`create table notes (id integer primary key, body blob)`.execute(db);
      const restartsBefore = walRestarts(filename);
      // Some 3,000 pages of commits (each row spills over ten 4 KB pages), far below the pages at which
      // the server's own connection checkpoints: only the worker's checkpoints can have let the WAL
      // start over. The WAL starts over at the first write after a checkpoint that copied it all.
      const body = Buffer.alloc(40 * 1024, 1);
      await Promise.all(Array.from({ length: 300 }, () => sql`insert into notes (body) values (${body})`.execute(db)));
      await waitUntil(
        async () => {
          await sql`insert into notes (body) values (${'one more'})`.execute(db);
          return walRestarts(filename);
        },
        (restarts) => restarts > restartsBefore,
        { what: 'the WAL to start over after a background checkpoint' },
      );
      const [autocheckpoint] = (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows;
      expect(autocheckpoint!.wal_autocheckpoint).toBe(WAL_CHECKPOINT_PAGES);
      const [limit] = (await sql<{ journal_size_limit: number }>`pragma journal_size_limit`.execute(db)).rows;
      expect(limit!.journal_size_limit).toBe(64 * 1024 * 1024);
      const [count] = (await sql<{ notes: number }>`select count(*) as notes from notes`.execute(db)).rows;
      expect(count!.notes).toBeGreaterThan(300);
    } finally {
      // Also ends the worker: a worker left running would keep this from returning.
      await db.destroy();
    }
  });
});
