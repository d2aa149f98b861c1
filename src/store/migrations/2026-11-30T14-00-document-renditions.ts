import type { Kysely } from 'kysely';

/**
 * The PDF rendition of an office document (issue 11), made in the background by LibreOffice and kept
 * beside the original: its status ('pending' | 'ready' | 'failed' | 'unavailable'; NULL for a PDF and
 * for rows from before), its blob, size, hash and page count when ready, the reason when not.
 * Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('documents').addColumn('rendition_status', 'varchar(16)').execute();
  await db.schema.alterTable('documents').addColumn('rendition_blob_key', 'text').execute();
  await db.schema.alterTable('documents').addColumn('rendition_size', 'bigint').execute();
  await db.schema.alterTable('documents').addColumn('rendition_sha256', 'varchar(64)').execute();
  await db.schema.alterTable('documents').addColumn('rendition_page_count', 'integer').execute();
  await db.schema.alterTable('documents').addColumn('rendition_error', 'text').execute();
}
