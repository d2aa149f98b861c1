import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import contentDisposition from 'content-disposition';
import type { AppContext } from '../../app/context.js';
import { ownershipOf, viewerOf } from '../../app/principal.js';
import * as documents from '../../app/documents/documents.js';
import { beginIdempotentRequest, fingerprint } from '../../app/idempotency.js';
import { InvalidRequestError } from '../../domain/errors.js';
import { idempotencyKeyOf, replay } from '../idempotency.js';
import { DocumentSchema, IdParams, PageQuerySchema, pageOf } from '../schemas.js';
import { FileContent, NoContent, problemResponses } from './responses.js';

/** Room for the multipart envelope around the file when judging a Content-Length against the limit. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

const toDocumentBody = ({ blobKey: _blobKey, ...document }: Awaited<ReturnType<typeof documents.getDocument>>) => document;

export const documentRoutes = (context: AppContext): FastifyPluginAsyncTypebox =>
  async function routes(app) {
    app.post(
      '/documents',
      {
        schema: {
          summary: 'Upload a document',
          description:
            'multipart/form-data with one field `file`. The type is detected from the content: PDF, DOC, DOCX, ODT, ODS, XLS or XLSX. Honours `Idempotency-Key`.',
          tags: ['Documents'],
          consumes: ['multipart/form-data'],
          response: { 201: DocumentSchema, ...problemResponses(400, 401, 409, 413, 415, 422) },
        },
      },
      async (request, reply) => {
        const declaredLength = Number(request.headers['content-length'] ?? 0);
        if (declaredLength > context.limits.maxUploadBytes + MULTIPART_OVERHEAD_BYTES) {
          throw documents.payloadTooLarge(context.limits.maxUploadBytes);
        }
        const key = idempotencyKeyOf(request);
        const file = await request.file();
        if (!file || file.fieldname !== 'file') {
          throw new InvalidRequestError(
            [{ path: 'file', message: 'is required' }],
            'Send the document as multipart/form-data in a field named "file".',
          );
        }
        const staged = await documents.stageDocument(context, { filename: file.filename, content: file.file });

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
        if (start.kind === 'replay') {
          await documents.discardStagedDocument(context, staged);
          return replay(reply, start.response);
        }
        request.idempotency = start;
        try {
          return reply.code(201).send(toDocumentBody(await documents.commitDocument(context, staged, ownershipOf(request.principal))));
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

