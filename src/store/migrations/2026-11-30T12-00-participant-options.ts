import type { Kysely } from 'kysely';

/**
 * What a participant can be asked beyond name and role (issue 8). Frozen once landed. NULL in the JSON
 * columns means "the default" (email link, no fields), so rows from before stay valid as they are.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // JSON array of {method, question?, scheme?}; a secret's answer is never in it (see secret_answer).
  await db.schema.alterTable('participants').addColumn('authentication', 'text').execute();
  // The answer to a `secret` authentication, sealed with the participant id as context (src/app/secrets.ts).
  await db.schema.alterTable('participants').addColumn('secret_answer', 'text').execute();
  // 'basic' | 'advanced' | 'qualified'; NULL: the provider's default.
  await db.schema.alterTable('participants').addColumn('signature_level', 'varchar(16)').execute();
  await db.schema.alterTable('participants').addColumn('language', 'varchar(16)').execute();
  // 'email' | 'embedded'; an embedded participant's return URL (a user URL, never fetched by Countersign).
  await db.schema.alterTable('participants').addColumn('delivery_mode', 'varchar(16)', (column) => column.notNull().defaultTo('email')).execute();
  await db.schema.alterTable('participants').addColumn('return_url', 'text').execute();
  // JSON array of signature fields (box or anchor).
  await db.schema.alterTable('participants').addColumn('fields', 'text').execute();
}
