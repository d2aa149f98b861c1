import { sql } from 'kysely';
import type { Db } from './database.js';
import { dialectOf } from './dialect.js';
import type { Database } from './schema.js';

/** Tables whose rows are locked by id. */
type LockableTable = { [Table in keyof Database]: Database[Table] extends { id: string } ? Table : never }[keyof Database];

/**
 * Locks rows for the rest of the caller's transaction: another transaction that locks them waits
 * until this one ends, so a read-check-write on them (a status checked, then changed) is not raced.
 * Call it before reading what the check is made on.
 *
 * PostgreSQL runs transactions side by side at READ COMMITTED: `select … for update` takes the rows'
 * locks. SQLite runs one transaction at a time on the store's one connection, so there is nothing to
 * take (and it has no `for update`). Ids are locked in sorted order, so that two transactions locking
 * overlapping sets cannot deadlock.
 */
export async function lockRows(db: Db, table: LockableTable, ids: readonly string[]): Promise<void> {
  if (!db.isTransaction) throw new Error(`lockRows(${table}) needs a transaction: a lock outside one ends with its statement.`);
  if (dialectOf(db) === 'sqlite' || ids.length === 0) return;
  await db
    .selectFrom(table)
    .select('id')
    .where('id', 'in', [...new Set(ids)].sort())
    .orderBy('id')
    .forUpdate()
    .execute();
}

/**
 * The same for something that has no row to lock (yet): the first owner account, a sign-in's counter
 * for an email. Transactions locking the same `key` run one after the other (PostgreSQL: a
 * transaction-scoped advisory lock on the key's hash; SQLite: one transaction at a time anyway).
 */
export async function lockKey(db: Db, key: string): Promise<void> {
  if (!db.isTransaction) throw new Error(`lockKey(${key}) needs a transaction: a lock outside one ends with its statement.`);
  if (dialectOf(db) === 'sqlite') return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`countersign:${key}`}, 0))`.execute(db);
}
