import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import * as accounts from '../../app/accounts.js';
import type { AppContext } from '../../app/context.js';
import * as users from '../../app/users.js';
import { ROLE_SCOPES } from '../../domain/roles.js';
import { refuseWithoutCsrfToken } from '../auth.js';
import { RoleSchema, ScopeSchema } from '../schemas.js';
import { clearSessionCookie, readCookie, SESSION_COOKIE, setSessionCookie } from '../session-cookie.js';
import { buildProblem, sendProblem } from '../problems.js';
import { NoContent, problemResponses } from './responses.js';

const AccountSchema = Type.Object({
  id: Type.String({ examples: ['acc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C'] }),
  email: Type.String(),
  role: RoleSchema,
  scopes: Type.Array(ScopeSchema, { description: 'What this person may do; the web app hides what they may not.' }),
});

const SessionStateSchema = Type.Object({
  authenticated: Type.Boolean(),
  setupRequired: Type.Boolean({ description: 'True while no account exists: POST /api/v1/setup creates the owner.' }),
  setupCodeRequired: Type.Optional(
    Type.Boolean({ description: 'True when creating the owner needs `setupCode`: the server is reachable beyond loopback and printed a one-time code at start.' }),
  ),
  account: Type.Optional(AccountSchema),
  csrfToken: Type.Optional(
    Type.String({ description: 'Send it as the header `X-CSRF-Token` with every POST, PUT, PATCH or DELETE authenticated by the session cookie.' }),
  ),
});
type SessionState = Static<typeof SessionStateSchema>;

// Only application/json bodies are parsed into an object, and a page on another site cannot send
// JSON without a CORS preflight this server never grants: no one can sign a browser in from elsewhere.
const SignInSchema = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
const SetupSchema = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254, examples: ['owner@example.com'] }),
    password: Type.String({ minLength: accounts.PASSWORD_MIN_LENGTH, maxLength: 1024 }),
    setupCode: Type.Optional(
      Type.String({ maxLength: 64, description: 'The one-time code the server printed at start; needed when `setupCodeRequired` (GET /api/v1/session).' }),
    ),
  },
  { additionalProperties: false },
);

const InvitationTokenSchema = Type.String({ minLength: 1, maxLength: 100, description: 'The part after `#` in the invitation link' });
const CheckInvitationSchema = Type.Object({ token: InvitationTokenSchema }, { additionalProperties: false });
const AcceptInvitationSchema = Type.Object(
  { token: InvitationTokenSchema, password: Type.String({ minLength: accounts.PASSWORD_MIN_LENGTH, maxLength: 1024 }) },
  { additionalProperties: false },
);
const InvitationDetailsSchema = Type.Object({ email: Type.String(), role: RoleSchema, expiresAt: Type.String({ format: 'date-time' }) });

const TAGS = ['Session'];

/**
 * The web app's sign-in. These routes sit outside the API's authentication hook: they read the
 * session cookie themselves, and need neither an API key nor (but for sign-out) a CSRF token.
 */
