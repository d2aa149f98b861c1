/**
 * PDF renditions of office documents (issue 11): made in the background after upload by the
 * `convert-document` job, kept beside the original, and sent instead of it to providers that sign only
 * PDF. The job is enqueued in the upload's transaction (no document without its job), one per
 * document (singleton key), and records its outcome only while the rendition is still pending, so a
 * repeated or late run changes nothing and a document deleted meanwhile leaves no blob behind.
 */

import type { Readable } from 'node:stream';
import type { DocumentRecord, DocumentRendition } from '../../domain/envelope.js';
import { ConflictError, CountersignError, NotFoundError, type FieldError } from '../../domain/errors.js';
import { fileKindOf } from '../../domain/file-kinds.js';
import { fromKysely, type JobContext, type SqlExecutor } from '../../jobs/queue.js';
import type { Capabilities } from '../../providers/capabilities.js';
import type { Db } from '../../store/database.js';
import * as documents from '../../store/documents.js';
import type { AppContext } from '../context.js';
import { ConversionError, ConverterUnavailableError } from './converter.js';
import { unavailableMessage } from './libreoffice.js';

export const CONVERT_JOB = 'convert-document';

/** Attempts of a conversion; a ConversionError is final at once, other failures (a full disk) are retried. */
const CONVERT_MAX_ATTEMPTS = 3;

/** Office documents get a rendition; PDFs (and anything else) do not. */
export function needsRendition(mediaType: string): boolean {
  const kind = fileKindOf(mediaType);
  return kind !== undefined && kind !== 'pdf';
}

/** The rendition a new document starts with: none for a PDF, pending with a converter, unavailable without. */
export function initialRendition(context: Pick<AppContext, 'converter'>, mediaType: string): DocumentRendition | null {
  if (!needsRendition(mediaType)) return null;
  const empty = { pages: null, size: null, sha256: null, blobKey: null };
  if (context.converter?.canConvert(mediaType)) return { status: 'pending', ...empty, error: null };
  return { status: 'unavailable', ...empty, error: unavailableMessage(undefined) };
}

/** Enqueues the conversion of a pending rendition; through `executor` (the upload's transaction) when given. */
export async function enqueueConversion(context: Pick<AppContext, 'queue'>, documentId: string, executor?: SqlExecutor): Promise<void> {
  await context.queue.enqueue(CONVERT_JOB, { documentId }, { singletonKey: documentId, maxAttempts: CONVERT_MAX_ATTEMPTS, executor });
}

/** The job: converts the document and records the rendition (ready, failed or unavailable). */
export async function runConvertJob(context: AppContext, data: { documentId: string }, job: JobContext): Promise<unknown> {
  const document = await documents.findDocument(context.db, data.documentId);
  if (!document || document.rendition?.status !== 'pending') return { skipped: document?.rendition?.status ?? 'deleted' };
  const converter = context.converter;
  if (!converter) {
    await documents.settleRendition(context.db, document.id, { status: 'unavailable', error: unavailableMessage(undefined) });
    return { status: 'unavailable' };
  }
  let made: Awaited<ReturnType<typeof converter.toPdf>>;
  try {
    made = await converter.toPdf({ ...document, open: () => context.blobs.read(document.blobKey) }, { signal: job.signal });
  } catch (error) {
    if (job.signal.aborted) throw error;
    if (ConverterUnavailableError.is(error)) {
      await documents.settleRendition(context.db, document.id, { status: 'unavailable', error: error.message });
      return { status: 'unavailable' };
    }
    const lastAttempt = job.job.attempts >= job.job.maxAttempts;
    if (ConversionError.is(error) || lastAttempt) {
      const reason = ConversionError.is(error) ? error.message : `Converting ${document.filename} failed ${job.job.attempts} times: ${(error as Error).message}`;
      context.logger.warn({ documentId: document.id, err: error }, 'document conversion failed');
      await documents.settleRendition(context.db, document.id, { status: 'failed', error: reason });
      return { status: 'failed' };
    }
    throw error;
  }
  const { blob, pages } = made;
  const recorded = await documents.settleRendition(context.db, document.id, { status: 'ready', blobKey: blob.key, size: blob.size, sha256: blob.sha256, pages });
  // Deleted (or settled by another run) while converting: the new PDF belongs to nobody.
  if (!recorded) {
    await context.blobs.delete(blob.key);
    return { skipped: 'settled meanwhile' };
  }
  return { status: 'ready', pages };
}

/**
 * At start: enqueues the conversions still awaited (the singleton key makes a job already queued
 * count once), and, now that a converter is installed, retries the documents uploaded while it was
 * not. Returns how many were enqueued.
 */
