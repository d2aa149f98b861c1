import type { Db } from './database.js';
import { lockKey } from './locking.js';
import type { EventsTable } from './schema.js';
import { visibleTo, type Viewer } from './visibility.js';

/** An event as stored: `data` is JSON text, written once. */
export interface StoredEvent {
  seq: number;
  id: string;
  type: string;
  envelopeId: string | null;
  occurredAt: string;
  data: string;
}

export type NewEvent = Omit<StoredEvent, 'seq'>;

/**
 * Inserts a transaction's events, in the order given, as the last writes of that transaction.
 *
 * The feed reads in `seq` order, and a host's cursor moves past every event it has seen, so an event
 * must never become visible behind one already read. On PostgreSQL transactions commit side by side:
 * one that took seq 10 could commit after one that took seq 11. So every transaction that records
 * events takes the same lock before taking its seqs and holds it to its commit: seqs are handed out in
 * commit order. The caller inserts its events last (src/app/events/outbox.ts), so the lock is held
 * only for this insert and the commit, and a transaction holding it waits for nothing else (no
 * deadlock). SQLite runs one transaction at a time: the lock is a no-op there.
 */
export async function insertEvents(db: Db, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await lockKey(db, 'events-feed-order');
  await db
    .insertInto('events')
    .values(events.map((event) => ({ id: event.id, type: event.type, envelope_id: event.envelopeId, occurred_at: event.occurredAt, data: event.data })))
    .execute();
}

/** The feed position of an event; undefined when no such event is kept. */
export async function findEventSeq(db: Db, id: string): Promise<number | undefined> {
  const row = await db.selectFrom('events').select('seq').where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : Number(row.seq);
}

/** One kept event; undefined when there is none (never recorded, or pruned by the retention). */
export async function findEvent(db: Db, id: string): Promise<StoredEvent | undefined> {
  const row = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toStoredEvent(row);
}

export interface EventFilter {
  /** Only events after this position (exclusive). */
  afterSeq?: number;
  types?: readonly string[];
  envelopeId?: string;
  /** Only events of envelopes this viewer may see (none without an envelope); all when absent. */
  viewer?: Viewer;
  limit: number;
}

/** Events in feed order. */
export async function listEvents(db: Db, filter: EventFilter): Promise<StoredEvent[]> {
  let query = db.selectFrom('events').selectAll();
  if (filter.afterSeq !== undefined) query = query.where('seq', '>', filter.afterSeq);
  if (filter.types && filter.types.length > 0) query = query.where('type', 'in', [...filter.types]);
  if (filter.envelopeId !== undefined) query = query.where('envelope_id', '=', filter.envelopeId);
  if (filter.viewer) {
    // The one visibility rule (store/visibility.ts), judged on the envelope as it is now: an event of
    // an envelope shared later is seen too, one of an envelope deleted here only by those who see all.
    const viewer = filter.viewer;
    query = query.where('envelope_id', 'in', db.selectFrom('envelopes').select('id').where(visibleTo(viewer)));
  }
  const rows = await query.orderBy('seq').limit(filter.limit).execute();
  return rows.map(toStoredEvent);
}

/** Deletes the events that occurred before `cutoff` (ISO-8601); returns how many. */
export async function deleteEventsBefore(db: Db, cutoff: string): Promise<number> {
  const result = await db.deleteFrom('events').where('occurred_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}

function toStoredEvent(row: Omit<EventsTable, 'seq'> & { seq: number | string }): StoredEvent {
  return { seq: Number(row.seq), id: row.id, type: row.type, envelopeId: row.envelope_id, occurredAt: row.occurred_at, data: row.data };
}
