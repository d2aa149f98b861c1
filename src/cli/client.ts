import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import type { Problem } from '../api-client/types.js';

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

type Query = Record<string, string | number | undefined>;
type Body = string | FormData | undefined;

/** The CLI talks to a running server over its REST API only, like any other client. */
export class CountersignClient {
  constructor(private readonly options: ClientOptions) {}

  /** Where the server runs, as given (`--url` / COUNTERSIGN_URL). */
  get url(): string {
    return this.options.url;
  }

  get<T>(path: string, query: Query = {}): Promise<T> {
    return this.request<T>('GET', withQuery(path, query));
  }

  post<T>(path: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<T> {
    return this.request<T>('POST', path, { body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  }

  /** A 204 has no body: resolves to undefined; a 202 resolves to its body (a job). */
  delete<T = void>(path: string, query: Query = {}): Promise<T> {
    return this.request<T>('DELETE', withQuery(path, query));
  }

  /** Streams the file from disk: `openAsBlob` reads it lazily, it is never loaded whole. */
  async upload<T>(path: string, file: string, headers: Record<string, string> = {}): Promise<T> {
    let blob: Blob;
    try {
      blob = await openAsBlob(file);
    } catch (error) {
      throw new CliError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
    }
    const form = new FormData();
    form.set('file', blob, basename(file));
    return this.request<T>('POST', path, { body: form, headers });
  }

  /** The successful response itself, body unread, for content that is streamed to disk rather than parsed. */
  async download(path: string): Promise<Response> {
    const response = await this.send('GET', path, { headers: { accept: '*/*' } });
    if (!response.ok) throw await problemError(response);
    return response;
  }

  private async request<T>(method: string, path: string, init: { body?: Body; headers?: Record<string, string> } = {}): Promise<T> {
    const response = await this.send(method, path, init);
    if (!response.ok) throw await problemError(response);
    const text = await response.text();
    return (text === '' ? undefined : safeJson(text)) as T;
  }

  private async send(method: string, path: string, init: { body?: Body; headers?: Record<string, string> }): Promise<Response> {
    if (!this.options.apiKey) {
      throw new CliError('No API key. Set COUNTERSIGN_API_KEY (or pass --api-key) to the key the server printed at its first start.');
    }
    const target = new URL(`/api/v1${path}`, this.options.url);
    try {
      return await fetch(target, {
        method,
        body: init.body,
        headers: { authorization: `Bearer ${this.options.apiKey}`, accept: 'application/json', ...init.headers },
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new CliError(
        `Cannot reach Countersign at ${this.options.url} (${cause}). Is the server running? Start it with \`npx countersign start\`, or set COUNTERSIGN_URL to where it runs.`,
      );
    }
  }
}

async function problemError(response: Response): Promise<CliError> {
  const text = await response.text();
  // Whatever answered may not be Countersign (a proxy, a wrong URL): every member may be missing.
  const problem = ((text === '' ? undefined : safeJson(text)) ?? {}) as Partial<Problem>;
  if (response.status === 401) {
    return new CliError(`The server refused the API key: ${problem.detail ?? 'unauthorized'}`, [
      'Set COUNTERSIGN_API_KEY to a valid key (the one printed at first start, or one from `countersign keys create`).',
    ]);
  }
  return new CliError(
    problem.detail ?? `The server answered ${response.status} ${response.statusText}.`,
    (problem.errors ?? []).map((error) => `${error.path}: ${error.message}`),
  );
}

function withQuery(path: string, query: Query): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) search.set(name, String(value));
  return search.size > 0 ? `${path}?${search}` : path;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
