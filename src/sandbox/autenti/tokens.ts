import { randomBytes, randomUUID } from 'node:crypto';
import { CompactEncrypt, compactDecrypt } from 'jose';
import type { FastifyRequest } from 'fastify';
import { problems } from './problems.js';
import type { SandboxStore } from './store.js';

/**
 * Autenti's tokens (seed 003, "Bootstrap client"): self-contained and long — the seed's example is a
 * `dir`/`A256GCM` JWE and asks integrators to reserve 1,500 characters. The sandbox mints the same kind
 * of JWE with a key kept in its database (tokens survive a restart) and pads the payload so that an
 * access token is about 1,300 characters: an adapter that stores tokens in a short column fails here.
 */

export interface TokenClaims {
  typ: 'access' | 'refresh';
  /** client_id */
  cid: string;
  /** account email */
  sub: string;
  scope: string;
  /** issued at, milliseconds */
  iat: number;
  /** expires at, milliseconds */
  exp: number;
  jti: string;
  /** Token generation: "expire tokens now" moves the sandbox to the next one (independent of the clock). */
  gen: number;
}

/** Who an access token speaks for. */
export interface AuthContext {
  account: string;
  clientId: string;
  scopes: string[];
}

/** Payload size that makes an access token ~1,300 characters (≥ 1,200, < 1,500) whatever the email length. */
const ACCESS_PAYLOAD_BYTES = 940;
/** Lifetime of refresh tokens (the seed gives none). */
export const REFRESH_LIFETIME_SECONDS = 30 * 24 * 3600;
const INVALID_BEFORE_KEY = 'tokensInvalidBefore';
const GENERATION_KEY = 'tokenGeneration';

export type TokenService = ReturnType<typeof createTokenService>;

/** Mints and checks the sandbox's tokens with a key kept in its database. */
export function createTokenService(store: SandboxStore, options: { now: () => Date; accessLifetimeSeconds: number }) {
  let keyHex = store.getSetting('tokenKey');
  if (!keyHex) {
    keyHex = randomBytes(32).toString('hex');
    store.setSetting('tokenKey', keyHex);
  }
  const key = Buffer.from(keyHex, 'hex');
  const generation = () => Number(store.getSetting(GENERATION_KEY) ?? '0');

  const seal = async (claims: TokenClaims, payloadBytes: number): Promise<string> => {
    const padding = payloadBytes - JSON.stringify(claims).length - 10;
    const payload = padding > 0 ? { ...claims, pad: randomBytes(padding).toString('base64url').slice(0, padding) } : claims;
    // Header members in the seed's order: {"enc":"A256GCM","alg":"dir"}.
    return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ enc: 'A256GCM', alg: 'dir' }).encrypt(key);
  };

  /** The contents of a token this sandbox minted, or null when it is not one. */
  const open = async (token: string): Promise<TokenClaims | null> => {
    try {
      const { plaintext } = await compactDecrypt(token, key);
      return JSON.parse(new TextDecoder().decode(plaintext)) as TokenClaims;
    } catch {
      return null;
    }
  };

  return {
    accessLifetimeSeconds: options.accessLifetimeSeconds,

    /** A token response as the seed shows it (`scope`, `access_token`, `token_type`, `expires_in`, `refresh_token`). */
    async issue(grant: { clientId: string; account: string; scope: string }) {
      const now = options.now().getTime();
      const gen = generation();
      const access = await seal(
        { typ: 'access', cid: grant.clientId, sub: grant.account, scope: grant.scope, iat: now, exp: now + options.accessLifetimeSeconds * 1000, jti: randomUUID(), gen },
        ACCESS_PAYLOAD_BYTES,
      );
      const refresh = await seal(
        { typ: 'refresh', cid: grant.clientId, sub: grant.account, scope: grant.scope, iat: now, exp: now + REFRESH_LIFETIME_SECONDS * 1000, jti: randomUUID(), gen },
        0,
      );
      return { scope: grant.scope, access_token: access, token_type: 'bearer', expires_in: options.accessLifetimeSeconds, refresh_token: refresh };
    },

    open,

    /** Makes every access token issued so far invalid (fault knob `expireTokensNow`). */
    expireAllAccessTokens(): string {
      const at = options.now().toISOString();
      store.transaction(() => {
        store.setSetting(GENERATION_KEY, String(generation() + 1));
        store.setSetting(INVALID_BEFORE_KEY, at);
      });
      return at;
    },
    tokensInvalidBefore: (): string | null => store.getSetting(INVALID_BEFORE_KEY) ?? null,

    /**
     * Checks `Authorization: Bearer …` and answers who is calling; throws a 401 problem naming why not.
     */
    async authenticate(request: FastifyRequest): Promise<AuthContext> {
      const header = request.headers.authorization;
      const match = header ? /^bearer\s+(\S+)\s*$/i.exec(header) : null;
      if (!match?.[1]) throw problems.unauthorized('Missing access token: send Authorization: Bearer <access_token> from POST /api/v2/auth/token.', 'invalid_request');
      const claims = await open(match[1]);
      if (!claims || claims.typ !== 'access') throw problems.unauthorized('The access token is not valid: it was not issued by this Autenti sandbox (or it is a refresh token).');
      const now = options.now().getTime();
      if (claims.exp <= now) throw problems.unauthorized(`The access token expired at ${new Date(claims.exp).toISOString()}; request a new one.`);
      if ((claims.gen ?? 0) < generation()) {
        throw problems.unauthorized(`The access token was revoked at ${store.getSetting(INVALID_BEFORE_KEY) ?? 'an earlier time'}; request a new one.`);
      }
      return { account: claims.sub, clientId: claims.cid, scopes: claims.scope.split(' ').filter(Boolean) };
    },
  };
}

const authContexts = new WeakMap<FastifyRequest, AuthContext>();

/** Records who called (set by the bearer hook). */
export function setAuth(request: FastifyRequest, auth: AuthContext): void {
  authContexts.set(request, auth);
}

/** The caller of an authenticated route (set by the bearer hook of the API scope). */
export function authOf(request: FastifyRequest): AuthContext {
  const auth = authContexts.get(request);
  if (!auth) throw problems.unauthorized('Missing access token.');
  return auth;
}
