import { deleteEventsBefore } from '../../store/events.js';
import { deleteFinishedDeliveriesBefore } from '../../store/webhook-deliveries.js';
import type { AppContext } from '../context.js';

export const EVENTS_PRUNE_JOB = 'events-prune';
export const DEFAULT_EVENT_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the events that occurred more than `retentionDays` ago (COUNTERSIGN_EVENT_RETENTION_DAYS),
 * and the webhook deliveries (with their attempts) finished and made as long ago; returns how many events.
 * A delivery still pending stays: its sender gives it up if its event is gone.
 */
export async function pruneEvents(context: AppContext, retentionDays: number): Promise<number> {
  const cutoff = new Date(context.now().getTime() - retentionDays * DAY_MS).toISOString();
  await deleteFinishedDeliveriesBefore(context.db, cutoff);
  return deleteEventsBefore(context.db, cutoff);
}
