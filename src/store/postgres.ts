import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { preparingPool } from './pg-prepared.js';
import type { Database } from './schema.js';

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database`; the password is never logged. */
  url: string;
  /** Connections kept at most (pg's default: 10). */
  maxConnections?: number;
  /**
   * A connection failed (the server restarted, a network cut), idle or in use. The pool drops it and
   * opens another when needed; without a listener the error would end the process.
   */
  onIdleConnectionError?: (error: Error) => void;
}

/**
 * Opens the store on PostgreSQL: Kysely's dialect over a pool of pg's pure-JS client. Rows come back
 * in SQLite's shapes for this schema (see `TYPES`), so repositories read both the same way.
 */
export function openPostgres(options: PostgresOptions): Kysely<Database> {
  return kyselyOverPool(openPostgresPool(options));
}

/**
 * The pool alone, for an installation whose blob store and job queue share it with the store
 * (src/installation.ts); `kyselyOverPool` makes the store of it, and destroying that store ends it.
 */
export function openPostgresPool({ url, maxConnections, onIdleConnectionError }: PostgresOptions): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, types: TYPES });
  const onError = onIdleConnectionError ?? (() => {});
  pool.on('error', onError);
  // The pool listens to a connection only while it is idle. One checked out whose server went away
  // (pg_terminate_backend, a restart, a network cut) emits 'error' as well — after its query failed,
  // or between two queries of a transaction — and with nobody listening that ended the process. The
  // query in flight fails on its own (a 503, src/store/storage-trouble.ts); the pool drops the connection.
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}

/** The store over `pool`, its queries prepared once per connection (pg-prepared.ts). */
export function kyselyOverPool(pool: pg.Pool): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
}

/**
 * pg gives int8 (`bigint` columns, `count(*)`) as a string, since it may exceed 2^53; SQLite gives a
 * number. Sizes and counts here stay far below 2^53, so they are parsed to numbers — by this pool's
 * own parsers, leaving pg's global ones (which another library in the process may rely on) alone.
 */
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`PostgreSQL returned the int8 ${text}, beyond what Countersign reads as a number (2^53).`);
  return value;
}

/** The URL as it may be logged: its password replaced by `***`. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unreadable database URL)';
  }
}
