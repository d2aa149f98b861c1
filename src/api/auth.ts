import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenMatches, sessionFor, type ActiveSession } from '../app/accounts.js';
import { authenticate } from '../app/api-keys.js';
import type { ActionRequest } from '../app/action-request.js';
import type { AppContext } from '../app/context.js';
import { ForbiddenError, principalHasScope, principalOfAccount, viewerOf, type Principal } from '../app/principal.js';
import { NotFoundError } from '../domain/errors.js';
import { isDocumentVisible } from '../store/documents.js';
import { isEnvelopeVisible } from '../store/envelopes.js';
import { buildProblem, problemFromError, sendProblem } from './problems.js';
import { accessFor, routeAccessKey, type RouteAccess } from './route-access.js';
import { addRouteHook } from './route-hooks.js';
import { ProblemSchema } from './schemas.js';
import { clearSessionCookie, readCookie, SESSION_COOKIE } from './session-cookie.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
  interface FastifyContextConfig {
    /** Set for every /api/v1 route from src/api/route-access.ts when it is registered. */
    access?: RouteAccess;
  }
}

/** Methods that change something: with a session cookie they need the CSRF token as well. */
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Every route registered inside the scope this is added to requires either an API key
 * (`Authorization: Bearer <key>`, for programs) or the web app's session cookie (for people). A
 * request with a bearer header is judged by it alone. A refusal is a 401 problem that says what went
 * wrong; a cookie write without the right X-CSRF-Token is a 403 that says what to send.
 */
export function requireAuthentication(app: FastifyInstance, context: AppContext, environmentKeyHash: string | undefined): void {
  app.decorateRequest('principal', null as unknown as Principal);
  requireRouteAccessEntries(app);
  app.addHook('onRequest', async (request, reply) => {
    if (await authenticateRequest(request, reply, context, environmentKeyHash)) return reply;
    const access = request.routeOptions.config.access;
    if (access && !principalHasScope(request.principal, access.scope)) {
      return sendProblem(reply, problemFromError(request, ForbiddenError.missing(request.principal, access.scope)));
    }
  });
  hideOthersPrivateRecords(app, context);
}

/**
 * Every route registered in this scope must have an entry in ROUTE_ACCESS: the server does not start
 * otherwise. The entry rides along in the route's config, and every route documents the 403.
 */
function requireRouteAccessEntries(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const entries = methods.map((method) => accessFor(method, route.url));
    const access = entries[0];
    if (!access || entries.some((entry) => entry !== access)) {
      throw new Error(
        `${routeAccessKey(methods.join(','), route.url)} has no entry in ROUTE_ACCESS (src/api/route-access.ts): add one naming the scope it needs.`,
      );
    }
    route.config = { ...route.config, access };
    const schema = route.schema;
    if (schema && typeof schema.response === 'object' && schema.response !== null && !('403' in schema.response)) {
      (schema.response as Record<string, unknown>)['403'] = {
        description: `Lacks the scope \`${access.scope}\``,
        content: { 'application/problem+json': { schema: ProblemSchema } },
      };
    }
  });
}

/**
 * Someone without `envelopes:all` (members, viewers, and keys without it) sees only their own and
 * shared envelopes and documents. Lists filter in their queries; a route naming one by id answers
 * 404 for one they may not see, exactly as if it did not exist (a 403 would confirm that it does).
 * Only routes with such an id have the hook.
 */
function hideOthersPrivateRecords(app: FastifyInstance, context: AppContext): void {
  app.addHook('onRoute', (route) => {
    if (/:(envelopeId|documentId)\b/.test(route.url)) addRouteHook(route, 'preHandler', hook);
  });
  const hook = async (request: FastifyRequest) => {
    const viewer = viewerOf(request.principal);
    if (!viewer) return;
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    if (params.envelopeId !== undefined && !(await isEnvelopeVisible(context.db, params.envelopeId, viewer))) {
      throw new NotFoundError('envelope', params.envelopeId);
    }
    if (params.documentId !== undefined && !(await isDocumentVisible(context.db, params.documentId, viewer))) {
      throw new NotFoundError('document', params.documentId);
    }
  };
}

