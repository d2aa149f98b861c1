import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { ProviderError } from '../errors.js';
import { readErrorBody, readProviderMessage, type HttpClient } from '../http.js';
import type { ConnectionConfig } from '../connection.js';

/**
 * Access tokens for one Autenti connection.
 *
 * Reading (docs/providers.md U10): seed 003 ("API user authentication and API call authorization")
 * lists the authorization-code, password (bootstrap client only) and refresh grants, and "federated
 * scenarios" citing RFC 7522 / RFC 8693; the connector guide (seed 000 §3.2–3.3) has the admin enter
 * a client id, secret and account email, and paste an RSA public key (JWK) into Autenti's
 * Integration settings. A server-side connector has no browser for the code flow, so it uses the
 * JWT bearer grant (RFC 7523, the JWT sibling of RFC 7522's SAML assertion grant):
 *
 *   POST {baseUrl}auth/token   (application/x-www-form-urlencoded)
 *   grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer & assertion=<JWT> & client_id & client_secret
 *
 * The JWT is RS256, signed with the connection's private key (header `kid` = the registered key id),
 * with `iss` = client id, the account Countersign acts for in `email` (with `email_verified: true`,
 * as production clients of the live service send it; `sub` carries the same email, which Autenti
 * ignores), `aud` = `"autenti.com"` (what the live service expects; the seed does not say, and the
 * token endpoint URL this adapter used to sign is refused there) unless the connection's optional
 * `assertionAudience` credential names another for a tenant that needs it, `iat`, `exp` = iat + 5 min,
 * and a random `jti` so a captured assertion cannot be replayed (docs/providers.md, "Autenti: live
 * service versus seed 003 — the adapter").
 *
 * Tokens are cached and refreshed 60 s before `expires_in` runs out (seed: 1770–3600 s); one
 * refresh at a time: concurrent callers await the same request.
 */

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const ASSERTION_LIFETIME_S = 300;
/** The assertion audience production Autenti clients sign (see above). */
export const DEFAULT_ASSERTION_AUDIENCE = 'autenti.com';
const REFRESH_EARLY_MS = 60_000;
/** When Autenti omits `expires_in`: the shortest lifetime the seed shows (1770 s), to be safe. */
const DEFAULT_EXPIRES_IN_S = 1770;

export type AutentiCredentials = {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly accountEmail: string;
  /** The JWT `aud`: the connection's `assertionAudience`, else `"autenti.com"`. */
  readonly assertionAudience: string;
};

export type TokenSource = {
  /** A valid access token, from the cache when it has more than a minute left. */
  token(): Promise<string>;
  /** Forgets `token` after Autenti refused it (401), so the next `token()` gets a new one. */
  invalidate(token: string): void;
};

/** Reads and checks the connection's Autenti credentials; a missing one is a plain-words validation error. */
export function autentiCredentials(connection: ConnectionConfig): AutentiCredentials {
  const { clientId, clientSecret, accountEmail, assertionAudience } = connection.credentials;
  const missing = [
    ['clientId', clientId, 'client id'],
    ['clientSecret', clientSecret, 'client secret'],
    ['accountEmail', accountEmail, 'account email'],
  ].filter(([, value]) => typeof value !== 'string' || value.trim() === '');
  if (missing.length > 0) {
    throw new ProviderError({
      kind: 'authentication',
      provider: 'autenti',
      message: `Connection ${connection.id} has no Autenti ${missing.map(([, , words]) => words).join(', ')}: fill them in under Settings → Connections.`,
    });
  }
  return {
    clientId: clientId!.trim(),
    clientSecret: clientSecret!,
    accountEmail: accountEmail!.trim(),
    assertionAudience: assertionAudience?.trim() || DEFAULT_ASSERTION_AUDIENCE,
  };
}

/** A short, recognisable form of the client id for messages, as in STYLE point 14 ("client 9e76…"). */
export function shortClientId(clientId: string): string {
  return clientId.length > 12 ? `${clientId.slice(0, 8)}…` : clientId;
}

