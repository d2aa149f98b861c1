import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './database.js';
import { dialectOf } from './dialect.js';

/**
 * What `countersign export` and `import` move between installations (SQLite ↔ PostgreSQL): every
 * table that holds the installation's data, in an order that inserts a row after the rows it refers
 * to, with the columns that order a table's rows (its primary key). Not moved: the migrations'
 * own tables (the target runs its migrations), `provider_call_slots` (calls in flight, gone when the
 * source stopped) and `jobs` (the queue's table; the app moves unfinished jobs through the target's
 * queue, which on PostgreSQL is pg-boss). transfer.test.ts fails when a table is missing here.
 */
export const TRANSFER_TABLES = [
  { name: 'accounts', key: ['id'] },
  { name: 'sessions', key: ['id'] },
  { name: 'sign_in_attempts', key: ['email'] },
  { name: 'invitations', key: ['id'] },
  { name: 'api_keys', key: ['id'] },
  { name: 'connections', key: ['id'] },
  { name: 'documents', key: ['id'] },
  { name: 'envelopes', key: ['id'] },
  { name: 'envelope_documents', key: ['envelope_id', 'document_id'] },
  { name: 'participants', key: ['id'] },
  { name: 'envelope_events', key: ['id'] },
  { name: 'artifacts', key: ['id'] },
  // A pending archive goes on where it was: the target's start queues its next attempt.
  { name: 'envelope_archives', key: ['envelope_id'] },
  { name: 'idempotency_keys', key: ['principal', 'key'] },
  { name: 'settings', key: ['name'] },
  { name: 'audit_log', key: ['id'] },
  // With their seqs: a host's cursor (an event id) goes on working in the new installation.
  { name: 'events', key: ['seq'] },
  // Pending deliveries go on where they were: the target's sender is woken at its start (the sweep).
  { name: 'webhook_endpoints', key: ['id'] },
  { name: 'webhook_deliveries', key: ['seq'] },
  { name: 'webhook_delivery_attempts', key: ['delivery_id', 'number'] },
  { name: 'templates', key: ['id'] },
  // A running bulk send goes on where it was: the target's start queues its job again.
  { name: 'bulk_sends', key: ['id'] },
  { name: 'bulk_send_rows', key: ['bulk_send_id', 'row_number'] },
] as const satisfies ReadonlyArray<{ name: string; key: readonly string[] }>;

export type TransferTable = (typeof TRANSFER_TABLES)[number];
export type Row = Record<string, unknown>;

/** Tables a transfer leaves alone on purpose (see {@link TRANSFER_TABLES}). */
export const NOT_TRANSFERRED = ['kysely_migration', 'kysely_migration_lock', 'provider_call_slots', 'jobs', 'envelope_summaries'];

/** The columns of a table that hold blob keys: an import stores the blobs anew and rewrites these. */
export const BLOB_KEY_COLUMNS: Partial<Record<TransferTable['name'], readonly string[]>> = {
  documents: ['blob_key', 'rendition_blob_key'],
  artifacts: ['blob_key'],
};

const PAGE_ROWS = 1000;

/**
 * A table's rows in key order, a page at a time (each page one query that starts after the last key
 * of the one before), so that a table of any size is read in bounded memory on both databases.
 */
export async function* tableRows(db: Db, table: TransferTable): AsyncGenerator<Row> {
  let after: unknown[] | undefined;
  for (;;) {
    const keys = table.key.map((column) => sql.ref(column));
    const page = await sql<Row>`select * from ${sql.table(table.name)}
      ${after ? sql`where (${sql.join(keys)}) > (${sql.join(after)})` : sql``}
      order by ${sql.join(keys)} limit ${PAGE_ROWS}`.execute(db);
    yield* page.rows;
    if (page.rows.length < PAGE_ROWS) return;
    const last = page.rows.at(-1)!;
    after = table.key.map((column) => last[column]);
  }
}

/** Inserts rows as they are (every column named in the row). */
export async function insertRows(db: Db, table: TransferTable, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  await (db as Db).insertInto(table.name as never).values(rows as never).execute();
  // PostgreSQL's bigserial does not move past seqs given explicitly: the next row must come after these.
  if ((SERIAL_TABLES as readonly string[]).includes(table.name) && dialectOf(db) === 'postgres') {
    await sql`select setval(pg_get_serial_sequence(${table.name}, 'seq'), (select max(seq) from ${sql.table(table.name)}))`.execute(db);
  }
}

/** The tables whose `seq` the database gives (autoincrement, bigserial): their order (the feed's, a webhook lane's). */
const SERIAL_TABLES = ['events', 'webhook_deliveries'] as const satisfies ReadonlyArray<TransferTable['name']>;

/** The tables of `TRANSFER_TABLES` that already hold rows: an import goes into an empty installation only. */
export async function nonEmptyTables(db: Db): Promise<string[]> {
  const found: string[] = [];
  for (const table of TRANSFER_TABLES) {
    const { rows } = await sql<{ one: number }>`select 1 as one from ${sql.table(table.name)} limit 1`.execute(db);
    if (rows.length > 0) found.push(table.name);
  }
  return found;
}

/** Every table the database has, beside the migrations' (for the test that TRANSFER_TABLES is complete). */
export async function tableNames(db: Db): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables.map((table) => table.name);
}

/**
 * A checksum of a table's rows that does not depend on their order or on the database they were
 * read from: each row as its columns sorted by name with every value as text (SQLite and PostgreSQL
 * return the same integer as a number or as text), hashed; the hashes added modulo 2^256.
 */
export class TableChecksum {
  private sum = 0n;
  count = 0;

  add(row: Row): void {
    const canonical = Object.keys(row)
      .sort()
      .map((column) => [column, row[column] === null || row[column] === undefined ? null : String(row[column])]);
    const hash = createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
    this.sum = (this.sum + BigInt(`0x${hash}`)) % 2n ** 256n;
    this.count += 1;
  }

  get value(): string {
    return this.sum.toString(16).padStart(64, '0');
  }
}

/** A job waiting or running when the export was taken: enqueued again by the import. */
export interface ExportedJob {
  name: string;
  data: unknown;
  runAfter: string;
  maxAttempts: number;
  singletonKey: string | null;
}

/** Unfinished jobs of the embedded queue's table, for an export from SQLite (empty on PostgreSQL, where pg-boss keeps its own). */
export async function unfinishedTableQueueJobs(db: Db): Promise<ExportedJob[]> {
  const { rows } = await sql<{ name: string; data: string; run_after: string; max_attempts: number; singleton_key: string | null }>`
    select name, data, run_after, max_attempts, singleton_key from jobs where state in ('created', 'active', 'retry') order by created_at, id`.execute(db);
  return rows.map((row) => ({ name: row.name, data: JSON.parse(row.data) as unknown, runAfter: row.run_after, maxAttempts: Number(row.max_attempts), singletonKey: row.singleton_key }));
}

/**
 * Runs `work` on one consistent view of the database, so that an export taken while something else
 * writes still has every row that another refers to: a read-only REPEATABLE READ transaction on
 * PostgreSQL; on SQLite (WAL) a transaction, which reads one snapshot from its first read.
 */
export async function inSnapshot<T>(db: Db, work: (snapshot: Db) => Promise<T>): Promise<T> {
  const transaction = dialectOf(db) === 'postgres' ? db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only') : db.transaction();
  return transaction.execute((snapshot) => work(snapshot));
}
