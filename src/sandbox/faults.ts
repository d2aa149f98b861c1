import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Fault knobs and call recording shared by the sandboxes: latency, a share of 5xx answers, a 429 every
 * N calls — so that an adapter's retries and backoff are tested against failures it will meet in
 * production — and a log of the calls, so that a test can assert what an adapter sent (STYLE point 11).
 * Each sandbox answers a fault and a refused knob in its own provider's error shape, and records the
 * fields its callers need; this module holds only what they do alike.
 */

export interface FaultKnobs {
  latencyMs: number;
  /** Share (0..1) of API calls answered with one of `errorStatuses`. */
  errorRate: number;
  errorStatuses: number[];
  /** Every `every`-th API call (counted from when the knob was set) gets 429 with Retry-After. */
  rateLimit: { every: number; retryAfterSeconds: number } | null;
  /**
   * Share (0..1) of API calls whose connection is cut without an answer: half before the route runs
   * (nothing happened), half after it did (the answer is lost), as a proxy or a network drop does.
   */
  resetRate: number;
  /** The sandbox's callbacks to the integrator (see {@link CallbackFaults}). */
  callbacks: CallbackFaults;
}

/**
 * What befalls the callbacks a sandbox sends: a share lost (never sent), a share sent twice, and each
 * held back a random while up to `maxDelayMs`, so that one envelope's callbacks arrive out of order.
 */
export type CallbackFaults = { lossRate: number; duplicateRate: number; maxDelayMs: number };
export const NO_CALLBACK_FAULTS: CallbackFaults = { lossRate: 0, duplicateRate: 0, maxDelayMs: 0 };

/** When a cut connection is cut: before the route ran, or after (its effect kept, its answer lost). */
export type ConnectionReset = 'before' | 'after' | null;

/** What {@link FaultKnobControl.apply} decided for one call; the sandbox turns it into its own error shape. */
export type InjectedFault = { kind: 'rate-limited'; retryAfterSeconds: number } | { kind: 'server-error'; status: number };

const DEFAULT_KNOBS: FaultKnobs = { latencyMs: 0, errorRate: 0, errorStatuses: [500, 503], rateLimit: null, resetRate: 0, callbacks: NO_CALLBACK_FAULTS };

export type FaultKnobControl = ReturnType<typeof createFaultKnobs>;

/**
 * The knobs of one sandbox (in memory; `random` is injectable for tests). `refuse` builds the sandbox's
 * own 400 for a knob it cannot take.
 */
export function createFaultKnobs(options: { refuse: (message: string) => Error; random?: () => number }) {
  const { refuse } = options;
  const random = options.random ?? Math.random;
  let knobs: FaultKnobs = { ...DEFAULT_KNOBS };
  let callsSinceRateLimit = 0;

  return {
    current: (): FaultKnobs => ({ ...knobs }),
    /** Merges the given knobs into the current ones (a knob left out keeps its value); all or nothing. */
    update(body: Record<string, unknown>): void {
      const next = { ...knobs };
      if (body.latencyMs !== undefined) {
        if (typeof body.latencyMs !== 'number' || body.latencyMs < 0 || body.latencyMs > 60_000) throw refuse('latencyMs must be a number of milliseconds from 0 to 60000.');
        next.latencyMs = body.latencyMs;
      }
      if (body.errorRate !== undefined) {
        if (typeof body.errorRate !== 'number' || body.errorRate < 0 || body.errorRate > 1) throw refuse('errorRate must be a share from 0 to 1.');
        next.errorRate = body.errorRate;
      }
      if (body.resetRate !== undefined) {
        if (typeof body.resetRate !== 'number' || body.resetRate < 0 || body.resetRate > 1) throw refuse('resetRate must be a share from 0 to 1.');
        next.resetRate = body.resetRate;
      }
      if (body.callbacks !== undefined) next.callbacks = readCallbackFaults(body.callbacks, knobs.callbacks, refuse);
      if (body.errorStatuses !== undefined) {
        const statuses = body.errorStatuses;
        if (!Array.isArray(statuses) || statuses.length === 0 || statuses.some((s) => s !== 500 && s !== 502 && s !== 503 && s !== 504)) {
          throw refuse('errorStatuses must be a non-empty array of 500, 502, 503, 504.');
        }
        next.errorStatuses = statuses as number[];
      }
      if (body.rateLimit !== undefined) {
        const limit = body.rateLimit as Record<string, unknown> | null;
        if (limit === null) next.rateLimit = null;
        else if (typeof limit !== 'object' || !Number.isInteger(limit.every) || (limit.every as number) < 1) {
          throw refuse('rateLimit must be {"every": N (a positive integer), "retryAfterSeconds": S} or null.');
        } else {
          const retryAfter = limit.retryAfterSeconds ?? 1;
          if (!Number.isInteger(retryAfter) || (retryAfter as number) < 0) throw refuse('rateLimit.retryAfterSeconds must be a non-negative integer.');
          next.rateLimit = { every: limit.every as number, retryAfterSeconds: retryAfter as number };
          callsSinceRateLimit = 0;
        }
      }
      knobs = next;
    },
    reset(): void {
      knobs = { ...DEFAULT_KNOBS };
      callsSinceRateLimit = 0;
    },
    /** What befalls the callbacks sent now (`callbacks`). */
    callbackFaults: (): CallbackFaults => ({ ...knobs.callbacks }),
    /** Whether to cut this call's connection, and when (`resetRate`). */
    connectionReset(): ConnectionReset {
      if (knobs.resetRate <= 0 || random() >= knobs.resetRate) return null;
      return random() < 0.5 ? 'before' : 'after';
    },
    /** Applies the knobs to one API call: waits, then maybe decides on a 429 or 5xx instead of the route. */
    async apply(): Promise<InjectedFault | null> {
      if (knobs.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, knobs.latencyMs));
      if (knobs.rateLimit) {
        callsSinceRateLimit += 1;
        if (callsSinceRateLimit % knobs.rateLimit.every === 0) return { kind: 'rate-limited', retryAfterSeconds: knobs.rateLimit.retryAfterSeconds };
      }
      if (knobs.errorRate > 0 && random() < knobs.errorRate) {
        return { kind: 'server-error', status: knobs.errorStatuses[Math.floor(random() * knobs.errorStatuses.length)] ?? 500 };
      }
      return null;
    },
  };
}

