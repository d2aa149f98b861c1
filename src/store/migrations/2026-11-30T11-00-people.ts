import { sql, type Kysely } from 'kysely';

/**
 * People, roles and keys (issue 7). Frozen once landed. Accounts gain a status (invited people have
 * no password yet); invitations keep only the SHA-256 of their one-time token; API keys belong to an
 * account and carry scopes; envelopes and documents record who created them and whether they are
 * shared with everyone; the audit log is append-only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // 'invited' until the person sets a password through their invitation, then 'active'.
  await db.schema.alterTable('accounts').addColumn('status', 'varchar(16)', (column) => column.notNull().defaultTo('active')).execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
    .addColumn('account_id', 'varchar(40)', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
    // SHA-256 (hex) of the token in the link: a copy of the database holds no usable invitation.
    .addColumn('token_hash', 'varchar(64)', (column) => column.notNull().unique())
    .addColumn('created_by', 'varchar(40)')
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .addColumn('expires_at', 'varchar(32)', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('invitations_account_idx').on('invitations').column('account_id').execute();

  // NULL account: an installation key (the first-start key, or one made with COUNTERSIGN_API_KEY),
  // owner-level. NULL scopes: every scope its role grants (keys made before scopes existed).
  await db.schema.alterTable('api_keys').addColumn('account_id', 'varchar(40)').execute();
  await db.schema.alterTable('api_keys').addColumn('scopes', 'text').execute();

  for (const table of ['envelopes', 'documents']) {
    await db.schema.alterTable(table).addColumn('created_by', 'varchar(40)').execute();
    // 'private' (its creator, and admins) or 'shared' (everyone who may read).
    await db.schema.alterTable(table).addColumn('visibility', 'varchar(16)', (column) => column.notNull().defaultTo('private')).execute();
    await db.schema.createIndex(`${table}_created_by_idx`).on(table).column('created_by').execute();
    // Rows from before people existed belong to the owner (when there is one already).
    await sql`update ${sql.table(table)} set created_by = (select min(id) from accounts where role = 'owner')`.execute(db);
  }

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
    .addColumn('occurred_at', 'varchar(32)', (column) => column.notNull())
    // 'user' (signed in to the web app), 'key' (an API key) or 'environment' (COUNTERSIGN_API_KEY).
    .addColumn('actor_type', 'varchar(16)', (column) => column.notNull())
    .addColumn('actor_id', 'varchar(40)', (column) => column.notNull())
    // The email or key name at the time: the log must stay readable after the actor is removed.
    .addColumn('actor_name', 'varchar(254)', (column) => column.notNull())
    // The account a key belongs to, if any.
    .addColumn('actor_account_id', 'varchar(40)')
    .addColumn('action', 'varchar(64)', (column) => column.notNull())
    .addColumn('target_id', 'varchar(40)')
    .addColumn('target_name', 'varchar(254)')
    .addColumn('request_id', 'varchar(40)')
    .execute();
}
