import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { ConnectiveError, refusals, sendError } from './errors.js';

/**
 * Fault knobs and call recording for the API routes (`/webportalapi/…`), the same knobs as the Autenti
 * sandbox's: latency, a share of 5xx answers, a 429 every N calls — so that an adapter's retries and
 * backoff are tested against failures it will meet — and a log of every call, so that a test can
 * assert what an adapter sent (STYLE point 11).
 */

export interface FaultSettings {
  latencyMs: number;
  /** Share (0..1) of API calls answered with one of `errorStatuses`. */
  errorRate: number;
  errorStatuses: number[];
  /** Every `every`-th API call (counted from when the knob was set) gets 429 with Retry-After. */
  rateLimit: { every: number; retryAfterSeconds: number } | null;
}

/** One API call as `GET /_sandbox/calls` lists it. */
export interface RecordedCall {
  seq: number;
  at: string;
  method: string;
  /** Relative to the mount, query included: `/webportalapi/v3/packages?MaxQuantity=5`. */
  path: string;
  status: number;
  /** The API user (Basic username), or null when the call carried none. */
  user: string | null;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON with a document's base64 replaced by `"<base64: N bytes>"`; absent for multipart and empty bodies. */
  body?: unknown;
}

const DEFAULTS: FaultSettings = { latencyMs: 0, errorRate: 0, errorStatuses: [500, 503], rateLimit: null };
const MAX_CALLS = 2000;

export type FaultControl = ReturnType<typeof createFaultControl>;

const recordedBodies = new WeakMap<FastifyRequest, unknown>();
/** Sets what the call log shows as a request's body (the streaming upload parser has no parsed body to show). */
export function setRecordedBody(request: FastifyRequest, body: unknown): void {
  recordedBodies.set(request, body);
}
const users = new WeakMap<FastifyRequest, string>();
/** Remembers the API user of a request for the call log and throttling. */
export function setCallUser(request: FastifyRequest, username: string): void {
  users.set(request, username);
}
export const callUserOf = (request: FastifyRequest): string | null => users.get(request) ?? null;

export function createFaultControl(options: { random?: () => number; now: () => Date }) {
  let settings: FaultSettings = { ...DEFAULTS };
  let callsSinceRateLimit = 0;
  let calls: RecordedCall[] = [];
  let seq = 0;
  const random = options.random ?? Math.random;

  return {
    describe: () => ({ ...settings }),
    /** Merges the given knobs into the current ones (a knob left out keeps its value). */
    update(input: unknown) {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) throw refusals.invalid('Send a JSON object of fault knobs.');
      const body = input as Record<string, unknown>;
      const next = { ...settings };
      if (body.latencyMs !== undefined) {
        if (typeof body.latencyMs !== 'number' || body.latencyMs < 0 || body.latencyMs > 60_000) throw refusals.invalid('latencyMs must be a number of milliseconds from 0 to 60000.');
        next.latencyMs = body.latencyMs;
      }
      if (body.errorRate !== undefined) {
        if (typeof body.errorRate !== 'number' || body.errorRate < 0 || body.errorRate > 1) throw refusals.invalid('errorRate must be a share from 0 to 1.');
        next.errorRate = body.errorRate;
      }
      if (body.errorStatuses !== undefined) {
        const statuses = body.errorStatuses;
        if (!Array.isArray(statuses) || statuses.length === 0 || statuses.some((s) => s !== 500 && s !== 502 && s !== 503 && s !== 504)) {
          throw refusals.invalid('errorStatuses must be a non-empty array of 500, 502, 503, 504.');
        }
        next.errorStatuses = statuses as number[];
      }
      if (body.rateLimit !== undefined) {
        const limit = body.rateLimit as Record<string, unknown> | null;
        if (limit === null) next.rateLimit = null;
        else if (typeof limit !== 'object' || !Number.isInteger(limit.every) || (limit.every as number) < 1) {
          throw refusals.invalid('rateLimit must be {"every": N (a positive integer), "retryAfterSeconds": S} or null.');
        } else {
          const retryAfter = limit.retryAfterSeconds ?? 1;
          if (!Number.isInteger(retryAfter) || (retryAfter as number) < 0) throw refusals.invalid('rateLimit.retryAfterSeconds must be a non-negative integer.');
          next.rateLimit = { every: limit.every as number, retryAfterSeconds: retryAfter as number };
          callsSinceRateLimit = 0;
        }
      }
      settings = next;
      return { ...settings };
    },
    reset() {
      settings = { ...DEFAULTS };
      callsSinceRateLimit = 0;
      return { ...settings };
    },

    /** Applies the knobs to one API call: waits, then maybe answers 429 or 5xx instead of the route. */
    async apply(): Promise<ConnectiveError | null> {
      if (settings.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.latencyMs));
      if (settings.rateLimit) {
        callsSinceRateLimit += 1;
        if (callsSinceRateLimit % settings.rateLimit.every === 0) {
          const seconds = settings.rateLimit.retryAfterSeconds;
          return new ConnectiveError(429, 'Throttling.Exceeded', `Injected fault: rate limit; retry after ${seconds} seconds (see /_sandbox/faults).`, {
            'retry-after': String(seconds),
          });
        }
      }
      if (settings.errorRate > 0 && random() < settings.errorRate) {
        const status = settings.errorStatuses[Math.floor(random() * settings.errorStatuses.length)] ?? 500;
        return new ConnectiveError(status, status === 500 ? 'Server.Error' : 'Server.Unavailable', `Injected fault: the sandbox answers ${status} to a share of calls (see /_sandbox/faults).`, status === 500 ? {} : { 'retry-after': '1' });
      }
      return null;
    },

    record(call: Omit<RecordedCall, 'seq'>): void {
      seq += 1;
      calls.push({ seq, ...call });
      if (calls.length > MAX_CALLS) calls = calls.slice(-MAX_CALLS);
    },
    calls: (since = 0) => calls.filter((call) => call.seq > since),
    clearCalls(): void {
      calls = [];
    },
    /** The sandbox clock's reading for call timestamps. */
    now: options.now,
  };
}