export async function resumeConversions(context: AppContext): Promise<number> {
  if (!context.converter) return 0;
  const pending = await documents.documentsWithRendition(context.db, ['pending']);
  for (const id of await documents.documentsWithRendition(context.db, ['unavailable'])) {
    if (await documents.reopenRendition(context.db, id)) pending.push(id);
  }
  for (const id of pending) await enqueueConversion(context, id);
  return pending.length;
}

/** Enqueues the document's conversion, when it needs one, in the transaction that writes its row: neither exists without the other. */
export async function enqueueConversionIn(context: AppContext, transaction: Db, document: Pick<DocumentRecord, 'id' | 'rendition'>): Promise<void> {
  if (document.rendition?.status === 'pending') await enqueueConversion(context, document.id, fromKysely(transaction));
}

/** The rendition's PDF, for download: 404 when the document has none (or it failed, or cannot be made here), 409 while it is being made. */
export async function openRendition(context: AppContext, documentId: string): Promise<{ document: DocumentRecord; rendition: DocumentRendition; content: Readable }> {
  const document = await documents.findDocument(context.db, documentId);
  if (!document) throw new NotFoundError('document', documentId);
  const rendition = document.rendition;
  if (!rendition) throw new NotFoundError('PDF rendition of document', documentId);
  if (rendition.status === 'pending') throw stillConverting(document);
  if (rendition.status !== 'ready' || rendition.blobKey === null) {
    throw new CountersignError('NOT_FOUND', renditionUnusable(document, rendition));
  }
  return { document, rendition, content: await context.blobs.read(rendition.blobKey) };
}

/** The file name a rendition goes out under: the original's with `.pdf`. */
export function renditionFilename(filename: string): string {
  return `${filename.replace(/\.[^.]*$/, '')}.pdf`;
}

/** 409: the rendition is still being made; the client (or the send job) tries again shortly. */
export function stillConverting(document: Pick<DocumentRecord, 'id' | 'filename'>): ConflictError & { retryAfterMs: number } {
  const error = new ConflictError(`Document ${document.filename} (${document.id}) is still being converted to PDF; try again in a moment.`);
  return Object.assign(error, { retryAfterMs: 5_000 });
}

/**
 * Whether the provider needs the document's PDF rendition: it does not sign the document's kind but
 * signs PDF. A document without a rendition record (a PDF, or an office file from before renditions)
 * never does.
 */
export function usesRendition(document: Pick<DocumentRecord, 'mediaType' | 'rendition'>, capabilities: Capabilities): boolean {
  const kind = fileKindOf(document.mediaType);
  if (kind !== undefined && capabilities.fileKinds.includes(kind)) return false;
  return capabilities.fileKinds.includes('pdf') && document.rendition != null;
}

/**
 * The send request's document problems that renditions explain better than the generic "accepts pdf
 * files": a failed rendition (with LibreOffice's complaint) or none possible (naming the packages).
 * Paths are the send request's (`documents[1]`), in the envelope's document order.
 */
export function renditionProblems(envelopeDocuments: ReadonlyArray<{ id: string }>, stored: readonly DocumentRecord[], capabilities: Capabilities): FieldError[] {
  const problems: FieldError[] = [];
  envelopeDocuments.forEach((listed, index) => {
    const document = stored.find((candidate) => candidate.id === listed.id);
    if (!document?.rendition || !usesRendition(document, capabilities)) return;
    if (document.rendition.status === 'failed' || document.rendition.status === 'unavailable') {
      problems.push({ path: `documents[${index}]`, message: renditionUnusable(document, document.rendition) });
    }
  });
  return problems;
}

/** Why a failed or unavailable rendition cannot be sent, naming the document and what to do. */
export function renditionUnusable(document: Pick<DocumentRecord, 'id' | 'filename'>, rendition: DocumentRendition): string {
  if (rendition.status === 'unavailable') {
    return `${document.filename} (${document.id}) has no PDF version: ${rendition.error ?? unavailableMessage(undefined)} Or convert it to PDF yourself and upload that.`;
  }
  return `${document.filename} (${document.id}) could not be converted to PDF: ${rendition.error ?? 'LibreOffice gave no reason'} Open it in the program that made it, save it again (or export it as PDF) and upload the new file.`;
}

/** Pages for field checks: a PDF's own count, else its rendition's once made (null: unknown, not checked). */
export function pagesForFields<T extends Pick<DocumentRecord, 'pageCount' | 'rendition'>>(document: T): T & { pageCount: number | null } {
  return { ...document, pageCount: document.pageCount ?? document.rendition?.pages ?? null };
}

/**
 * At send-request time: 409 while a document the provider needs as PDF is still being converted, so
 * the request is made again in a moment rather than accepted and left waiting.
 */
export async function refuseWhileConverting(stored: readonly DocumentRecord[], capabilities: Capabilities): Promise<void> {
  const pending = stored.find((document) => document.rendition?.status === 'pending' && usesRendition(document, capabilities));
  if (pending) throw stillConverting(pending);
}
