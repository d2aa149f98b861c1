import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openSqlite, sqliteFileIn, type Db } from '../../src/store/database.js';
import type { SqlDialect } from '../../src/store/dialect.js';
import { openPostgres } from '../../src/store/postgres.js';
import { createTestDatabase, TEST_DATABASE_SERVER } from './postgres.js';

/**
 * With COUNTERSIGN_TEST_DATABASE_URL set (e.g. postgres://postgres@127.0.0.1:5432/postgres) each test
 * database is a fresh one made on that server and dropped at close (test/support/postgres.ts); unset,
 * a temporary SQLite file. The same tests run on both:
 *
 *   COUNTERSIGN_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx vitest run <files>
 */
export const TEST_DIALECT: SqlDialect = TEST_DATABASE_SERVER ? 'postgres' : 'sqlite';

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
  const migrate = options.migrate ?? true;
  const { open, remove, environment } = TEST_DATABASE_SERVER ? await createPostgresDatabase(migrate) : createSqliteFile();
  const handles: Db[] = [];
  const openAnother = () => {
    const db = open();
    handles.push(db);
    return db;
  };
  const db = openAnother();
  // A copy of the PostgreSQL run's migrated template finds nothing to run here.
  if (migrate) await migrateToLatest(db);
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

async function createPostgresDatabase(migrated: boolean): Promise<CreatedDatabase> {
  const { url, drop } = await createTestDatabase('store', { migrated });
  return {
    open: () => openPostgres({ url, maxConnections: 4 }),
    environment: { COUNTERSIGN_DATABASE_URL: url },
    remove: drop,
  };
}
