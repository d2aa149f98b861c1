import { nameArtifacts } from '../../domain/artifact-names.js';
import { NotFoundError } from '../../domain/errors.js';
import { newId } from '../../store/ids.js';
import type { ArtifactKind } from '../../providers/provider.js';
import * as archiveStore from '../../store/envelope-archives.js';
import * as artifactStore from '../../store/artifacts.js';
import * as store from '../../store/envelopes.js';
import { loadConnection, providerFor } from '../connections.js';
import { timestamp, type AppContext } from '../context.js';
import { artifactsArchived, withEvents, type ArtifactResource } from '../events/outbox.js';
import { newEvent } from './history.js';

export const ARTIFACTS_JOB = 'archive-artifacts';

/** The archive cannot be made, whatever the number of attempts (the envelope is gone from the provider). */
export class ArchiveImpossibleError extends Error {
  override readonly name = 'ArchiveImpossibleError';
}

/** An archived file as the API lists it (the events feed carries the same shape). */
export type Artifact = ArtifactResource;

/**
 * Fetches the signed files (and the audit proof where the provider has one) of a completed envelope
 * into the blob store, streamed, and stores them with their `artifact.archived` events in one
 * transaction. Once: a run after one that committed — its job's completion lost to a crash, or two runs
 * at once — keeps the files stored first and makes no event (a host would otherwise hear of files
 * that replace ones it was told of). A run cut short before its commit leaves blobs that the start's
 * sweep of orphans removes. The files are named and tied to their documents by `nameArtifacts`.
 * The envelope's archive step (store/envelope-archives.ts) is marked `archived` with the files, as attempt `attempt` (by default the one after those recorded). Throws
 * when a file cannot be fetched or stored; src/app/envelopes/archive.ts records that and retries.
 */
export async function archiveArtifacts(context: AppContext, data: { envelopeId: string; attempt?: number }, signal?: AbortSignal): Promise<{ stored: number }> {
  const envelope = await store.findEnvelope(context.db, data.envelopeId);
  if (!envelope) return { stored: 0 };
  const archive = await archiveStore.findArchive(context.db, envelope.id);
  if (archive?.status === 'archived') return { stored: 0 };
  const attempt = data.attempt ?? (archive?.attemptCount ?? 0) + 1;
  if ((await artifactStore.listArtifacts(context.db, envelope.id)).length > 0) {
    await archiveStore.markArchived(context.db, envelope.id, attempt, timestamp(context));
    return { stored: 0 };
  }
  if (envelope.status !== 'completed' || !envelope.providerReference || !envelope.connectionId) {
    if (!archive) return { stored: 0 };
    throw new ArchiveImpossibleError(
      `Envelope ${envelope.id} is ${envelope.status}, so its signed files can no longer be fetched from the provider; download them at the provider if it still keeps them.`,
    );
  }
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
  // Stored under the names people see (`<document>-signed.pdf`, `<title>-audit-proof.xml`), each signed
  // file tied to its original where the provider's answer allows: src/domain/artifact-names.ts.
  nameArtifacts(stored, envelope).forEach((name, index) => Object.assign(stored[index]!, name));

  const kept = await withEvents(context, async (transaction) => {
    if (!(await artifactStore.insertArtifactsOnce(transaction, envelope.id, stored))) return false;
    await archiveStore.markArchived(transaction, envelope.id, attempt, timestamp(context));
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
