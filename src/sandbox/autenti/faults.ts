import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { SandboxProblem, problems, sendProblem } from './problems.js';
import type { TokenService } from './tokens.js';

/**
 * Fault knobs and call recording, for `/api/v2` routes only: latency, a share of 500/503 answers,
 * 429 rate limiting with Retry-After, and "expire every token now" — so that an adapter's retries,
 * backoff and token refresh are tested against failures it will meet in production. Call recording
 * lets a test assert what an adapter sent (STYLE point 11).
 */

/**
 * Which response shapes the sandbox answers (issue 9): live Autenti and seed 003 differ, and an adapter
 * must read both. `process`: `both` (default) carries the seed's contentElements / participationEvents
 * and the live files / events; `seed` or `live` only one pair. `actionAnswer`: `array` (default, live) or
 * `object` (the seed's single event).
 */
export interface ResponseShapes {
  process: 'both' | 'seed' | 'live';
  actionAnswer: 'array' | 'object';
}
export const DEFAULT_SHAPES: ResponseShapes = { process: 'both', actionAnswer: 'array' };

export interface FaultSettings {
  shapes: ResponseShapes;
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
  /** Path relative to the sandbox root (without its mount prefix), query included: `/api/v2/document-processes?limit=5`. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON or form body; secrets (client_secret, password) redacted; absent for multipart and empty bodies. */
  body?: unknown;
  status: number;
}

const DEFAULTS: FaultSettings = { shapes: DEFAULT_SHAPES, latencyMs: 0, errorRate: 0, errorStatuses: [500, 503], rateLimit: null };
const MAX_CALLS = 2000;

export type FaultControl = ReturnType<typeof createFaultControl>;

