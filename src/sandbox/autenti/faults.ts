import type { FastifyInstance } from 'fastify';
import { createCallLog, createFaultKnobs, installCallHooks, redactedHeaders, type FaultKnobs } from '../faults.js';
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

export type FaultSettings = FaultKnobs & { shapes: ResponseShapes };

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

export type FaultControl = ReturnType<typeof createFaultControl>;

/** The fault knobs and the call log of one sandbox (in memory; `random` is injectable for tests). */
export function createFaultControl(options: { tokens: TokenService; random?: () => number }) {
  const knobs = createFaultKnobs({ refuse: (message) => problems.badRequest(message), ...(options.random ? { random: options.random } : {}) });
  const log = createCallLog<RecordedCall>();
  let shapes = DEFAULT_SHAPES;
  // A file's content refused (403) while the rest of the API works: a completed process whose signed
  // files cannot be fetched, as when an account loses its download right or a storage backend fails.
  let downloadsRefused = false;

  const describe = () => ({ shapes, ...knobs.current(), downloadsRefused, tokensInvalidBefore: options.tokens.tokensInvalidBefore() });

  return {
    describe,
    /** Merges the given knobs into the current ones (a knob left out keeps its value). */
    update(input: unknown) {
      if (typeof input !== 'object' || input === null) throw problems.badRequest('Send a JSON object of fault knobs.');
      const body = input as Record<string, unknown>;
      const nextShapes = body.shapes !== undefined ? readShapes(body.shapes, shapes) : shapes;
      if (body.downloadsRefused !== undefined && typeof body.downloadsRefused !== 'boolean') throw problems.badRequest('downloadsRefused must be true or false.');
      knobs.update(body);
      shapes = nextShapes;
      if (typeof body.downloadsRefused === 'boolean') downloadsRefused = body.downloadsRefused;
      if (body.expireTokensNow === true) options.tokens.expireAllAccessTokens();
      return describe();
    },
    /** The response shapes currently answered. */
    shapes: (): ResponseShapes => shapes,
    /** Whether a file's content is refused now (`downloadsRefused`). */
    downloadsRefused: (): boolean => downloadsRefused,
    reset() {
      shapes = DEFAULT_SHAPES;
      downloadsRefused = false;
      knobs.reset();
      return describe();
    },

    /** Applies the knobs to one API call: waits, then maybe answers 429 or 5xx instead of the route. */
    async apply(): Promise<SandboxProblem | null> {
      const fault = await knobs.apply();
      if (!fault) return null;
      if (fault.kind === 'rate-limited') {
        const seconds = fault.retryAfterSeconds;
        return new SandboxProblem(429, '/too-many-requests', 'Too many requests', `Rate limit exceeded; retry after ${seconds} seconds.`, {
          headers: { 'retry-after': String(seconds) },
        });
      }
      const { status } = fault;
      return status === 500
        ? new SandboxProblem(500, '/internal-server-error', 'Internal server error', 'Injected fault: the sandbox answers 500 to a share of calls (see /_sandbox/faults).')
        : new SandboxProblem(status, '/service-unavailable', 'Service unavailable', `Injected fault: the sandbox answers ${status} to a share of calls (see /_sandbox/faults).`, {
            headers: { 'retry-after': '1' },
          });
    },

    connectionReset: knobs.connectionReset,
    callbackFaults: knobs.callbackFaults,
    record: log.record,
    calls: log.calls,
    clearCalls: log.clear,
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

function redactedBody(body: unknown): unknown {
  if (body === undefined || body === null || Buffer.isBuffer(body)) return undefined;
  if (typeof body !== 'object' || Array.isArray(body)) return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const name of REDACTED_FIELDS) if (name in copy) copy[name] = '[redacted]';
  return copy;
}

/** The `/api/v2` scope's hooks: faults answered as problem+json, calls recorded with secrets redacted. */
export function installFaultHooks(api: FastifyInstance, faults: FaultControl, mountPrefix: () => string): void {
  installCallHooks(api, {
    mountPrefix,
    connectionReset: faults.connectionReset,
    fault: faults.apply,
    answer: sendProblem,
    record(request, reply, path) {
      faults.record({
        at: new Date().toISOString(),
        method: request.method,
        path,
        headers: redactedHeaders(request),
        ...((request.headers['content-type'] ?? '').startsWith('multipart/') ? {} : { body: redactedBody(request.body) }),
        status: reply.statusCode,
      });
    },
  });
}

export { faultRoutes } from '../faults.js';
