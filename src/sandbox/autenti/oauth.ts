import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { passwordMatches } from './accounts.js';
import { BOOTSTRAP_CLIENT_ID, CLIENT_MANAGEMENT_SCOPE, findClient, secretMatches } from './clients.js';
import { controlHook, type ControlGuard } from './control.js';
import { verifyAssertion } from './jwt-bearer.js';
import { isEmail } from './model.js';
import { OAuthError, SandboxProblem, problemErrorHandler, problems } from './problems.js';
import type { ClientRecord, SandboxStore } from './store.js';
import type { TokenService } from './tokens.js';

/**
 * OAuth 2.0 of seed 003 ("Bootstrap client", "API user authentication and API call authorization"):
 * `POST /auth/token` with the password (bootstrap client only), authorization_code, refresh_token and
 * JWT bearer grants, as JSON (the seed's bootstrap example) or form-encoded (its curl examples);
 * `GET /auth/authorization`, which in the sandbox logs the account in at once and redirects back.
 *
 * A guarded sandbox (one with a control guard: mounted in the server, or standalone with --token) keeps
 * accounts from being taken (issue 7): the authorization endpoint, which stands in for Autenti's login
 * page, is a control route; the password grant needs an account registered with that password; and a
 * client registered through the API acts only for the account that registered it.
 */

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** The account the authorization endpoint logs in when the request names none (`login_hint`). */
export const DEFAULT_SANDBOX_ACCOUNT = 'sandbox@example.com';
const CODE_LIFETIME_MS = 10 * 60 * 1000;

interface OAuthDeps {
  store: SandboxStore;
  tokens: TokenService;
  now: () => Date;
  /** The guard of the control routes; absent in an open (development) sandbox. */
  authorizeControl?: ControlGuard;
}

/**
 * Refuses a grant for `account` to a client that is bound to another one (a client registered through
 * the API with a bootstrap token). Only a guarded sandbox checks it; an open one is a dev tool.
 */
function requireClientMayActAs(deps: OAuthDeps, client: ClientRecord, account: string): void {
  if (!deps.authorizeControl || !client.ownerAccount || client.ownerAccount === account) return;
  throw new OAuthError(
    'invalid_grant',
    `client ${client.clientId} was registered by ${client.ownerAccount} and acts only for that account, not ${account}; an administrator adds clients for other accounts in Integration settings`,
  );
}

