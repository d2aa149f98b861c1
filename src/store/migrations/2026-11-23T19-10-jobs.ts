import type { Kysely } from 'kysely';

/**
 * The durable job queue of the embedded deployment (src/jobs/table-queue.ts).
 * Frozen once landed: later changes go into a new migration.
 *
 * Portable SQL only (SQLite and PostgreSQL): timestamps are ISO-8601 UTC text, which sorts
 * correctly as text, so `run_after <= now` compares as text on both; JSON is text.
 *
 * There is no unique index for singleton jobs: uniqueness only holds among unfinished jobs, and the
 * queue enforces it when it enqueues (check and insert in one transaction).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
    .addColumn('name', 'varchar(128)', (column) => column.notNull())
    .addColumn('data', 'text', (column) => column.notNull())
    // created | active | retry | completed | dead
    .addColumn('state', 'varchar(16)', (column) => column.notNull())
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (column) => column.notNull())
    .addColumn('run_after', 'varchar(32)', (column) => column.notNull())
    // While 'active': the moment the worker's lease ends. A worker renews it while its handler runs,
    // so a lease in the past means the worker died and the job may be taken again.
    .addColumn('locked_until', 'varchar(32)')
    .addColumn('last_error', 'text')
    .addColumn('singleton_key', 'varchar(255)')
    .addColumn('progress', 'text')
    .addColumn('result', 'text')
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .addColumn('updated_at', 'varchar(32)', (column) => column.notNull())
    .addColumn('completed_at', 'varchar(32)')
    .execute();

  // Claiming asks for due jobs: state in ('created', 'retry') and run_after <= now, oldest first.
  await db.schema.createIndex('jobs_claim_idx').on('jobs').columns(['state', 'run_after']).execute();
  // Lookup by name, and the singleton check (name, singleton_key) at enqueue.
  await db.schema.createIndex('jobs_name_idx').on('jobs').columns(['name', 'singleton_key']).execute();
}
