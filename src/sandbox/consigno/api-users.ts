import { randomBytes, timingSafeEqual } from 'node:crypto';
import { refusals } from './errors.js';
import type { ApiUserRecord } from './model.js';
import { passwordDigest, type ConsignoStore } from './store.js';

/**
 * API users: what Notarius hands an organisation (a username and password; references, "ConsignO
 * Cloud": an API key and secret) with its tenant settings — whether the second factor is required
 * (seed 002: two by default, "upon request" one) and whether embedded signing is enabled.
 */

export interface NewApiUser {
  name: string;
  secondFactorRequired?: boolean;
  embeddedAllowed?: boolean;
}

/** Creates an API user; the password is shown once (only its digest is kept). */
export function createApiUser(store: ConsignoStore, input: NewApiUser, now: Date): { username: string; password: string } {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name || name.length > 200) throw refusals.invalid('name must be a non-empty text of at most 200 characters.', 'name');
  for (const flag of ['secondFactorRequired', 'embeddedAllowed'] as const) {
    if (input[flag] !== undefined && typeof input[flag] !== 'boolean') throw refusals.invalid(`${flag} must be true or false.`, flag);
  }
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'api-user';
  const username = `${slug}-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(32).toString('base64url');
  const [firstName = name, ...rest] = name.split(/\s+/);
  store.putUser({
    username,
    passwordHash: passwordDigest(password),
    firstName,
    lastName: rest.join(' '),
    email: `${username}@consigno-sandbox.example.com`,
    secondFactorRequired: input.secondFactorRequired ?? true,
    embeddedAllowed: input.embeddedAllowed ?? true,
    lang: 'en',
    ver: 1,
    createdAt: now.toISOString(),
  });
  return { username, password };
}

/** The user whose password this is, or null (compared in constant time, unknown users included). */
export function checkPassword(store: ConsignoStore, username: unknown, password: unknown): ApiUserRecord | null {
  if (typeof username !== 'string' || typeof password !== 'string') return null;
  const user = store.getUser(username);
  const presented = Buffer.from(passwordDigest(password), 'hex');
  const expected = Buffer.from(user?.passwordHash ?? passwordDigest(`${password}-no-such-user`), 'hex');
  return user && timingSafeEqual(presented, expected) ? user : null;
}

/** Changes a user's mutable claims (`PATCH /_sandbox/api-users/{username}`); `ver` goes up so that older tokens rotate. */
export function changeMutableClaims(store: ConsignoStore, username: string, body: Record<string, unknown>): ApiUserRecord {
  const user = store.getUser(username);
  if (!user) throw refusals.notFound(`No API user ${username}.`, username);
  if (body.secondFactorRequired !== undefined && typeof body.secondFactorRequired !== 'boolean') throw refusals.invalid('secondFactorRequired must be true or false.', 'secondFactorRequired');
  if (body.lang !== undefined && body.lang !== 'en' && body.lang !== 'fr') throw refusals.invalid('lang must be "en" or "fr".', 'lang');
  if (body.secondFactorRequired === undefined && body.lang === undefined) throw refusals.invalid('Send {"secondFactorRequired": true|false} and/or {"lang": "en"|"fr"}.');
  const next: ApiUserRecord = {
    ...user,
    ...(typeof body.secondFactorRequired === 'boolean' ? { secondFactorRequired: body.secondFactorRequired } : {}),
    ...(body.lang === 'en' || body.lang === 'fr' ? { lang: body.lang } : {}),
    ver: user.ver + 1,
  };
  store.putUser(next);
  return next;
}

export const userView = (user: ApiUserRecord) => ({ username: user.username, firstName: user.firstName, lastName: user.lastName, email: user.email });
