import type { Kysely } from 'kysely';

/**
 * Templates and bulk sends (issue 15, "Templates"). A template keeps its documents (ids, in order) and
 * its roles (participants without a person, with their options and fields) as JSON: they are read and
 * written whole, never queried inside. A bulk send is one template sent to the rows of a CSV; each row
 * is its own record, so that the job resumes at the first row not done and every row keeps its result
 * (the envelope it made, or why not). A row's cells are kept without secret answers, which are sealed
 * apart (`sealed_secrets`). No foreign keys, as for events: the store deletes what belongs together.
 * Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('templates')
    .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('message', 'text')
    .addColumn('language', 'varchar(16)')
    .addColumn('expiry_days', 'integer')
    // JSON array of document ids, in the envelope's order.
    .addColumn('document_ids', 'text', (column) => column.notNull())
    // JSON array of roles (domain/templates.ts TemplateRole).
    .addColumn('roles', 'text', (column) => column.notNull())
    .addColumn('source_envelope_id', 'varchar(40)')
    .addColumn('created_by', 'varchar(40)')
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .addColumn('updated_at', 'varchar(32)', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('templates_name_idx').on('templates').columns(['name', 'id']).execute();

  await db.schema
    .createTable('bulk_sends')
    .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
    .addColumn('template_id', 'varchar(40)', (column) => column.notNull())
    // The connection every row's envelope goes through; NULL: the default connection.
    .addColumn('connection_id', 'varchar(40)')
    // running | completed
    .addColumn('status', 'varchar(16)', (column) => column.notNull())
    .addColumn('row_count', 'integer', (column) => column.notNull())
    .addColumn('created_by', 'varchar(40)')
    .addColumn('visibility', 'varchar(16)', (column) => column.notNull())
    // JSON `{ kind, name }`: who asked for it, named on each envelope's history.
    .addColumn('actor', 'text')
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .addColumn('updated_at', 'varchar(32)', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('bulk_sends_template_idx').on('bulk_sends').columns(['template_id', 'id']).execute();

  await db.schema
    .createTable('bulk_send_rows')
    .addColumn('bulk_send_id', 'varchar(40)', (column) => column.notNull())
    // The row's number among the CSV's data rows, from 1.
    .addColumn('row_number', 'integer', (column) => column.notNull())
    // JSON object: column → value, secret answers left out.
    .addColumn('cells', 'text', (column) => column.notNull())
    // Sealed JSON object of the secret answers (column → answer); NULL: none.
    .addColumn('sealed_secrets', 'text')
    // pending | created (its envelope made, not yet sent) | sent | failed
    .addColumn('status', 'varchar(16)', (column) => column.notNull())
    .addColumn('envelope_id', 'varchar(40)')
    // The problem's detail, and its field errors as JSON, for a failed row.
    .addColumn('detail', 'text')
    .addColumn('errors', 'text')
    .addColumn('updated_at', 'varchar(32)', (column) => column.notNull())
    .addPrimaryKeyConstraint('bulk_send_rows_pk', ['bulk_send_id', 'row_number'])
    .execute();
}
