/**
 * The one way the web app talks to the server: fetch with the session cookie, the CSRF token on
 * every write, and problem+json refusals turned into an `ApiError` that carries `detail` and the
 * field `errors`, so pages can show the server's own words.
 */
import type { FieldError, Problem } from '../../src/api-client/types';

export type { FieldError };

export class ApiError extends Error {
  readonly status: number;
  /** What went wrong and what to do, for people: the problem's `detail`. */
  readonly detail: string;
  readonly errors: FieldError[];
  readonly currentStatus: string | undefined;

  constructor(status: number, detail: string, errors: FieldError[] = [], currentStatus?: string) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.detail = detail;
    this.errors = errors;
    this.currentStatus = currentStatus;
  }

  /**
   * Field errors by path (`participants[0].email`), for showing each one next to its field. The
   * server's messages are fragments ("must not be empty"): under a field they start with a capital.
   */
  fieldErrors(): Record<string, string> {
    const byPath: Record<string, string> = {};
    for (const error of this.errors) byPath[error.path] ??= error.message.charAt(0).toUpperCase() + error.message.slice(1);
    return byPath;
  }
}

/** The sentence to show for anything a call threw. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Try again.';
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

// Kept in memory only: the session cookie is httpOnly, and the token must never outlive the page.
let csrfToken: string | undefined;
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

type Listener = () => void;
const sessionEndedListeners = new Set<Listener>();
/** Called when an API call answers 401: the session expired or was ended elsewhere. */
export function onSessionEnded(listener: Listener): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

export interface RequestOptions {
  /** A JSON body. */
  json?: unknown;
  /** A multipart body (uploads); the browser sets its Content-Type with the boundary. */
  form?: FormData;
  /** Makes a retried create or send return the first result instead of doing it twice. */
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** Session routes answer 401 for a wrong password: that is not a session that ended. */
  ignoreUnauthorized?: boolean;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form;
  }
  // No Content-Type without a body: the server refuses an empty JSON body.
  if (WRITE_METHODS.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, 'Countersign could not be reached. Check your network and that the server is running, then try again.');
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const type = response.headers.get('Content-Type') ?? '';
  const parsed: unknown = type.includes('json') && text ? safeParse(text) : undefined;

  if (response.ok) {
    if (parsed === undefined) throw new ApiError(response.status, 'The server sent an answer the web app cannot read. Reload the page.');
    return parsed as T;
  }
  if (response.status === 401 && !options.ignoreUnauthorized) sessionEndedListeners.forEach((listener) => listener());
  throw toApiError(response, parsed);
}

function toApiError(response: Response, parsed: unknown): ApiError {
  // Checked member by member: an answer from a proxy in between may be any JSON, or none.
  const problem = (parsed ?? {}) as { [Member in keyof Problem]?: unknown };
  const errors = Array.isArray(problem.errors)
    ? problem.errors.filter((item): item is FieldError => typeof item?.path === 'string' && typeof item?.message === 'string')
    : [];
  const detail =
    typeof problem.detail === 'string'
      ? problem.detail
      : typeof problem.title === 'string'
        ? problem.title
        : `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}. Try again in a moment.`;
  return new ApiError(response.status, detail, errors, typeof problem.currentStatus === 'string' ? problem.currentStatus : undefined);
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, json?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, json }),
  patch: <T>(path: string, json: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, json }),
  delete: <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
  upload: <T>(path: string, file: File, options?: RequestOptions) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<T>('POST', path, { ...options, form });
  },
};

/** A query string from the values that are set. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * A fresh Idempotency-Key. crypto.randomUUID exists only in secure contexts, and a self-hosted
 * server is often reached over plain http on a LAN; getRandomValues works everywhere.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
