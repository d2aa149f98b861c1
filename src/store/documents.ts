import type { DocumentRecord, DocumentRendition, DocumentWarning, Ownership, RenditionStatus, Visibility } from '../domain/envelope.js';
import type { Db } from './database.js';
import { lockRows } from './locking.js';
import type { DocumentsTable } from './schema.js';
import { decodeCursor, toPage, type Page } from './pagination.js';
import { visibleTo, type Viewer } from './visibility.js';

/** Every column, named: a select of `*` is never prepared on PostgreSQL (pg-prepared.ts), and the send reads its documents (whole-row-columns.test.ts). */
export const DOCUMENT_COLUMNS = [
  'id', 'filename', 'media_type', 'size', 'sha256', 'blob_key', 'created_at', 'page_count', 'warnings', 'rendition_status',
  'rendition_blob_key', 'rendition_size', 'rendition_sha256', 'rendition_page_count', 'rendition_error', 'created_by', 'visibility',
] as const satisfies ReadonlyArray<keyof DocumentsTable>;

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
    createdBy: row.created_by,
    visibility: row.visibility as Visibility,
    rendition: toRendition(row),
  };
}

function toRendition(row: DocumentsTable): DocumentRendition | null {
  if (row.rendition_status === null) return null;
  return {
    status: row.rendition_status as RenditionStatus,
    pages: row.rendition_page_count === null ? null : Number(row.rendition_page_count),
    size: row.rendition_size === null ? null : Number(row.rendition_size),
    sha256: row.rendition_sha256,
    blobKey: row.rendition_blob_key,
    error: row.rendition_error,
  };
}

/** `owner` defaults to a private document of no account (an installation key's). */
export async function insertDocument(db: Db, document: DocumentRecord, owner: Ownership = { createdBy: null, visibility: 'private' }): Promise<void> {
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
      created_by: owner.createdBy,
      visibility: owner.visibility,
      rendition_status: document.rendition?.status ?? null,
      rendition_error: document.rendition?.error ?? null,
    })
    .execute();
}

export async function findDocument(db: Db, id: string): Promise<DocumentRecord | undefined> {
  const row = await db.selectFrom('documents').select(DOCUMENT_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toDocument(row);
}

/** `viewer` (when given) leaves out the documents that person may not see. */
export async function findDocuments(db: Db, ids: readonly string[], viewer?: Viewer): Promise<DocumentRecord[]> {
  if (ids.length === 0) return [];
  let query = db.selectFrom('documents').select(DOCUMENT_COLUMNS).where('id', 'in', ids);
  if (viewer) query = query.where(visibleTo(viewer));
  const rows = await query.execute();
  return rows.map(toDocument);
}

export interface DocumentListOptions {
  limit: number;
  cursor?: string;
  /** When given, only the documents this person may see. */
  viewer?: Viewer;
}

export async function listDocuments(db: Db, options: DocumentListOptions): Promise<Page<DocumentRecord>> {
  const before = decodeCursor(options.cursor);
  let query = db.selectFrom('documents').select(DOCUMENT_COLUMNS).orderBy('id', 'desc').limit(options.limit + 1);
  if (options.viewer) query = query.where(visibleTo(options.viewer));
  if (before) query = query.where('id', '<', before);
  const rows = await query.execute();
  return toPage(rows.map(toDocument), options.limit);
}

export async function deleteDocumentRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('documents').where('id', '=', id).execute();
}

/** The envelopes that list this document, with their statuses. */
/**
 * The envelopes that use the document, with their statuses, their rows locked for the rest of the
 * caller's transaction (`lockRows`): their statuses cannot change before the caller's change lands.
 */
export async function envelopesUsingDocumentForUpdate(db: Db, documentId: string): Promise<Array<{ id: string; title: string; status: string }>> {
  await lockRows(db, 'envelopes', (await envelopesUsingDocument(db, documentId)).map((envelope) => envelope.id));
  return envelopesUsingDocument(db, documentId);
}

async function envelopesUsingDocument(db: Db, documentId: string): Promise<Array<{ id: string; title: string; status: string }>> {
  return db
    .selectFrom('envelope_documents')
    .innerJoin('envelopes', 'envelopes.id', 'envelope_documents.envelope_id')
    .select(['envelopes.id as id', 'envelopes.title as title', 'envelopes.status as status'])
    .where('envelope_documents.document_id', '=', documentId)
    .execute();
}

/** Whether `viewer` may see the document: false for a private document of someone else, and for none. */
export async function isDocumentVisible(db: Db, id: string, viewer: Viewer): Promise<boolean> {
  const row = await db.selectFrom('documents').select('id').where('id', '=', id).where(visibleTo(viewer)).executeTakeFirst();
  return row !== undefined;
}

export async function setDocumentVisibility(db: Db, id: string, visibility: Visibility): Promise<void> {
  await db.updateTable('documents').set({ visibility }).where('id', '=', id).execute();
}

/**
 * Records the outcome of a conversion, only while the rendition is still awaited: false when the
 * document was deleted or its rendition settled meanwhile (the caller then removes the blob it made).
 */
export async function settleRendition(
  db: Db,
  id: string,
  outcome:
    | { status: 'ready'; blobKey: string; size: number; sha256: string; pages: number }
    | { status: 'failed' | 'unavailable'; error: string },
): Promise<boolean> {
  const values =
    outcome.status === 'ready'
      ? { rendition_status: 'ready', rendition_blob_key: outcome.blobKey, rendition_size: outcome.size, rendition_sha256: outcome.sha256, rendition_page_count: outcome.pages, rendition_error: null }
      : { rendition_status: outcome.status, rendition_error: outcome.error };
  const result = await db.updateTable('documents').set(values).where('id', '=', id).where('rendition_status', '=', 'pending').executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Sets an unavailable rendition back to pending (LibreOffice has been installed since); true when it was unavailable. */
export async function reopenRendition(db: Db, id: string): Promise<boolean> {
  const result = await db
    .updateTable('documents')
    .set({ rendition_status: 'pending', rendition_error: null })
    .where('id', '=', id)
    .where('rendition_status', '=', 'unavailable')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ids of the documents whose rendition is in one of `statuses`, oldest first. */
export async function documentsWithRendition(db: Db, statuses: readonly RenditionStatus[]): Promise<string[]> {
  const rows = await db.selectFrom('documents').select('id').where('rendition_status', 'in', [...statuses]).orderBy('id').execute();
  return rows.map((row) => row.id);
}
