/**
 * What is wrong with the storage, read from an error a driver or the file system threw: SQLite's
 * result codes (better-sqlite3's `SqliteError.code`, e.g. `SQLITE_BUSY`, `SQLITE_IOERR_WRITE`),
 * PostgreSQL's SQLSTATE (pg's `DatabaseError.code`) and a lost or refused connection to it, and the
 * blob folder's `ENOSPC`/`EROFS`/`EIO`. Each is a state of the machine, not of the request: the API
 * answers 503 with `Retry-After` and says which (src/api/problems.ts), and the process goes on.
 * Undefined for anything else.
 */

export type StorageTroubleKind = 'busy' | 'full' | 'read-only' | 'io' | 'unreachable';

export interface StorageTrouble {
  kind: StorageTroubleKind;
  /** For the person who reads the refusal: what is wrong and what to do. */
  detail: string;
  /** When trying again may help. */
  retryAfterSeconds: number;
}

const TROUBLES: Record<StorageTroubleKind, Omit<StorageTrouble, 'kind'>> = {
  busy: { detail: 'The database is busy (locked by another writer). Nothing was changed; try again in a moment.', retryAfterSeconds: 1 },
  full: { detail: 'The disk holding Countersign’s data is full. Nothing was changed; an operator must free space (or grow the disk), then try again.', retryAfterSeconds: 60 },
  'read-only': { detail: 'Countersign’s data folder or database is read-only. Nothing was changed; an operator must make it writable, then try again.', retryAfterSeconds: 60 },
  io: { detail: 'The disk holding Countersign’s data failed to read or write. Nothing was changed; an operator should check the disk, then try again.', retryAfterSeconds: 30 },
  unreachable: { detail: 'The database cannot be reached (its connection was lost or refused). Nothing was changed; try again shortly.', retryAfterSeconds: 5 },
};

/** SQLite result codes, by primary code (an extended code such as SQLITE_IOERR_FSYNC starts with its primary). */
const SQLITE: ReadonlyArray<[prefix: string, kind: StorageTroubleKind]> = [
  ['SQLITE_BUSY', 'busy'],
  ['SQLITE_LOCKED', 'busy'],
  ['SQLITE_FULL', 'full'],
  ['SQLITE_READONLY', 'read-only'],
  ['SQLITE_IOERR', 'io'],
  ['SQLITE_CANTOPEN', 'io'],
  ['SQLITE_CORRUPT', 'io'],
  ['SQLITE_NOTADB', 'io'],
  ['SQLITE_PROTOCOL', 'busy'],
];

/** PostgreSQL SQLSTATEs that are the server's state, not the statement's fault. */
const POSTGRES: Readonly<Record<string, StorageTroubleKind>> = {
  '53100': 'full', // disk_full
  '53200': 'busy', // out_of_memory
  '53300': 'busy', // too_many_connections
  '53400': 'busy', // configuration_limit_exceeded
  '55P03': 'busy', // lock_not_available
  '57P01': 'unreachable', // admin_shutdown: the connection was terminated (pg_terminate_backend, a restart)
  '57P02': 'unreachable', // crash_shutdown
  '57P03': 'unreachable', // cannot_connect_now: starting up or shutting down
  '25006': 'read-only', // read_only_sql_transaction: a standby, or default_transaction_read_only
  '58030': 'io', // io_error
};

/** Node's codes for a refused or broken connection: on a request, only the database's connection is made raw. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

const FILE_SYSTEM: Readonly<Record<string, StorageTroubleKind>> = { ENOSPC: 'full', EDQUOT: 'full', EROFS: 'read-only', EIO: 'io' };

export function storageTroubleOf(error: unknown): StorageTrouble | undefined {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; current = (current as { cause?: unknown }).cause, depth += 1) {
    const kind = kindOf(current as { code?: unknown; message?: unknown; syscall?: unknown });
    if (kind) return { kind, ...TROUBLES[kind] };
  }
  return undefined;
}

function kindOf(error: { code?: unknown; message?: unknown }): StorageTroubleKind | undefined {
  const code = typeof error.code === 'string' ? error.code : '';
  const message = typeof error.message === 'string' ? error.message : '';
  if (code.startsWith('SQLITE_')) return SQLITE.find(([prefix]) => code.startsWith(prefix))?.[1];
  if (code in POSTGRES) return POSTGRES[code];
  // Class 08: connection exceptions (the connection failed or was refused by the server).
  if (/^08[0-9A-Z]{3}$/.test(code)) return 'unreachable';
  if (code === '55000' && message.includes('not currently accepting connections')) return 'unreachable';
  if (code in FILE_SYSTEM) return FILE_SYSTEM[code];
  if (CONNECTION_CODES.has(code)) return 'unreachable';
  // pg's own words when the server closed the connection under a query, or it was ended while in use.
  if (/^Connection terminated( unexpectedly| due to connection timeout)?$/.test(message) || message === 'Client has encountered a connection error and is not queryable') {
    return 'unreachable';
  }
  return undefined;
}
