import { sql, type Selectable } from 'kysely';
import type { Db } from './database.js';
import { decodeCursor, toPage, type Page } from './pagination.js';
import type { WebhookDeliveriesTable, WebhookDeliveryAttemptsTable } from './schema.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event (or ping) to one endpoint, as stored. */
export interface StoredDelivery {
  seq: number;
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  envelopeId: string | null;
  lane: string;
  /** A ping's body; null: the event's, read from the feed. */
  payload: string | null;
  status: DeliveryStatus;
  attemptCount: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  redeliveryOf: string | null;
  createdAt: string;
}

/** A delivery to insert: pending, its first attempt due at `firstAttemptAt`. */
export type NewDelivery = Pick<StoredDelivery, 'id' | 'endpointId' | 'eventId' | 'eventType' | 'envelopeId' | 'lane' | 'payload' | 'createdAt' | 'redeliveryOf'> & { firstAttemptAt: string };

export interface DeliveryAttempt {
  number: number;
  attemptedAt: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseSnippet: string | null;
}

function toDelivery(row: Omit<WebhookDeliveriesTable, 'seq'> & { seq: number | string }): StoredDelivery {
  return {
    seq: Number(row.seq),
    id: row.id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    envelopeId: row.envelope_id,
    lane: row.lane,
    payload: row.payload,
    status: row.status as DeliveryStatus,
    attemptCount: Number(row.attempt_count),
    nextAttemptAt: row.next_attempt_at,
    lastAttemptAt: row.last_attempt_at,
    lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
    redeliveryOf: row.redelivery_of,
    createdAt: row.created_at,
  };
}

function toAttempt(row: WebhookDeliveryAttemptsTable): DeliveryAttempt {
  return {
    number: Number(row.number),
    attemptedAt: row.attempted_at,
    durationMs: Number(row.duration_ms),
    statusCode: row.status_code === null ? null : Number(row.status_code),
    error: row.error,
    responseSnippet: row.response_snippet,
  };
}

/**
 * Inserts deliveries, pending, in the order given: their `seq`s follow it,
 * and a lane sends in `seq` order. The outbox calls it under the feed-order lock (store/events.ts), so
 * `seq` is commit order across transactions too.
 */
export async function insertDeliveries(db: Db, deliveries: readonly NewDelivery[]): Promise<void> {
  if (deliveries.length === 0) return;
  await db
    .insertInto('webhook_deliveries')
    .values(
      deliveries.map((delivery) => ({
        id: delivery.id,
        endpoint_id: delivery.endpointId,
        event_id: delivery.eventId,
        event_type: delivery.eventType,
        envelope_id: delivery.envelopeId,
        lane: delivery.lane,
        payload: delivery.payload,
        status: 'pending',
        attempt_count: 0,
        next_attempt_at: delivery.firstAttemptAt,
        redelivery_of: delivery.redeliveryOf,
        created_at: delivery.createdAt,
      })),
    )
    .execute();
}

export async function findDelivery(db: Db, id: string): Promise<StoredDelivery | undefined> {
  const row = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toDelivery(row);
}

/**
 * `d` (the deliveries of the outer query) is the head of its lane: no delivery of the same endpoint and
 * lane, earlier and still pending, that it must wait for.
 */
const HEAD_OF_LANE = sql<boolean>`not exists (select 1 from webhook_deliveries as e
  where e.endpoint_id = d.endpoint_id and e.lane = d.lane and e.status = 'pending' and e.seq < d.seq)`;

/**
 * Claims up to `limit` deliveries of an endpoint that are due and at the head of their lane (no earlier
 * delivery of the lane is still pending), for `owner` until `until`. A claim is taken by a
 * compare-and-set on the row as it was read: several senders (jobs, instances) never send the same
 * delivery at once, nor one that another attempted since, and a claim that ran out (its sender died)
 * is taken over. `owner`'s own claims are taken again (the
 * same job re-run after a crash).
 */
