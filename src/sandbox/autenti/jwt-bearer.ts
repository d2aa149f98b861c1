import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { isEmail } from './model.js';
import { OAuthError } from './problems.js';
import type { ClientRecord } from './store.js';

/**
 * The JWT bearer grant (RFC 7523 §2.1, `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`): how a
 * connector that holds the private key of the public JWK pasted into Autenti's Integration settings
 * (seed 000 §3.2–3.3) obtains tokens for an account without a browser. Every failed check says which one,
 * so that an integrator sees "signature does not match", not a bare `invalid_grant`.
 */

/** Largest allowed `exp - iat`: an assertion is a short-lived proof, not a credential. */
export const MAX_ASSERTION_LIFETIME_SECONDS = 3600;
/** The audience production clients sign (live Autenti); the token endpoint URL is accepted too. */
export const AUTENTI_AUDIENCE = 'autenti.com';

/**
 * Whether `aud` (a string or an array) names Autenti: `"autenti.com"`, or the token endpoint URL. The
 * sandbox is reached under many hosts (loopback, a prefix in the main server, a container name), so only
 * the path of a URL audience is checked.
 */
function audienceAccepted(aud: unknown): boolean {
  const audiences = Array.isArray(aud) ? aud : [aud];
  return audiences.some((value) => typeof value === 'string' && (value === AUTENTI_AUDIENCE || /\/auth\/token\/?$/.test(value)));
}

/** Tolerance for clocks that disagree a little (iat / nbf slightly in the future). */
const CLOCK_SKEW_SECONDS = 60;

/** What a valid assertion establishes. */
export interface VerifiedAssertion {
  account: string;
  jti: string;
  expiresAtMs: number;
}

const fail = (description: string): never => {
  throw new OAuthError('invalid_grant', description);
};

/**
 * Checks `assertion` against the keys registered for `client` and returns the account it speaks for.
 * `jtiUnused` records the jti and answers false on a replay.
 */
export async function verifyAssertion(
  assertion: string,
  client: ClientRecord,
  context: { now: Date; jtiUnused: (jti: string, expiresAtMs: number) => boolean },
): Promise<VerifiedAssertion> {
  const clientId = client.clientId;
  if (client.publicKeys.length === 0) {
    fail(`no public key registered for client ${clientId}: paste the connector's public JWK into Integration settings → Edit client application → Public key`);
  }
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    return fail('assertion is not a JWT in compact serialization (header.payload.signature)');
  }
  if (header.alg === 'none' || !header.alg) fail('assertion is unsigned (alg "none"); sign it with RS256 using the private key of the registered public key');
  if (header.alg !== 'RS256') fail(`assertion must be signed with RS256; got alg "${String(header.alg)}"`);

  // A single pasted JWK is used whatever kid the assertion names; a JWKS is matched by kid
  // (seed 000 §3.3: "If you specify a set of keys in JWKS all public keys will be configured").
  let candidates = client.publicKeys;
  if (client.publicKeyFormat === 'jwks' && header.kid !== undefined && client.publicKeys.some((key) => key.kid !== undefined)) {
    candidates = client.publicKeys.filter((key) => key.kid === header.kid);
    if (candidates.length === 0) {
      const kids = client.publicKeys.map((key) => String(key.kid ?? '(none)')).join(', ');
      fail(`no public key with kid "${header.kid}" is registered for client ${clientId} (registered kids: ${kids})`);
    }
  }

  let payload: Uint8Array | null = null;
  for (const jwk of candidates) {
    try {
      const key = await importJWK(jwk as JWK, 'RS256');
      payload = (await compactVerify(assertion, key, { algorithms: ['RS256'] })).payload;
      break;
    } catch {
      // try the next registered key
    }
  }
  if (!payload) {
    fail(`assertion signature does not match the public key registered for client ${clientId}; register this connector's current public key in Integration settings`);
  }

  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload!)) as Record<string, unknown>;
  } catch {
    return fail('assertion payload is not JSON');
  }
  const nowSeconds = context.now.getTime() / 1000;

  // Production clients put their organisation's identifier in iss (or the client id); the client is
  // already proven by client_id, its secret and the registered key, so any non-empty iss is accepted.
  if (typeof claims.iss !== 'string' || claims.iss.trim() === '') fail(`assertion iss must be a non-empty string (your organisation identifier or the client_id); got ${JSON.stringify(claims.iss)}`);
  // The acting account is the email claim, as live Autenti reads it; sub is reserved and ignored.
  if (claims.email === undefined) {
    fail(`assertion has no email claim: put the account in the email claim (with email_verified: true); sub is not read${isEmail(claims.sub) ? ` (it holds ${JSON.stringify(claims.sub)})` : ''}`);
  }
  if (!isEmail(claims.email)) fail(`assertion email must be the Autenti account's email address; got ${JSON.stringify(claims.email)}`);
  if (claims.email_verified === false) fail('assertion email_verified is false: Autenti acts only for a verified account email (send email_verified: true)');
  if (!audienceAccepted(claims.aud)) {
    fail(`assertion aud must be "${AUTENTI_AUDIENCE}" (or the token endpoint URL ending with /api/v2/auth/token); got ${JSON.stringify(claims.aud)}`);
  }
  if (typeof claims.exp !== 'number') fail('assertion exp (expiry, seconds since epoch) is required');
  if (typeof claims.iat !== 'number') fail('assertion iat (issued at, seconds since epoch) is required');
  const exp = claims.exp as number;
  const iat = claims.iat as number;
  if (exp <= nowSeconds) fail(`assertion expired at ${new Date(exp * 1000).toISOString()} (sandbox time ${context.now.toISOString()})`);
  if (iat > nowSeconds + CLOCK_SKEW_SECONDS) fail(`assertion iat ${new Date(iat * 1000).toISOString()} is in the future (sandbox time ${context.now.toISOString()})`);
  if (exp - iat > MAX_ASSERTION_LIFETIME_SECONDS) fail(`assertion exp must be at most 1 hour after iat; got ${Math.round(exp - iat)} seconds`);
  if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds + CLOCK_SKEW_SECONDS) fail('assertion nbf is in the future');
  if (typeof claims.jti !== 'string' || claims.jti.length === 0) fail('assertion jti (a unique id per assertion) is required');
  if (!context.jtiUnused(claims.jti as string, exp * 1000)) fail(`assertion jti "${String(claims.jti)}" was already used; sign a new assertion with a fresh jti for every token request`);

  return { account: (claims.email as string).toLowerCase(), jti: claims.jti as string, expiresAtMs: exp * 1000 };
}
