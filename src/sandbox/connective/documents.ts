import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { apiUserOf } from './api-users.js';
import type { ConnectiveContext } from './context.js';
import { ConnectiveError, refusals } from './errors.js';
import { setRecordedBody, loggableBody } from './faults.js';
import { asObject, optionalNumber, optionalText, requiredText, type Body } from './fields.js';
import { readJsonUpload } from './json-upload.js';
import { findMarkers, InvalidPdfError, readPdfGeometry, type PdfGeometry } from './locations.js';
import type { StoredDocument, StoredLocation, StoredPackage } from './model.js';
import { filePath, sourcePathFor } from './files.js';
import { changePackage, loadPackage } from './packages.js';

/**
 * Add Document to Package (seed 001; the reference's JSON body with base64 `Document`, and the public
 * client's multipart `Data` + `Document`), Delete Document, Get Signing Locations. A document is a PDF;
 * each SigningField becomes exactly one location, in order: a box as given, or a text marker's first
 * occurrence (found with pdfjs, locations.ts).
 */

/** Size of a signature box placed at a text marker or by default, in PDF points (about 6.4 × 2.1 cm). */
export const DEFAULT_BOX = { width: 180, height: 60 };

/** A document received and stored under a temporary name, with the request's other members. */
export interface ReceivedDocument {
  fields: Body;
  path: string;
  bytes: number;
}

const incomingPath = (context: ConnectiveContext) => join(context.store.filesDir, 'incoming', `${randomUUID()}.upload`);

/** Reads the body of an upload route, JSON (streamed) or multipart, to a temporary file. */
export async function receiveDocument(context: ConnectiveContext, request: FastifyRequest): Promise<ReceivedDocument> {
  const target = incomingPath(context);
  await mkdir(dirname(target), { recursive: true });
  if (request.isMultipart()) return receiveMultipart(context, request, target);
  const upload = request.body as ReceivedDocument | undefined;
  if (!upload || typeof upload !== 'object' || !('fields' in upload)) throw refusals.invalid('Send the document as JSON (Document in base64) or as multipart (Data and Document parts).');
  return upload;
}

async function receiveMultipart(context: ConnectiveContext, request: FastifyRequest, target: string): Promise<ReceivedDocument> {
  let fields: Body | null = null;
  let bytes = -1;
  try {
    for await (const part of request.parts({ limits: { fileSize: context.maxFileBytes } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'Document') {
          await part.toBuffer().catch(() => undefined);
          throw refusals.invalid(`Unexpected file part ${JSON.stringify(part.fieldname)}; send the file as the part "Document".`);
        }
        await pipeline(part.file, createWriteStream(target));
        if (part.file.truncated) throw refusals.tooLarge(`The document is larger than the sandbox's limit of ${context.maxFileBytes} bytes.`);
        bytes = part.file.bytesRead;
      } else if (part.fieldname === 'Data') {
        try {
          fields = asObject(JSON.parse(String(part.value)), 'The Data part');
        } catch (error) {
          throw ConnectiveError.is(error) ? error : refusals.invalid(`The Data part is not valid JSON: ${(error as Error).message}`);
        }
      }
    }
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
  if (bytes < 0) throw refusals.invalid('The multipart body has no "Document" part.');
  if (!fields) {
    await rm(target, { force: true });
    throw refusals.invalid('The multipart body has no "Data" part (JSON with DocumentName, SigningFields…).');
  }
  return { fields, path: target, bytes };
}

/**
 * Installs, in `scope`, the JSON parser of upload routes: the body streams through the base64 decoder
 * to a temporary file (json-upload.ts) and the route gets `{fields, path, bytes}`.
 */
export function installUploadParser(scope: FastifyInstance, context: ConnectiveContext): void {
  if (scope.hasContentTypeParser('application/json')) scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', async (request: FastifyRequest, payload: NodeJS.ReadableStream) => {
    const target = incomingPath(context);
    await mkdir(dirname(target), { recursive: true });
    const upload = await readJsonUpload(payload as AsyncIterable<Buffer>, { target, maxFileBytes: context.maxFileBytes });
    setRecordedBody(request, { ...(loggableBody(upload.fields) as Body), ...(upload.document ? { Document: `<base64: ${upload.document.bytes} bytes>` } : {}) });
    if (!upload.document) throw refusals.invalid('Document is required: the PDF in base64.');
    return { fields: upload.fields, path: upload.document.path, bytes: upload.document.bytes } satisfies ReceivedDocument;
  });
}

