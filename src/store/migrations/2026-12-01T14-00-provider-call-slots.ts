import type { Kysely } from 'kysely';

/**
 * The provider call budgets that several instances share on PostgreSQL (src/providers/shared-rate-limit.ts):
 * one row per call holding a place in its connection's window. Created on SQLite too, where it stays
 * empty (one process keeps its budgets in memory): one list of migrations for both databases.
 * Times are the database's clock in milliseconds, so that instances whose clocks differ agree.
 * Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('provider_call_slots')
    .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
    // The connection and its budget, e.g. "con_…|100/60000".
    .addColumn('budget_key', 'varchar(255)', (column) => column.notNull())
    .addColumn('started_at', 'bigint', (column) => column.notNull())
    // Null while the call has no answer: it holds its place until a window after its answer.
    .addColumn('answered_at', 'bigint')
    .execute();
  await db.schema.createIndex('provider_call_slots_budget_idx').on('provider_call_slots').columns(['budget_key', 'answered_at']).execute();
}
