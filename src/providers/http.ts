import type { Readable } from 'node:stream';
import { request as undiciRequest } from 'undici';
import { backoffDelayMs } from '../domain/backoff.js';
import { checkOutboundUrl, createOutboundDispatcher, NOTHING_ALLOWED, OutboundRefusedError, type OutboundPolicy } from '../net/outbound-guard.js';
import { ProviderError } from './errors.js';
import { PROVIDER_NAMES, type ProviderId } from './ids.js';
import { createSlidingWindowLimiter, UNLIMITED, type RateLimit, type RateLimiter } from './rate-limit.js';

/**
 * The HTTP client every provider adapter uses (DESIGN.md "Sync": rate limits are the shared client's
 * job). One client per connection: it owns that connection's keep-alive pool and rate limiter.
 *
 * - Every attempt has a connect timeout and a total timeout; uploads (stream bodies) get a longer one.
 * - Retries with exponential backoff and full jitter on network errors, 5xx and 429, only where a
 *   repeat is harmless: GET, HEAD, PUT, DELETE, or a request marked `idempotent`. Two answers are
 *   repeated for every method, because the provider never processed the request: a 429 (the
 *   provider refused it before doing anything) and a connection that was never established.
 * - `Retry-After` (seconds or HTTP date) on 429 and 503 replaces the backoff; a wait longer than
 *   `maxRetryAfterMs` is not slept through but returned as the error's `retryAfterMs`, so a job
 *   queue can reschedule instead of holding a worker.
 * - 5xx and 429 that outlive the retries become `ProviderError` (`unavailable` / `rate-limited`,
 *   both retryable) with the provider's own message kept; network errors and timeouts become
 *   `unavailable`. Other statuses are returned: adapters read their provider's special answers
 *   (Autenti's 403 with `X-CHALLENGE`) and call `responseError` for the rest.
 * - Bodies stream both ways: a request body is a factory that opens a fresh stream per attempt, so a
 *   document is never buffered and a retry starts from byte 0.
 * - Every connection goes through the outbound guard (src/net/outbound-guard.ts): public https
 *   addresses only, unless the policy opens more; the address connected to is the one checked.
 *   Redirects are never followed. A refused destination is a `ProviderError` of kind
 *   `destination-refused`, never retried.
 * - An error body is read for the provider's own structured message only (`readProviderMessage`);
 *   anything else a server answers (HTML, text) is never repeated, only its status and host.
 * - An abort signal (the client's own, and the one of each request: `withSignal`) stops the attempt
 *   in flight, a retry's wait and a wait for the rate limiter; the request rejects with its reason.
 * - Every attempt is reported (`onAttempt`) with the method, host, the path with ids replaced
 *   (`pathTemplate`), status, duration and attempt number: never a query, header or body.
 */

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A body: text, bytes, or a factory called for each attempt — a fresh stream (documents), or text that
 * must differ per attempt (a token request's assertion, whose one-time `jti` a lost answer used up).
 */
export type HttpBody = string | Uint8Array | (() => Readable | string | Promise<Readable | string>);

export type HttpRequest = {
  readonly method: HttpMethod;
  /** Relative to the client's `baseUrl` (no leading slash), or an absolute URL. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: HttpBody;
  /** Marks a POST or PATCH as safe to repeat (a token request, a pure query). */
  readonly idempotent?: boolean;
  /** What is being done, for messages: "creating the document process". */
  readonly operation: string;
  /** Overrides the client's total timeout for this request. */
  readonly timeoutMs?: number;
  /** Aborts this request (see `CallOptions` in provider.ts). */
  readonly signal?: AbortSignal;
  /** The path as logged, ids replaced, e.g. `document-processes/{id}/files`; by default `pathTemplate(path)`. */
  readonly pathTemplate?: string;
};

export type HttpResponse = {
  readonly status: number;
  /** The host that answered (for messages that must not repeat its body). */
  readonly host: string;
  /** Lower-case names; a repeated header is an array. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The first value of a header. */
  header(name: string): string | undefined;
  /** Every value of a header, in order (a header may be sent several times, e.g. Autenti's `X-CHALLENGE`). */
  headerValues(name: string): string[];
  /** The body as a stream; the total timeout stops here and an idle timeout guards each chunk. */
  stream(): Readable;
  text(): Promise<string>;
  /** Parses JSON; a body that is not JSON is `unavailable` (the provider answered garbage). */
  json<T = unknown>(): Promise<T>;
  /** Reads and discards the body, freeing the connection. */
  dump(): Promise<void>;
};

/** One finished attempt, for logs. Never headers or bodies: they carry tokens and documents. */
export type HttpLogEvent = {
  readonly provider: ProviderId;
  readonly method: HttpMethod;
  readonly host: string;
  /** The URL's path with ids replaced by `{id}` (see `pathTemplate`); never the query, which may carry a token. */
  readonly path: string;
  /** `null` when no answer came (network error, timeout). */
  readonly status: number | null;
  readonly durationMs: number;
  readonly attempt: number;
  /** Set when the attempt failed without an answer: the error code (`ECONNREFUSED`, `TIMEOUT`). */
  readonly error?: string;
  /** Set when another attempt follows after this many ms. */
  readonly retryInMs?: number;
};

export type HttpClientOptions = {
  readonly provider: ProviderId;
  /** API root every relative path resolves against; a trailing slash is added when missing. */
  readonly baseUrl: string;
  /** Establishing the TCP/TLS connection. Default 10 s. */
  readonly connectTimeoutMs?: number;
  /** One attempt, from sending to the end of a body read with `text`/`json`. Default 30 s. */
  readonly timeoutMs?: number;
  /** The same for requests whose body is a stream (uploads). Default 10 min. */
  readonly uploadTimeoutMs?: number;
  /** Attempts in all, the first included. Default 4. */
  readonly maxAttempts?: number;
  /** Backoff (src/domain/backoff.ts): attempt n waits up to min(maxDelayMs, baseDelayMs × 2^(n−1)). Defaults 500 ms, 30 s. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** The longest `Retry-After` slept through in-process. Default 60 s. */
  readonly maxRetryAfterMs?: number;
  /**
   * The connection's limiter, from the runtime (rate-limit.ts), shared by every adapter of the
   * connection. `rateLimit` builds a private one instead (tests).
   */
  readonly rateLimiter?: RateLimiter;
  /** The provider's call budget (`capabilities.rateLimit`), e.g. Connective 100 calls / 60 s. */
  readonly rateLimit?: RateLimit | null;
  /** Aborts every request of this client (the runtime's signal). */
  readonly signal?: AbortSignal;
  readonly onAttempt?: (event: HttpLogEvent) => void;
  /** Test seams. A `sleep` given here is cut short by an abort all the same. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
  /**
   * Which destinations may be called (the outbound guard). Public https only by default; the app
   * passes the operator's COUNTERSIGN_ALLOW_PRIVATE_URLS, and the server's own origin for its built-in sandbox.
   */
  readonly outbound?: OutboundPolicy;
};

export type HttpClient = {
  readonly baseUrl: string;
  /** Sends with timeouts, rate limit and retries; throws `ProviderError` for network trouble, 5xx and 429. */
  request(request: HttpRequest): Promise<HttpResponse>;
  /** The same client, every request of which also honours `signal` (one adapter call's `CallOptions.signal`). */
  withSignal(signal: AbortSignal | undefined): HttpClient;
  /** Refuses new requests and closes the connection pool once the requests in flight are done. */
  close(): Promise<void>;
};

const SAFE_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);
/** Errors raised before the request reached the provider: repeating cannot do anything twice. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);
/** undici's own timeouts say the same as ours. */
const TIMEOUT_CODES: ReadonlySet<string> = new Set(['TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const ERROR_BODY_LIMIT = 16 * 1024;

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const provider = options.provider;
  const name = PROVIDER_NAMES[provider];
  const baseUrl = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const uploadTimeoutMs = options.uploadTimeoutMs ?? 600_000;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const baseSleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const sleep = (ms: number, sources: AbortSources) => untilAborted(baseSleep(ms), sources);
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const outbound = options.outbound ?? { allow: NOTHING_ALLOWED };
  const dispatcher = createOutboundDispatcher(outbound, { connectTimeoutMs: options.connectTimeoutMs ?? 10_000 });
  const given = options.rateLimiter ?? (options.rateLimit ? createSlidingWindowLimiter(options.rateLimit, { now, sleep: (ms, signal) => sleep(ms, abortSources(signal)) }) : undefined);
  // A connection without a budget (UNLIMITED) has nothing to wait for: no place is taken, rather than
  // a signal joined for it on every request (see AbortSources).
  const limiter = given === UNLIMITED ? undefined : given;

  let closed = false;

  /** `bound`: the signals of `withSignal`. */
  async function request(spec: HttpRequest, bound: AbortSources): Promise<HttpResponse> {
    if (closed) throw new Error(`The ${name} HTTP client is closed: its adapter was disposed.`);
    const sources = abortSources(options.signal, ...bound, spec.signal);
    abortedOf(sources)?.throwIfAborted();
    const url = buildUrl(baseUrl, spec.path, spec.query);
    // Before anything is sent: a clear refusal for what needs no DNS (the dispatcher checks the rest).
    try {
      checkOutboundUrl(url, outbound);
    } catch (error) {
      throw destinationRefused(error as OutboundRefusedError, spec.operation);
    }
    const path = spec.pathTemplate ?? pathTemplate(url.pathname);
    const repeatable = SAFE_METHODS.has(spec.method) || spec.idempotent === true;
    // A body made per attempt is a document's stream (the upload limit), unless the call is a small one
    // marked safe to repeat (a token request signs its body anew per attempt).
    const limitMs = spec.timeoutMs ?? (typeof spec.body === 'function' && spec.idempotent !== true ? uploadTimeoutMs : timeoutMs);

    for (let attempt = 1; ; attempt += 1) {
      const answered = limiter ? await limiter.acquire(oneSignal(sources)) : undefined;
      const started = now();
      const log = (status: number | null, extra: { error?: string; retryInMs?: number } = {}) =>
        options.onAttempt?.({ provider, method: spec.method, host: url.host, path, status, durationMs: now() - started, attempt, ...extra });
      const backoff = () => backoffDelayMs(attempt, { baseMs: baseDelayMs, maxMs: maxDelayMs, random });

      let response: HttpResponse;
      try {
        // The limiter holds the attempt's place until its answer: the provider has counted it by then.
        response = await attemptOnce(url, spec, limitMs, sources).finally(answered);
      } catch (error) {
        const aborted = abortedOf(sources);
        if (aborted) {
          log(null, { error: 'ABORTED' });
          throw aborted.reason;
        }
        // The caller's own stream failed (a blob that cannot be read): not the provider's trouble.
        if (error instanceof BodyStreamError) throw error.cause;
        const refused = OutboundRefusedError.find(error);
        if (refused) {
          log(null, { error: refused.code });
          throw destinationRefused(refused, spec.operation);
        }
        const code = errorCode(error);
        const retry = attempt < maxAttempts && (repeatable || NOT_SENT_CODES.has(code));
        const delay = retry ? backoff() : undefined;
        log(null, { error: code, ...(delay === undefined ? {} : { retryInMs: delay }) });
        if (delay === undefined) throw networkError(error, code, spec.operation, limitMs);
        await sleep(delay, sources);
        continue;
      }

      if (response.status < 500 && response.status !== 429) {
        log(response.status);
        return response;
      }
      const error = await responseError(provider, response, spec.operation, now());
      const honoursRetryAfter = response.status === 429 || response.status === 503;
      const wait = honoursRetryAfter && error.retryAfterMs !== null ? error.retryAfterMs : backoff();
      const retry = attempt < maxAttempts && (repeatable || response.status === 429) && wait <= maxRetryAfterMs;
      log(response.status, retry ? { retryInMs: wait } : {});
      if (!retry) throw error;
      await sleep(wait, sources);
    }
  }

  async function attemptOnce(url: URL, spec: HttpRequest, limitMs: number, sources: AbortSources): Promise<HttpResponse> {
    // The listeners below hear only aborts to come: one that came before (while waiting to retry) stops here.
    abortedOf(sources)?.throwIfAborted();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TimeoutSignal()), limitMs);
    timer.unref();
    // The caller's abort stops this attempt too, including a body still being read.
    const stopListening = onAnyAbort(sources, (reason) => controller.abort(reason));
    const clear = () => {
      clearTimeout(timer);
      stopListening();
    };
    let body: string | Uint8Array | Readable | undefined;
    let bodyError: { error: unknown } | undefined;
    try {
      body = typeof spec.body === 'function' ? await spec.body() : spec.body;
      if (body !== undefined && typeof body === 'object' && 'once' in body) body.once('error', (error) => (bodyError ??= { error }));
      const answer = await undiciRequest(url, {
        method: spec.method,
        headers: spec.headers as Record<string, string | string[]> | undefined,
        body: body ?? null,
        signal: controller.signal,
        dispatcher,
        headersTimeout: limitMs,
        bodyTimeout: Math.min(limitMs, timeoutMs),
      });
      // A body left unread after the caller gave up must not crash the process when aborted.
      answer.body.on('error', () => undefined);
      return wrapResponse(answer.statusCode, url.host, answer.headers, answer.body as unknown as Readable, { clear, controller, operation: spec.operation, limitMs });
    } catch (error) {
      clear();
      // A document stream that was not (fully) sent still holds its file open.
      if (body !== undefined && typeof body === 'object' && 'destroy' in body) body.destroy();
      if (bodyError !== undefined) throw new BodyStreamError(bodyError.error);
      throw controller.signal.aborted && controller.signal.reason instanceof TimeoutSignal ? controller.signal.reason : error;
    }
  }

  function wrapResponse(
    status: number,
    host: string,
    headers: Record<string, string | string[] | undefined>,
    body: Readable,
    attempt: { clear: () => void; controller: AbortController; operation: string; limitMs: number },
  ): HttpResponse {
    const { clear, controller, operation, limitMs } = attempt;
    const read = async (): Promise<string> => {
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
        return Buffer.concat(chunks).toString('utf8');
      } catch (error) {
        if (controller.signal.aborted && !(controller.signal.reason instanceof TimeoutSignal)) throw controller.signal.reason;
        throw controller.signal.reason instanceof TimeoutSignal
          ? networkError(controller.signal.reason, 'TIMEOUT', operation, limitMs)
          : networkError(error, errorCode(error), operation, limitMs);
      } finally {
        clear();
      }
    };
    const values = (headerName: string): string[] => {
      const value = headers[headerName.toLowerCase()];
      return value === undefined ? [] : Array.isArray(value) ? value : [value];
    };
    return {
      status,
      host,
      headers,
      header: (headerName) => values(headerName)[0],
      headerValues: values,
      stream() {
        clear();
        return body;
      },
      text: read,
      async json<T>() {
        const text = await read();
        try {
          return JSON.parse(text) as T;
        } catch (error) {
          throw new ProviderError({
            kind: 'unavailable',
            provider,
            httpStatus: status,
            message: `${name} (${host}) answered ${operation} with a body that is not JSON (HTTP ${status}). Countersign retries later.`,
            cause: error,
          });
        }
      },
      async dump() {
        await read().catch(() => undefined);
      },
    };
  }

  function networkError(error: unknown, code: string, operation: string, limitMs: number): ProviderError {
    const message =
      TIMEOUT_CODES.has(code)
        ? `${name} did not answer within ${limitMs >= 1000 ? `${Math.round(limitMs / 1000)} s` : `${limitMs} ms`} while ${operation}. Countersign retries later.`
        : `${name} could not be reached while ${operation} (${code}). Countersign retries later.`;
    return new ProviderError({ kind: 'unavailable', provider, message, cause: error });
  }

  function destinationRefused(refusal: OutboundRefusedError, operation: string): ProviderError {
    return new ProviderError({
      kind: 'destination-refused',
      provider,
      message: `Countersign did not call ${name} while ${operation}: the connection's URL ${refusal.message} Change the URL in Settings → Connections.`,
      cause: refusal,
    });
  }

  const withSignals = (bound: AbortSources): HttpClient => ({
    baseUrl,
    request: (spec) => request(spec, bound),
    withSignal: (next) => withSignals(abortSources(...bound, next)),
    close: async () => {
      // Requests in flight finish (undici closes gracefully); new ones are refused.
      closed = true;
      await dispatcher.close();
    },
  });
  return withSignals([]);
}

