import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsync } from 'fastify';
import { InvalidPdfError, pageCountOf } from './anchors.js';
import { sessionOf } from './auth.js';
import type { ConsignoContext } from './context.js';
import { malformedMultipart, refusals } from './errors.js';
import { documentPath, filePath, incomingPath, newId, startsAsPdf } from './files.js';
import type { UploadedDocument } from './model.js';

/**
 * Seed 002 "/documents": a multipart upload of one PDF (not encoded), streamed to disk; the answer's
 * `documentId` is then given to `POST /workflows`, by one workflow only. The PDF/A flag is recorded
 * (the sandbox converts nothing; docs/sandbox-consigno.md).
 */

const truthy = (value: string) => value === 'true' || value === '1';

/**
 * Checks an uploaded or inline PDF at `temporary` and moves it to its place: the document record.
 * Removes the file on refusal.
 */
export async function keepDocument(
  context: ConsignoContext,
  temporary: string,
  input: { owner: string; name: string; pdfa: boolean; field: string },
): Promise<UploadedDocument> {
  try {
    if (!(await startsAsPdf(filePath(context, temporary)))) throw refusals.notPdf();
    let pages: number;
    try {
      pages = await pageCountOf(filePath(context, temporary));
    } catch (error) {
      if (error instanceof InvalidPdfError) throw refusals.invalid(`${input.field} is not a readable PDF: ${error.message}`, input.field);
      throw error;
    }
    const id = newId();
    const path = documentPath(id);
    await mkdir(dirname(filePath(context, path)), { recursive: true });
    await rename(filePath(context, temporary), filePath(context, path));
    const { size } = await stat(filePath(context, path));
    return { id, owner: input.owner, name: input.name, size, pages, pdfa: input.pdfa, path, workflowId: null, createdAt: context.now().getTime() };
  } finally {
    await rm(filePath(context, temporary), { force: true });
  }
}

export function documentRoutes(context: ConsignoContext): FastifyPluginAsync {
  return async (app) => {
    app.post('/documents', async (request) => {
      const owner = sessionOf(request).username;
      if (!request.isMultipart()) throw refusals.invalid('Upload the PDF as multipart/form-data (one file part, e.g. "file"); to send base64, put it in POST /workflows documents[].data.');
      const temporary = incomingPath();
      await mkdir(dirname(filePath(context, temporary)), { recursive: true });
      const fields: Record<string, string> = {};
      let fileName: string | null = null;
      let received = false;
      try {
        for await (const part of request.parts({ limits: { fileSize: context.maxFileBytes } })) {
          if (part.type === 'file') {
            if (received) {
              await part.toBuffer().catch(() => undefined);
              throw refusals.invalid('Send one document per upload (one file part).', 'file');
            }
            await pipeline(part.file, createWriteStream(filePath(context, temporary)));
            if (part.file.truncated) throw refusals.tooLarge(`The document is larger than the sandbox's limit of ${context.maxFileBytes} bytes.`);
            fileName = part.filename || null;
            received = true;
          } else {
            fields[part.fieldname] = String(part.value);
          }
        }
      } catch (error) {
        await rm(filePath(context, temporary), { force: true });
        throw malformedMultipart(error);
      }
      if (!received) throw refusals.invalid('The multipart body has no file part: send the PDF as a file part (e.g. "file").', 'file');
      const pdfa = truthy(fields.pdfa ?? '') || truthy(fields.convertToPdfA ?? '');
      const name = fields.name || fileName || 'document.pdf';
      const document = await keepDocument(context, temporary, { owner, name, pdfa, field: 'file' });
      context.store.putDocument(document);
      return {
        msg: 'Document uploaded',
        parameters: null,
        response: { documentId: document.id, name: document.name, size: document.size, pages: document.pages, pdfa: document.pdfa },
      };
    });
  };
}
