import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenMatches, sessionFor, type ActiveSession } from '../app/accounts.js';
import { authenticate, type Principal } from '../app/api-keys.js';
import type { AppContext } from '../app/context.js';
import { buildProblem, sendProblem } from './problems.js';
import { clearSessionCookie, readCookie, SESSION_COOKIE } from './session-cookie.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
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
  app.addHook('onRequest', async (request, reply) => {
    if (await authenticateRequest(request, reply, context, environmentKeyHash)) return reply;
    return undefined;
  });
}

/**
 * Sets request.principal from the bearer key or the session cookie, or sends the 401 (or CSRF 403)
 * problem and returns true. Exported for routes outside /api/v1 that accept the same callers (the
 * sandboxes' control routes, src/api/sandbox-control.ts).
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
      sendProblem(reply, buildProblem(request, 'unauthorized', 'The API key is not valid or has been revoked. Check COUNTERSIGN_API_KEY, or create a new key.'));
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
  request.principal = { id: session.account.id, name: session.account.email };
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
