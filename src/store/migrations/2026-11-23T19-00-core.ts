import type { Kysely } from 'kysely';

/**
 * Documents, envelopes, participants, events, API keys and idempotency records.
 * Frozen once landed: later changes go into a new migration.
 *
 * Portable SQL only (SQLite and PostgreSQL): timestamps are ISO-8601 UTC text, which sorts
 * correctly as text; JSON is text; booleans are not needed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('documents')
    .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
    .addColumn('filename', 'text', (column) => column.notNull())
    .addColumn('media_type', 'text', (column) => column.notNull())
    .addColumn('size', 'bigint', (column) => column.notNull())
    .addColumn('sha256', 'varchar(64)', (column) => column.notNull())
    .addColumn('blob_key', 'text', (column) => column.notNull())
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('envelopes')
    .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('message', 'text')
    .addColumn('language', 'varchar(16)')
    .addColumn('connection_id', 'varchar(40)')
    .addColumn('status', 'varchar(16)', (column) => column.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('expires_at', 'varchar(32)')
    .addColumn('external_ref', 'text')
    .addColumn('metadata', 'text')
    .addColumn('provider', 'varchar(32)')
    .addColumn('provider_reference', 'text')
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .addColumn('updated_at', 'varchar(32)', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('envelopes_status_idx').on('envelopes').columns(['status', 'id']).execute();
  await db.schema.createIndex('envelopes_external_ref_idx').on('envelopes').columns(['external_ref', 'id']).execute();

  await db.schema
    .createTable('envelope_documents')
    .addColumn('envelope_id', 'varchar(40)', (column) => column.notNull().references('envelopes.id').onDelete('cascade'))
    .addColumn('document_id', 'varchar(40)', (column) => column.notNull().references('documents.id'))
    .addColumn('position', 'integer', (column) => column.notNull())
    .addPrimaryKeyConstraint('envelope_documents_pk', ['envelope_id', 'document_id'])
    .execute();
  await db.schema.createIndex('envelope_documents_document_idx').on('envelope_documents').column('document_id').execute();

  await db.schema
    .createTable('participants')
    .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
    .addColumn('envelope_id', 'varchar(40)', (column) => column.notNull().references('envelopes.id').onDelete('cascade'))
    .addColumn('position', 'integer', (column) => column.notNull())
    .addColumn('first_name', 'text', (column) => column.notNull())
    .addColumn('last_name', 'text', (column) => column.notNull())
    .addColumn('email', 'text', (column) => column.notNull())
    .addColumn('phone', 'text')
    .addColumn('role', 'varchar(16)', (column) => column.notNull())
    .addColumn('step', 'integer', (column) => column.notNull())
    .addColumn('status', 'varchar(16)', (column) => column.notNull())
    .addColumn('rejection_reason', 'text')
    .addColumn('signing_url', 'text')
    .addColumn('provider_reference', 'text')
    .addColumn('notified_at', 'varchar(32)')
    .addColumn('viewed_at', 'varchar(32)')
    .addColumn('completed_at', 'varchar(32)')
    .addColumn('rejected_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .addColumn('updated_at', 'varchar(32)', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('participants_envelope_idx').on('participants').columns(['envelope_id', 'position']).execute();
  await db.schema.createIndex('participants_email_idx').on('participants').column('email').execute();

  await db.schema
    .createTable('envelope_events')
    .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
    .addColumn('envelope_id', 'varchar(40)', (column) => column.notNull().references('envelopes.id').onDelete('cascade'))
    .addColumn('type', 'varchar(64)', (column) => column.notNull())
    .addColumn('source', 'varchar(16)', (column) => column.notNull())
    .addColumn('participant_id', 'varchar(40)')
    .addColumn('detail', 'text')
    .addColumn('occurred_at', 'varchar(32)', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('envelope_events_envelope_idx').on('envelope_events').columns(['envelope_id', 'id']).execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('prefix', 'varchar(32)', (column) => column.notNull())
    .addColumn('secret_hash', 'varchar(64)', (column) => column.notNull().unique())
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .addColumn('last_used_at', 'varchar(32)')
    .addColumn('revoked_at', 'varchar(32)')
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('principal', 'varchar(64)', (column) => column.notNull())
    .addColumn('key', 'varchar(255)', (column) => column.notNull())
    .addColumn('fingerprint', 'varchar(64)', (column) => column.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['principal', 'key'])
    .execute();

  // Settings the server keeps for itself (e.g. that the first admin key was issued).
  await db.schema
    .createTable('settings')
    .addColumn('name', 'varchar(64)', (column) => column.primaryKey())
    .addColumn('value', 'text', (column) => column.notNull())
    .execute();

}
