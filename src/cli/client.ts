import { existsSync, openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import createClient, { type Client, type ClientPathsWithMethod, type FetchResponse, type MaybeOptionalInit } from 'openapi-fetch';
import type { paths, Problem } from '../api-client/types.js';

/** A problem+json answer from the server, or a failure to reach it, said in words for the terminal. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

export interface ClientOptions {
  url: string;
  apiKey: string | undefined;
}

type Method = 'get' | 'post' | 'patch' | 'delete';
type Api = Client<paths>;
/** The templated paths (`/api/v1/envelopes/{envelopeId}`) that have this method. */
type PathOf<M extends Method> = ClientPathsWithMethod<Api, M>;
/** openapi-fetch's options for one call: `params` (`path`, `query`), `body`, `headers`. */
type InitOf<Path extends keyof paths, M extends Method> = MaybeOptionalInit<paths[Path], M>;
type RequiredKeysOf<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
/** The options are required where the operation has required path params or a required body. */
type InitArgument<Init> = RequiredKeysOf<Init> extends never ? [init?: Init] : [init: Init];
/** The body of the operation's success answer; undefined for a 204. */
type Answer<Path extends keyof paths, M extends Method, Init> =
  paths[Path][M] extends infer Operation extends Record<string, unknown>
    ? Extract<FetchResponse<Operation, Init, `${string}/${string}`>, { error?: never }>['data']
    : never;

/**
 * The CLI talks to a running server over its REST API only, like any other client. Every call names
 * its path as the OpenAPI document does, so the compiler checks its params, body and answer against
 * the generated `paths`; a refusal is thrown as a CliError, so each method resolves to the answer.
 */
export class CountersignClient {
  private readonly api: Api;

  constructor(private readonly options: ClientOptions) {
    this.api = createClient<paths>({ headers: { authorization: `Bearer ${options.apiKey}`, accept: 'application/json' } });
  }

  /** Where the server runs, as given (`--url` / COUNTERSIGN_URL). */
  get url(): string {
    return this.options.url;
  }

  async GET<Path extends PathOf<'get'>, Init extends InitOf<Path, 'get'>>(path: Path, ...[init]: InitArgument<Init>): Promise<Answer<Path, 'get', Init>> {
    return (await this.send('get', path, init)).data as Answer<Path, 'get', Init>;
  }

  async POST<Path extends PathOf<'post'>, Init extends InitOf<Path, 'post'>>(path: Path, ...[init]: InitArgument<Init>): Promise<Answer<Path, 'post', Init>> {
    return (await this.send('post', path, init)).data as Answer<Path, 'post', Init>;
  }

  async PATCH<Path extends PathOf<'patch'>, Init extends InitOf<Path, 'patch'>>(path: Path, ...[init]: InitArgument<Init>): Promise<Answer<Path, 'patch', Init>> {
    return (await this.send('patch', path, init)).data as Answer<Path, 'patch', Init>;
  }

  /** A 204 resolves to undefined; a 202 to its body (a job). */
  async DELETE<Path extends PathOf<'delete'>, Init extends InitOf<Path, 'delete'>>(path: Path, ...[init]: InitArgument<Init>): Promise<Answer<Path, 'delete', Init>> {
    return (await this.send('delete', path, init)).data as Answer<Path, 'delete', Init>;
  }

  /**
   * Uploads a document, streamed from disk as the multipart part `file`: `openAsBlob` reads it
   * lazily, it is never loaded whole.
   */
  async uploadDocument(file: string, headers: Record<string, string> = {}) {
    let blob: Blob;
    try {
      blob = await openAsBlob(file);
    } catch (error) {
      // Node 20 says only "Unable to open file as blob" (ERR_INVALID_ARG_VALUE) for a missing file.
      throw new CliError(`Cannot read ${file}: ${existsSync(file) ? (error as Error).message : 'no such file'}.`);
    }
    return this.POST('/api/v1/documents', { body: { file: blob }, bodySerializer: () => multipartFile(blob, basename(file)), headers });
  }

  /** The successful response itself, body unread, for content that is streamed to disk rather than parsed. */
  async download<Path extends PathOf<'get'>, Init extends InitOf<Path, 'get'>>(path: Path, ...[init]: InitArgument<Init>): Promise<Response> {
    return (await this.send('get', path, { ...init, parseAs: 'stream', headers: { accept: '*/*' } })).response;
  }

  private async send(method: Method, path: string, init: object = {}): Promise<{ data?: unknown; response: Response }> {
    if (!this.options.apiKey) {
      throw new CliError('No API key. Set COUNTERSIGN_API_KEY (or pass --api-key) to the key the server printed at its first start.');
    }
    // The API is at /api/v1 from the root of the server's address, whatever path `--url` has.
    const baseUrl = new URL(this.options.url).origin;
    let answer: { data?: unknown; error?: unknown; response: Response };
    try {
      answer = await this.api.request(method, path as never, { ...init, baseUrl } as never);
    } catch (error) {
      // openapi-fetch parses a success answer as JSON: one that is not JSON did not come from Countersign.
      if (error instanceof SyntaxError) {
        throw new CliError(`What answered at ${this.options.url} is not Countersign: it sent something other than JSON. Set COUNTERSIGN_URL to where Countersign runs.`);
      }
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new CliError(
        `Cannot reach Countersign at ${this.options.url} (${cause}). Is the server running? Start it with \`npx countersign start\`, or set COUNTERSIGN_URL to where it runs.`,
      );
    }
    if (!answer.response.ok) throw problemError(answer.response, answer.error);
    return answer;
  }
}

/** As FormData, so that fetch writes the Content-Type with the multipart boundary. */
function multipartFile(file: Blob, name: string): FormData {
  const form = new FormData();
  form.set('file', file, name);
  return form;
}

/** `body` is the refusal as openapi-fetch read it: parsed JSON, else its text, or undefined when empty. */
function problemError(response: Response, body: unknown): CliError {
  // Whatever answered may not be Countersign (a proxy, a wrong URL): every member may be missing.
  const problem: Partial<Problem> = typeof body === 'object' && body !== null ? body : {};
  if (response.status === 401) {
    return new CliError(`The server refused the API key: ${problem.detail ?? 'unauthorized'}`, [
      'Set COUNTERSIGN_API_KEY to a valid key (the one printed at first start, or one from `countersign keys create`).',
    ]);
  }
  return new CliError(
    problem.detail ?? `The server answered ${response.status} ${response.statusText}.`,
    (Array.isArray(problem.errors) ? problem.errors : []).map((error) => `${error.path}: ${error.message}`),
  );
}
