import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, sql, type SqliteDatabase as DriverDatabase, type SqliteStatement } from 'kysely';
import { BackgroundCheckpoint } from './background-checkpoint.js';
import { countingCommits, GroupCommit, GroupCommitSqliteDialect } from './group-commit.js';
import { dialectOf } from './dialect.js';
import { ensureEnvelopeSummaries } from './envelope-summaries.js';
import { migrations } from './migrations/index.js';
import { PRIVATE_DIRECTORY_MODE, PRIVATE_FILE_MODE } from './permissions.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  /** COUNTERSIGN_DATABASE_URL: PostgreSQL when set. */
  databaseUrl: string | undefined;
  /** Where the embedded SQLite file lives otherwise. */
  dataDir: string;
  /** PostgreSQL only: an idle pooled connection failed (it is replaced); for the log. */
  onIdleConnectionError?: (error: Error) => void;
}

/**
 * The store the configuration chose: PostgreSQL when a database URL is given, else the embedded
 * SQLite file. pg is loaded only then: an installation on SQLite never starts with it.
 */
export async function openDatabase({ databaseUrl, dataDir, onIdleConnectionError }: DatabaseOptions): Promise<Db> {
  if (databaseUrl !== undefined) return (await import('./postgres.js')).openPostgres({ url: databaseUrl, onIdleConnectionError });
  return openSqlite({ filename: sqliteFileIn(dataDir) });
}

/** Where the store is, in words for a log line or a terminal: never a password. */
export async function describeDatabase({ databaseUrl, dataDir }: Pick<DatabaseOptions, 'databaseUrl' | 'dataDir'>): Promise<string> {
  if (databaseUrl !== undefined) return `PostgreSQL at ${(await import('./postgres.js')).redactDatabaseUrl(databaseUrl)}`;
  return `SQLite file ${sqliteFileIn(dataDir)}`;
}

export function sqliteFileIn(dataDir: string): string {
  return join(dataDir, 'countersign.sqlite');
}

/** Pages of WAL that make SQLite checkpoint (see openSqlite). */
export const WAL_CHECKPOINT_PAGES = 10_000;
/** What a WAL file is cut back to when it restarts: the checkpoint's worth of pages, with room. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

export interface SqliteOptions {
  /** Path of the SQLite file; created with its folder when missing. */
  filename: string;
}

/**
 * Opens the embedded SQLite database. WAL lets readers run beside the one writer. Every commit is
 * durable before its caller goes on (a commit acknowledged to a client survives a power cut): by a
 * group commit (group-commit.ts), one fsync off the event loop for the commits made meanwhile, in
 * place of SQLite's synchronous=FULL fsync inside each COMMIT, which blocked the whole server.
 */
export function openSqlite({ filename }: SqliteOptions): Db {
  mkdirSync(dirname(filename), { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  // Created 0600 before SQLite opens it: SQLite gives its -wal and -shm files the database's mode.
  closeSync(openSync(filename, 'a', PRIVATE_FILE_MODE));
  const database = new SqliteDatabase(filename);
  database.pragma('journal_mode = WAL');
  // NORMAL: the fsync that makes a commit durable is GroupCommit's, awaited before the caller goes on.
  database.pragma('synchronous = NORMAL');
  // The WAL is copied into the database file (a checkpoint) by a worker thread every few hundred
  // commits (background-checkpoint.ts). SQLite's own checkpoint runs inside the commit that crosses
  // this many pages, blocking the event loop meanwhile (some 120 ms for 10,000 different pages): it
  // is the backstop for when the worker cannot keep the WAL short (it failed, or a long read keeps its
  // checkpoints from finishing). At SQLite's 1,000 it also copied a send's few hot pages (the
  // envelope's row and index pages) every dozen sends, 3-5 ms each time (docs/benchmarks.md).
  // journal_size_limit gives the disk back when the WAL grew past that.
  database.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  database.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const groupCommit = new GroupCommit(`${filename}-wal`);
  const checkpoints = new BackgroundCheckpoint(filename);
  const commitDone = () => {
    groupCommit.commitDone();
    checkpoints.commitDone();
  };
  return new Kysely<Database>({ dialect: new GroupCommitSqliteDialect({ database: withStatementCache(countingCommits(database, commitDone)) }, groupCommit, checkpoints) });
}

/** Distinct SQL texts kept prepared; queries with `in (?, ?, …)` lists vary, so the cache is bounded. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query it runs, and preparing costs several times what running
 * a small query does. Kysely builds the same SQL text for the same query shape, so statements are kept
 * by text and reused (least recently used dropped first). A statement still being iterated (a
 * streamed select) is busy: a second one is prepared for that text instead of sharing it.
 */
export function withStatementCache(database: { close(): void; prepare(sql: string): SqliteStatement & { readonly busy: boolean } }): DriverDatabase {
  const statements = new Map<string, SqliteStatement & { readonly busy: boolean }>();
  return {
    close: () => database.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement && !statement.busy) {
        // Re-inserted so that the Map's order is the order of last use.
        statements.delete(sql);
      } else {
        statement = database.prepare(sql);
      }
      statements.set(sql, statement);
      if (statements.size > STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
}

/**
 * Brings the schema up to date and returns the names of the migrations it ran (none when current);
 * on SQLite also the triggers of the list's stored summaries (`ensureEnvelopeSummaries`), which are
 * not migrations. Runs on every start; a failed migration stops the start. On PostgreSQL, Kysely's
 * migrator holds a session advisory lock (`pg_advisory_lock`) on its own connection while it
 * migrates, inside one transaction: instances starting together migrate once, the others wait and
 * then find nothing to do.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await migratorOf(db).migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String((error as Error).message ?? error)}`, {
      cause: error,
    });
  }
  if (dialectOf(db) === 'sqlite') await ensureEnvelopeSummaries(db);
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/**
 * The names of this build's migrations that the database has not run yet. Empty when the schema is
 * current: what `GET /health/ready` asks, so that a load balancer sends no traffic to an instance
 * whose schema is behind its code.
 */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  return (await migratorOf(db).getMigrations()).filter((migration) => migration.executedAt === undefined).map((migration) => migration.name);
}

function migratorOf(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Resolves when the database answers a trivial query; rejects with the driver's error otherwise. */
export async function pingDatabase(db: Kysely<any>): Promise<void> {
  await sql`select 1`.execute(db);
}
