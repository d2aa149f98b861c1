import type { Readable } from 'node:stream';
import { ProviderError } from '../errors.js';
import { readProviderMessage, responseError, type HttpClient, type HttpRequest, type HttpResponse } from '../http.js';
import type { TokenSource } from './auth.js';
import { performAction, type ActionAnswer, type ChallengeAnswerer } from './challenges.js';
import { parseJsonObjects } from './json-stream.js';
import { createMultipartBody } from './multipart.js';
import { readActionAnswer, readFile, readProcess, readSubscription } from './schemas.js';
import type { AutentiEvent, AutentiFile, AutentiProcess, AutentiProcessUpdate } from './types.js';

/**
 * Autenti API v2 calls, one function per endpoint of seed 003, with minimal checks of what comes
 * back. Every call carries a bearer token; a 401 drops the token and repeats the call with another
 * (a token can expire or be revoked between the cache check and the call), twice at most: the token
 * the cache holds after the first 401 may come from a token request another call made just before
 * the revocation (the long chaos soak met it), and only the next one is surely newer.
 */
export type AutentiClient = ReturnType<typeof createAutentiClient>;

/** A file to upload as a process's source file. */
export type FileUpload = {
  readonly filename: string;
  readonly mediaType: string;
  readonly size?: number;
  readonly open: () => Promise<Readable>;
};

/** Listing filters of `GET /document-processes` (seed 003 "Querying existing documents", whose last example adds `status=DRAFT`). */
export type ProcessQuery = { readonly modifiedAfter?: string; readonly status?: string; readonly limit: number; readonly offset?: number };

const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json' } as const;

/**
 * Path segment for an Autenti id. Ids carry `:` (kept, as the seed writes them) and file ids may
 * carry `/` (`FILE-DTBS:ac84…/DTBS`, seed 003 "Content"), which must not split the path.
 */
export function idSegment(id: string): string {
  return encodeURIComponent(id).replace(/%3A/gi, ':');
}

/** A call and its repeats after a 401, each with another token. */
const TOKEN_ATTEMPTS = 3;