export async function claimDueHeads(
  db: Db,
  endpointId: string,
  options: { now: string; until: string; owner: string; limit: number; excluding?: readonly string[] },
): Promise<StoredDelivery[]> {
  const claimed: StoredDelivery[] = [];
  for (const row of await dueHeads(db, endpointId, options)) {
    if (await claimAsRead(db, row, options)) claimed.push(toDelivery(row));
  }
  return claimed;
}

/** A delivery's row as read. */
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;

/**
 * The endpoint's deliveries due now, at the head of their lane and claimed by nobody (or `owner`), in
 * lane order; `excluding` the ones the caller is sending already (claimed by itself).
 */
export async function dueHeads(db: Db, endpointId: string, options: { now: string; owner: string; limit: number; excluding?: readonly string[] }): Promise<DeliveryRow[]> {
  const excluding = options.excluding ?? [];
  return db
    .selectFrom('webhook_deliveries as d')
    .selectAll('d')
    .where('d.endpoint_id', '=', endpointId)
    .where('d.status', '=', 'pending')
    .where('d.next_attempt_at', '<=', options.now)
    .where((eb) => eb.or([eb('d.claimed_until', 'is', null), eb('d.claimed_until', '<=', options.now), eb('d.claimed_by', '=', options.owner)]))
    .where(HEAD_OF_LANE)
    .$if(excluding.length > 0, (query) => query.where('d.id', 'not in', excluding))
    .orderBy('d.seq')
    .limit(options.limit)
    .execute();
}

/**
 * Claims a delivery read by {@link dueHeads}, if it is still as read: another sender may have made an
 * attempt since (and released its claim), and the row read would be stale — its next attempt not due,
 * its attempt's number taken.
 */
