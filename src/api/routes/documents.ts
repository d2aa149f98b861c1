import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import contentDisposition from 'content-disposition';
import type { AppContext } from '../../app/context.js';
import { ownershipOf, viewerOf } from '../../app/principal.js';
import * as documents from '../../app/documents/documents.js';
import { openRendition, renditionFilename } from '../../app/documents/renditions.js';
import { beginIdempotentRequest, fingerprint } from '../../app/idempotency.js';
import { CountersignError, InvalidRequestError } from '../../domain/errors.js';
import { FILE_KINDS_IN_WORDS } from '../../domain/file-kinds.js';
import { actionRequestOf } from '../auth.js';
import { answerEarlier, IdempotencyKeyHeaders, idempotencyKeyOf, type AnswerFromResource } from '../idempotency.js';
import { buildProblem, sendProblem } from '../problems.js';
import { createUploadGate, UploadIdleError, watchBodyIdle } from '../uploads.js';
import { DocumentSchema, IdParams, PageQuerySchema, pageOf } from '../schemas.js';
import { FileContent, NoContent, problemResponses } from './responses.js';

/** Room for the multipart envelope around the file when judging a Content-Length against the limit. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** Limits on upload requests (HTTP concerns, so they come with the server's options, not the app context). */
export interface UploadLimits {
  /** Uploads one API key or session may run at the same time; one more gets 429. */
  maxConcurrentUploads: number;
  /** An upload whose body sends nothing for this long is cut with 408 and nothing of it is kept. */
  uploadIdleTimeoutMs: number;
}

/** Uploads are short when they move at all; a client refused for concurrency retries after this. */
const UPLOAD_RETRY_AFTER_SECONDS = 5;

const MALFORMED_MULTIPART =
  'The multipart/form-data body could not be read: it is truncated, or its parts do not match the boundary given in Content-Type. Send the document as multipart/form-data in a field named "file".';

/**
 * Errors of the multipart parser (busboy) are plain Errors without a status: a missing boundary, a
 * body cut short, a malformed part header. They describe the client's body, so they are a 400; the
 * plugin's own errors (limits, wrong Content-Type) carry a 4xx status and keep their mapping.
 */
function asMalformedMultipart(error: unknown): never {
  const ours = error instanceof UploadIdleError || CountersignError.is(error);
  // System errors (a full disk, too many open files) carry a `code` and stay 500s.
  const fromSystem = typeof (error as { code?: unknown }).code === 'string';
  if (error instanceof Error && typeof (error as { statusCode?: unknown }).statusCode !== 'number' && !ours && !fromSystem) {
    throw new InvalidRequestError([{ path: 'file', message: 'is not a readable multipart/form-data part' }], MALFORMED_MULTIPART);
  }
  throw error;
}

/**
 * Reads the one part `file` of a multipart upload into a staged document. A body that stalls for
 * `idleMs` fails with UploadIdleError (the stream being written is aborted, so its temporary file is
 * removed); a body the parser cannot read fails with a 400.
 */
async function receiveDocument(context: AppContext, request: FastifyRequest, idleMs: number): Promise<documents.StagedDocument> {
  // request.file() pipes the body into the parser at once; only then may the watch listen to
  // 'data' (a listener on a paused request would start it flowing and lose bytes).
  const filePart = request.file();
  let content: Readable | undefined;
  const idle = watchBodyIdle(request.raw, idleMs, (error) => content?.destroy(error));
  try {
    const file = await idle.race(filePart).catch(asMalformedMultipart);
    if (!file || file.fieldname !== 'file') {
      throw new InvalidRequestError([{ path: 'file', message: 'is required' }], 'Send the document as multipart/form-data in a field named "file".');
    }
    content = file.file;
    // The parser reports a body cut short on the part's stream: by emitting 'error' (a part cut
    // short) or by destroying it (the whole body cut short, possibly before this line runs). The
    // failed write that follows is the body's fault (400), not the server's.
    let bodyFailed = false;
    content.on('error', () => (bodyFailed = true));
    return await documents.stageDocument(context, { filename: file.filename, content }).catch((error: unknown) => {
      if (bodyFailed || file.file.errored) asMalformedMultipart(error);
      throw error;
    });
  } finally {
    idle.stop();
  }
}

const toDocumentBody = ({ blobKey: _blobKey, rendition, ...document }: Awaited<ReturnType<typeof documents.getDocument>>) => ({
  ...document,
  rendition: rendition ? { status: rendition.status, pages: rendition.pages, size: rendition.size, sha256: rendition.sha256, error: rendition.error } : null,
});