export function createAutentiClient(http: HttpClient, tokens: TokenSource) {
  async function call(spec: HttpRequest): Promise<HttpResponse> {
    for (let attempt = 1; ; attempt += 1) {
      const token = await tokens.token();
      const response = await http.request({ ...spec, headers: { ...spec.headers, authorization: `Bearer ${token}` } });
      if (response.status !== 401 || attempt === TOKEN_ATTEMPTS) return response;
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

  /** The answer's JSON, for schemas.ts to check; a body that is not JSON is `unavailable` (a garbled answer, retried). */
  async function jsonBody(response: HttpResponse, operation: string): Promise<unknown> {
    const text = await (await ok(response, operation)).text();
    try {
      return JSON.parse(text);
    } catch {
      throw new ProviderError({ kind: 'unavailable', provider: 'autenti', message: `Autenti answered ${operation} with something other than JSON. Countersign retries later.` });
    }
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
      const answer = await jsonBody(await call({ method: 'POST', path: 'document-processes', headers: JSON_HEADERS, body: JSON.stringify(body), operation }), operation);
      if (answer === null || typeof answer !== 'object' || typeof (answer as { id?: unknown }).id !== 'string' || (answer as { id: string }).id === '') {
        throw new ProviderError({ kind: 'unavailable', provider: 'autenti', message: 'Autenti created a document process but did not say its id. Countersign retries later.' });
      }
      return readProcess(answer, operation);
    },

    /** `GET /document-processes/{id}` (seed 003 "Querying existing documents"). */
    async getProcess(processId: string): Promise<AutentiProcess> {
      const operation = `reading document process ${processId}`;
      return readProcess(await jsonBody(await call({ method: 'GET', path: processPath(processId), headers: { accept: 'application/json' }, operation }), operation), operation);
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
        // Tolerate the process-shaped answer `{ contentElements: [...] }` (or `files`) too.
        const wrapper = item as { contentElements?: unknown; files?: unknown } | null;
        if (wrapper !== null && typeof wrapper === 'object' && (Array.isArray(wrapper.contentElements) || Array.isArray(wrapper.files))) {
          for (const file of (wrapper.files ?? wrapper.contentElements) as unknown[]) files.push(readFile(file, operation));
        } else files.push(readFile(item, operation));
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
     * `POST …/files`, multipart with the `fileMeta` JSON part (seed 003), the `filePurpose` and
     * `mimeType` form fields (live) and the `file` part, streamed. Not
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
        // The live service's form fields (Autenti's connector sends these, not fileMeta): both are
        // sent, so either reading finds what it needs; each ignores the other's.
        { name: 'filePurpose', contentType: 'text/plain', value: 'SOURCE_FILE' },
        { name: 'mimeType', contentType: 'text/plain', value: upload.mediaType },
        // The seed sends the bytes as application/octet-stream; the real type is in fileMeta.
        { name: 'file', filename: upload.filename, contentType: 'application/octet-stream', size: upload.size, open: upload.open },
      ]);
      const headers: Record<string, string> = { accept: 'application/json', 'content-type': body.contentType };
      if (body.length !== undefined) headers['content-length'] = String(body.length);
      const response = await ok(await call({ method: 'POST', path: `${processPath(processId)}/files`, headers, body: () => body.open(), operation }), operation);
      const text = await response.text();
      // The id is a convenience (send() records it); an answer without one is resolved by listing on resume.
      try {
        const created = JSON.parse(text) as { id?: unknown } | null;
        return typeof created?.id === 'string' && created.id !== '' ? created.id : undefined;
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
     * `GET /document-processes?modifiedAfter=…&status=…&limit=…&offset=…` with `Accept: application/stream+json`
     * (seed 003 "Querying existing documents"), yielding processes as they are read.
     */
    async *listProcesses(query: ProcessQuery): AsyncGenerator<AutentiProcess> {
      const operation = 'listing document processes';
      const response = await ok(
        await call({
          method: 'GET',
          path: 'document-processes',
          query: { modifiedAfter: query.modifiedAfter, status: query.status, limit: query.limit, offset: query.offset },
          headers: { accept: 'application/stream+json' },
          operation,
        }),
        operation,
      );
      for await (const item of parseJsonObjects(response.stream(), operation)) yield readProcess(item, operation);
    },

    /**
     * Performs an action through the challenge–action–assertion loop (seed 003 "The
     * challenge-action-assertion model"): `POST …/actions`, answer the `X-CHALLENGE`s with
     * `answerers`, repeat with every `X-ASSERTION` so far. Returns the resulting events (one object in
     * the seed, a JSON array live; schemas.ts `readActionAnswer`). Not repeated on 5xx by the HTTP
     * client, as the final request performs the action.
     */
    async performAction(processId: string, answerers: Readonly<Record<string, ChallengeAnswerer>>): Promise<AutentiEvent[]> {
      const operation = `acting on document process ${processId}`;
      const answer = await performAction({
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
      // The action has happened (2xx) whatever the body says: the message tells the admin to look.
      return readActionAnswer(answer, `${operation} (the action was accepted, HTTP 2xx)`);
    },

    /**
     * `POST /applications/callbacks` (docs/providers.md, the wire contract): subscribes this client
     * application's events to `callbackUrl`. `null` when Autenti answers 403 (the client lacks the
     * `notification_management` scope) or 404 (this Autenti offers no subscriptions): the admin pastes
     * the URL instead. Not repeated on 5xx (a repeat could leave two subscriptions).
     */
    async subscribe(callbackUrl: string): Promise<{ id: string } | null> {
      const operation = 'subscribing to events';
      const response = await call({
        method: 'POST',
        path: 'applications/callbacks',
        headers: JSON_HEADERS,
        body: JSON.stringify({ callbackAdapterId: CALLBACK_ADAPTER_ID, callbackParameters: { callbackUrl } }),
        operation,
      });
      if (response.status === 403 || response.status === 404) {
        await response.dump();
        return null;
      }
      return readSubscription(await jsonBody(response, operation), operation);
    },

    /** `DELETE /applications/callbacks/{id}`; a subscription already gone counts as removed. */
    async unsubscribe(subscriptionId: string): Promise<void> {
      const operation = `removing event subscription ${subscriptionId}`;
      const response = await call({ method: 'DELETE', path: `applications/callbacks/${idSegment(subscriptionId)}`, headers: { accept: 'application/json' }, operation });
      if (response.status === 404) return response.dump();
      await (await ok(response, operation)).dump();
    },
  };
}

/** The only callback adapter the reference names: deliveries as Autenti's API v2 events. */
export const CALLBACK_ADAPTER_ID = 'CALLBACK_ADAPTER:API_V2';
