import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createCallLog, createFaultKnobs, installCallHooks } from '../faults.js';
import { ConsignoError, refusals, sendError } from './errors.js';

/**
 * Fault knobs and the call log of the API routes (`/api/v1/…`): the shared knobs (latency, a share of
 * 5xx, a 429 every N calls) answered in ConsignO's shape, plus `rotatedTokenFails` — a token that was
 * answered with its successor is refused at once (the seed says the old one must be destroyed; live
 * integrations that ignore rotation keep working, so the knob is off by default).
 */

/** One API call as `GET /_sandbox/calls` lists it. */
export interface RecordedCall {
  seq: number;
  at: number;
  method: string;
  /** Relative to the mount, query included (a token in it redacted): `/api/v1/workflows/…`. */
  path: string;
  status: number;
  /** The API user the token named, or null. */
  user: string | null;
  /** The JSON or form body, passwords, secret answers, tokens and document data redacted; absent for multipart and empty bodies. */
  body?: unknown;
}

export type FaultControl = ReturnType<typeof createFaultControl>;

const users = new WeakMap<FastifyRequest, string>();
export function setCallUser(request: FastifyRequest, username: string): void {
  users.set(request, username);
}

export function createFaultControl(options: { now: () => Date; random?: () => number }) {
  const knobs = createFaultKnobs({ refuse: (message) => refusals.invalid(message), ...(options.random ? { random: options.random } : {}) });
  const log = createCallLog<RecordedCall>();
  let rotatedTokenFails = false;

  return {
    describe: () => ({ ...knobs.current(), rotatedTokenFails }),
    update(input: unknown) {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) throw refusals.invalid('Send a JSON object of fault knobs.');
      const body = input as Record<string, unknown>;
      if (body.rotatedTokenFails !== undefined && typeof body.rotatedTokenFails !== 'boolean') throw refusals.invalid('rotatedTokenFails must be true or false.', 'rotatedTokenFails');
      knobs.update(body);
      if (typeof body.rotatedTokenFails === 'boolean') rotatedTokenFails = body.rotatedTokenFails;
      return { ...knobs.current(), rotatedTokenFails };
    },
    reset() {
      knobs.reset();
      rotatedTokenFails = false;
      return { ...knobs.current(), rotatedTokenFails };
    },
    rotatedTokenFails: () => rotatedTokenFails,
    async apply(): Promise<ConsignoError | null> {
      const fault = await knobs.apply();
      if (!fault) return null;
      if (fault.kind === 'rate-limited') return refusals.rateLimited(fault.retryAfterSeconds);
      return refusals.serverError(fault.status, `Injected fault: the sandbox answers ${fault.status} to a share of calls (see /_sandbox/faults).`);
    },
    connectionReset: knobs.connectionReset,
    callbackFaults: knobs.callbackFaults,
    record: log.record,
    calls: log.calls,
    clearCalls: log.clear,
    now: options.now,
  };
}

const SECRET_MEMBERS = new Set(['password', 'secretanswer', 'x-auth-token', 'data', 'clientsecret']);

/** A body as the log shows it: secrets and base64 document data replaced, at any depth. */
export function loggableBody(body: unknown): unknown {
  if (body === undefined || body === null || Buffer.isBuffer(body)) return undefined;
  if (Array.isArray(body)) return body.map(loggableBody);
  if (typeof body !== 'object') return body;
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).map(([name, value]) =>
      SECRET_MEMBERS.has(name.toLowerCase()) && value !== null && value !== undefined ? [name, '[redacted]'] : [name, loggableBody(value) ?? value],
    ),
  );
}

/** The path as logged: an `X-Auth-Token` request parameter never appears. */
export function loggablePath(path: string): string {
  return path.replace(/([?&]X-Auth-Token=)[^&]*/gi, '$1[redacted]');
}

export function installFaultHooks(api: FastifyInstance, faults: FaultControl, mountPrefix: () => string): void {
  installCallHooks(api, {
    mountPrefix,
    connectionReset: faults.connectionReset,
    fault: faults.apply,
    answer: sendError,
    record(request, reply, path) {
      const multipart = (request.headers['content-type'] ?? '').startsWith('multipart/');
      const body = multipart ? undefined : loggableBody(request.body);
      faults.record({
        at: faults.now().getTime(),
        method: request.method,
        path: loggablePath(path),
        status: reply.statusCode,
        user: users.get(request) ?? null,
        ...(body === undefined ? {} : { body }),
      });
    },
  });
}

export { faultRoutes } from '../faults.js';