const field = (body: Record<string, unknown>, name: string): string | undefined => {
  const value = body[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** Client authentication by `client_id`/`client_secret` in the body (the seed's way) or HTTP Basic (RFC 6749 §2.3.1). */
function authenticateClient(store: SandboxStore, request: FastifyRequest, body: Record<string, unknown>): ClientRecord {
  let clientId = field(body, 'client_id');
  let secret = field(body, 'client_secret');
  const basic = /^basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (basic?.[1]) {
    const [id, pass] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
    clientId = decodeURIComponent(id ?? '');
    secret = decodeURIComponent(pass ?? '');
  }
  if (!clientId) throw new OAuthError('invalid_client', 'client_id is required');
  const client = findClient(store, clientId);
  if (!client) throw new OAuthError('invalid_client', `unknown client ${clientId}: create it in Integration settings (POST /_sandbox/clients) or with POST /api/v2/clients`);
  if (!secret) throw new OAuthError('invalid_client', `client_secret is required for client ${clientId}`);
  if (!secretMatches(client, secret)) throw new OAuthError('invalid_client', `client secret does not match client ${clientId}`);
  return client;
}

/** Granted scope: the requested ones the client holds (others silently dropped, seed 003), else all of its scopes. */
function grantedScope(client: ClientRecord, requested: string | undefined): string {
  if (!requested) return client.scopes.join(' ');
  const kept = requested.split(/\s+/).filter((scope) => client.scopes.includes(scope));
  return (kept.length > 0 ? kept : client.scopes).join(' ');
}

async function tokenGrant(deps: OAuthDeps, request: FastifyRequest): Promise<Record<string, unknown>> {
  const body = typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
  const grantType = field(body, 'grant_type');
  if (!grantType) throw new OAuthError('invalid_request', 'grant_type is required');
  const known = ['password', 'authorization_code', 'refresh_token', JWT_BEARER_GRANT];
  if (!known.includes(grantType)) {
    throw new OAuthError('unsupported_grant_type', `grant_type ${grantType} is not supported; use ${known.join(', ')}`);
  }
  const client = authenticateClient(deps.store, request, body);
  const now = deps.now();

  switch (grantType) {
    case 'password': {
      // Seed 003 reserves this grant to the bootstrap client; live Autenti also grants it to ordinary
      // client applications (public integrations use it with a JSON body), so the sandbox does too.
      const username = field(body, 'username')?.toLowerCase();
      const password = field(body, 'password');
      if (!username || !password) throw new OAuthError('invalid_request', 'username and password are required for the password grant');
      const account = deps.store.getAccount(username);
      if (account ? !(await passwordMatches(account, password)) : deps.authorizeControl !== undefined) {
        // One answer for an unknown account and a wrong password, so that the grant does not list accounts.
        throw new OAuthError('invalid_grant', `wrong username or password; accounts that sign in with a password are registered with POST /_sandbox/accounts`);
      }
      requireClientMayActAs(deps, client, username);
      const scope = client.clientId === BOOTSTRAP_CLIENT_ID ? CLIENT_MANAGEMENT_SCOPE : grantedScope(client, field(body, 'scope'));
      return deps.tokens.issue({ clientId: client.clientId, account: username, scope });
    }
    case 'authorization_code': {
      const code = field(body, 'code');
      if (!code) throw new OAuthError('invalid_request', 'code is required');
      const record = deps.store.takeAuthorizationCode(code);
      if (!record) throw new OAuthError('invalid_grant', 'authorization code is unknown or was already used');
      if (record.expiresAt <= now.getTime()) throw new OAuthError('invalid_grant', 'authorization code expired (codes live 10 minutes)');
      if (record.clientId !== client.clientId) throw new OAuthError('invalid_grant', `authorization code was issued to another client than ${client.clientId}`);
      if (field(body, 'redirect_uri') !== record.redirectUri) throw new OAuthError('invalid_grant', `redirect_uri must equal the one of the authorization request (${record.redirectUri})`);
      requireClientMayActAs(deps, client, record.account);
      return deps.tokens.issue({ clientId: client.clientId, account: record.account, scope: record.scope });
    }
    case 'refresh_token': {
      const token = field(body, 'refresh_token');
      if (!token) throw new OAuthError('invalid_request', 'refresh_token is required');
      const claims = await deps.tokens.open(token);
      if (!claims || claims.typ !== 'refresh') throw new OAuthError('invalid_grant', 'refresh_token was not issued by this Autenti sandbox');
      if (claims.cid !== client.clientId) throw new OAuthError('invalid_grant', `refresh_token was issued to another client than ${client.clientId}`);
      if (claims.exp <= now.getTime()) throw new OAuthError('invalid_grant', `refresh_token expired at ${new Date(claims.exp).toISOString()}`);
      // Refresh tokens rotate (the seed's refresh answer carries a new one): each can be exchanged once.
      if (!deps.store.useRefreshToken(claims.jti, now.toISOString())) throw new OAuthError('invalid_grant', 'refresh_token was already used; use the refresh_token of the latest token response');
      return deps.tokens.issue({ clientId: client.clientId, account: claims.sub, scope: claims.scope });
    }
    default: {
      const assertion = field(body, 'assertion');
      if (!assertion) throw new OAuthError('invalid_request', 'assertion (a JWT signed with RS256) is required for the JWT bearer grant');
      const verified = await verifyAssertion(assertion, client, {
        now,
        jtiUnused: (jti, expiresAtMs) => deps.store.useAssertionJti(client.clientId, jti, expiresAtMs, now.getTime()),
      });
      requireClientMayActAs(deps, client, verified.account);
      return deps.tokens.issue({ clientId: client.clientId, account: verified.account, scope: grantedScope(client, field(body, 'scope')) });
    }
  }
}

function sendOAuthError(reply: FastifyReply, error: OAuthError): FastifyReply {
  return reply
    .code(error.status)
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .send({ error: error.error, error_description: error.description });
}

/** Routes `/auth/token` and `/auth/authorization`, relative to the API root. */
export function oauthRoutes(deps: OAuthDeps): FastifyPluginAsync {
  return async (auth: FastifyInstance) => {
    auth.setErrorHandler((error: Error, request, reply) => {
      if (error instanceof OAuthError) return sendOAuthError(reply, error);
      // A body that cannot be parsed is an OAuth invalid_request at the token endpoint, not a problem document.
      const status = SandboxProblem.is(error) ? error.status : (error as { statusCode?: number }).statusCode;
      if (status && status >= 400 && status < 500 && request.routeOptions.url?.endsWith('/auth/token')) {
        return sendOAuthError(reply, new OAuthError('invalid_request', error.message));
      }
      return problemErrorHandler(error, request, reply);
    });

    auth.post('/auth/token', async (request, reply) => {
      const response = await tokenGrant(deps, request);
      return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(response);
    });

    // Guarded, this endpoint is the administrator's: it logs in whoever login_hint names.
    auth.get('/auth/authorization', { preValidation: controlHook(deps.authorizeControl) }, async (request, reply) => {
      const query = request.query as Record<string, string | undefined>;
      const clientId = query.client_id ?? '';
      const client = clientId ? findClient(deps.store, clientId) : undefined;
      // RFC 6749 §4.1.2.1: with an unknown client or a bad redirect_uri, never redirect.
      if (!client) throw problems.badRequest(`unknown client_id ${JSON.stringify(clientId)}`);
      const redirectUri = query.redirect_uri;
      if (!redirectUri || !/^https?:\/\//i.test(redirectUri)) throw problems.badRequest('redirect_uri (an absolute URL) is required');
      // Exact match against the registered list (RFC 6749 §3.1.2.2, §10.6): anything else would make the
      // endpoint an open redirect that hands codes to whoever names a URL. No list, no code flow.
      if (!client.redirectUris.includes(redirectUri)) {
        throw problems.badRequest(
          client.redirectUris.length === 0
            ? `client ${clientId} has no registered redirect URI, so it cannot use the authorization code flow; register one (redirectUris) when creating the client`
            : `redirect_uri ${redirectUri} is not registered for client ${clientId} (registered: ${client.redirectUris.join(', ')})`,
        );
      }
      const target = new URL(redirectUri);
      if (query.state !== undefined) target.searchParams.set('state', query.state);
      if (query.response_type !== 'code') {
        target.searchParams.set('error', 'unsupported_response_type');
        return reply.redirect(target.toString(), 302);
      }
      // The sandbox has no login page: the account is the login_hint, or the default sandbox account.
      const account = isEmail(query.login_hint) ? query.login_hint.toLowerCase() : (client.ownerAccount ?? DEFAULT_SANDBOX_ACCOUNT);
      const code = randomBytes(20).toString('base64url');
      deps.store.putAuthorizationCode({
        code,
        clientId: client.clientId,
        redirectUri,
        account,
        scope: grantedScope(client, query.scope),
        expiresAt: deps.now().getTime() + CODE_LIFETIME_MS,
      });
      target.searchParams.set('code', code);
      // Seed order: ?code=…&state=…
      if (query.state !== undefined) {
        target.searchParams.delete('state');
        target.searchParams.set('state', query.state);
      }
      return reply.redirect(target.toString(), 302);
    });
  };
}
