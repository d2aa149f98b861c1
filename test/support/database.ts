import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrateToLatest, openSqlite, sqliteFileIn, type Db } from '../../src/store/database.js';
import type { SqlDialect } from '../../src/store/dialect.js';
import { openPostgres } from '../../src/store/postgres.js';

/**
 * The PostgreSQL server tests run on when set (e.g. postgres://postgres@127.0.0.1:5432/postgres): each
 * test database is a fresh `cs_store_<random>` made on it and dropped at close. Unset: a temporary
 * SQLite file. The same tests run on both:
 *
 *   COUNTERSIGN_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx vitest run <files>
 */
export const TEST_DATABASE_URL = process.env.COUNTERSIGN_TEST_DATABASE_URL?.trim() || undefined;

export const TEST_DIALECT: SqlDialect = TEST_DATABASE_URL ? 'postgres' : 'sqlite';

export interface TestDatabase {
  /** Migrated unless asked otherwise. */
  db: Db;
  dialect: SqlDialect;
  /** The variables that point a Countersign process (`start`, `migrate`) at this database. */
  environment: Record<string, string>;
  /** Another handle on the same database (its own connections), as a second instance would have. */
  openAnother(): Db;
  /** Closes every handle, then drops the database (PostgreSQL) or deletes its folder (SQLite). */
  close(): Promise<void>;
}

export async function openTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const { open, remove, environment } = TEST_DATABASE_URL ? await createPostgresDatabase(TEST_DATABASE_URL) : createSqliteFile();
  const handles: Db[] = [];
  const openAnother = () => {
    const db = open();
    handles.push(db);
    return db;
  };
  const db = openAnother();
  if (options.migrate ?? true) await migrateToLatest(db);
  return {
    db,
    dialect: TEST_DIALECT,
    environment,
    openAnother,
    async close() {
      await Promise.all(handles.map((handle) => handle.destroy()));
      await remove();
    },
  };
}

type CreatedDatabase = { open(): Db; remove(): Promise<void>; environment: Record<string, string> };

function createSqliteFile(): CreatedDatabase {
  const folder = mkdtempSync(join(tmpdir(), 'countersign-db-'));
  return {
    open: () => openSqlite({ filename: sqliteFileIn(folder) }),
    environment: { COUNTERSIGN_DATA_DIR: folder },
    remove: async () => rmSync(folder, { recursive: true, force: true }),
  };
}

async function createPostgresDatabase(serverUrl: string): Promise<CreatedDatabase> {
  const name = `cs_store_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    open: () => openPostgres({ url: url.toString(), maxConnections: 4 }),
    environment: { COUNTERSIGN_DATABASE_URL: url.toString() },
    // WITH (FORCE): a connection a failed test left open must not keep the database behind.
    remove: () => onServer(serverUrl, `drop database if exists ${name} with (force)`),
  };
}

/** CREATE and DROP DATABASE cannot run in a transaction or a pool's session, so on a client of their own. */
async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