/**
 * A path as logged: segments that look like ids (a `:` or `%`, as Autenti's `DOCUMENT_PROCESS:…`, or
 * eight characters or more with a digit) become `{id}`. `api/v2/document-processes/DOCUMENT_PROCESS:1f…/files`
 * → `api/v2/document-processes/{id}/files`.
 */
export function pathTemplate(path: string): string {
  return path
    .split('/')
    .map((segment) => (/[:%]/.test(segment) || (segment.length >= 8 && /\d/.test(segment)) ? '{id}' : segment))
    .join('/');
}

/**
 * What may abort a request: the client's own signal, its call's (`withSignal`) and its own. Kept as
 * a list and listened to one by one, not joined with `AbortSignal.any`: on Node.js 20 that took some
 * 12 µs a request (a send makes six) and left a weak reference on the client's long-lived signal
 * until the next garbage collection. Joined only for a limiter with a budget (`oneSignal`).
 */
type AbortSources = readonly AbortSignal[];

function abortSources(...signals: Array<AbortSignal | undefined>): AbortSources {
  return signals.filter((signal): signal is AbortSignal => signal !== undefined);
}

function abortedOf(sources: AbortSources): AbortSignal | undefined {
  return sources.find((signal) => signal.aborted);
}

/** Calls `listener` with the reason of the first source to abort; the function returned stops listening. */
function onAnyAbort(sources: AbortSources, listener: (reason: unknown) => void): () => void {
  const removers = sources.map((signal) => {
    const onAbort = () => listener(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    return () => signal.removeEventListener('abort', onAbort);
  });
  return () => {
    for (const remove of removers) remove();
  };
}

/** The sources as one signal, for an API that takes one (the rate limiter): joined only when there are several. */
function oneSignal(sources: AbortSources): AbortSignal | undefined {
  return sources.length <= 1 ? sources[0] : AbortSignal.any([...sources]);
}

/** `promise`, or the reason of the first source to abort as soon as it does. */
function untilAborted<T>(promise: Promise<T>, sources: AbortSources): Promise<T> {
  if (sources.length === 0) return promise;
  const aborted = abortedOf(sources);
  if (aborted) return Promise.reject(aborted.reason);
  return new Promise<T>((resolve, reject) => {
    const stopListening = onAnyAbort(sources, reject);
    promise.then(
      (value) => {
        stopListening();
        resolve(value);
      },
      (error) => {
        stopListening();
        reject(error);
      },
    );
  });
}

/**
 * The `ProviderError` for a non-2xx answer an adapter did not handle itself, keeping the provider's
 * structured message (read from at most 16 KB of the body), else naming only the status and host.
 */
export async function responseError(provider: ProviderId, response: HttpResponse, operation: string, now = Date.now()): Promise<ProviderError> {
  return ProviderError.fromHttpStatus({
    provider,
    httpStatus: response.status,
    host: response.host,
    operation,
    providerMessage: readProviderMessage(await readErrorBody(response)),
    retryAfter: response.header('retry-after') ?? null,
    now,
  });
}

/** The first 16 KB of an error body: enough for a message, never a whole document. */
export async function readErrorBody(response: HttpResponse): Promise<string> {
  const stream = response.stream();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(Buffer.from(chunk as Uint8Array));
      size += (chunk as Uint8Array).length;
      if (size >= ERROR_BODY_LIMIT) break;
    }
  } catch {
    // The message is a courtesy; the status already says what happened.
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, ERROR_BODY_LIMIT).toString('utf8');
}

