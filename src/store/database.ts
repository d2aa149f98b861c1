import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrations } from './migrations/index.js';
import { PRIVATE_DIRECTORY_MODE, PRIVATE_FILE_MODE } from './permissions.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface SqliteOptions {
  /** Path of the SQLite file; created with its folder when missing. */
  filename: string;
}

/**
 * Opens the embedded SQLite database. WAL lets readers run beside the one writer; synchronous=FULL
 * makes every commit durable (a commit acknowledged to a client survives a power cut).
 */
export function openSqlite({ filename }: SqliteOptions): Db {
  mkdirSync(dirname(filename), { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  // Created 0600 before SQLite opens it: SQLite gives its -wal and -shm files the database's mode.
  closeSync(openSync(filename, 'a', PRIVATE_FILE_MODE));
  const database = new SqliteDatabase(filename);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

/** Brings the schema up to date. Runs on every start; a failed migration stops the start. */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String((error as Error).message ?? error)}`, {
      cause: error,
    });
  }
}
