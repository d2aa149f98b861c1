import type { Kysely } from 'kysely';

/**
 * What a request with an Idempotency-Key made: its action writes the resource's id into the key's row
 * in the transaction that does the action. A retry after a crash between that commit and the saved
 * answer then answers from the resource instead of doing the action again. And answers are kept
 * sealed from now on (an API key's creation answer carries its secret); rows written before keep
 * plain JSON until they expire (a day). Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('idempotency_keys').addColumn('resource_id', 'varchar(40)').execute();
}