export const documentRoutes = (context: AppContext, limits: UploadLimits): FastifyPluginAsyncTypebox =>
  async function routes(app) {
    const uploads = createUploadGate(limits.maxConcurrentUploads);
    // The upload claims its key itself, once it has read the content (see AnswerFromResource).
    const answerWithDocument: AnswerFromResource = { status: 201, answer: async (id) => toDocumentBody(await documents.getDocument(context, id)) };
    // In this scope only: the upload is the one multipart route, and the plugin adds two hooks (a
    // promise each, and a listener) to every request of the scope it is registered in.
    await app.register(multipart, {
      limits: { files: 1, fields: 10, fileSize: context.limits.maxUploadBytes + 1024 },
      throwFileSizeLimit: false,
    });

    app.post(
      '/documents',
      {
        schema: {
          summary: 'Upload a document',
          description: `multipart/form-data with one field \`file\`. The type is detected from the content: ${FILE_KINDS_IN_WORDS}. Honours \`Idempotency-Key\`.`,
          tags: ['Documents'],
          consumes: ['multipart/form-data'],
          // Claimed by the handler itself, once it has read the content: not a route marked `idempotent`.
          headers: IdempotencyKeyHeaders,
          response: { 201: DocumentSchema, ...problemResponses(400, 401, 408, 409, 413, 415, 422, 429) },
        },
      },
      async (request, reply) => {
        const declaredLength = Number(request.headers['content-length'] ?? 0);
        if (declaredLength > context.limits.maxUploadBytes + MULTIPART_OVERHEAD_BYTES) {
          throw documents.payloadTooLarge(context.limits.maxUploadBytes);
        }
        const key = idempotencyKeyOf(request);
        const release = uploads.enter(request.principal.id);
        if (!release) {
          // Node reads and drops the refused body after this answer, so the client sees the 429 (not a reset).
          reply.header('Retry-After', String(UPLOAD_RETRY_AFTER_SECONDS));
          return sendProblem(
            reply,
            buildProblem(
              request,
              'too-many-uploads',
              `This API key or session already has ${limits.maxConcurrentUploads} uploads in progress. Wait for one to finish, then retry in ${UPLOAD_RETRY_AFTER_SECONDS} s.`,
            ),
          );
        }
        let staged: documents.StagedDocument;
        try {
          staged = await receiveDocument(context, request, limits.uploadIdleTimeoutMs);
        } catch (error) {
          if (!(error instanceof UploadIdleError)) throw error;
          // The client is still connected but stalled: answer, then close rather than wait for the rest.
          reply.header('Connection', 'close');
          return sendProblem(
            reply,
            buildProblem(
              request,
              'request-timeout',
              `The upload sent nothing for ${Math.round(limits.uploadIdleTimeoutMs / 1000)} s and was cut; nothing of it was kept. Send it again.`,
            ),
          );
        } finally {
          release();
        }

        if (key === undefined) {
          return reply.code(201).send(toDocumentBody(await documents.commitDocument(context, staged, ownershipOf(request.principal))));
        }
        // The fingerprint of an upload is its name and content, known only once it has been read.
        const start = await beginIdempotentRequest(
          context,
          request.principal.id,
          key,
          fingerprint('POST', '/api/v1/documents', staged.filename, staged.blob.sha256),
        ).catch(async (error: unknown) => {
          await documents.discardStagedDocument(context, staged);
          throw error;
        });
        if (start.kind !== 'claimed') {
          await documents.discardStagedDocument(context, staged);
          return answerEarlier(request, reply, start, answerWithDocument);
        }
        request.idempotency = start;
        try {
          return reply.code(201).send(toDocumentBody(await documents.commitDocument(context, staged, ownershipOf(request.principal), actionRequestOf(request))));
        } catch (error) {
          await start.release();
          request.idempotency = undefined;
          throw error;
        }
      },
    );

    app.get(
      '/documents',
      {
        schema: {
          summary: 'List documents, newest first',
          tags: ['Documents'],
          querystring: PageQuerySchema,
          response: { 200: pageOf(DocumentSchema), ...problemResponses(400, 401) },
        },
      },
      async (request) => {
        const page = await documents.listDocuments(context, { limit: request.query.limit ?? 25, cursor: request.query.cursor, viewer: viewerOf(request.principal) });
        return { data: page.data.map(toDocumentBody), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/documents/:documentId',
      {
        schema: {
          summary: 'Get a document',
          tags: ['Documents'],
          params: IdParams('documentId', 'doc'),
          response: { 200: DocumentSchema, ...problemResponses(401, 404) },
        },
      },
      async (request) => toDocumentBody(await documents.getDocument(context, request.params.documentId)),
    );

    app.get(
      '/documents/:documentId/content',
      {
        schema: {
          summary: 'Download a document’s content',
          tags: ['Documents'],
          params: IdParams('documentId', 'doc'),
          response: { 200: FileContent, ...problemResponses(401, 404) },
        },
      },
      async (request, reply) => {
        const { document, content } = await documents.openDocumentContent(context, request.params.documentId);
        return reply
          .type(document.mediaType)
          .header('Content-Length', document.size)
          .header('Content-Disposition', contentDisposition(document.filename))
          .header('X-Content-Type-Options', 'nosniff')
          .header('Digest', `sha-256=${Buffer.from(document.sha256, 'hex').toString('base64')}`)
          .send(content);
      },
    );

    app.get(
      '/documents/:documentId/rendition',
      {
        schema: {
          summary: 'Download the PDF version of an office document',
          description:
            'The PDF LibreOffice made of the document after upload (its `rendition`), as sent to providers that sign only PDF. 409 while it is being made; 404 for a PDF, or when it failed or cannot be made (`detail` says why).',
          tags: ['Documents'],
          params: IdParams('documentId', 'doc'),
          response: { 200: FileContent, ...problemResponses(401, 404, 409) },
        },
      },
      async (request, reply) => {
        const { document, rendition, content } = await openRendition(context, request.params.documentId);
        return reply
          .type('application/pdf')
          .header('Content-Length', rendition.size)
          .header('Content-Disposition', contentDisposition(renditionFilename(document.filename)))
          .header('X-Content-Type-Options', 'nosniff')
          .header('Digest', `sha-256=${Buffer.from(rendition.sha256 ?? '', 'hex').toString('base64')}`)
          .send(content);
      },
    );

    app.delete(
      '/documents/:documentId',
      {
        schema: {
          summary: 'Delete a document',
          description: 'Refused (409) while an envelope that has been sent uses it.',
          tags: ['Documents'],
          params: IdParams('documentId', 'doc'),
          response: { 204: NoContent, ...problemResponses(401, 404, 409) },
        },
      },
      async (request, reply) => {
        await documents.deleteDocument(context, request.params.documentId);
        return reply.code(204).send(null);
      },
    );
  };

