import type { Readable } from 'node:stream';
import { envelopeFileName } from '../../domain/artifact-names.js';
import { InvalidStateError } from '../../domain/errors.js';
import * as artifactStore from '../../store/artifacts.js';
import type { AppContext } from '../context.js';
import { renderCertificatePage } from './certificate-page.js';
import { completedEnvelope, completionCertificate } from './certificate.js';

export interface ArtifactsZip {
  filename: string;
  /** The ZIP's exact length (every entry is stored, not deflated, and its size is known); null if yazl cannot tell. */
  size: number | null;
  stream: Readable;
}

/**
 * Every archived file of a completed envelope, and its completion certificate as an HTML page, in one
 * ZIP that is streamed as it is written: each file is read from the blob store only when its turn
 * comes (yazl's lazy entries), so a large envelope never sits in memory or holds every file open.
 * Entries are stored, not deflated: signed PDFs are compressed already, and a stored ZIP's length is
 * known before the first byte, so the download can say how long it is. 409 until the envelope is
 * completed and its files are archived, saying which.
 */
export async function openArtifactsZip(context: AppContext, envelopeId: string): Promise<ArtifactsZip> {
  const envelope = await completedEnvelope(context, envelopeId, 'a ZIP of its signed files');
  if (envelope.archive?.status !== 'archived') {
    throw new InvalidStateError(
      envelope.archive?.status === 'failed'
        ? `Envelope ${envelopeId}'s signed files could not be fetched from the provider (${envelope.archive.lastError ?? 'no reason given'}); try again with POST /api/v1/envelopes/${envelopeId}/archive, then download them.`
        : `Envelope ${envelopeId}'s signed files are still being fetched from the provider${envelope.archive?.nextAttemptAt ? ` (next attempt at ${envelope.archive.nextAttemptAt})` : ''}; download them once its archive.status is archived.`,
      envelope.status,
    );
  }
  const [artifacts, certificate] = await Promise.all([artifactStore.listArtifacts(context.db, envelopeId), completionCertificate(context, envelopeId)]);
  const { ZipFile } = await import('yazl');
  const zip = new ZipFile();
  const opened = new Set<Readable>();
  for (const artifact of artifacts) {
    zip.addReadStreamLazy(artifact.filename, { size: artifact.size, compress: false, mtime: new Date(artifact.createdAt) }, (done) => {
      context.blobs.read(artifact.blobKey).then((content) => {
        opened.add(content);
        // yazl does not listen for its sources' errors: a file that fails to read must end the download.
        content.once('error', (error) => output.destroy(error)).once('close', () => opened.delete(content));
        done(null, content);
      }, (error: unknown) => done(error, undefined as never));
    });
  }
  const page = Buffer.from(renderCertificatePage(certificate), 'utf8');
  zip.addBuffer(page, envelopeFileName(envelope.title, 'completion-certificate', 'html'), { compress: false, mtime: new Date(certificate.generatedAt) });

  const output = zip.outputStream as Readable;
  zip.once('error', (error: Error) => output.destroy(error));
  // A download cut short (the client went away) stops reading the file under way.
  output.once('close', () => opened.forEach((content) => content.destroy()));
  // yazl works the length out as it ends, before any entry is read (-1: it cannot).
  const size = await new Promise<number>((resolve) => zip.end(undefined, resolve as () => void));
  return { filename: envelopeFileName(envelope.title, 'signed-files', 'zip'), size: size >= 0 ? size : null, stream: output };
}
