import type { Db } from './database.js';
import type { IdempotencyKeysTable } from './schema.js';

export interface IdempotencyRecord {
  fingerprint: string;
  createdAt: string;
  /** null while the first request is still being handled */
  response: { statusCode: number; contentType: string; payload: string } | null;
}

/** Every column, named: a select of `*` is never prepared on PostgreSQL (pg-prepared.ts), and each request with an Idempotency-Key reads its record (whole-row-columns.test.ts). */
export const IDEMPOTENCY_KEY_COLUMNS = ['principal', 'key', 'fingerprint', 'status_code', 'response_body', 'created_at'] as const satisfies ReadonlyArray<keyof IdempotencyKeysTable>;

export async function findIdempotencyRecord(db: Db, principal: string, key: string): Promise<IdempotencyRecord | undefined> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(IDEMPOTENCY_KEY_COLUMNS)
    .where('principal', '=', principal)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return undefined;
  const stored = row.response_body === null ? null : (JSON.parse(row.response_body) as { contentType: string; payload: string });
  return {
    fingerprint: row.fingerprint,
    createdAt: row.created_at,
    response: row.status_code === null || stored === null ? null : { statusCode: row.status_code, ...stored },
  };
}

/**
 * Claims the key for a first request. Returns false when another request holds it already. An insert
 * that does nothing on a taken key (both databases have `on conflict`): no error to tell apart by
 * driver, and none that would abort a PostgreSQL transaction around it.
 */
export async function claimIdempotencyKey(db: Db, principal: string, key: string, fingerprint: string, at: string): Promise<boolean> {
  const result = await db
    .insertInto('idempotency_keys')
    .values({ principal, key, fingerprint, status_code: null, response_body: null, created_at: at })
    .onConflict((conflict) => conflict.columns(['principal', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function saveIdempotentResponse(
  db: Db,
  principal: string,
  key: string,
  response: { statusCode: number; contentType: string; payload: string },
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status_code: response.statusCode, response_body: JSON.stringify({ contentType: response.contentType, payload: response.payload }) })
    .where('principal', '=', principal)
    .where('key', '=', key)
    .execute();
}

export async function releaseIdempotencyKey(db: Db, principal: string, key: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('principal', '=', principal).where('key', '=', key).execute();
}

export async function purgeIdempotencyKeysBefore(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