/** The fault knobs and the call log of one sandbox (in memory; `random` is injectable for tests). */
export function createFaultControl(options: { tokens: TokenService; random?: () => number }) {
  let settings: FaultSettings = { ...DEFAULTS };
  let callsSinceRateLimit = 0;
  let calls: RecordedCall[] = [];
  let seq = 0;
  const random = options.random ?? Math.random;

  const describe = () => ({ ...settings, tokensInvalidBefore: options.tokens.tokensInvalidBefore() });

  return {
    describe,
    /** Merges the given knobs into the current ones (a knob left out keeps its value). */
    update(input: unknown) {
      if (typeof input !== 'object' || input === null) throw problems.badRequest('Send a JSON object of fault knobs.');
      const body = input as Record<string, unknown>;
      const next = { ...settings };
      if (body.shapes !== undefined) next.shapes = readShapes(body.shapes, settings.shapes);
      if (body.latencyMs !== undefined) {
        if (typeof body.latencyMs !== 'number' || body.latencyMs < 0 || body.latencyMs > 60_000) throw problems.badRequest('latencyMs must be a number of milliseconds from 0 to 60000.');
        next.latencyMs = body.latencyMs;
      }
      if (body.errorRate !== undefined) {
        if (typeof body.errorRate !== 'number' || body.errorRate < 0 || body.errorRate > 1) throw problems.badRequest('errorRate must be a share from 0 to 1.');
        next.errorRate = body.errorRate;
      }
      if (body.errorStatuses !== undefined) {
        const statuses = body.errorStatuses;
        if (!Array.isArray(statuses) || statuses.length === 0 || statuses.some((s) => s !== 500 && s !== 502 && s !== 503 && s !== 504)) {
          throw problems.badRequest('errorStatuses must be a non-empty array of 500, 502, 503, 504.');
        }
        next.errorStatuses = statuses as number[];
      }
      if (body.rateLimit !== undefined) {
        const limit = body.rateLimit as Record<string, unknown> | null;
        if (limit === null) next.rateLimit = null;
        else if (typeof limit !== 'object' || !Number.isInteger(limit.every) || (limit.every as number) < 1) {
          throw problems.badRequest('rateLimit must be {"every": N (a positive integer), "retryAfterSeconds": S} or null.');
        } else {
          const retryAfter = limit.retryAfterSeconds ?? 1;
          if (!Number.isInteger(retryAfter) || (retryAfter as number) < 0) throw problems.badRequest('rateLimit.retryAfterSeconds must be a non-negative integer.');
          next.rateLimit = { every: limit.every as number, retryAfterSeconds: retryAfter as number };
          callsSinceRateLimit = 0;
        }
      }
      settings = next;
      if (body.expireTokensNow === true) options.tokens.expireAllAccessTokens();
      return describe();
    },
    /** The response shapes currently answered. */
    shapes: (): ResponseShapes => settings.shapes,
    reset() {
      settings = { ...DEFAULTS };
      callsSinceRateLimit = 0;
      return describe();
    },

    /** Applies the knobs to one API call: waits, then maybe answers 429 or 5xx instead of the route. */
    async apply(): Promise<SandboxProblem | null> {
      if (settings.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.latencyMs));
      if (settings.rateLimit) {
        callsSinceRateLimit += 1;
        if (callsSinceRateLimit % settings.rateLimit.every === 0) {
          const seconds = settings.rateLimit.retryAfterSeconds;
          return new SandboxProblem(429, '/too-many-requests', 'Too many requests', `Rate limit exceeded; retry after ${seconds} seconds.`, {
            headers: { 'retry-after': String(seconds) },
          });
        }
      }
      if (settings.errorRate > 0 && random() < settings.errorRate) {
        const status = settings.errorStatuses[Math.floor(random() * settings.errorStatuses.length)] ?? 500;
        return status === 500
          ? new SandboxProblem(500, '/internal-server-error', 'Internal server error', 'Injected fault: the sandbox answers 500 to a share of calls (see /_sandbox/faults).')
          : new SandboxProblem(status, '/service-unavailable', 'Service unavailable', `Injected fault: the sandbox answers ${status} to a share of calls (see /_sandbox/faults).`, {
              headers: { 'retry-after': '1' },
            });
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
  };
}

function readShapes(input: unknown, current: ResponseShapes): ResponseShapes {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw problems.badRequest('shapes must be an object such as {"process": "live", "actionAnswer": "object"}.');
  const body = input as Record<string, unknown>;
  const next = { ...current };
  if (body.process !== undefined) {
    if (body.process !== 'both' && body.process !== 'seed' && body.process !== 'live') throw problems.badRequest(`shapes.process must be "both", "seed" or "live"; got ${JSON.stringify(body.process)}.`);
    next.process = body.process;
  }
  if (body.actionAnswer !== undefined) {
    if (body.actionAnswer !== 'array' && body.actionAnswer !== 'object') throw problems.badRequest(`shapes.actionAnswer must be "array" or "object"; got ${JSON.stringify(body.actionAnswer)}.`);
    next.actionAnswer = body.actionAnswer;
  }
  return next;
}

const REDACTED_FIELDS = ['client_secret', 'password'];

function redactedHeaders(request: FastifyRequest): RecordedCall['headers'] {
  const headers: RecordedCall['headers'] = { ...request.headers };
  const authorization = request.headers.authorization;
  if (authorization) headers.authorization = `${authorization.split(/\s+/)[0] ?? ''} [redacted]`;
  return headers;
}

function redactedBody(body: unknown): unknown {
  if (body === undefined || body === null || Buffer.isBuffer(body)) return undefined;
  if (typeof body !== 'object' || Array.isArray(body)) return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const name of REDACTED_FIELDS) if (name in copy) copy[name] = '[redacted]';
  return copy;
}

/**
 * Hooks for the API scope: faults before the route, recording as the answer leaves (onSend, not
 * onResponse: a client that reads /_sandbox/calls right after its answer must find its call there).
 * Like before, a request whose client went away before the answer is not recorded.
 */
export function installFaultHooks(api: FastifyInstance, faults: FaultControl, mountPrefix: () => string): void {
  api.addHook('onRequest', async (request, reply) => {
    const fault = await faults.apply();
    if (fault) return sendProblem(reply, fault);
  });
  api.addHook('onSend', async (request, reply, payload) => {
    // A request its client cut off (an upload whose stream died) gets no answer: not a call it made.
    if (request.raw.socket?.destroyed) return payload;
    const prefix = mountPrefix();
    const path = prefix && request.url.startsWith(prefix) ? request.url.slice(prefix.length) : request.url;
    faults.record({
      at: new Date().toISOString(),
      method: request.method,
      path,
      headers: redactedHeaders(request),
      ...((request.headers['content-type'] ?? '').startsWith('multipart/') ? {} : { body: redactedBody(request.body) }),
      status: reply.statusCode,
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