/**
 * What a route's action records of its request, in the transaction that carries it out
 * (`recordActionIn`, src/app/action-request.ts): the audit line when the route's ROUTE_ACCESS entry
 * names an `audit` action, and what it made when the request claimed an Idempotency-Key. The target is
 * the route's last id parameter, else what the action makes. A replayed idempotent answer runs no
 * handler, so records nothing.
 */
export function actionRequestOf(request: FastifyRequest): ActionRequest {
  const params = Object.values((request.params ?? {}) as Record<string, string>);
  return {
    principal: request.principal,
    requestId: request.id,
    auditAction: request.routeOptions.config.access?.audit,
    targetId: params.at(-1) ?? null,
    idempotency: request.idempotency?.claim,
  };
}

/**
 * Sets request.principal from the bearer key or the session cookie, or sends the 401 (or CSRF 403)
 * problem and returns true. Exported for routes outside /api/v1 that need to know who is asking
 * (e.g. the sandbox's control routes, with `principalHasScope(principal, 'sandbox:control')`).
 */
export async function authenticateRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  context: AppContext,
  environmentKeyHash: string | undefined,
): Promise<boolean> {
  const secret = bearerSecret(request);
  if (secret !== undefined) {
    const principal = await authenticate(context, secret, environmentKeyHash);
    if (!principal) {
      reply.header('WWW-Authenticate', 'Bearer realm="countersign", error="invalid_token"');
      sendProblem(
        reply,
        buildProblem(request, 'unauthorized', 'The API key is not valid or has been revoked. Check COUNTERSIGN_API_KEY, or create a new key.'),
      );
      return true;
    }
    request.principal = principal;
    return false;
  }

  const sessionSecret = readCookie(request, SESSION_COOKIE);
  if (sessionSecret === undefined) {
    reply.header('WWW-Authenticate', 'Bearer realm="countersign"');
    sendProblem(reply, buildProblem(request, 'unauthorized', 'This API needs an API key. Send it as the header `Authorization: Bearer <key>`.'));
    return true;
  }
  const session = await sessionFor(context, sessionSecret);
  if (!session) {
    clearSessionCookie(reply, request, context.selfUrl());
    reply.header('WWW-Authenticate', 'Bearer realm="countersign"');
    sendProblem(
      reply,
      buildProblem(
        request,
        'unauthorized',
        'Your session has ended (signed out, idle for 12 hours, or older than 7 days). Sign in again, or send an API key as `Authorization: Bearer <key>`.',
      ),
    );
    return true;
  }
  if (refuseWithoutCsrfToken(request, reply, session)) return true;
  // Idempotency keys and logs are per principal: a person is their account.
  request.principal = principalOfAccount(session.account);
  return false;
}

/**
 * For a cookie-authenticated write: sends the 403 problem and returns true when the X-CSRF-Token
 * header is missing or wrong. A page on another site can make the browser send our cookie, but
 * cannot read the token to put in the header.
 */
export function refuseWithoutCsrfToken(request: FastifyRequest, reply: FastifyReply, session: ActiveSession): boolean {
  if (!UNSAFE_METHODS.has(request.method)) return false;
  const raw = request.headers[CSRF_HEADER];
  const presented = Array.isArray(raw) ? raw[0] : raw;
  if (csrfTokenMatches(session, presented)) return false;
  sendProblem(reply, buildProblem(request, 'csrf-token-required', presented
      ? 'The X-CSRF-Token header does not match this session. Send the csrfToken from GET /api/v1/session.'
      : 'A change made with the session cookie needs the header `X-CSRF-Token: <csrfToken>`, as returned by POST or GET /api/v1/session. (Programs use an API key instead and need no token.)',
  ));
  return true;
}

function bearerSecret(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
