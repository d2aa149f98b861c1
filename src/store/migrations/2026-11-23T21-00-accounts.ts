import type { Kysely } from 'kysely';

/**
 * People who sign in to the web app, their server-side sessions, and the failed sign-in counts that
 * slow down password guessing. Frozen once landed. Portable SQL (SQLite and PostgreSQL): timestamps
 * are ISO-8601 UTC text, which compares correctly as text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'varchar(40)', (column) => column.primaryKey())
    // Stored lower-case, so that uniqueness and sign-in ignore case.
    .addColumn('email', 'varchar(254)', (column) => column.notNull().unique())
    // `scrypt$N$r$p$salt$hash` (base64url), parameters kept so that they can be raised later.
    .addColumn('password_hash', 'text', (column) => column.notNull())
    .addColumn('role', 'varchar(16)', (column) => column.notNull())
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .addColumn('last_sign_in_at', 'varchar(32)')
    .execute();

  await db.schema
    .createTable('sessions')
    // SHA-256 (hex) of the cookie's secret: a copy of the database does not hold a usable session.
    .addColumn('id', 'varchar(64)', (column) => column.primaryKey())
    .addColumn('account_id', 'varchar(40)', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
    // Sealed (AES-256-GCM, bound to the session id): the web app asks for it again after a reload.
    .addColumn('csrf_token', 'text', (column) => column.notNull())
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .addColumn('last_seen_at', 'varchar(32)', (column) => column.notNull())
    // The absolute end; the idle limit is counted from last_seen_at.
    .addColumn('expires_at', 'varchar(32)', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('sessions_account_idx').on('sessions').column('account_id').execute();
  await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();

  // Keyed by the email as typed (lower-cased), whether or not an account has it: throttling an
  // unknown email the same way keeps its (non-)existence secret.
  await db.schema
    .createTable('sign_in_attempts')
    .addColumn('email', 'varchar(254)', (column) => column.primaryKey())
    .addColumn('failures', 'integer', (column) => column.notNull())
    .addColumn('locked_until', 'varchar(32)')
    .addColumn('updated_at', 'varchar(32)', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('sign_in_attempts_updated_idx').on('sign_in_attempts').column('updated_at').execute();
}