/** `callbacks` of a knobs update: the members given replace the current ones. */
function readCallbackFaults(input: unknown, current: CallbackFaults, refuse: (message: string) => Error): CallbackFaults {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw refuse('callbacks must be an object such as {"lossRate": 0.1, "duplicateRate": 0.1, "maxDelayMs": 2000}.');
  const body = input as Record<string, unknown>;
  const next = { ...current };
  for (const name of ['lossRate', 'duplicateRate'] as const) {
    if (body[name] === undefined) continue;
    const value = body[name];
    if (typeof value !== 'number' || value < 0 || value > 1) throw refuse(`callbacks.${name} must be a share from 0 to 1.`);
    next[name] = value;
  }
  if (body.maxDelayMs !== undefined) {
    if (typeof body.maxDelayMs !== 'number' || body.maxDelayMs < 0 || body.maxDelayMs > 60_000) throw refuse('callbacks.maxDelayMs must be a number of milliseconds from 0 to 60000.');
    next.maxDelayMs = body.maxDelayMs;
  }
  return next;
}

const MAX_CALLS = 2000;

/** The last 2000 calls of one sandbox, each numbered (`seq`) so that a client can ask for those after one it saw. */
export function createCallLog<Call extends { seq: number }>() {
  let calls: Call[] = [];
  let seq = 0;
  return {
    record(call: Omit<Call, 'seq'>): void {
      seq += 1;
      calls.push({ seq, ...call } as Call);
      if (calls.length > MAX_CALLS) calls = calls.slice(-MAX_CALLS);
    },
    calls: (since = 0): Call[] => calls.filter((call) => call.seq > since),
    clear(): void {
      calls = [];
    },
  };
}

/** A request's headers as a call log shows them: the Authorization scheme kept, its credentials not. */
export function redactedHeaders(request: FastifyRequest): Record<string, string | string[] | undefined> {
  const headers: Record<string, string | string[] | undefined> = { ...request.headers };
  const authorization = request.headers.authorization;
  if (authorization) headers.authorization = `${authorization.split(/\s+/)[0] ?? ''} [redacted]`;
  return headers;
}

/**
 * Hooks for an API scope: faults before the route (`fault` decides one, or null to let the call
 * through; `answer` sends it in the provider's shape), recording as the answer leaves (onSend, not
 * onResponse: a client that reads /_sandbox/calls right after its answer must find its call there).
 * `record` gets the path relative to the sandbox root (its mount prefix cut off), query included. A
 * request whose client went away before the answer is not recorded.
 */
export function installCallHooks<Fault>(
  api: FastifyInstance,
  hooks: {
    mountPrefix(): string;
    /** The `resetRate` knob's decision for one call. */
    connectionReset(): ConnectionReset;
    fault(): Promise<Fault | null>;
    answer(reply: FastifyReply, fault: Fault): FastifyReply;
    record(request: FastifyRequest, reply: FastifyReply, path: string): void;
  },
): void {
  const cutAfter = new WeakSet<FastifyRequest>();
  api.addHook('onRequest', async (request, reply) => {
    const reset = hooks.connectionReset();
    if (reset === 'before') {
      reply.hijack();
      request.raw.socket?.destroy();
      return;
    }
    if (reset === 'after') cutAfter.add(request);
    const fault = await hooks.fault();
    if (fault) return hooks.answer(reply, fault);
  });
  api.addHook('onSend', async (request, reply, payload) => {
    // A request its client cut off (an upload whose stream died) gets no answer: not a call it made.
    if (request.raw.socket?.destroyed) return payload;
    const prefix = hooks.mountPrefix();
    const path = prefix && request.url.startsWith(prefix) ? request.url.slice(prefix.length) : request.url;
    hooks.record(request, reply, path);
    // The route ran (and is recorded); its answer never reaches the client.
    if (cutAfter.has(request)) request.raw.socket?.destroy();
    return payload;
  });
}

/** What {@link faultRoutes} drives: the knobs as the sandbox describes them, and its call log. */
export interface FaultRouteControl {
  describe(): unknown;
  update(input: unknown): unknown;
  reset(): unknown;
  calls(since: number): unknown;
  clearCalls(): void;
}

/** `GET/PUT/DELETE /faults`, `GET/DELETE /calls` (under `/_sandbox`). */
export function faultRoutes(faults: FaultRouteControl): FastifyPluginAsync {
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
