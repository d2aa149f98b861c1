import { InvalidRequestError } from '../../domain/errors.js';
import { EVENT_TYPES, isEventType, type EventType } from '../../domain/events.js';
import * as store from '../../store/events.js';
import type { Viewer } from '../../store/visibility.js';
import type { AppContext } from '../context.js';
import type { EventData, FeedEvent } from './outbox.js';

export const FEED_DEFAULT_LIMIT = 100;
export const FEED_MAX_LIMIT = 1000;

export interface FeedQuery {
  /** An event id: only the events after it, in feed order. */
  after?: string;
  /** Comma-separated event types. */
  types?: string;
  envelopeId?: string;
  limit?: number;
  /** Only events of envelopes this viewer may see; every event when absent (`envelopes:all`). */
  viewer?: Viewer;
}

export interface FeedPage {
  data: FeedEvent[];
  /**
   * Pass as `after` for the events that follow: the last event of `data`, or the `after` given when
   * there was nothing new (null only when there is no event yet). Never null once a host has a position.
   */
  nextCursor: string | null;
  /** More events are waiting now: ask again at once. False: the feed is read to its end, poll later. */
  hasMore: boolean;
}

/** The events feed: ascending commit order, from a cursor, filtered (docs/webhooks.md, "The feed"). */
export async function listFeedEvents(context: AppContext, query: FeedQuery): Promise<FeedPage> {
  const limit = query.limit ?? FEED_DEFAULT_LIMIT;
  const types = parseTypes(query.types);
  const afterSeq = query.after === undefined ? undefined : await positionOf(context, query.after);
  const rows = await store.listEvents(context.db, { afterSeq, types, envelopeId: query.envelopeId, viewer: query.viewer, limit: limit + 1 });
  const data = rows.slice(0, limit).map(toFeedEvent);
  return { data, nextCursor: data.at(-1)?.id ?? query.after ?? null, hasMore: rows.length > limit };
}

/** A stored event as the feed answers it (and webhooks send it). */
export function toFeedEvent(row: store.StoredEvent): FeedEvent {
  return { id: row.id, type: row.type as EventType, occurredAt: row.occurredAt, envelopeId: row.envelopeId, data: JSON.parse(row.data) as EventData };
}

function parseTypes(text: string | undefined): EventType[] | undefined {
  if (text === undefined) return undefined;
  const names = text.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = names.filter((name) => !isEventType(name));
  if (unknown.length > 0) {
    throw new InvalidRequestError([
      { path: 'types', message: `${unknown.map((name) => `"${name}"`).join(', ')} ${unknown.length === 1 ? 'is not an event type' : 'are not event types'}; use a comma-separated list of ${EVENT_TYPES.join(', ')}` },
    ]);
  }
  return names.length === 0 ? undefined : (names as EventType[]);
}

async function positionOf(context: AppContext, after: string): Promise<number> {
  const seq = await store.findEventSeq(context.db, after);
  if (seq === undefined) {
    throw new InvalidRequestError([
      {
        path: 'after',
        message: `no event ${after} is kept: pass the id of an event this feed returned (events older than the retention are deleted; if yours was, events after it may be gone too — start again without after)`,
      },
    ]);
  }
  return seq;
}