/** `setupCode`: the one-time code that creating the owner account needs, when the server made one at start. */
export const sessionRoutes = (context: AppContext, { setupCode }: { setupCode?: string } = {}): FastifyPluginAsyncTypebox =>
  async function routes(app) {
    // Answers carry the CSRF token: no cache may keep them.
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.header('Cache-Control', 'no-store');
      return payload;
    });

    app.get(
      '/api/v1/session',
      {
        schema: {
          summary: 'Who is signed in',
          description: 'Needs no authentication. `setupRequired` is true on a fresh install until the owner account is created.',
          tags: TAGS,
          security: [],
          response: { 200: SessionStateSchema },
        },
      },
      async (request, reply): Promise<SessionState> => {
        const secret = readCookie(request, SESSION_COOKIE);
        const session = secret === undefined ? undefined : await accounts.sessionFor(context, secret);
        if (session) return signedInState(session.account, session.csrfToken);
        // A cookie that opens nothing is of no further use to the browser.
        if (secret !== undefined) clearSessionCookie(reply, request, context.selfUrl());
        const setupRequired = await accounts.setupRequired(context);
        return { authenticated: false, setupRequired, ...(setupRequired && setupCode !== undefined ? { setupCodeRequired: true } : {}) };
      },
    );

    app.post(
      '/api/v1/session',
      {
        schema: {
          summary: 'Sign in',
          description:
            'Sets the httpOnly session cookie `countersign_session` and returns the `csrfToken` that writes made with the cookie must send as `X-CSRF-Token`. After 5 wrong passwords in a row for an email, further attempts wait (429 with Retry-After).',
          tags: TAGS,
          security: [],
          body: SignInSchema,
          response: { 200: SessionStateSchema, ...problemResponses(400, 401, 429) },
        },
      },
      async (request, reply) => {
        let signedIn: accounts.SignedIn;
        try {
          signedIn = await accounts.signIn(context, request.body.email, request.body.password);
        } catch (error) {
          if (!(error instanceof accounts.SignInThrottledError)) throw error;
          reply.header('Retry-After', String(error.retryAfterSeconds));
          return sendProblem(reply, buildProblem(request, 'too-many-sign-in-attempts', error.message));
        }
        await endPreviousSession(request);
        return reply.send(openSession(request, reply, signedIn));
      },
    );

    app.post(
      '/api/v1/setup',
      {
        schema: {
          summary: 'Create the owner account on a fresh install, and sign in',
          description:
            'Only while no account exists (see `setupRequired` in GET /api/v1/session); 409 afterwards. On a server reachable beyond loopback, also needs `setupCode`, printed at start (403 without it).',
          tags: TAGS,
          security: [],
          body: SetupSchema,
          response: { 201: SessionStateSchema, ...problemResponses(400, 403, 409, 422) },
        },
      },
      async (request, reply) => {
        accounts.checkSetupCode(setupCode, request.body.setupCode);
        const account = await accounts.createOwner(context, request.body.email, request.body.password);
        const signedIn = await accounts.startSession(context, account);
        await endPreviousSession(request);
        return reply.code(201).send(openSession(request, reply, signedIn));
      },
    );

    // The token travels in a POST body, never in a URL: URLs end up in logs and browser history.
    app.post(
      '/api/v1/invitation/check',
      {
        schema: {
          summary: 'What an invitation link is for',
          description: 'Needs no authentication: the token is the proof. 404 when the link was used, replaced or has expired.',
          tags: TAGS,
          security: [],
          body: CheckInvitationSchema,
          response: { 200: InvitationDetailsSchema, ...problemResponses(400, 404) },
        },
      },
      async (request) => users.describeInvitation(context, request.body.token),
    );

    app.post(
      '/api/v1/invitation/accept',
      {
        schema: {
          summary: 'Accept an invitation: set a password, and sign in',
          description: 'Uses up the link. Sets the session cookie like POST /api/v1/session.',
          tags: TAGS,
          security: [],
          body: AcceptInvitationSchema,
          response: { 200: SessionStateSchema, ...problemResponses(400, 404, 422) },
        },
      },
      async (request, reply) => {
        const signedIn = await users.acceptInvitation(context, request.body.token, request.body.password, request.id);
        await endPreviousSession(request);
        return reply.send(openSession(request, reply, signedIn));
      },
    );

    app.delete(
      '/api/v1/session',
      {
        schema: {
          summary: 'Sign out',
          description: 'Ends the session and clears its cookie. With a live session, needs `X-CSRF-Token` like any other write.',
          tags: TAGS,
          security: [],
          response: { 204: NoContent, ...problemResponses(403) },
        },
      },
      async (request, reply) => {
        const secret = readCookie(request, SESSION_COOKIE);
        const session = secret === undefined ? undefined : await accounts.sessionFor(context, secret);
        if (session) {
          if (refuseWithoutCsrfToken(request, reply, session)) return reply;
          await accounts.signOut(context, secret!);
        }
        clearSessionCookie(reply, request, context.selfUrl());
        return reply.code(204).send(null);
      },
    );

    function openSession(request: FastifyRequest, reply: FastifyReply, signedIn: accounts.SignedIn): SessionState {
      setSessionCookie(reply, request, context.selfUrl(), signedIn.secret, signedIn.expiresAt);
      return signedInState(signedIn.account, signedIn.csrfToken);
    }

    /** A browser signing in again drops the session its old cookie named, instead of leaving it to expire. */
    async function endPreviousSession(request: FastifyRequest): Promise<void> {
      const previous = readCookie(request, SESSION_COOKIE);
      if (previous !== undefined) await accounts.signOut(context, previous);
    }
  };

function signedInState(account: accounts.AccountRecord, csrfToken: string): SessionState {
  return {
    authenticated: true,
    setupRequired: false,
    account: { id: account.id, email: account.email, role: account.role, scopes: [...ROLE_SCOPES[account.role]] },
    csrfToken,
  };
}
