import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * The events feed (issue 14): one row per event, never updated, deleted only by the retention.
 * `seq` is the feed's order: given at insert, by SQLite's AUTOINCREMENT (never reused, even once the
 * newest rows are pruned) or a PostgreSQL bigserial. It is commit order too because every
 * transaction that records events takes one lock just before it inserts them and holds it to its
 * commit (src/store/events.ts). `id` is what hosts see and pass back as `after`. No foreign key
 * to envelopes: an event outlives an envelope deleted here. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('events')
    .addColumn('seq', postgres ? 'bigserial' : 'integer', (column) => (postgres ? column.primaryKey() : column.primaryKey().autoIncrement()))
    .addColumn('id', 'varchar(40)', (column) => column.notNull().unique())
    .addColumn('type', 'varchar(64)', (column) => column.notNull())
    .addColumn('envelope_id', 'varchar(40)')
    .addColumn('occurred_at', 'varchar(32)', (column) => column.notNull())
    // JSON text: the event as the feed answers it, less what the columns hold.
    .addColumn('data', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('events_envelope_idx').on('events').columns(['envelope_id', 'seq']).execute();
  await db.schema.createIndex('events_occurred_at_idx').on('events').column('occurred_at').execute();
}
