import type { Kysely } from 'kysely';

/**
 * Provider connections, what sending and syncing need to remember, and the artifacts (signed files,
 * audit proofs) fetched back. Frozen once landed. Portable SQL (SQLite and PostgreSQL).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('connections')
    .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
    .addColumn('provider', 'varchar(32)', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    // An absolute URL, or `builtin:sandbox` for the sandbox this server hosts (its port may change).
    .addColumn('base_url', 'text', (column) => column.notNull())
    // Sealed (AES-256-GCM) JSON of the provider's credentials; see src/app/secrets.ts.
    .addColumn('credentials', 'text', (column) => column.notNull())
    .addColumn('key_id', 'varchar(64)')
    .addColumn('public_jwk', 'text')
    // Sealed PKCS#8 PEM.
    .addColumn('private_key', 'text')
    // Sealed random token that authenticates the provider's callbacks to this connection.
    .addColumn('callback_token', 'text', (column) => column.notNull())
    .addColumn('is_default', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('health_status', 'varchar(16)', (column) => column.notNull().defaultTo('unknown'))
    .addColumn('health_detail', 'text')
    .addColumn('health_checked_at', 'varchar(32)')
    .addColumn('sync_cursor', 'text')
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .addColumn('updated_at', 'varchar(32)', (column) => column.notNull())
    .execute();

  await db.schema.alterTable('envelopes').addColumn('send_checkpoint', 'text').execute();
  await db.schema.alterTable('envelopes').addColumn('sent_at', 'varchar(32)').execute();
  await db.schema.alterTable('envelopes').addColumn('completed_at', 'varchar(32)').execute();
  await db.schema.alterTable('envelopes').addColumn('last_synced_at', 'varchar(32)').execute();
  await db.schema.createIndex('envelopes_provider_reference_idx').on('envelopes').columns(['connection_id', 'provider_reference']).execute();

  await db.schema
    .createTable('artifacts')
    .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
    .addColumn('envelope_id', 'varchar(40)', (column) => column.notNull().references('envelopes.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(16)', (column) => column.notNull())
    .addColumn('filename', 'text', (column) => column.notNull())
    .addColumn('media_type', 'text', (column) => column.notNull())
    .addColumn('size', 'bigint', (column) => column.notNull())
    .addColumn('sha256', 'varchar(64)', (column) => column.notNull())
    .addColumn('blob_key', 'text', (column) => column.notNull())
    .addColumn('document_id', 'varchar(40)')
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('artifacts_envelope_idx').on('artifacts').columns(['envelope_id', 'id']).execute();
}
