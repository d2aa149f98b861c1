import { sql, type Kysely } from 'kysely';

/**
 * The archive step of each completed envelope (issue 16): whether its signed files are stored yet,
 * the attempts made and when the next is due, so that an envelope is never "completed" with its files
 * silently missing. One row per envelope that reached `completed`, made in the transaction that
 * completes it. Envelopes completed before this migration get theirs here: `archived` when they have
 * files, else `pending` (due now; the server's start queues the attempt). Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('envelope_archives')
    .addColumn('envelope_id', 'varchar(40)', (column) => column.primaryKey())
    // pending | archived | failed
    .addColumn('status', 'varchar(16)', (column) => column.notNull())
    .addColumn('attempt_count', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'varchar(32)')
    .addColumn('archived_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .addColumn('updated_at', 'varchar(32)', (column) => column.notNull())
    .execute();
  // The start's look for archives still waiting (few rows: most are archived).
  await db.schema.createIndex('envelope_archives_status_idx').on('envelope_archives').columns(['status', 'next_attempt_at']).execute();

  const now = sql`cast(${new Date().toISOString()} as varchar(32))`;
  await sql`insert into envelope_archives (envelope_id, status, attempt_count, next_attempt_at, archived_at, created_at, updated_at)
    select e.id,
      case when a.first_at is null then 'pending' else 'archived' end,
      case when a.first_at is null then 0 else 1 end,
      case when a.first_at is null then ${now} else null end,
      a.first_at,
      coalesce(e.completed_at, ${now}),
      ${now}
    from envelopes e
    left join (select envelope_id, min(created_at) as first_at from artifacts group by envelope_id) a on a.envelope_id = e.id
    where e.completed_at is not null`.execute(db);
}