function clampBox(page: { width: number; height: number }, left: number, top: number) {
  const width = Math.min(DEFAULT_BOX.width, page.width);
  const height = Math.min(DEFAULT_BOX.height, page.height);
  return { left: Math.max(0, Math.min(left, page.width - width)), top: Math.max(0, Math.min(top, page.height - height)), width, height };
}

/** The locations of a document's SigningFields, one per field, in their order. */
export async function locationsFor(path: string, geometry: PdfGeometry, rawFields: unknown): Promise<StoredLocation[]> {
  if (rawFields === undefined || rawFields === null) return [];
  if (!Array.isArray(rawFields)) throw refusals.invalid('SigningFields must be an array.');
  const fields = rawFields.map((field, index) => asObject(field, `SigningFields[${index}]`));
  const markers = fields.map((field, index) => optionalText(field, 'MarkerOrFieldId', `SigningFields[${index}].MarkerOrFieldId`)).filter((marker): marker is string => marker !== null);
  const hits = markers.length > 0 ? await findMarkers(path, [...new Set(markers)]) : new Map();
  return fields.map((field, index) => {
    const at = `SigningFields[${index}]`;
    const label = optionalText(field, 'Label', `${at}.Label`);
    const marker = optionalText(field, 'MarkerOrFieldId', `${at}.MarkerOrFieldId`);
    if (marker !== null) {
      const hit = hits.get(marker)?.[0];
      if (!hit) throw refusals.conflict('Document.MarkerNotFound', `${at}: the text marker ${JSON.stringify(marker)} does not occur in the document.`);
      return { id: randomUUID(), label: label ?? marker, pageNumber: hit.page, ...clampBox(geometry.pages[hit.page - 1]!, hit.left, hit.top) };
    }
    const pageNumber = optionalNumber(field, 'PageNumber', `${at}.PageNumber`);
    const left = optionalNumber(field, 'Left', `${at}.Left`);
    const top = optionalNumber(field, 'Top', `${at}.Top`);
    const width = optionalNumber(field, 'Width', `${at}.Width`);
    const height = optionalNumber(field, 'Height', `${at}.Height`);
    if (pageNumber === null || left === null || top === null || width === null || height === null) {
      throw refusals.invalid(`${at} needs either MarkerOrFieldId, or PageNumber, Left, Top, Width and Height.`);
    }
    if (!Number.isInteger(pageNumber) || pageNumber < 1 || pageNumber > geometry.pageCount) {
      throw refusals.invalid(`${at}.PageNumber ${pageNumber} is not a page of the document (it has ${geometry.pageCount}).`);
    }
    const page = geometry.pages[pageNumber - 1]!;
    if (left < 0 || top < 0 || width <= 0 || height <= 0 || left + width > page.width + 0.5 || top + height > page.height + 0.5) {
      throw refusals.invalid(`${at}: the box (Left ${left}, Top ${top}, Width ${width}, Height ${height}) is not inside page ${pageNumber} (${page.width} × ${page.height} points).`);
    }
    return { id: randomUUID(), label, pageNumber, left, top, width, height };
  });
}

/**
 * Checks the PDF, places its locations and moves it into the package's folder: the document record,
 * not yet attached to the package. Removes the temporary file on refusal.
 */
