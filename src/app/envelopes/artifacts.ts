import { NotFoundError } from '../../domain/errors.js';
import { newId } from '../../store/ids.js';
import type { ArtifactKind } from '../../providers/provider.js';
import * as artifactStore from '../../store/artifacts.js';
import * as store from '../../store/envelopes.js';
import { loadConnection, providerFor } from '../connections.js';
import { timestamp, type AppContext } from '../context.js';
import { artifactsArchived, withEvents, type ArtifactResource } from '../events/outbox.js';
import { newEvent } from './history.js';

export const ARTIFACTS_JOB = 'archive-artifacts';

/** An archived file as the API lists it (the events feed carries the same shape). */
export type Artifact = ArtifactResource;

/**
 * Fetches the signed files (and the audit proof where the provider has one) of a completed envelope
 * into the blob store, streamed, and stores them with their `artifact.archived` events in one
 * transaction. Once: a run after one that committed — its job's completion lost to a crash, or two runs
 * at once — keeps the files stored first and makes no event (a host would otherwise hear of files
 * that replace ones it was told of). A run cut short before its commit leaves blobs that the start's
 * sweep of orphans removes.
 */
export async function archiveArtifacts(context: AppContext, data: { envelopeId: string }, signal?: AbortSignal): Promise<{ stored: number }> {
  const envelope = await store.findEnvelope(context.db, data.envelopeId);
  if (!envelope || envelope.status !== 'completed' || !envelope.providerReference || !envelope.connectionId) return { stored: 0 };
  if ((await artifactStore.listArtifacts(context.db, envelope.id)).length > 0) return { stored: 0 };
  const provider = await providerFor(context, await loadConnection(context, envelope.connectionId));
  const kinds: ArtifactKind[] = provider.capabilities.auditProof === 'none' ? ['signed'] : ['signed', 'audit'];

  const stored: Array<Artifact & { blobKey: string }> = [];
  try {
    for (const kind of kinds) {
      for await (const file of provider.download(envelope.providerReference, kind, { signal })) {
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

  const kept = await withEvents(context, async (transaction) => {
    if (!(await artifactStore.insertArtifactsOnce(transaction, envelope.id, stored))) return false;
    await store.appendEvent(transaction, envelope.id, newEvent(context, { source: 'system' }, 'artifacts-archived', { count: stored.length, kinds }));
    artifactsArchived(transaction, envelope.id, stored.map(({ blobKey: _internal, ...artifact }) => artifact));
    return true;
  });
  if (!kept) await Promise.all(stored.map((artifact) => context.blobs.delete(artifact.blobKey)));
  return { stored: kept ? stored.length : 0 };
}

export async function listArtifacts(context: AppContext, envelopeId: string): Promise<Artifact[]> {
  if (!(await store.findEnvelope(context.db, envelopeId))) throw new NotFoundError('envelope', envelopeId);
  const rows = await artifactStore.listArtifacts(context.db, envelopeId);
  return rows.map(({ blobKey: _internal, ...artifact }) => ({ ...artifact, kind: artifact.kind as ArtifactKind }));
}

export async function openArtifact(context: AppContext, envelopeId: string, artifactId: string) {
  const artifact = await artifactStore.findArtifact(context.db, envelopeId, artifactId);
  if (!artifact) throw new NotFoundError('artifact', artifactId);
  const { filename, mediaType, size, sha256 } = artifact;
  return { filename, mediaType, size, sha256, content: await context.blobs.read(artifact.blobKey) };
}
