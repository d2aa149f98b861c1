import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import type { DocumentRecord, DocumentWarning, Ownership } from '../../domain/envelope.js';
import { CountersignError, InvalidStateError, NotFoundError } from '../../domain/errors.js';
import { newId } from '../../store/ids.js';
import { isEnvelopeEditable, type EnvelopeStatus } from '../../domain/envelope-status.js';
import { BlobTooLargeError, type StoredBlob } from '../../store/blobs.js';
import * as documents from '../../store/documents.js';
import { templatesUsingDocument } from '../../store/templates.js';
import type { Page } from '../../store/pagination.js';
import { timestamp, type AppContext } from '../context.js';
import { removeDocumentFromEnvelopes } from '../envelopes/envelopes.js';
import { checkDocumentContent } from './content-check.js';
import { recordActionIn, type ActionRequest } from '../action-request.js';
import { crashPoint } from '../crash-point.js';
import { enqueueConversionIn, initialRendition } from './renditions.js';
import { ACCEPTED_MEDIA_TYPES, describeAcceptedTypes, detectMediaType } from './media-type.js';

/** A file written to the blob store and checked, not yet registered as a document. */
export interface StagedDocument {
  filename: string;
  mediaType: string;
  blob: StoredBlob;
  pageCount: number | null;
  warnings: DocumentWarning[];
}

/**
 * Streams an upload into the blob store, hashing it on the way, then checks it: not empty, within the
 * size limit, of an accepted type judged by its content, and well formed for that type (content-check.ts:
 * a broken PDF or a zip bomb is refused, active content is noted as a warning). A refused file is deleted before the
 * error is thrown, so nothing of it is kept.
 */
export async function stageDocument(context: AppContext, upload: { filename: string | undefined; content: Readable }): Promise<StagedDocument> {
  const { maxUploadBytes } = context.limits;
  let blob: StoredBlob;
  try {
    blob = await context.blobs.write(upload.content, { maxBytes: maxUploadBytes });
  } catch (error) {
    if (error instanceof BlobTooLargeError) throw payloadTooLarge(maxUploadBytes);
    throw error;
  }

  try {
    if (blob.size === 0) {
      throw new CountersignError('EMPTY_FILE', 'The file is empty. Choose a file with content and upload it again.');
    }
    const detected = await detectMediaType({
      size: blob.size,
      readAt: (offset, length) => context.blobs.readAt(blob.key, offset, length),
    });
    if (detected.kind === null) {
      const looksLike = detected.detected ? ` This file looks like ${detected.detected}.` : '';
      throw new CountersignError(
        'UNSUPPORTED_MEDIA_TYPE',
        `This type of file cannot be sent for signature.${looksLike} Accepted types: ${describeAcceptedTypes()}. The type is read from the file's content, not its name.`,
      );
    }
    const { extension } = ACCEPTED_MEDIA_TYPES[detected.kind];
    const findings = await checkDocumentContent(context.blobs, blob, detected.kind, context.limits);
    return { filename: cleanFilename(upload.filename, extension), mediaType: detected.mediaType, blob, ...findings };
  } catch (error) {
    await context.blobs.delete(blob.key);
    throw error;
  }
}

export function payloadTooLarge(maxBytes: number): CountersignError {
  const megabytes = Math.round(maxBytes / (1024 * 1024));
  return new CountersignError(
    'PAYLOAD_TOO_LARGE',
    `The file is larger than the ${megabytes} MB limit. Upload a smaller file, or raise COUNTERSIGN_MAX_UPLOAD_MB on the server.`,
  );
}

/** Registers a staged file as a document. If that fails, the staged bytes are removed. */
export async function commitDocument(context: AppContext, staged: StagedDocument, owner?: Ownership, apiRequest?: ActionRequest): Promise<DocumentRecord> {
  const document: DocumentRecord = {
    id: newId('doc'),
    filename: staged.filename,
    mediaType: staged.mediaType,
    size: staged.blob.size,
    sha256: staged.blob.sha256,
    blobKey: staged.blob.key,
    createdAt: timestamp(context),
    pageCount: staged.pageCount,
    warnings: staged.warnings,
    rendition: initialRendition(context, staged.mediaType),
  };
  // The bytes are in the blob store and the row is not written yet: a crash here leaves an
  // unreferenced blob, which sweepOrphanBlobs removes at the next start.
  crashPoint('document-blob-stored');
  try {
    await context.db.transaction().execute(async (transaction) => {
      await documents.insertDocument(transaction, document, owner);
      await enqueueConversionIn(context, transaction, document);
      await recordActionIn(context, transaction, apiRequest, { id: document.id });
    });
  } catch (error) {
    await context.blobs.delete(staged.blob.key);
    throw error;
  }
  return { ...document, ...(owner ?? { createdBy: null, visibility: 'private' }) };
}

export async function discardStagedDocument(context: AppContext, staged: StagedDocument): Promise<void> {
  await context.blobs.delete(staged.blob.key);
}

export async function getDocument(context: AppContext, id: string): Promise<DocumentRecord> {
  const document = await documents.findDocument(context.db, id);
  if (!document) throw new NotFoundError('document', id);
  return document;
}

export function listDocuments(context: AppContext, options: documents.DocumentListOptions): Promise<Page<DocumentRecord>> {
  return documents.listDocuments(context.db, options);
}

export async function openDocumentContent(context: AppContext, id: string): Promise<{ document: DocumentRecord; content: Readable }> {
  const document = await getDocument(context, id);
  return { document, content: await context.blobs.read(document.blobKey) };
}

/**
 * Deletes a document and its bytes. Refused while an envelope that has left `ready` uses it: those
 * envelopes are at the provider (or were), and their history must keep pointing at the file.
 * Envelopes still being prepared simply lose the document.
 */
export async function deleteDocument(context: AppContext, id: string): Promise<void> {
  const document = await getDocument(context, id);
  await context.db.transaction().execute(async (transaction) => {
    const users = await documents.envelopesUsingDocumentForUpdate(transaction, id);
    const locked = users.find((envelope) => !isEnvelopeEditable(envelope.status as EnvelopeStatus));
    if (locked) {
      throw new InvalidStateError(
        // Named as people see them (the file, the envelope's title), with the ids for those who script.
        `"${document.filename}" cannot be deleted: the envelope "${locked.title}" (${locked.id}) was sent with it (it is ${locked.status} now), and it stays as the record of what was sent.`,
        locked.status,
      );
    }
    const [template] = await templatesUsingDocument(transaction, id);
    if (template) {
      throw new InvalidStateError(
        `"${document.filename}" cannot be deleted: the template "${template.name}" (${template.id}) uses it. Delete the template first, or save a new one without the document.`,
        'in-template',
      );
    }
    await removeDocumentFromEnvelopes({ ...context, db: transaction }, id, users.map((envelope) => envelope.id));
    await documents.deleteDocumentRow(transaction, id);
  });
  await context.blobs.delete(document.blobKey);
  if (document.rendition?.blobKey) await context.blobs.delete(document.rendition.blobKey);
}

/** Keeps the user's file name for display and downloads, without any folder part or control characters. */
function cleanFilename(filename: string | undefined, extension: string): string {
  const name = basename((filename ?? '').replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 255);
  return name === '' || name === '.' || name === '..' ? `document${extension}` : name;
}