export function createTokenSource(options: {
  readonly connection: ConnectionConfig;
  readonly http: HttpClient;
  readonly now: () => number;
}): TokenSource {
  const { connection, http, now } = options;
  let cached: { value: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function requestToken(): Promise<string> {
    const credentials = autentiCredentials(connection);
    // Signed anew for each attempt: Autenti takes an assertion's jti once, so a repeat after a lost
    // answer (the connection cut after Autenti read it) must not send the same one again.
    const form = async () =>
      new URLSearchParams({
        grant_type: JWT_BEARER_GRANT,
        assertion: await signAssertion(connection, credentials, now()),
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
      }).toString();
    const response = await http.request({
      method: 'POST',
      path: 'auth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form,
      // A second token request does no harm: repeating it (with a fresh assertion) after a lost answer is safe.
      idempotent: true,
      operation: 'issuing an access token',
    });
    if (response.status !== 200) throw tokenError(response.status, await readErrorBody(response), credentials, connection.baseUrl);
    const text = await response.text();
    let body: { access_token?: unknown; expires_in?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      body = {};
    }
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new ProviderError({
        kind: 'unavailable',
        provider: 'autenti',
        httpStatus: response.status,
        message: 'Autenti answered the token request without an access token. Countersign retries later.',
      });
    }
    const expiresInS = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_EXPIRES_IN_S;
    cached = { value: body.access_token, refreshAt: now() + Math.max(0, expiresInS * 1000 - REFRESH_EARLY_MS) };
    return body.access_token;
  }

  return {
    async token() {
      if (cached !== undefined && now() < cached.refreshAt) return cached.value;
      pending ??= requestToken().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate(token) {
      if (cached?.value === token) cached = undefined;
    },
  };
}

/** The RS256 client assertion described above. */
export async function signAssertion(
  connection: ConnectionConfig,
  credentials: AutentiCredentials,
  nowMs: number,
): Promise<string> {
  const keyPair = connection.keyPair;
  if (keyPair === undefined) {
    throw new ProviderError({
      kind: 'authentication',
      provider: 'autenti',
      message: `Connection ${connection.id} has no key pair: generate one under Settings → Connections and paste its public key into Autenti's Integration settings.`,
    });
  }
  const issuedAt = Math.floor(nowMs / 1000);
  return new SignJWT({ email: credentials.accountEmail, email_verified: true })
    .setProtectedHeader({ alg: 'RS256', kid: keyPair.keyId, typ: 'JWT' })
    .setIssuer(credentials.clientId)
    .setSubject(credentials.accountEmail)
    .setAudience(credentials.assertionAudience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ASSERTION_LIFETIME_S)
    .setJti(randomUUID())
    .sign(await keyPair.privateKey());
}

/**
 * A refused token request in words an admin can act on (STYLE point 14), keeping Autenti's own
 * `error_description` as `providerMessage`. OAuth errors (RFC 6749 §5.2) come as 400 or 401.
 */
export function tokenError(status: number, body: string, credentials: AutentiCredentials, baseUrl: string): ProviderError {
  let code: string | undefined;
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    code = typeof parsed.error === 'string' ? parsed.error : undefined;
  } catch {
    code = undefined;
  }
  const providerMessage = readProviderMessage(body);
  const client = shortClientId(credentials.clientId);
  const said = providerMessage ? ` (Autenti said: ${providerMessage})` : '';
  const refused = (message: string) =>
    new ProviderError({ kind: 'authentication', provider: 'autenti', httpStatus: status, providerMessage, message });

  if (status === 404 || status === 405) {
    return new ProviderError({
      kind: 'not-found',
      provider: 'autenti',
      httpStatus: status,
      providerMessage,
      message: `There is no Autenti token endpoint at ${baseUrl}auth/token (HTTP ${status}): check the API URL in Settings → Connections; it ends with /api/v2/ (production https://api.autenti.com/api/v2/, test https://api.accept.autenti.net/api/v2/).`,
    });
  }
  if (code === 'invalid_client' || (status === 401 && code === undefined)) {
    return refused(
      `Autenti refused the client id or secret for client ${client}: check them in Settings → Connections (and that this client exists in this Autenti environment — production and test are separate instances).${said}`,
    );
  }
  if (code === 'invalid_grant') {
    if (/\baud(ience)?\b/i.test(providerMessage ?? '')) {
      return refused(
        `Autenti refused the assertion's audience "${credentials.assertionAudience}" for client ${client}: leave "JWT audience" empty in Settings → Connections (autenti.com), or set the one your Autenti tenant names.${said}`,
      );
    }
    if (/key|signature|jwk|kid|verif/i.test(providerMessage ?? '')) {
      return refused(
        `Autenti refused the signed assertion: the public key registered for client ${client} does not match this connection's key. Paste the key shown in Settings → Connections into Autenti's Integration settings.${said}`,
      );
    }
    if (/sub|user|account|email/i.test(providerMessage ?? '')) {
      return refused(
        `Autenti does not let client ${client} act for ${credentials.accountEmail}: check the account email in Settings → Connections and that this account belongs to the client's organisation.${said}`,
      );
    }
    return refused(`Autenti refused the signed assertion of client ${client}; check the connection's key, account email and the server clock.${said}`);
  }
  if (code === 'unauthorized_client' || code === 'unsupported_grant_type') {
    return refused(`Autenti does not allow client ${client} to sign in with a key (JWT bearer grant): ask Autenti to enable it for this client.${said}`);
  }
  if (code === 'invalid_scope') {
    return refused(`Autenti refused the access asked for by client ${client}; ask Autenti to grant this client access to document processes.${said}`);
  }
  return ProviderError.fromHttpStatus({ provider: 'autenti', httpStatus: status, operation: 'issuing an access token', providerMessage, host: hostOf(baseUrl) });
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}
