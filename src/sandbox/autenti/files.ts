import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import contentDisposition from 'content-disposition';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { loadOwnedProcess, loadVisibleProcess, requireDraft, saveProcess } from './access.js';
import type { SandboxContext } from './context.js';
import { absolutePath, removeBytes, storagePathFor } from './file-storage.js';
import { fileElement, type StoredFile, type StoredProcess } from './model.js';
import { problems } from './problems.js';
import { sendList } from './processes.js';
import { authOf } from './tokens.js';
import { recordViewing } from './workflow.js';

/**
 * Files of a document process (seed 003, "Creating & sending a document via API" → POST …/files, and
 * "Retrieving files and files' metadata"). Uploads are multipart with a `fileMeta` JSON part and a `file`
 * part, streamed to disk; only the types seed 000 §4.3 lists are accepted, judged from the first bytes.
 */

type Family = 'pdf' | 'zip' | 'ole2';
/** Seed 000 §4.3: "Autenti accepts files with the following extensions: PDF, DOC, DOCX, ODS, ODT, XLS, XLSX." */
const ACCEPTED: Record<string, { family: Family; extension: string }> = {
  'application/pdf': { family: 'pdf', extension: 'pdf' },
  'application/msword': { family: 'ole2', extension: 'doc' },
  'application/vnd.ms-excel': { family: 'ole2', extension: 'xls' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { family: 'zip', extension: 'docx' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { family: 'zip', extension: 'xlsx' },
  'application/vnd.oasis.opendocument.text': { family: 'zip', extension: 'odt' },
  'application/vnd.oasis.opendocument.spreadsheet': { family: 'zip', extension: 'ods' },
};
const ACCEPTED_NAMES = 'PDF, DOC, DOCX, ODS, ODT, XLS, XLSX';

function familyOf(head: Buffer): Family | null {
  if (head.subarray(0, 4).toString('latin1') === '%PDF') return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  if (head.subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex'))) return 'ole2';
  return null;
}

interface FileMeta {
  filename: string;
  filePurpose: string;
  mimeType?: string;
}

function readMeta(raw: unknown): FileMeta {
  let meta: unknown = raw;
  // @fastify/multipart already parses a field sent as Content-Type: application/json; other forms arrive as text.
  try {
    if (typeof raw === 'string' || Buffer.isBuffer(raw)) meta = JSON.parse(raw.toString());
  } catch {
    throw problems.badRequest('The fileMeta part must be JSON: {"filename": "…", "filePurpose": "SOURCE_FILE", "mimeType": "application/pdf"}.');
  }
  const value = (meta ?? {}) as Record<string, unknown>;
  if (typeof value.filename !== 'string' || value.filename.trim() === '') throw problems.badRequest('fileMeta.filename is required.', [{ field: 'fileMeta.filename', message: 'is required' }]);
  return checkedMeta({ filename: value.filename, filePurpose: value.filePurpose ?? undefined, mimeType: value.mimeType ?? undefined }, 'fileMeta.');
}

/**
 * Live clients (Autenti's Power Automate connector) send no fileMeta: `filePurpose` and `mimeType` come
 * as plain form fields, the name from the file part's filename. Both defaults are the connector's.
 */
function metaFromFields(fields: Record<string, string>, partFilename: string | undefined): FileMeta {
  const filename = fields.filename?.trim() || partFilename?.trim() || 'document';
  return checkedMeta({ filename, filePurpose: fields.filePurpose || 'SOURCE_FILE', mimeType: fields.mimeType || undefined }, '');
}

function checkedMeta(value: { filename: string; filePurpose: unknown; mimeType: unknown }, prefix: string): FileMeta {
  if (value.filePurpose !== 'SOURCE_FILE') {
    throw problems.badRequest(`${prefix}filePurpose must be SOURCE_FILE (other purposes are produced by Autenti); got ${JSON.stringify(value.filePurpose)}.`, [
      { field: `${prefix}filePurpose`, message: 'must be SOURCE_FILE' },
    ]);
  }
  if (value.mimeType !== undefined && typeof value.mimeType !== 'string') throw problems.badRequest(`${prefix}mimeType must be a string.`);
  const mimeType = typeof value.mimeType === 'string' ? value.mimeType.split(';')[0]!.trim().toLowerCase() : '';
  return { filename: value.filename.trim(), filePurpose: value.filePurpose, ...(mimeType ? { mimeType } : {}) };
}

/** Streams a part to `target`, keeping its first bytes, size and hash; never holds the file in memory. */
async function receive(stream: Readable & { truncated?: boolean }, target: string): Promise<{ size: number; head: Buffer; etag: string; truncated: boolean }> {
  await mkdir(dirname(target), { recursive: true });
  let size = 0;
  let head = Buffer.alloc(0);
  const hash = createHash('sha256');
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (head.length < 8) head = Buffer.concat([head, chunk.subarray(0, 8 - head.length)]);
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  await pipeline(stream, meter, createWriteStream(target));
  return { size, head, etag: hash.digest('hex').slice(0, 16), truncated: stream.truncated === true };
}

async function upload(context: SandboxContext, request: FastifyRequest, process: StoredProcess): Promise<StoredFile> {
  const max = context.maxFileBytes;
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > max + 1024 * 1024) throw problems.payloadTooLarge(`The file is larger than the sandbox's limit of ${max} bytes.`);
  if (!request.isMultipart()) throw problems.unsupportedMediaType('Upload files as multipart/form-data with a "file" part and either a "fileMeta" JSON part (seed 003) or the form fields filePurpose and mimeType.');

  const fileId = `FILE-SOURCE_FILE:${randomUUID()}`;
  const storagePath = storagePathFor(process.id, fileId, 1);
  const target = absolutePath(context, { storagePath });
  let meta: FileMeta | undefined;
  const fields: Record<string, string> = {};
  let partFilename: string | undefined;
  let received: Awaited<ReturnType<typeof receive>> | undefined;
  try {
    const parts = request.parts({
      limits: { fileSize: max, files: 3, fields: 8, fieldSize: 64 * 1024 },
      // Seed 003's example sends the file part without a filename; busboy would take it for a text field.
      isPartAFile: (name, contentType, filename) => name === 'file' || filename !== undefined || contentType === 'application/octet-stream',
    });
    for await (const part of parts) {
      if (part.type === 'file' && part.fieldname === 'file' && !received) {
        partFilename = part.filename;
        received = await receive(part.file, target);
      } else if (part.type === 'file' && part.fieldname === 'fileMeta') meta = readMeta(await part.toBuffer());
      else if (part.type === 'file') part.file.resume();
      else if (part.fieldname === 'fileMeta') meta = readMeta(part.value);
      else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    }
    if (!received) throw problems.badRequest('The "file" part is missing.');
    if (received.truncated) throw problems.payloadTooLarge(`The file is larger than the sandbox's limit of ${max} bytes.`);
    meta ??= metaFromFields(fields, partFilename);
    if (received.size === 0) throw problems.badRequest('The "file" part is empty.');
    const family = familyOf(received.head);
    if (!family) {
      throw problems.unsupportedMediaType(`The content is not one of ${ACCEPTED_NAMES} (it starts with bytes ${received.head.subarray(0, 4).toString('hex')}).`);
    }
    let mimeType = meta.mimeType;
    if (mimeType && !ACCEPTED[mimeType]) throw problems.unsupportedMediaType(`mimeType ${mimeType} is not accepted; Autenti takes ${ACCEPTED_NAMES}.`);
    if (!mimeType) {
      const extension = meta.filename.split('.').pop()?.toLowerCase();
      mimeType = family === 'pdf' ? 'application/pdf' : Object.entries(ACCEPTED).find(([, info]) => info.family === family && info.extension === extension)?.[0];
      if (!mimeType) throw problems.unsupportedMediaType(`Cannot tell the type of ${meta.filename}: give its mimeType (a form field, or in fileMeta).`);
    }
    if (ACCEPTED[mimeType]!.family !== family) {
      const seen = { pdf: 'a PDF', zip: 'a ZIP-based document (DOCX, XLSX, ODT, ODS)', ole2: 'an OLE2 document (DOC, XLS)' }[family];
      throw problems.unsupportedMediaType(`The content does not match mimeType ${mimeType}: it looks like ${seen}.`);
    }
    const now = context.now().toISOString();
    const position = context.store.listFiles(process.id).filter((file) => file.purpose === 'SOURCE_FILE').length;
    return {
      id: fileId,
      processId: process.id,
      purpose: 'SOURCE_FILE',
      filename: meta.filename,
      mimeType,
      version: 1,
      size: received.size,
      etag: received.etag,
      storagePath,
      sourceFileId: null,
      position,
      createdAt: now,
      modifiedAt: now,
    };
  } catch (error) {
    await rm(target, { force: true });
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw problems.payloadTooLarge(`The file is larger than the sandbox's limit of ${max} bytes.`);
    throw error;
  }
}

const unquote = (tag: string) => tag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');

/**
 * Sends a file's bytes with `ETag`, honouring `If-Match` (seed: `If-Match: 212431af2e7`, unquoted — both
 * quoted and bare tags are compared) and a single `Range: bytes=a-b | a- | -n` (206 + Content-Range).
 */
export function sendFileContent(context: SandboxContext, request: FastifyRequest, reply: FastifyReply, file: StoredFile): FastifyReply {
  const ifMatch = request.headers['if-match'];
  if (ifMatch && ifMatch.trim() !== '*' && !ifMatch.split(',').map(unquote).includes(file.etag)) {
    throw problems.preconditionFailed(`If-Match ${ifMatch} does not match the current ETag "${file.etag}" of ${file.id} (version ${file.version}).`);
  }
  reply
    .header('etag', `"${file.etag}"`)
    .header('accept-ranges', 'bytes')
    .header('content-disposition', contentDisposition(file.filename, { type: 'attachment' }))
    .type(file.mimeType);
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch && ifNoneMatch.split(',').map(unquote).includes(file.etag)) return reply.code(304).send();
  const range = request.headers.range;
  const match = range && !range.includes(',') ? /^bytes=(\d*)-(\d*)$/.exec(range.trim()) : null;
  if (match && (match[1] !== '' || match[2] !== '')) {
    let start: number;
    let end: number;
    if (match[1] === '') {
      start = Math.max(0, file.size - Number(match[2]));
      end = file.size - 1;
    } else {
      start = Number(match[1]);
      end = match[2] === '' ? file.size - 1 : Math.min(Number(match[2]), file.size - 1);
    }
    if (start >= file.size || start > end) throw problems.rangeNotSatisfiable(`Range ${range} is outside the ${file.size} bytes of ${file.id}.`, file.size);
    return reply
      .code(206)
      .header('content-range', `bytes ${start}-${end}/${file.size}`)
      .header('content-length', String(end - start + 1))
      .send(createReadStream(absolutePath(context, file), { start, end }));
  }
  return reply.header('content-length', String(file.size)).send(createReadStream(absolutePath(context, file)));
}

/** Accepts the seed's short form `FILE:<uuid>` (its DELETE example) for `FILE-SOURCE_FILE:<uuid>`. */
function findFile(context: SandboxContext, process: StoredProcess, rawId: string): StoredFile {
  const id = rawId.startsWith('FILE:') ? `FILE-SOURCE_FILE:${rawId.slice('FILE:'.length)}` : rawId;
  const file = context.store.getFile(process.id, id);
  if (!file) throw problems.notFound(`No file ${rawId} in document process ${process.id} (ids containing "/" must be URL-encoded or sent as is).`);
  return file;
}

/** The file routes under `/document-processes/{id}/files` (relative to the API root). */
export function fileRoutes(context: SandboxContext): FastifyPluginAsync {
  return async (api: FastifyInstance) => {
    api.post('/document-processes/:processId/files', async (request) => {
      const process = loadOwnedProcess(context, request);
      requireDraft(process, 'Uploading files');
      const file = await upload(context, request, process);
      await context.withProcessLock(process.id, async () => {
        const current = context.store.getProcess(process.id)!;
        requireDraft(current, 'Uploading files');
        context.store.transaction(() => {
          context.store.putFile(file);
          saveProcess(context, current);
        });
      });
      return fileElement(file);
    });

    api.get('/document-processes/:processId/files', async (request, reply) => {
      const process = loadVisibleProcess(context, request);
      return sendList(request, reply, context.store.listFiles(process.id).map(fileElement), { streamUnlessJsonAsked: true });
    });

    // File ids may hold a "/" (FILE-DTBS:<process>/<file>): a wildcard takes the id encoded or not.
    api.get('/document-processes/:processId/files/*', async (request, reply) => {
      const process = loadVisibleProcess(context, request);
      const rest = (request.params as { '*': string })['*'];
      const wantsContent = rest.endsWith('/content');
      const file = findFile(context, process, wantsContent ? rest.slice(0, -'/content'.length) : rest);
      if (!wantsContent) return fileElement(file);
      if (context.faults.downloadsRefused()) throw problems.forbidden('Injected fault: downloads of file content are refused (see /_sandbox/faults, downloadsRefused).');
      const account = authOf(request).account;
      if (account !== process.ownerEmail) await recordViewing(context, process.id, account);
      return sendFileContent(context, request, reply, file);
    });

    api.delete('/document-processes/:processId/files/*', async (request, reply) => {
      const process = loadOwnedProcess(context, request);
      requireDraft(process, 'Deleting files');
      const file = findFile(context, process, (request.params as { '*': string })['*']);
      context.store.transaction(() => {
        context.store.deleteFile(process.id, file.id);
        saveProcess(context, process);
      });
      await removeBytes(context, file);
      return reply.code(204).send();
    });

    api.delete('/document-processes/:processId/files', async (request, reply) => {
      const process = loadOwnedProcess(context, request);
      requireDraft(process, 'Deleting files');
      const files = context.store.listFiles(process.id);
      context.store.transaction(() => {
        for (const file of files) context.store.deleteFile(process.id, file.id);
        saveProcess(context, process);
      });
      await Promise.all(files.map((file) => removeBytes(context, file)));
      return reply.code(204).send();
    });
  };
}
