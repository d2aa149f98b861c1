import { deleteEventsBefore } from '../../store/events.js';
import type { AppContext } from '../context.js';

export const EVENTS_PRUNE_JOB = 'events-prune';
export const DEFAULT_EVENT_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes the events that occurred more than `retentionDays` ago (COUNTERSIGN_EVENT_RETENTION_DAYS); returns how many. */
export async function pruneEvents(context: AppContext, retentionDays: number): Promise<number> {
  return deleteEventsBefore(context.db, new Date(context.now().getTime() - retentionDays * DAY_MS).toISOString());
}
