import createClient, { type Client, type ClientPathsWithMethod, type FetchResponse, type MaybeOptionalInit, type Middleware } from 'openapi-fetch';
import { CountersignError } from './errors.js';
import type { DocumentRecord, paths } from './types.js';

export interface CountersignClientOptions {
  /**
   * Where Countersign runs, e.g. `https://sign.example.com`; the API's paths (`/api/v1/…`) are added
   * to it, so a server behind a reverse proxy's sub-path is `https://example.com/countersign`.
   */
  baseUrl: string;
  /** An API key (`csk_…`), sent as `Authorization: Bearer`. Give it only the scopes the host needs. */
  apiKey: string;
  /** Another fetch (a proxy's, a test's); the global fetch by default. */
  fetch?: (request: Request) => Promise<Response>;
}

type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';
type Api = Client<paths>;
/** The templated paths (`/api/v1/envelopes/{envelopeId}`) that have this method. */
type PathOf<M extends Method> = ClientPathsWithMethod<Api, M>;
/** openapi-fetch's options for one call: `params` (`path`, `query`), `body`, `parseAs`, `headers`, `signal`… */
type InitOf<Path extends keyof paths, M extends Method> = MaybeOptionalInit<paths[Path], M>;
type RequiredKeysOf<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
/** The options are required where the operation has required path parameters or a required body. */
type InitArgument<Init> = RequiredKeysOf<Init> extends never ? [init?: Init] : [init: Init];
/** The body of the operation's success answer (as `parseAs` reads it); undefined for a 204. */
type Answer<Path extends keyof paths, M extends Method, Init> =
  paths[Path][M] extends infer Operation extends Record<string, unknown>
    ? Extract<FetchResponse<Operation, Init, `${string}/${string}`>, { error?: never }>['data']
    : never;

export interface IdempotencyOption {
  /**
   * Sent as `Idempotency-Key`: a repeat of this request with the same key (after a timeout, a crash)
   * answers the first result instead of creating or sending twice. Derive it from your own record
   * (`crm-4711-send`) so that a retry after a restart reuses it.
   */
  idempotencyKey?: string;
}

type Caller<M extends Method, Extra = object> = <Path extends PathOf<M>, Init extends InitOf<Path, M> & Extra>(
  path: Path,
  ...[init]: InitArgument<Init>
) => Promise<Answer<Path, M, Init>>;

/** The GET paths whose answer is a page: `{ data: [...], nextCursor }` (and `hasMore` for the events feed). */
export type ListPath = {
  [Path in PathOf<'get'>]: Answer<Path, 'get', object> extends { data: ReadonlyArray<unknown>; nextCursor: string | null } ? Path : never;
}[PathOf<'get'>];
/** One element of a list's pages. */
export type ListItem<Path extends ListPath> = Answer<Path, 'get', object> extends { data: ReadonlyArray<infer Item> } ? Item : never;

export interface CountersignClient {
  /**
   * `GET` a path as the OpenAPI document writes it, with its parameters:
   * `GET('/api/v1/envelopes/{envelopeId}', { params: { path: { envelopeId } } })`. Resolves to the
   * answer's body; a file route with `parseAs: 'arrayBuffer' | 'blob' | 'stream' | 'text'` to that.
   * A refusal is thrown as a {@link CountersignError}.
   */
  GET: Caller<'get'>;
  /** `POST`; `idempotencyKey` makes a retried create or send act once. */
  POST: Caller<'post', IdempotencyOption>;
  PUT: Caller<'put'>;
  PATCH: Caller<'patch'>;
  /** Resolves to undefined for a 204, to the body for a 202 (a job). */
  DELETE: Caller<'delete'>;
  /**
   * Every element of a cursor-paginated list, page after page, fetched as you iterate:
   * `for await (const envelope of client.paginate('/api/v1/envelopes', { params: { query: { status: 'sent' } } }))`.
   * The envelope lists go back in time until the oldest; the events feed (`/api/v1/events`) goes
   * forward from `after` until it has nothing more now (`hasMore: false`).
   */
  paginate<Path extends ListPath>(path: Path, ...[init]: InitArgument<InitOf<Path, 'get'>>): AsyncGenerator<ListItem<Path>, void, undefined>;
  /** Uploads a document (multipart, the part `file`), to put into an envelope by its id. */
  uploadDocument(file: Blob, filename: string, options?: IdempotencyOption & { signal?: AbortSignal }): Promise<DocumentRecord>;
}

/**
 * A client of Countersign's REST API, typed by the paths of its OpenAPI document: each call names
 * its path as the document does, and the compiler holds its parameters, body and answer to that
 * route. Built on openapi-fetch.
 */
export function createCountersignClient(options: CountersignClientOptions): CountersignClient {
  const api = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    headers: { authorization: `Bearer ${options.apiKey}` },
  });
  // The generic signatures of CountersignClient are the checked ones; openapi-fetch's own cannot be forwarded generically.
  const request = api.request as (method: Method, path: string, init?: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

  async function call(method: Method, path: string, init: object = {}): Promise<any> {
    const { idempotencyKey, ...fetchOptions } = init as IdempotencyOption & { middleware?: Middleware[] };
    // Per call, after the caller's own headers are merged, whatever form they were given in.
    const withKey: Middleware[] = idempotencyKey ? [{ onRequest: ({ request }) => void request.headers.set('Idempotency-Key', idempotencyKey) }] : [];
    const answer = await request(method, path, { ...fetchOptions, middleware: [...(fetchOptions.middleware ?? []), ...withKey] });
    if (!answer.response.ok) throw CountersignError.fromAnswer(answer.response, answer.error);
    return answer.data;
  }

  return {
    GET: (path, ...[init]) => call('get', path, init ?? {}),
    POST: (path, ...[init]) => call('post', path, init ?? {}),
    PUT: (path, ...[init]) => call('put', path, init ?? {}),
    PATCH: (path, ...[init]) => call('patch', path, init ?? {}),
    DELETE: (path, ...[init]) => call('delete', path, init ?? {}),

    async *paginate(path, ...[init]) {
      const { params = {}, ...rest } = (init ?? {}) as { params?: { query?: Record<string, unknown> } };
      let query = { ...params.query };
      for (;;) {
        const page = (await call('get', path, { ...rest, params: { ...params, query } })) as { data: never[]; nextCursor: string | null; hasMore?: boolean };
        yield* page.data;
        // The events feed pages forward (`after`) and says whether more are waiting; the other lists
        // page back in time (`cursor`) until there is no next page.
        const feed = typeof page.hasMore === 'boolean';
        if (page.nextCursor === null || (feed && !page.hasMore)) return;
        query = { ...query, [feed ? 'after' : 'cursor']: page.nextCursor };
      }
    },

    uploadDocument(file, filename, { idempotencyKey, signal } = {}) {
      return call('post', '/api/v1/documents', {
        body: { file },
        // FormData, so that fetch writes the multipart Content-Type with its boundary.
        bodySerializer: () => {
          const form = new FormData();
          form.set('file', file, filename);
          return form;
        },
        ...(idempotencyKey ? { idempotencyKey } : {}),
        ...(signal ? { signal } : {}),
      });
    },
  };
}