export async function storeDocument(context: ConnectiveContext, packageId: string, received: ReceivedDocument): Promise<StoredDocument> {
  const { fields } = received;
  try {
    const name = requiredText(fields, 'DocumentName');
    const type = optionalText(fields, 'DocumentType') ?? 'application/pdf';
    if (type.toLowerCase() !== 'application/pdf') throw refusals.invalid(`DocumentType ${JSON.stringify(type)} is not supported by the sandbox; send "application/pdf".`);
    let geometry: PdfGeometry;
    try {
      geometry = await readPdfGeometry(received.path);
    } catch (error) {
      if (error instanceof InvalidPdfError) throw refusals.conflict('Document.Invalid', `The document is not a readable PDF: ${error.message}`);
      throw error;
    }
    const locations = await locationsFor(received.path, geometry, fields.SigningFields);
    const id = randomUUID();
    const sourcePath = sourcePathFor(packageId, id);
    await mkdir(dirname(filePath(context, sourcePath)), { recursive: true });
    await rename(received.path, filePath(context, sourcePath));
    return {
      id,
      name,
      language: optionalText(fields, 'DocumentLanguage'),
      type: 'application/pdf',
      externalReference: optionalText(fields, 'ExternalDocumentReference'),
      correlationId: optionalText(fields, 'CorrelationId'),
      sourcePath,
      signedPath: null,
      bytes: received.bytes,
      pages: geometry.pages,
      locations,
      createdAt: context.now().toISOString(),
    };
  } finally {
    await rm(received.path, { force: true });
  }
}

export const locationView = (location: StoredLocation) => ({ Id: location.id, Label: location.label, PageNumber: location.pageNumber });

function requireDraft(pkg: StoredPackage, what: string): void {
  if (pkg.status !== 'Draft') throw refusals.invalidStatus(`Package ${pkg.id} is ${pkg.status}; ${what} only while it is Draft.`);
}

export function documentRoutes(context: ConnectiveContext): FastifyPluginAsync {
  return async (app) => {
    await app.register(async (uploads) => {
      installUploadParser(uploads, context);
      uploads.post(
        '/packages/:id/documents',
        {
          // Refuse before reading a body that would be thrown away (it can be hundreds of MB).
          preParsing: async (request, _reply, payload) => {
            requireDraft(loadPackage(context, request, (request.params as { id: string }).id), 'documents can be added');
            return payload;
          },
        },
        async (request) => {
          const { id } = request.params as { id: string };
          const received = await receiveDocument(context, request);
          const document = await storeDocument(context, id, received);
          try {
            await changePackage(context, request, id, (pkg) => {
              requireDraft(pkg, 'documents can be added');
              pkg.documents.push(document);
              pkg.events.push({ at: context.now().toISOString(), type: 'DocumentAdded', actorId: null, detail: `${document.id} ${document.name}` });
            });
          } catch (error) {
            await rm(filePath(context, document.sourcePath), { force: true });
            throw error;
          }
          return { DocumentId: document.id, CreationTimestamp: document.createdAt, Locations: document.locations.map(locationView) };
        },
      );
    });

    app.delete('/packages/:id/documents/:documentId', async (request) => {
      const { id, documentId } = request.params as { id: string; documentId: string };
      const { result } = await changePackage(context, request, id, (pkg) => {
        const document = pkg.documents.find((candidate) => candidate.id === documentId);
        if (!document) throw refusals.documentNotFound(id, documentId);
        requireDraft(pkg, 'documents can be removed');
        const removed = new Set(document.locations.map((location) => location.id));
        pkg.documents = pkg.documents.filter((candidate) => candidate !== document);
        // Actors lose the locations that went with the document.
        for (const stakeholder of pkg.stakeholders) for (const actor of stakeholder.actors) actor.locationIds = actor.locationIds.filter((location) => !removed.has(location));
        pkg.events.push({ at: context.now().toISOString(), type: 'DocumentDeleted', actorId: null, detail: `${document.id} ${document.name}` });
        return document;
      });
      await rm(filePath(context, result.sourcePath), { force: true });
      return {};
    });

    app.get('/packages/:id/locations', async (request) => {
      const pkg = loadPackage(context, request, (request.params as { id: string }).id);
      return {
        Documents: pkg.documents.map((document) => ({
          DocumentId: document.id,
          ExternalDocumentReference: document.externalReference,
          Locations: document.locations.map(locationView),
        })),
      };
    });
  };
}

