import { NotFoundError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import type { ArtifactKind } from '../../providers/provider.js';
import * as store from '../../store/envelopes.js';
import { loadConnection, providerFor } from '../connections.js';
import { timestamp, type AppContext } from '../context.js';
import { newEvent } from './history.js';

export const ARTIFACTS_JOB = 'archive-artifacts';

export interface Artifact {
  id: string;
  kind: ArtifactKind;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  documentId: string | null;
  createdAt: string;
}

/**
 * Fetches the signed files (and the audit proof where the provider has one) of a completed envelope
 * into the blob store, streamed. Repeatable: a rerun replaces what an earlier, interrupted run stored.
 */
export async function archiveArtifacts(context: AppContext, data: { envelopeId: string }): Promise<{ stored: number }> {
  const envelope = await store.findEnvelope(context.db, data.envelopeId);
  if (!envelope || envelope.status !== 'completed' || !envelope.providerReference || !envelope.connectionId) return { stored: 0 };
  const provider = providerFor(context, await loadConnection(context, envelope.connectionId));
  const kinds: ArtifactKind[] = provider.capabilities.auditProof === 'none' ? ['signed'] : ['signed', 'audit'];

  const stored: Array<Artifact & { blobKey: string }> = [];
  try {
    for (const kind of kinds) {
      for await (const file of provider.download(envelope.providerReference, kind)) {
        const blob = await context.blobs.write(await file.open());
        stored.push({
          id: newId('art'),
          kind,
          filename: file.filename,
          mediaType: file.mediaType,
          size: blob.size,
          sha256: blob.sha256,
          documentId: file.documentId ?? null,
          createdAt: timestamp(context),
          blobKey: blob.key,
        });
      }
    }
  } catch (error) {
    await Promise.all(stored.map((artifact) => context.blobs.delete(artifact.blobKey)));
    throw error;
  }

  const replaced = await context.db.transaction().execute(async (transaction) => {
    const previous = await transaction.selectFrom('artifacts').select('blob_key').where('envelope_id', '=', envelope.id).execute();
    await transaction.deleteFrom('artifacts').where('envelope_id', '=', envelope.id).execute();
    for (const artifact of stored) {
      await transaction
        .insertInto('artifacts')
        .values({
          id: artifact.id,
          envelope_id: envelope.id,
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
    await store.appendEvent(transaction, envelope.id, newEvent(context, { source: 'system' }, 'artifacts-archived', { count: stored.length, kinds }));
    return previous.map((row) => row.blob_key);
  });
  await Promise.all(replaced.map((key) => context.blobs.delete(key)));
  return { stored: stored.length };
}

export async function listArtifacts(context: AppContext, envelopeId: string): Promise<Artifact[]> {
  if (!(await store.findEnvelope(context.db, envelopeId))) throw new NotFoundError('envelope', envelopeId);
  const rows = await context.db.selectFrom('artifacts').selectAll().where('envelope_id', '=', envelopeId).orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as ArtifactKind,
    filename: row.filename,
    mediaType: row.media_type,
    size: Number(row.size),
    sha256: row.sha256,
    documentId: row.document_id,
    createdAt: row.created_at,
  }));
}

export async function openArtifact(context: AppContext, envelopeId: string, artifactId: string) {
  const row = await context.db
    .selectFrom('artifacts')
    .selectAll()
    .where('envelope_id', '=', envelopeId)
    .where('id', '=', artifactId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('artifact', artifactId);
  return { filename: row.filename, mediaType: row.media_type, size: Number(row.size), sha256: row.sha256, content: await context.blobs.read(row.blob_key) };
}
