import { ProviderError } from '../errors.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../http.js';
import { consignoError } from './errors.js';
import { LoginSchema, readAnswer, type ConsignoLogin } from './schemas.js';

/**
 * The ConsignO Cloud sign-in of one connection (references README "ConsignO Cloud"; the wire contract
 * of issue 11, "Auth"). ConsignO answers a login with a token in the `X-Auth-Token` header; the token
 * dies after 30 minutes unused, so:
 * - the first call logs in, and a call after 25 minutes idle logs in again first (public
 *   integrations renew at 25 minutes, before the 30 of the service);
 * - a token ConsignO hands back in any answer (`X-Auth-Token`: it rotates the token when the user's
 *   claims change) replaces ours at once;
 * - at most one login is in flight: concurrent calls wait for the same one;
 * - a 401 `4001` (expired, revoked, replaced) logs in again once and repeats the call once;
 * - "login as": the platform's API key and secret go in `X-Client-Id` / `X-Client-Secret`, the acted-as
 *   user's name and password in the body.
 * The token is never logged: the shared HTTP client logs neither headers, queries nor bodies.
 */

export type ConsignoCredentials = {
  readonly username: string;
  readonly password: string;
  /** "Login as": the platform API user's key and secret. Both or neither. */
  readonly clientId?: string;
  readonly clientSecret?: string;
};

/** Renew after this long unused (ConsignO's tokens die at 30 minutes). */
export const IDLE_RENEWAL_MS = 25 * 60 * 1000;

/** A request that needs the token: built with it, so it may go in a header or in a form field. */
export type AuthorizedRequest = (token: string) => HttpRequest;

export type ConsignoSession = {
  /** Sends `build(token)` with a valid token; a 401 `4001` logs in again and repeats it once. Other answers are returned as they are. */
  send(build: AuthorizedRequest, http?: HttpClient): Promise<HttpResponse>;
  /** Logs in now (verify), whatever the token's age; answers who ConsignO says the token acts as. */
  login(http?: HttpClient): Promise<ConsignoLogin>;
  /** Whether a token is held (tests). */
  readonly hasToken: boolean;
};

export function createConsignoSession(http: HttpClient, credentials: ConsignoCredentials, now: () => number = Date.now): ConsignoSession {
  let token: string | undefined;
  let lastUsed = 0;
  let loggingIn: Promise<ConsignoLogin> | undefined;

  function adopt(response: HttpResponse): void {
    const rotated = response.header('x-auth-token')?.trim();
    if (rotated) token = rotated;
    lastUsed = now();
  }

  async function doLogin(client: HttpClient): Promise<ConsignoLogin> {
    const operation = 'signing in';
    const loginAs = credentials.clientId !== undefined && credentials.clientSecret !== undefined;
    const response = await client.request({
      method: 'POST',
      path: 'auth/login',
      operation,
      // A login creates nothing: safe to repeat on a network error or a 5xx.
      idempotent: true,
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        ...(loginAs ? { 'x-client-id': credentials.clientId!, 'x-client-secret': credentials.clientSecret! } : {}),
      },
      body: JSON.stringify({ username: credentials.username, password: credentials.password }),
    });
    if (response.status === 401 || response.status === 403) {
      const refused = await consignoError(response, operation, now());
      throw new ProviderError({
        kind: 'authentication',
        provider: 'consigno',
        httpStatus: response.status,
        ...(refused.providerMessage === null ? {} : { providerMessage: refused.providerMessage }),
        message: loginAs
          ? `ConsignO Cloud refused the sign-in (HTTP ${response.status}${refused.providerMessage ? `: ${refused.providerMessage}` : ''}): check the platform API key and secret ("login as" client id and secret) and the username and password of the user acted as, in Settings → Connections.`
          : `ConsignO Cloud refused the username or password (HTTP ${response.status}${refused.providerMessage ? `: ${refused.providerMessage}` : ''}): check them in Settings → Connections. They are an API user's key and secret given by your ConsignO Cloud administrator.`,
      });
    }
    if (response.status < 200 || response.status >= 300) throw await consignoError(response, operation, now());
    const issued = response.header('x-auth-token')?.trim();
    const text = await response.text();
    if (!issued) {
      throw new ProviderError({
        kind: 'unsupported',
        provider: 'consigno',
        feature: 'response-shape',
        message: `ConsignO Cloud answered the sign-in without a token in the X-Auth-Token header, so Countersign cannot call it. Check that the connection's URL is the tenant's API root (…/api/v1).`,
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = { response: {} };
    }
    const who = readAnswer(LoginSchema, body, 'the sign-in', 'the user signed in');
    token = issued;
    lastUsed = now();
    return who;
  }

  /** One login at a time; callers arriving meanwhile share it. */
  function login(client: HttpClient = http): Promise<ConsignoLogin> {
    loggingIn ??= doLogin(client).finally(() => {
      loggingIn = undefined;
    });
    return loggingIn;
  }

  async function validToken(client: HttpClient): Promise<string> {
    if (loggingIn) await loggingIn;
    if (token === undefined || now() - lastUsed >= IDLE_RENEWAL_MS) await login(client);
    return token!;
  }

  async function send(build: AuthorizedRequest, client: HttpClient = http): Promise<HttpResponse> {
    const used = await validToken(client);
    const first = build(used);
    const response = await client.request(first);
    if (response.status !== 401) {
      adopt(response);
      return response;
    }
    // 401: read why. `4001` is a token that died (expired, revoked, replaced): one new login, one repeat.
    const refused = await consignoError(response, first.operation, now());
    if (refused.refusal.code !== undefined && refused.refusal.code !== '4001') throw refused;
    // Another call may have logged in meanwhile: only a token that is still ours is thrown away.
    if (token === used) token = undefined;
    const fresh = await validToken(client);
    const repeated = await client.request(build(fresh));
    if (repeated.status === 401) throw await consignoError(repeated, `${first.operation} (after signing in again)`, now());
    adopt(repeated);
    return repeated;
  }

  return {
    send,
    login,
    get hasToken() {
      return token !== undefined;
    },
  };
}
