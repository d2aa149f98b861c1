import type { Readable } from 'node:stream';
import { ProviderError } from '../errors.js';
import { readProviderMessage, responseError, type HttpClient, type HttpRequest, type HttpResponse } from '../http.js';
import type { TokenSource } from './auth.js';
import { performAction, type ActionAnswer, type ChallengeAnswerer } from './challenges.js';
import { parseJsonObjects } from './json-stream.js';
import { createMultipartBody } from './multipart.js';
import type { AutentiFile, AutentiProcess, AutentiProcessUpdate } from './types.js';

/**
 * Autenti API v2 calls, one function per endpoint of seed 003, with minimal checks of what comes
 * back. Every call carries a bearer token; a 401 drops the token and repeats the call once with a
 * fresh one (a token can expire or be revoked between the cache check and the call).
 */
export type AutentiClient = ReturnType<typeof createAutentiClient>;

/** A file to upload as a process's source file. */
export type FileUpload = {
  readonly filename: string;
  readonly mediaType: string;
  readonly size?: number;
  readonly open: () => Promise<Readable>;
};

/** Listing filters of `GET /document-processes` (seed 003 "Querying existing documents"). */
export type ProcessQuery = { readonly modifiedAfter?: string; readonly limit: number; readonly offset?: number };

const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json' } as const;

/**
 * Path segment for an Autenti id. Ids carry `:` (kept, as the seed writes them) and file ids may
 * carry `/` (`FILE-DTBS:ac84…/DTBS`, seed 003 "Content"), which must not split the path.
 */
export function idSegment(id: string): string {
  return encodeURIComponent(id).replace(/%3A/gi, ':');
}

