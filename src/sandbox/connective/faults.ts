import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createCallLog, createFaultKnobs, installCallHooks, redactedHeaders } from '../faults.js';
import { ConnectiveError, refusals, sendError } from './errors.js';

/**
 * Fault knobs and call recording for the API routes (`/webportalapi/…`), the same knobs as the Autenti
 * sandbox's: latency, a share of 5xx answers, a 429 every N calls — so that an adapter's retries and
 * backoff are tested against failures it will meet — and a log of every call, so that a test can
 * assert what an adapter sent (STYLE point 11).
 */

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
  const knobs = createFaultKnobs({ refuse: (message) => refusals.invalid(message), ...(options.random ? { random: options.random } : {}) });
  const log = createCallLog<RecordedCall>();

  return {
    describe: knobs.current,
    /** Merges the given knobs into the current ones (a knob left out keeps its value). */
    update(input: unknown) {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) throw refusals.invalid('Send a JSON object of fault knobs.');
      knobs.update(input as Record<string, unknown>);
      return knobs.current();
    },
    reset() {
      knobs.reset();
      return knobs.current();
    },

    /** Applies the knobs to one API call: waits, then maybe answers 429 or 5xx instead of the route. */
    async apply(): Promise<ConnectiveError | null> {
      const fault = await knobs.apply();
      if (!fault) return null;
      if (fault.kind === 'rate-limited') {
        const seconds = fault.retryAfterSeconds;
        return new ConnectiveError(429, 'Throttling.Exceeded', `Injected fault: rate limit; retry after ${seconds} seconds (see /_sandbox/faults).`, {
          'retry-after': String(seconds),
        });
      }
      const { status } = fault;
      return new ConnectiveError(status, status === 500 ? 'Server.Error' : 'Server.Unavailable', `Injected fault: the sandbox answers ${status} to a share of calls (see /_sandbox/faults).`, status === 500 ? {} : { 'retry-after': '1' });
    },

    connectionReset: knobs.connectionReset,
    callbackFaults: knobs.callbackFaults,
    record: log.record,
    calls: log.calls,
    clearCalls: log.clear,
    /** The sandbox clock's reading for call timestamps. */
    now: options.now,
  };
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

/** The API scopes' hooks: faults answered as `{ErrorCode, Message}`, calls recorded with their API user. */
export function installFaultHooks(api: FastifyInstance, faults: FaultControl, mountPrefix: () => string): void {
  installCallHooks(api, {
    mountPrefix,
    connectionReset: faults.connectionReset,
    fault: faults.apply,
    answer: sendError,
    record(request, reply, path) {
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
    },
  });
}

export { faultRoutes } from '../faults.js';