export async function claimAsRead(db: Db, row: DeliveryRow, options: { now: string; until: string; owner: string }): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ claimed_by: options.owner, claimed_until: options.until })
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .where('attempt_count', '=', row.attempt_count)
    .where('next_attempt_at', '<=', options.now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', options.now), eb('claimed_by', '=', options.owner)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * When something of this endpoint may next be sent: the earliest moment a lane's head falls due, or
 * its claim runs out (if its sender died, someone must take it over). Undefined: nothing is pending.
 */
export async function nextDueAt(db: Db, endpointId: string, now: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('webhook_deliveries as d')
    .select(sql<string | null>`min(case when d.claimed_until > ${now} then d.claimed_until else d.next_attempt_at end)`.as('due'))
    .where('d.endpoint_id', '=', endpointId)
    .where('d.status', '=', 'pending')
    .where(HEAD_OF_LANE)
    .executeTakeFirst();
  return row?.due ?? undefined;
}

/** The endpoints with a delivery due now and not being sent (for the sweep that wakes their senders). */
export async function endpointsWithDueDeliveries(db: Db, now: string): Promise<string[]> {
  const rows = await db
    .selectFrom('webhook_deliveries as d')
    .select('d.endpoint_id')
    .distinct()
    .where('d.status', '=', 'pending')
    .where('d.next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('d.claimed_until', 'is', null), eb('d.claimed_until', '<=', now)]))
    .where(HEAD_OF_LANE)
    .execute();
  return rows.map((row) => row.endpoint_id);
}

export type DeliveryChange =
  | { status: 'delivered'; at: string }
  | { status: 'pending'; nextAttemptAt: string }
  | { status: 'failed'; reason: string };

/**
 * Records an attempt's outcome on a delivery `owner` claimed, and releases the claim. Returns false
 * (and changes nothing) when the claim was lost meanwhile: another sender took the delivery over and
 * records its own attempt.
 */
export async function recordAttempt(db: Db, deliveryId: string, owner: string, attempt: DeliveryAttempt, change: DeliveryChange): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({
      status: change.status,
      attempt_count: attempt.number,
      last_attempt_at: attempt.attemptedAt,
      last_status_code: attempt.statusCode,
      last_error: change.status === 'failed' ? change.reason : attempt.error,
      next_attempt_at: change.status === 'pending' ? change.nextAttemptAt : null,
      delivered_at: change.status === 'delivered' ? change.at : null,
      claimed_by: null,
      claimed_until: null,
    })
    .where('id', '=', deliveryId)
    .where('claimed_by', '=', owner)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await db
    .insertInto('webhook_delivery_attempts')
    .values({
      delivery_id: deliveryId,
      number: attempt.number,
      attempted_at: attempt.attemptedAt,
      duration_ms: attempt.durationMs,
      status_code: attempt.statusCode,
      error: attempt.error,
      response_snippet: attempt.responseSnippet,
    })
    .execute();
  return true;
}

/** Gives up on a delivery without an attempt (its event is no longer kept); false when it was not pending. */
export async function failDelivery(db: Db, deliveryId: string, reason: string): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', last_error: reason, next_attempt_at: null, claimed_by: null, claimed_until: null })
    .where('id', '=', deliveryId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives up on every pending delivery of an endpoint (it was disabled); returns how many. */
export async function failPendingDeliveries(db: Db, endpointId: string, reason: string): Promise<number> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', last_error: reason, next_attempt_at: null, claimed_by: null, claimed_until: null })
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface DeliveryFilter {
  endpointId?: string;
  envelopeId?: string;
  status?: DeliveryStatus;
  limit: number;
  cursor?: string;
}

/** Newest first, with the cursors of every other list. */
export async function listDeliveries(db: Db, filter: DeliveryFilter): Promise<Page<StoredDelivery>> {
  const before = decodeCursor(filter.cursor);
  let query = db.selectFrom('webhook_deliveries').selectAll().orderBy('id', 'desc').limit(filter.limit + 1);
  if (filter.endpointId !== undefined) query = query.where('endpoint_id', '=', filter.endpointId);
  if (filter.envelopeId !== undefined) query = query.where('envelope_id', '=', filter.envelopeId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (before) query = query.where('id', '<', before);
  return toPage((await query.execute()).map(toDelivery), filter.limit);
}

/** The attempts of these deliveries, each delivery's in order. */
export async function listAttempts(db: Db, deliveryIds: readonly string[]): Promise<Map<string, DeliveryAttempt[]>> {
  const attempts = new Map<string, DeliveryAttempt[]>(deliveryIds.map((id) => [id, []]));
  if (deliveryIds.length === 0) return attempts;
  const rows = await db
    .selectFrom('webhook_delivery_attempts')
    .selectAll()
    .where('delivery_id', 'in', [...deliveryIds])
    .orderBy('delivery_id')
    .orderBy('number')
    .execute();
  for (const row of rows) attempts.get(row.delivery_id)?.push(toAttempt(row));
  return attempts;
}

/** Deletes an endpoint's deliveries and their attempts (the endpoint is being deleted). */
export async function deleteEndpointDeliveries(db: Db, endpointId: string): Promise<void> {
  await db
    .deleteFrom('webhook_delivery_attempts')
    .where('delivery_id', 'in', db.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', endpointId))
    .execute();
  await db.deleteFrom('webhook_deliveries').where('endpoint_id', '=', endpointId).execute();
}

/** Deletes the finished deliveries created before `cutoff`, with their attempts (the events' retention); returns how many. */
export async function deleteFinishedDeliveriesBefore(db: Db, cutoff: string): Promise<number> {
  const old = db.selectFrom('webhook_deliveries').select('id').where('created_at', '<', cutoff).where('status', '!=', 'pending');
  await db.deleteFrom('webhook_delivery_attempts').where('delivery_id', 'in', old).execute();
  const result = await db.deleteFrom('webhook_deliveries').where('created_at', '<', cutoff).where('status', '!=', 'pending').executeTakeFirst();
  return Number(result.numDeletedRows);
}