export function createAutentiClient(http: HttpClient, tokens: TokenSource) {
  async function call(spec: HttpRequest): Promise<HttpResponse> {
    for (let attempt = 1; ; attempt += 1) {
      const token = await tokens.token();
      const response = await http.request({ ...spec, headers: { ...spec.headers, authorization: `Bearer ${token}` } });
      if (response.status !== 401 || attempt === 2) return response;
      await response.dump();
      tokens.invalidate(token);
    }
  }

  /** The `ProviderError` for an answer that is not 2xx, keeping Autenti's problem+json `detail`/`title`. */
  const failure = (response: HttpResponse, operation: string) => responseError('autenti', response, operation);

  async function ok(response: HttpResponse, operation: string): Promise<HttpResponse> {
    if (response.status >= 200 && response.status < 300) return response;
    throw await failure(response, operation);
  }

  async function jsonObject<T>(response: HttpResponse, operation: string): Promise<T> {
    const body = await (await ok(response, operation)).json<unknown>();
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new ProviderError({ kind: 'unavailable', provider: 'autenti', message: `Autenti answered ${operation} with something other than a JSON object. Countersign retries later.` });
    }
    return body as T;
  }

  const processPath = (processId: string) => `document-processes/${idSegment(processId)}`;

  /** `POST …/actions` with the assertions so far; the answer as the challenge engine reads it. */
  async function postAction(processId: string, assertions: readonly string[]): Promise<ActionAnswer> {
    const operation = `acting on document process ${processId}`;
    const headers: Record<string, string | readonly string[]> = { ...JSON_HEADERS };
    if (assertions.length > 0) headers['x-assertion'] = assertions;
    const response = await call({ method: 'POST', path: `${processPath(processId)}/actions`, headers, body: '{}', operation });
    const text = await response.text();
    let body: unknown;
    try {
      body = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: response.status, challenges: response.headerValues('x-challenge'), body };
  }

  return {
    failure,

    /** `POST /document-processes`: a new DRAFT process (seed 003 "Creating & sending…"). Not repeated on 5xx: a repeat would create a second one. */
    async createProcess(body: { title: string }): Promise<AutentiProcess> {
      const operation = 'creating the document process';
      const process = await jsonObject<AutentiProcess>(
        await call({ method: 'POST', path: 'document-processes', headers: JSON_HEADERS, body: JSON.stringify(body), operation }),
        operation,
      );
      if (typeof process.id !== 'string' || process.id === '') {
        throw new ProviderError({ kind: 'unavailable', provider: 'autenti', message: 'Autenti created a document process but did not say its id. Countersign retries later.' });
      }
      return process;
    },

    /** `GET /document-processes/{id}` (seed 003 "Querying existing documents"). */
    async getProcess(processId: string): Promise<AutentiProcess> {
      const operation = `reading document process ${processId}`;
      return jsonObject<AutentiProcess>(await call({ method: 'GET', path: processPath(processId), headers: { accept: 'application/json' }, operation }), operation);
    },

    /** `PUT /document-processes/{id}`: title, description, language and parties; a PUT is safe to repeat. */
    async updateProcess(processId: string, update: AutentiProcessUpdate): Promise<void> {
      const operation = `setting up document process ${processId}`;
      const response = await ok(
        await call({ method: 'PUT', path: processPath(processId), headers: JSON_HEADERS, body: JSON.stringify(update), operation }),
        operation,
      );
      await response.dump();
    },

    /** `GET …/files`: the process's files, as an array or as concatenated objects (seed 003 "Retrieving files…"). */
    async listFiles(processId: string): Promise<AutentiFile[]> {
      const operation = `listing the files of document process ${processId}`;
      const response = await ok(await call({ method: 'GET', path: `${processPath(processId)}/files`, headers: { accept: 'application/json' }, operation }), operation);
      const files: AutentiFile[] = [];
      for await (const item of parseJsonObjects(response.stream(), operation)) {
        const file = item as Partial<AutentiFile> & { contentElements?: unknown };
        // Tolerate the process-shaped answer `{ contentElements: [...] }` too.
        if (Array.isArray(file.contentElements)) files.push(...(file.contentElements as AutentiFile[]));
        else if (typeof file.id === 'string') files.push(file as AutentiFile);
      }
      return files;
    },

    /** `DELETE …/files/{fileId}`; a file already gone counts as deleted. */
    async deleteFile(processId: string, fileId: string): Promise<void> {
      const operation = `deleting file ${fileId} of document process ${processId}`;
      const response = await call({ method: 'DELETE', path: `${processPath(processId)}/files/${idSegment(fileId)}`, headers: { accept: 'application/json' }, operation });
      if (response.status === 404) return response.dump();
      await (await ok(response, operation)).dump();
    },

    /**
     * `POST …/files`, multipart with the `fileMeta` JSON part and the `file` part, streamed. Not
     * repeated on 5xx (it would add a second file); send() cleans up on resume instead. Returns the
     * new file's id when Autenti says it, else `undefined`.
     */
    async uploadFile(processId: string, upload: FileUpload): Promise<string | undefined> {
      const operation = `uploading ${upload.filename} to document process ${processId}`;
      const body = createMultipartBody([
        {
          name: 'fileMeta',
          contentType: 'application/json',
          value: JSON.stringify({ filename: upload.filename, filePurpose: 'SOURCE_FILE', mimeType: upload.mediaType }),
        },
        // The seed sends the bytes as application/octet-stream; the real type is in fileMeta.
        { name: 'file', filename: upload.filename, contentType: 'application/octet-stream', size: upload.size, open: upload.open },
      ]);
      const headers: Record<string, string> = { accept: 'application/json', 'content-type': body.contentType };
      if (body.length !== undefined) headers['content-length'] = String(body.length);
      const response = await ok(await call({ method: 'POST', path: `${processPath(processId)}/files`, headers, body: () => body.open(), operation }), operation);
      const text = await response.text();
      try {
        const created = JSON.parse(text) as { id?: unknown };
        return typeof created.id === 'string' && created.id !== '' ? created.id : undefined;
      } catch {
        return undefined;
      }
    },

    /** `GET …/files/{fileId}/content`, streamed (seed 003 "Retrieving files…"). */
    async openFileContent(processId: string, fileId: string): Promise<Readable> {
      const operation = `downloading file ${fileId} of document process ${processId}`;
      const response = await ok(
        await call({ method: 'GET', path: `${processPath(processId)}/files/${idSegment(fileId)}/content`, headers: { accept: '*/*' }, operation }),
        operation,
      );
      return response.stream();
    },

    /**
     * `GET /document-processes?modifiedAfter=…&limit=…&offset=…` with `Accept: application/stream+json`
     * (seed 003 "Querying existing documents"), yielding processes as they are read.
     */
    async *listProcesses(query: ProcessQuery): AsyncGenerator<AutentiProcess> {
      const operation = 'listing document processes';
      const response = await ok(
        await call({
          method: 'GET',
          path: 'document-processes',
          query: { modifiedAfter: query.modifiedAfter, limit: query.limit, offset: query.offset },
          headers: { accept: 'application/stream+json' },
          operation,
        }),
        operation,
      );
      for await (const item of parseJsonObjects(response.stream(), operation)) {
        if (item !== null && typeof item === 'object' && typeof (item as AutentiProcess).id === 'string') yield item as AutentiProcess;
      }
    },

    /**
     * Performs an action through the challenge–action–assertion loop (seed 003 "The
     * challenge-action-assertion model"): `POST …/actions`, answer the `X-CHALLENGE`s with
     * `answerers`, repeat with every `X-ASSERTION` so far. Returns the resulting event. Not repeated
     * on 5xx by the HTTP client, as the final request performs the action.
     */
    async performAction(processId: string, answerers: Readonly<Record<string, ChallengeAnswerer>>): Promise<unknown> {
      const operation = `acting on document process ${processId}`;
      return performAction({
        post: (assertions) => postAction(processId, assertions),
        answerers,
        fail: (answer) => {
          const providerMessage = readProviderMessage(answer.body);
          if (answer.status === 403) {
            return new ProviderError({
              kind: 'authentication',
              provider: 'autenti',
              httpStatus: 403,
              providerMessage,
              message: `Autenti does not let this connection's account act on document process ${processId} (HTTP 403)${providerMessage ? `: ${providerMessage}` : '.'} Only the sender (or a moderator) can send, withdraw or remind.`,
            });
          }
          return ProviderError.fromHttpStatus({ provider: 'autenti', httpStatus: answer.status, operation, providerMessage });
        },
      });
    },
  };
}