/** The longest provider message kept: a sentence or two, never a page. */
export const PROVIDER_MESSAGE_LIMIT = 300;

/**
 * The provider's own words from an error body — the one rule for what of a remote answer may be
 * shown to people: a string field of a JSON object that providers use for errors (RFC 9457
 * problem+json `detail` or `title`, an OAuth `error_description` or `error`, a `message`/`Message`),
 * control characters removed and cut at {@link PROVIDER_MESSAGE_LIMIT}. Anything else (HTML, plain
 * text, JSON of another shape) is `undefined`: a body that is not a provider's error is never
 * repeated, since the URL may not lead to the provider at all.
 */
export function readProviderMessage(body: unknown): string | undefined {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body.trim());
    } catch {
      return undefined;
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  for (const key of ['detail', 'error_description', 'message', 'Message', 'title', 'error']) {
    const value = (parsed as Record<string, unknown>)[key];
    if (typeof value !== 'string') continue;
    const clean = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
    if (clean === '') continue;
    return clean.length > PROVIDER_MESSAGE_LIMIT ? `${clean.slice(0, PROVIDER_MESSAGE_LIMIT - 1)}…` : clean;
  }
  return undefined;
}


function buildUrl(baseUrl: string, path: string, query: HttpRequest['query']): URL {
  const url = new URL(path, baseUrl);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url;
}

/** Carries an error of the request body's own stream out of an attempt. */
class BodyStreamError extends Error {
  constructor(override readonly cause: unknown) {
    super('The request body stream failed.');
  }
}

class TimeoutSignal extends Error {
  readonly code = 'TIMEOUT';
  constructor() {
    super('The request timed out.');
  }
}

function errorCode(error: unknown): string {
  if (error instanceof TimeoutSignal) return 'TIMEOUT';
  // undici wraps system errors (`fetch failed` → cause ECONNREFUSED); the innermost code says most.
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  const inner = cause instanceof Error && cause !== error ? errorCode(cause) : undefined;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (inner !== undefined && !['NETWORK_ERROR', 'Error'].includes(inner)) return inner;
  if (typeof code === 'string' && code !== '') return code;
  return error instanceof Error ? error.name : 'NETWORK_ERROR';
}
