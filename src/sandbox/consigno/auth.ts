import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { checkPassword, userView } from './api-users.js';
import type { ConsignoContext } from './context.js';
import { refusals } from './errors.js';
import { setCallUser } from './faults.js';
import type { ApiUserRecord } from './model.js';

/**
 * Seed 002 "/auth": login (`POST /auth/login`, and the seed's literal `POST /auth`), "login as" (the
 * platform's key and secret in `X-Client-Id` / `X-Client-Secret`, the user acted as in the body),
 * `HEAD /auth` (is the token valid), logout; and the token check of every other API call, with the
 * token in the `X-Auth-Token` header or request parameter (query string or form field).
 */

const TOKEN = 'X-Auth-Token';

interface Session {
  username: string;
  jti: string;
}
const sessions = new WeakMap<FastifyRequest, Session>();

/** The API user of an authenticated API request. */
export function sessionOf(request: FastifyRequest): Session {
  const session = sessions.get(request);
  if (!session) throw new Error('sessionOf called on an unauthenticated request');
  return session;
}

/** The token as a request parameter: the query string, or a field of a form body. */
function tokenParameter(request: FastifyRequest): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const body = request.body as Record<string, unknown> | undefined;
  const fromQuery = query?.[TOKEN];
  if (typeof fromQuery === 'string' && fromQuery) return fromQuery;
  const fromForm = body && typeof body === 'object' && !Buffer.isBuffer(body) ? body[TOKEN] : undefined;
  return typeof fromForm === 'string' && fromForm ? fromForm : undefined;
}

/**
 * Checks the request's token (a preHandler: a form body is parsed by then). `parameterOnly`: the two
 * download calls, where seed 002 warns the token must be a request parameter. A rotated token goes
 * back in the `X-Auth-Token` answer header.
 */
export async function authenticate(context: ConsignoContext, request: FastifyRequest, reply: FastifyReply, parameterOnly = false): Promise<Session> {
  const header = request.headers['x-auth-token'];
  const parameter = tokenParameter(request);
  const token = parameter ?? (parameterOnly ? undefined : typeof header === 'string' ? header : undefined);
  if (!token) {
    if (parameterOnly && header) throw refusals.authentication('the auth token must be passed as a request parameter for this call');
    throw refusals.authentication('No token: log in with POST /auth/login and send the X-Auth-Token header of its answer (header or request parameter X-Auth-Token).');
  }
  const checked = await context.tokens.check(token);
  if (checked.successor) reply.header(TOKEN, checked.successor);
  const session = { username: checked.username, jti: checked.jti };
  sessions.set(request, session);
  setCallUser(request, checked.username);
  return session;
}

export function authRoutes(context: ConsignoContext): FastifyPluginAsync {
  return async (app) => {
    async function login(request: FastifyRequest, reply: FastifyReply) {
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (typeof body !== 'object' || Buffer.isBuffer(body)) throw refusals.invalid('Send {"username": "…", "password": "…"} as JSON or a form.');
      for (const field of ['username', 'password'] as const) {
        if (typeof body[field] !== 'string' || body[field] === '') throw refusals.invalid(`${field} is required.`, field);
      }
      const clientId = request.headers['x-client-id'];
      const clientSecret = request.headers['x-client-secret'];
      if ((clientId === undefined) !== (clientSecret === undefined)) {
        throw refusals.authentication('"Login as" needs both X-Client-Id and X-Client-Secret (the platform API user), or neither.');
      }
      if (clientId !== undefined && !checkPassword(context.store, clientId, clientSecret)) {
        throw refusals.authentication('Bad credentials: X-Client-Id / X-Client-Secret are not a platform API user of this sandbox.');
      }
      const user: ApiUserRecord | null = checkPassword(context.store, body.username, body.password);
      if (!user) throw refusals.authentication('Bad credentials: the username or password is wrong. Create an API user with POST /_sandbox/api-users.');
      setCallUser(request, user.username);
      reply.header(TOKEN, await context.tokens.issue(user));
      return { msg: 'Login successful', parameters: null, response: userView(user) };
    }
    app.post('/auth/login', login);
    app.post('/auth', login);

    app.head('/auth', async (request, reply) => {
      await authenticate(context, request, reply);
      return reply.code(200).send();
    });

    async function logout(request: FastifyRequest, reply: FastifyReply) {
      const session = await authenticate(context, request, reply);
      context.tokens.revoke(session.jti);
      return { msg: 'Logout successful', parameters: null, response: null };
    }
    app.post('/auth/logout', logout);
    app.delete('/auth', logout);
  };
}
