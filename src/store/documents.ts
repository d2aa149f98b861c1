import type { DocumentRecord, DocumentWarning } from '../domain/envelope.js';
import type { Db } from './database.js';
import type { DocumentsTable } from './schema.js';
import { decodeCursor, toPage, type Page } from './pagination.js';

export function toDocument(row: DocumentsTable): DocumentRecord {
  return {
    id: row.id,
    filename: row.filename,
    mediaType: row.media_type,
    size: Number(row.size),
    sha256: row.sha256,
    blobKey: row.blob_key,
    createdAt: row.created_at,
    pageCount: row.page_count === null ? null : Number(row.page_count),
    warnings: JSON.parse(row.warnings) as DocumentWarning[],
  };
}

export async function insertDocument(db: Db, document: DocumentRecord): Promise<void> {
  await db
    .insertInto('documents')
    .values({
      id: document.id,
      filename: document.filename,
      media_type: document.mediaType,
      size: document.size,
      sha256: document.sha256,
      blob_key: document.blobKey,
      created_at: document.createdAt,
      page_count: document.pageCount,
      warnings: JSON.stringify(document.warnings),
    })
    .execute();
}

export async function findDocument(db: Db, id: string): Promise<DocumentRecord | undefined> {
  const row = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toDocument(row);
}

export async function findDocuments(db: Db, ids: readonly string[]): Promise<DocumentRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('documents').selectAll().where('id', 'in', ids).execute();
  return rows.map(toDocument);
}

export async function listDocuments(db: Db, options: { limit: number; cursor?: string }): Promise<Page<DocumentRecord>> {
  const before = decodeCursor(options.cursor);
  let query = db.selectFrom('documents').selectAll().orderBy('id', 'desc').limit(options.limit + 1);
  if (before) query = query.where('id', '<', before);
  const rows = await query.execute();
  return toPage(rows.map(toDocument), options.limit);
}

export async function deleteDocumentRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('documents').where('id', '=', id).execute();
}

/** The envelopes that list this document, with their statuses. */
export async function envelopesUsingDocument(db: Db, documentId: string): Promise<Array<{ id: string; status: string }>> {
  return db
    .selectFrom('envelope_documents')
    .innerJoin('envelopes', 'envelopes.id', 'envelope_documents.envelope_id')
    .select(['envelopes.id as id', 'envelopes.status as status'])
    .where('envelope_documents.document_id', '=', documentId)
    .execute();
}
