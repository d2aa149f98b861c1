import type { Kysely } from 'kysely';

/**
 * What the content check found when a document was uploaded (issue 7, finding 11): the page count
 * of a PDF (null for other types) and the warnings about active content (JavaScript, launch actions,
 * macros), as a JSON array of `{ code, message }`. Documents uploaded before the check get no pages
 * and an empty list. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('documents').addColumn('page_count', 'integer').execute();
  await db.schema
    .alterTable('documents')
    .addColumn('warnings', 'text', (column) => column.notNull().defaultTo('[]'))
    .execute();
}
