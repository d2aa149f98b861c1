import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jwtVerify, SignJWT } from 'jose';
import { refusals } from './errors.js';
import type { ApiUserRecord } from './model.js';
import type { ConsignoStore } from './store.js';

/**
 * The session tokens of seed 002 "/auth": a signed JWT (HS256, a secret of this sandbox kept in its
 * data folder) with the user's details and its *mutable claims* (`ver`, `secondFactorRequired`,
 * `lang`). It dies after 30 minutes without use on the sandbox clock; every accepted use refreshes it.
 * When a user's mutable claims change, the answer to a request carrying an older token brings a new
 * token in `X-Auth-Token`; the old one keeps working unless the fault knob `rotatedTokenFails` is on.
 */

export const IDLE_LIFETIME_MS = 30 * 60 * 1000;

export type TokenService = ReturnType<typeof createTokenService>;

/** What an accepted token tells the route: whose it is, and the successor to hand back, if any. */
export interface TokenCheck {
  username: string;
  jti: string;
  successor: string | null;
}

function loadOrCreateSecret(folder: string): Uint8Array {
  const path = join(folder, 'consigno-jwt.key');
  if (!existsSync(path)) {
    writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
  }
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
}

export function createTokenService(store: ConsignoStore, options: { now: () => Date; rotatedTokenFails: () => boolean }) {
  const secret = loadOrCreateSecret(store.folder);

  async function issue(user: ApiUserRecord): Promise<string> {
    const jti = randomUUID();
    const at = options.now().getTime();
    store.addToken(jti, user.username, user.ver, at);
    return new SignJWT({ ver: user.ver, secondFactorRequired: user.secondFactorRequired, lang: user.lang })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.username)
      .setJti(jti)
      .setIssuedAt(Math.floor(at / 1000))
      .sign(secret);
  }

  /** Checks a presented token; throws ConsignO's 401 `4001` saying why it is refused. */
  async function check(token: string): Promise<TokenCheck> {
    let claims;
    try {
      ({ payload: claims } = await jwtVerify(token, secret, { algorithms: ['HS256'] }));
    } catch {
      throw refusals.authentication('The X-Auth-Token is not a token of this sandbox (bad signature or format); log in again with POST /auth/login.');
    }
    const record = claims.jti ? store.getToken(claims.jti) : undefined;
    const user = record ? store.getUser(record.username) : undefined;
    if (!record || !user) throw refusals.authentication('Unknown token; log in again with POST /auth/login.');
    if (record.revoked) throw refusals.authentication('Token revoked (logged out); log in again with POST /auth/login.');
    const at = options.now().getTime();
    if (at - record.lastUsedAt > IDLE_LIFETIME_MS) throw refusals.authentication('Token expired');
    if (record.replacedAt !== null && options.rotatedTokenFails()) {
      throw refusals.authentication('Token was replaced: use the token from the X-Auth-Token header of the previous answer.');
    }
    store.touchToken(record.jti, at);
    let successor: string | null = null;
    if (record.ver < user.ver) {
      successor = await issue(user);
      store.markReplaced(record.jti, at);
    }
    return { username: user.username, jti: record.jti, successor };
  }

  return {
    issue,
    check,
    revoke: (jti: string) => store.revokeToken(jti),
  };
}
