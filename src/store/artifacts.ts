import type { Db } from './database.js';
import { lockRows } from './locking.js';
import type { ArtifactsTable } from './schema.js';

/** A signed file or audit proof kept for an envelope, with where its content is in the blob store. */
export interface StoredArtifact {
  id: string;
  kind: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  blobKey: string;
  documentId: string | null;
  createdAt: string;
}

function toArtifact(row: ArtifactsTable): StoredArtifact {
  return {
    id: row.id,
    kind: row.kind,
    filename: row.filename,
    mediaType: row.media_type,
    size: Number(row.size),
    sha256: row.sha256,
    blobKey: row.blob_key,
    documentId: row.document_id,
    createdAt: row.created_at,
  };
}

/**
 * Puts these artifacts in place of the envelope's earlier ones. Returns the blob keys of the rows it
 * replaced, for the caller to delete once the transaction has committed.
 */
/**
 * Stores an envelope's archived files, unless it has some already: false then, and nothing written.
 * Two archivings of one envelope at once (a job retried while its first run still went on): the second
 * waits for the first's lock, then finds its files.
 */
export async function insertArtifactsOnce(db: Db, envelopeId: string, artifacts: readonly StoredArtifact[]): Promise<boolean> {
  await lockRows(db, 'envelopes', [envelopeId]);
  if (await db.selectFrom('artifacts').select('id').where('envelope_id', '=', envelopeId).limit(1).executeTakeFirst()) return false;
  for (const artifact of artifacts) {
    await db
      .insertInto('artifacts')
      .values({
        id: artifact.id,
        envelope_id: envelopeId,
        kind: artifact.kind,
        filename: artifact.filename,
        media_type: artifact.mediaType,
        size: artifact.size,
        sha256: artifact.sha256,
        blob_key: artifact.blobKey,
        document_id: artifact.documentId,
        created_at: artifact.createdAt,
      })
      .execute();
  }
  return true;
}

export async function listArtifacts(db: Db, envelopeId: string): Promise<StoredArtifact[]> {
  const rows = await db.selectFrom('artifacts').selectAll().where('envelope_id', '=', envelopeId).orderBy('id').execute();
  return rows.map(toArtifact);
}

export async function findArtifact(db: Db, envelopeId: string, artifactId: string): Promise<StoredArtifact | undefined> {
  const row = await db.selectFrom('artifacts').selectAll().where('envelope_id', '=', envelopeId).where('id', '=', artifactId).executeTakeFirst();
  return row && toArtifact(row);
}
