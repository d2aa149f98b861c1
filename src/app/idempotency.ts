import { createHash } from 'node:crypto';
import { CountersignError } from '../domain/errors.js';
import type { Db } from '../store/database.js';
import * as store from '../store/idempotency.js';
import { timestamp, type AppContext } from './context.js';

export interface StoredResponse {
  statusCode: number;
  contentType: string;
  payload: string;
}

export type IdempotentStart =
  | { kind: 'replay'; response: StoredResponse }
  /** The first request's action committed, but its answer was never saved (its process died in between): answer from what it made. */
  | { kind: 'made'; resourceId: string }
  | { kind: 'claimed'; claim: store.IdempotencyClaim; complete(response: StoredResponse): Promise<void>; release(): Promise<void> };

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
 * Starts a request that carries an Idempotency-Key. The first request with a key claims it, records
 * what it made in its action's transaction (`recordMadeIn`) and then stores its response, sealed (an
 * API key's creation answer carries the key). A repeat with the same fingerprint gets that response
 * back and does nothing; the same key with another request is refused. A first request unanswered
 * after ABANDONED_AFTER_MS died on the way: if its action committed, a repeat is answered from what it
 * made; if not, the key is free again.
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
      if (existing.responseBody !== null) return { kind: 'replay', response: openResponse(context, existing.responseBody, existing.statusCode!, principal, key) };
      if (context.now().getTime() - Date.parse(existing.createdAt) < ABANDONED_AFTER_MS) {
        throw new CountersignError(
          'IDEMPOTENCY_KEY_IN_USE',
          `A request with the Idempotency-Key "${key}" is still being processed. Retry in a moment to get its result.`,
        );
      }
      if (existing.resourceId !== null) return { kind: 'made', resourceId: existing.resourceId };
      // That claim only: another retry may have released it and claimed the key already.
      await store.releaseIdempotencyKey(context.db, { principal, key, claimedAt: existing.createdAt });
    }
    const claim = { principal, key, claimedAt: timestamp(context) };
    if (await store.claimIdempotencyKey(context.db, claim, requestFingerprint)) {
      return {
        kind: 'claimed',
        claim,
        complete: (response) => store.saveIdempotentResponse(context.db, claim, response.statusCode, sealResponse(context, response, principal, key)),
        release: () => store.releaseIdempotencyKey(context.db, claim),
      };
    }
  }
  throw new CountersignError('IDEMPOTENCY_KEY_IN_USE', `A request with the Idempotency-Key "${key}" is still being processed. Retry in a moment.`);
}

/**
 * Records, in the transaction of `claim`'s action, what the action made. Refuses (and so undoes the
 * action) when the claim is no longer this request's: it ran past ABANDONED_AFTER_MS and a retry took
 * the key over, so the retry's action is the one that counts.
 */
export async function recordMadeIn(transaction: Db, claim: store.IdempotencyClaim, resourceId: string): Promise<void> {
  if (!(await store.markIdempotentResource(transaction, claim, resourceId))) {
    throw new CountersignError(
      'IDEMPOTENCY_KEY_IN_USE',
      `This request took over ${ABANDONED_AFTER_MS / 1000} s, and a retry with the Idempotency-Key "${claim.key}" has taken it over: this one did nothing. Repeat the request with that key to get the retry's result.`,
    );
  }
}

/** The stored answer is sealed to its principal and key: a row copied to another key does not open. */
function sealResponse(context: AppContext, response: StoredResponse, principal: string, key: string): string {
  return context.secrets.seal(JSON.stringify({ contentType: response.contentType, payload: response.payload }), sealContext(principal, key));
}

function openResponse(context: AppContext, body: string, statusCode: number, principal: string, key: string): StoredResponse {
  // Rows written before answers were sealed hold plain JSON; they expire within IDEMPOTENCY_KEY_RETENTION_MS.
  const stored = JSON.parse(body.startsWith('{') ? body : context.secrets.open(body, sealContext(principal, key))) as { contentType: string; payload: string };
  return { statusCode, ...stored };
}

function sealContext(principal: string, key: string): string {
  return `idempotency-key:${principal}:${key}`;
}

export async function purgeOldIdempotencyKeys(context: AppContext): Promise<number> {
  const before = new Date(context.now().getTime() - IDEMPOTENCY_KEY_RETENTION_MS).toISOString();
  return store.purgeIdempotencyKeysBefore(context.db, before);
}