function redactedHeaders(request: FastifyRequest): RecordedCall['headers'] {
  const headers: RecordedCall['headers'] = { ...request.headers };
  const authorization = request.headers.authorization;
  if (authorization) headers.authorization = `${authorization.split(/\s+/)[0] ?? ''} [redacted]`;
  return headers;
}

/** A parsed JSON body as the log shows it: never a document's base64 (it can be hundreds of MB). */
export function loggableBody(body: unknown): unknown {
  if (body === undefined || body === null || Buffer.isBuffer(body) || typeof body !== 'object') return body ?? undefined;
  if (Array.isArray(body)) return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const name of ['Document', 'Representation']) {
    if (typeof copy[name] === 'string') copy[name] = `<base64: ${Buffer.byteLength(copy[name] as string, 'base64')} bytes>`;
  }
  return copy;
}

/**
 * Hooks for the API scope: faults before the route, recording as the answer leaves (onSend, so that a
 * client reading /_sandbox/calls right after its answer finds its call there).
 */
export function installFaultHooks(api: FastifyInstance, faults: FaultControl, mountPrefix: () => string): void {
  api.addHook('onRequest', async (_request, reply) => {
    const fault = await faults.apply();
    if (fault) return sendError(reply, fault);
  });
  api.addHook('onSend', async (request, reply, payload) => {
    if (request.raw.socket?.destroyed) return payload;
    const prefix = mountPrefix();
    const path = prefix && request.url.startsWith(prefix) ? request.url.slice(prefix.length) : request.url;
    const multipart = (request.headers['content-type'] ?? '').startsWith('multipart/');
    const body = recordedBodies.has(request) ? recordedBodies.get(request) : loggableBody(request.body);
    faults.record({
      at: faults.now().toISOString(),
      method: request.method,
      path,
      status: reply.statusCode,
      user: callUserOf(request),
      headers: redactedHeaders(request),
      ...(multipart || body === undefined ? {} : { body }),
    });
    return payload;
  });
}

/** `GET/PUT/DELETE /faults`, `GET/DELETE /calls` (under `/_sandbox`). */
export function faultRoutes(faults: FaultControl): FastifyPluginAsync {
  return async (app) => {
    app.get('/faults', async () => faults.describe());
    app.put('/faults', async (request) => faults.update(request.body ?? {}));
    app.delete('/faults', async () => faults.reset());
    app.get('/calls', async (request) => {
      const since = Number.parseInt((request.query as { since?: string }).since ?? '0', 10);
      return faults.calls(Number.isFinite(since) ? since : 0);
    });
    app.delete('/calls', async (_request, reply) => {
      faults.clearCalls();
      return reply.code(204).send();
    });
  };
}
