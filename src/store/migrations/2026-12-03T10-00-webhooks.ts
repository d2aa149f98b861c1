import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Webhooks (issue 14): the endpoints a host registered, one delivery per event and endpoint, and each
 * delivery's attempts. A delivery is inserted in the transaction that records its event
 * (src/app/events/outbox.ts) and names it by id: its body is the event as the feed keeps it (a ping's,
 * which is no feed event, is kept in `payload`). `seq` orders deliveries as their events were
 * committed (taken under the feed-order lock), for the one-at-a-time rule of a lane. No foreign keys,
 * as for events: the store deletes a deleted endpoint's deliveries itself. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
    .addColumn('url', 'text', (column) => column.notNull())
    .addColumn('description', 'text')
    // JSON array of event types; NULL: every type.
    .addColumn('event_types', 'text')
    .addColumn('enabled', 'integer', (column) => column.notNull().defaultTo(1))
    // Sealed (AES-256-GCM, bound to the endpoint id) whsec_… secret; see src/app/secrets.ts.
    .addColumn('secret', 'text', (column) => column.notNull())
    // The secret a rotation replaced, sealed, still signing until previous_secret_expires_at.
    .addColumn('previous_secret', 'text')
    .addColumn('previous_secret_expires_at', 'varchar(32)')
    // When the current run of failed attempts began; NULL after a delivered one.
    .addColumn('failing_since', 'varchar(32)')
    .addColumn('disabled_reason', 'text')
    .addColumn('disabled_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .addColumn('updated_at', 'varchar(32)', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('seq', postgres ? 'bigserial' : 'integer', (column) => (postgres ? column.primaryKey() : column.primaryKey().autoIncrement()))
    .addColumn('id', 'varchar(40)', (column) => column.notNull().unique())
    .addColumn('endpoint_id', 'varchar(40)', (column) => column.notNull())
    // The webhook-id header: the same on every attempt and redelivery, for the receiver to deduplicate.
    .addColumn('event_id', 'varchar(40)', (column) => column.notNull())
    .addColumn('event_type', 'varchar(64)', (column) => column.notNull())
    .addColumn('envelope_id', 'varchar(40)')
    .addColumn('lane', 'varchar(80)', (column) => column.notNull())
    .addColumn('payload', 'text')
    // pending | delivered | failed
    .addColumn('status', 'varchar(16)', (column) => column.notNull())
    .addColumn('attempt_count', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'varchar(32)')
    .addColumn('last_attempt_at', 'varchar(32)')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', 'varchar(32)')
    .addColumn('redelivery_of', 'varchar(40)')
    // Which job is sending it, until when: a crashed sender's claim runs out and another takes it.
    .addColumn('claimed_by', 'varchar(80)')
    .addColumn('claimed_until', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .execute();
  // The heads of an endpoint's lanes, and the earlier delivery a later one of its lane waits for.
  await db.schema.createIndex('webhook_deliveries_due_idx').on('webhook_deliveries').columns(['endpoint_id', 'status', 'seq']).execute();
  await db.schema.createIndex('webhook_deliveries_lane_idx').on('webhook_deliveries').columns(['endpoint_id', 'lane', 'status', 'seq']).execute();
  // The delivery log, newest first, of an endpoint and of an envelope; the sweep of what fell due.
  await db.schema.createIndex('webhook_deliveries_log_idx').on('webhook_deliveries').columns(['endpoint_id', 'id']).execute();
  await db.schema.createIndex('webhook_deliveries_envelope_idx').on('webhook_deliveries').columns(['envelope_id', 'id']).execute();
  await db.schema.createIndex('webhook_deliveries_sweep_idx').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('webhook_delivery_attempts')
    .addColumn('delivery_id', 'varchar(40)', (column) => column.notNull())
    .addColumn('number', 'integer', (column) => column.notNull())
    .addColumn('attempted_at', 'varchar(32)', (column) => column.notNull())
    .addColumn('duration_ms', 'integer', (column) => column.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('error', 'text')
    // The first bytes of the answer's body (2 KiB by default).
    .addColumn('response_snippet', 'text')
    .addPrimaryKeyConstraint('webhook_delivery_attempts_pk', ['delivery_id', 'number'])
    .execute();
}
