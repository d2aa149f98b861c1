import type { ExpressionBuilder } from 'kysely';
import type { Db } from './database.js';
import type { Database, IdempotencyKeysTable } from './schema.js';

export interface IdempotencyRecord {
  fingerprint: string;
  /** When the key was claimed: also the claim's token (`markIdempotentResource`). */
  createdAt: string;
  /** The status and stored answer (see IdempotencyKeysTable.response_body); null until answered. */
  statusCode: number | null;
  responseBody: string | null;
  /** What the request made, once its action committed. */
  resourceId: string | null;
}

/** Every column, named: a select of `*` is never prepared on PostgreSQL (pg-prepared.ts), and each request with an Idempotency-Key reads its record (whole-row-columns.test.ts). */
export const IDEMPOTENCY_KEY_COLUMNS = ['principal', 'key', 'fingerprint', 'status_code', 'response_body', 'created_at', 'resource_id'] as const satisfies ReadonlyArray<keyof IdempotencyKeysTable>;

export async function findIdempotencyRecord(db: Db, principal: string, key: string): Promise<IdempotencyRecord | undefined> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(IDEMPOTENCY_KEY_COLUMNS)
    .where('principal', '=', principal)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return undefined;
  return { fingerprint: row.fingerprint, createdAt: row.created_at, statusCode: row.status_code, responseBody: row.response_body, resourceId: row.resource_id };
}

/**
 * A first request's hold on its key. `claimedAt` tells it from a later claim of the same key (a retry's,
 * once this one was abandoned): what a claim does to the row is done only while the row is its own.
 */
export interface IdempotencyClaim {
  principal: string;
  key: string;
  claimedAt: string;
}

/**
 * Claims the key for a first request. Returns false when another request holds it already. An insert
 * that does nothing on a taken key (both databases have `on conflict`): no error to tell apart by
 * driver, and none that would abort a PostgreSQL transaction around it.
 */
export async function claimIdempotencyKey(db: Db, claim: IdempotencyClaim, fingerprint: string): Promise<boolean> {
  const result = await db
    .insertInto('idempotency_keys')
    .values({ principal: claim.principal, key: claim.key, fingerprint, status_code: null, response_body: null, created_at: claim.claimedAt, resource_id: null })
    .onConflict((conflict) => conflict.columns(['principal', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Records what the claim's request made, in its action's transaction. Returns false when the claim is
 * no longer this request's: it ran past the abandonment delay and a retry took the key over, so this
 * action must not commit.
 */
export async function markIdempotentResource(db: Db, claim: IdempotencyClaim, resourceId: string): Promise<boolean> {
  const result = await db.updateTable('idempotency_keys').set({ resource_id: resourceId }).where(ofClaim(claim)).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function saveIdempotentResponse(db: Db, claim: IdempotencyClaim, statusCode: number, responseBody: string): Promise<void> {
  await db.updateTable('idempotency_keys').set({ status_code: statusCode, response_body: responseBody }).where(ofClaim(claim)).execute();
}

/**
 * Frees the key of a request that failed. Not once its action committed (it recorded what it made):
 * an answer that failed after that still leaves the action done, and a retry must find it.
 */
export async function releaseIdempotencyKey(db: Db, claim: IdempotencyClaim): Promise<void> {
  await db.deleteFrom('idempotency_keys').where(ofClaim(claim)).where('resource_id', 'is', null).execute();
}

function ofClaim(claim: IdempotencyClaim) {
  return (row: ExpressionBuilder<Database, 'idempotency_keys'>) =>
    row.and([row('principal', '=', claim.principal), row('key', '=', claim.key), row('created_at', '=', claim.claimedAt)]);
}

export async function purgeIdempotencyKeysBefore(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
