import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { beginIdempotentRequest, canonicalJson, fingerprint, type IdempotentStart } from '../app/idempotency.js';
import type { AppContext } from '../app/context.js';
import { crashPoint } from '../app/crash-point.js';
import { InvalidRequestError } from '../domain/errors.js';
import { addRouteHook } from './route-hooks.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** POST routes that create or send: honour the Idempotency-Key header, answering a retry after a crash as given here. */
    idempotent?: AnswerFromResource;
  }
  interface FastifyRequest {
    idempotency?: Extract<IdempotentStart, { kind: 'claimed' }>;
  }
}

const HEADER = 'idempotency-key';

/**
 * The header in an idempotent route's schema, for its OpenAPI operation (and so the typed clients).
 * Any string passes here: idempotencyKeyOf checks it, so that a bad key is refused in its own words.
 */
export const IdempotencyKeyHeaders = Type.Object({
  [HEADER]: Type.Optional(
    Type.String({
      description:
        'A key of your own (1 to 255 visible ASCII characters, e.g. a UUID), new for each new request: a repeat of the request with the same key, within a day, is answered as the first was (`Idempotent-Replayed: true`; after a server crash lost that answer, with what it made, as it is now) and does nothing again.',
    }),
  ),
});

/**
 * An idempotent route's answer for what its action made (the id its action recorded), the route's
 * success status with the resource as it is now. Given when the first request's action committed but
 * its saved answer was lost with its process: a retry gets this instead of a second action.
 */
export interface AnswerFromResource {
  status: number;
  answer(resourceId: string, request: FastifyRequest): Promise<unknown>;
}

export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const raw = request.headers[HEADER];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw[0]! : raw;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new InvalidRequestError([{ path: 'header.Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters, e.g. a UUID' }]);
  }
  return key;
}

/**
 * For JSON routes marked `config: { idempotent: { status, answer } }`: the first request with a key
 * is remembered with its successful response; a repeat gets that response (and
 * `Idempotent-Replayed: true`). The route's action records what it made (`actionRequestOf`,
 * src/api/auth.ts). A failed request whose action did not commit made nothing: its key is released and
 * may be used again. One whose action committed keeps it, and a retry is answered from what it made.
 */
export function registerIdempotency(app: FastifyInstance, context: AppContext): void {
  const claimOrReplay = async (request: FastifyRequest, reply: FastifyReply) => {
    const key = idempotencyKeyOf(request);
    if (key === undefined) return;
    const requestFingerprint = fingerprint(request.method, request.routeOptions.url ?? request.url, canonicalJson(request.params), canonicalJson(request.body));
    const start = await beginIdempotentRequest(context, request.principal.id, key, requestFingerprint);
    if (start.kind !== 'claimed') return answerEarlier(request, reply, start, request.routeOptions.config.idempotent!);
    request.idempotency = start;
  };
  // Only the routes marked idempotent claim keys, and say so in their OpenAPI operation.
  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent) return;
    addRouteHook(route, 'preHandler', claimOrReplay);
    route.schema = { ...route.schema, headers: IdempotencyKeyHeaders };
  });

  // Every route of the scope: a route may claim a key itself (the upload, once it knows the content).
  // A hook taking `done`, so that a request without a claim costs no promise.
  app.addHook('onSend', (request, reply, payload, done) => {
    const claim = request.idempotency;
    if (!claim) return done(null, payload);
    request.idempotency = undefined;
    settle(claim, reply, payload).then(() => done(null, payload), done);
  });
}

export async function settle(claim: Extract<IdempotentStart, { kind: 'claimed' }>, reply: FastifyReply, payload: unknown): Promise<void> {
  if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
    crashPoint('idempotent-answer-unsaved');
    await claim.complete({ statusCode: reply.statusCode, contentType: String(reply.getHeader('content-type') ?? 'application/json'), payload });
  } else {
    await claim.release();
  }
}

/**
 * The answer to a repeat of a request that came before: its saved answer, else (its answer was lost
 * after its action committed) the route's answer from what it made.
 */
export async function answerEarlier(
  request: FastifyRequest,
  reply: FastifyReply,
  start: Exclude<IdempotentStart, { kind: 'claimed' }>,
  route: AnswerFromResource,
): Promise<FastifyReply> {
  if (start.kind === 'replay') {
    return reply.code(start.response.statusCode).header('Idempotent-Replayed', 'true').type(start.response.contentType).send(start.response.payload);
  }
  const body = await route.answer(start.resourceId, request);
  return reply.code(route.status).header('Idempotent-Replayed', 'true').send(body);
}
