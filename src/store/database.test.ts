import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite, WAL_CHECKPOINT_PAGES } from './database.js';

let folder: string | undefined;
afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

describe('the embedded SQLite database', () => {
  it('checkpoints the WAL only once it holds many more pages than SQLite would, and caps the file it keeps', async () => {
    folder = mkdtempSync(join(tmpdir(), 'countersign-database-'));
    const db = openSqlite({ filename: join(folder, 'countersign.sqlite') });
    try {
      await sql`create table notes (id integer primary key, body blob)`.execute(db);
      // Some 3,000 pages of commits (each row spills over ten 4 KB pages): SQLite's own threshold
      // (1,000 pages) would have checkpointed and restarted the WAL twice by now.
      const body = Buffer.alloc(40 * 1024, 1);
      await Promise.all(Array.from({ length: 300 }, () => sql`insert into notes (body) values (${body})`.execute(db)));
      const [checkpoint] = (await sql<{ log: number }>`pragma wal_checkpoint(PASSIVE)`.execute(db)).rows;
      expect(checkpoint!.log).toBeGreaterThan(2_000);
      expect(checkpoint!.log).toBeLessThan(WAL_CHECKPOINT_PAGES);
      const [limit] = (await sql<{ journal_size_limit: number }>`pragma journal_size_limit`.execute(db)).rows;
      expect(limit!.journal_size_limit).toBe(64 * 1024 * 1024);
    } finally {
      await db.destroy();
    }
  });
});
