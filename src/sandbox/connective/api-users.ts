import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { refusals } from './errors.js';
import { setCallUser } from './faults.js';
import { passwordDigest, type ConnectiveStore } from './store.js';

/**
 * API users (seed 001 "Creating a connection": an API username and password that Connective hands out)
 * and the HTTP Basic authentication of every API call, plus the throttling the seed announces
 * ("API calls per connection: 100 per 60 seconds"), counted per API user on the sandbox clock.
 */

/** Creates an API user; the password is shown once (only its digest is kept). */
export function createApiUser(store: ConnectiveStore, name: string, now: Date): { username: string; password: string } {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 200) throw refusals.invalid('name must be a non-empty text of at most 200 characters.');
  const slug = trimmed.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'api-user';
  const username = `${slug}-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(32).toString('base64url');
  store.addApiUser({ username, name: trimmed, passwordHash: passwordDigest(password), createdAt: now.toISOString() });
  return { username, password };
}

const authenticated = new WeakMap<FastifyRequest, string>();

/** The API user of an authenticated API request. */
export function apiUserOf(request: FastifyRequest): string {
  const user = authenticated.get(request);
  if (!user) throw new Error('apiUserOf called on an unauthenticated request');
  return user;
}

/** Checks `Authorization: Basic …` against the API users; throws Connective's 401 otherwise. */
export function authenticate(store: ConnectiveStore, request: FastifyRequest): string {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.headers.authorization ?? '');
  if (!match) throw refusals.authentication('Send the API username and password as HTTP Basic authentication (Authorization: Basic base64(username:password)).');
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const username = colon < 0 ? decoded : decoded.slice(0, colon);
  const password = colon < 0 ? '' : decoded.slice(colon + 1);
  const user = store.getApiUser(username);
  const presented = Buffer.from(passwordDigest(password), 'hex');
  // Compare even for an unknown user, so that the answer time does not tell which usernames exist.
  const expected = Buffer.from(user?.passwordHash ?? passwordDigest(`${password}-no-such-user`), 'hex');
  if (!user || !timingSafeEqual(presented, expected)) {
    throw refusals.authentication('The API username or password is wrong. Create an API user with POST /_sandbox/api-users.');
  }
  authenticated.set(request, username);
  setCallUser(request, username);
  return username;
}

export const THROTTLE_LIMIT = 100;
export const THROTTLE_WINDOW_MS = 60_000;

/** A sliding window of the last 60 s of calls per API user. */
export function createThrottle(now: () => Date) {
  const windows = new Map<string, number[]>();
  return {
    /** Counts one call; throws 429 `Throttling.Exceeded` (with Retry-After) when it is one too many. */
    take(username: string): void {
      const at = now().getTime();
      const recent = (windows.get(username) ?? []).filter((time) => time > at - THROTTLE_WINDOW_MS);
      if (recent.length >= THROTTLE_LIMIT) {
        windows.set(username, recent);
        const retryAfter = Math.max(1, Math.ceil((recent[0]! + THROTTLE_WINDOW_MS - at) / 1000));
        throw refusals.throttled(retryAfter);
      }
      recent.push(at);
      windows.set(username, recent);
    },
  };
}
