import { createHash } from 'node:crypto';
import { CountersignError } from '../domain/errors.js';
import * as store from '../store/idempotency.js';
import { timestamp, type AppContext } from './context.js';

export interface StoredResponse {
  statusCode: number;
  contentType: string;
  payload: string;
}

export type IdempotentStart =
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'claimed'; complete(response: StoredResponse): Promise<void>; release(): Promise<void> };

/** A first request that never finished (its process died) stops blocking its key after this long. */
const ABANDONED_AFTER_MS = 60_000;
/** Keys are remembered this long; a retry is expected within minutes, not days. */
export const IDEMPOTENCY_KEY_RETENTION_MS = 24 * 60 * 60 * 1000;

/** A request's identity for idempotency: what it is and what it carries, never who sent it. */
export function fingerprint(...parts: Array<string | Buffer>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex');
}

/** JSON with sorted keys, so that `{a,b}` and `{b,a}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Starts a request that carries an Idempotency-Key. The first request with a key claims it and later
 * stores its response; a repeat with the same fingerprint gets that response back and creates
 * nothing; the same key with another request is refused.
 */
export async function beginIdempotentRequest(
  context: AppContext,
  principal: string,
  key: string,
  requestFingerprint: string,
): Promise<IdempotentStart> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const existing = await store.findIdempotencyRecord(context.db, principal, key);
    if (existing) {
      if (existing.fingerprint !== requestFingerprint) {
        throw new CountersignError(
          'IDEMPOTENCY_KEY_REUSED',
          `The Idempotency-Key "${key}" was already used for a different request. Use a new key for a new request; repeat a request only with its exact body.`,
        );
      }
      if (existing.response) return { kind: 'replay', response: existing.response };
      if (context.now().getTime() - Date.parse(existing.createdAt) < ABANDONED_AFTER_MS) {
        throw new CountersignError(
          'IDEMPOTENCY_KEY_IN_USE',
          `A request with the Idempotency-Key "${key}" is still being processed. Retry in a moment to get its result.`,
        );
      }
      await store.releaseIdempotencyKey(context.db, principal, key);
    }
    if (await store.claimIdempotencyKey(context.db, principal, key, requestFingerprint, timestamp(context))) {
      return {
        kind: 'claimed',
        complete: (response) => store.saveIdempotentResponse(context.db, principal, key, response),
        release: () => store.releaseIdempotencyKey(context.db, principal, key),
      };
    }
  }
  throw new CountersignError('IDEMPOTENCY_KEY_IN_USE', `A request with the Idempotency-Key "${key}" is still being processed. Retry in a moment.`);
}

export async function purgeOldIdempotencyKeys(context: AppContext): Promise<number> {
  const before = new Date(context.now().getTime() - IDEMPOTENCY_KEY_RETENTION_MS).toISOString();
  return store.purgeIdempotencyKeysBefore(context.db, before);
}
