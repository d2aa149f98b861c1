import type { EventType } from './events.js';

/**
 * Webhooks (issue 14, docs/webhooks.md): the events of the feed pushed to a host's URL, signed as
 * Standard Webhooks. Pure: which events an endpoint takes, the order they go in, and what one attempt's
 * outcome does to its delivery and its endpoint. Sending is src/app/webhooks/.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The Standard Webhooks retry schedule: the wait before each attempt — the first at once, then 5 s,
 * 5 min, 30 min, 2 h, 5 h, 10 h and 10 h: 8 attempts, the last 27 h 35 min after the first; a delivery
 * that fails them all is given up on. COUNTERSIGN_WEBHOOK_RETRY_SCHEDULE replaces it.
 */
export const STANDARD_RETRY_SCHEDULE_MS: readonly number[] = [0, 5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];

export interface WebhookSettings {
  /** The wait before each attempt, the first one's included (usually 0): its length is the number of attempts. */
  retryScheduleMs: readonly number[];
  /** One attempt's limit: connecting, the answer's headers and the body snippet. */
  attemptTimeoutMs: number;
  /** An endpoint whose every attempt failed for this long is disabled. */
  disableAfterFailingMs: number;
  /** After a rotation, deliveries are signed with the old secret too for this long. */
  secretOverlapMs: number;
  /** How much of an answer's body the delivery log keeps. */
  responseSnippetBytes: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: Readonly<WebhookSettings> = {
  retryScheduleMs: STANDARD_RETRY_SCHEDULE_MS,
  attemptTimeoutMs: 15 * SECOND,
  disableAfterFailingMs: 5 * DAY,
  secretOverlapMs: 24 * HOUR,
  responseSnippetBytes: 2048,
};

/** The test event `POST /webhook-endpoints/{id}/test` sends; never in the feed, never filtered out. */
export const PING_EVENT_TYPE = 'ping';

/** Whether an endpoint subscribed to `type`: `null` is every type, present and future. */
export function endpointWants(filter: readonly EventType[] | null, type: EventType): boolean {
  return filter === null || filter.includes(type);
}

/**
 * The ordering lane of an event: deliveries of one lane to one endpoint go one at a time, in the
 * feed's order — an envelope's events (its own, its participants', its files) form one lane, a
 * connection's health events another. A later event of a lane waits until the earlier one was delivered
 * or given up on; lanes do not wait for each other. A ping has a lane of its own.
 */
export function laneOf(event: { envelopeId: string | null; connectionId?: string | null; id: string }): string {
  if (event.envelopeId !== null) return `envelope:${event.envelopeId}`;
  if (event.connectionId) return `connection:${event.connectionId}`;
  return `event:${event.id}`;
}

/** What came back from one attempt: an HTTP status, or none (no connection, a timeout, a refused destination). */
export interface AttemptOutcome {
  statusCode: number | null;
  /** Why there is no usable answer, for people (never a secret); null for an answer. */
  error: string | null;
}

export type DeliveryAfterAttempt =
  | { status: 'delivered' }
  | { status: 'pending'; nextAttemptAt: number }
  | { status: 'failed'; reason: string };

export interface AttemptConsequences {
  delivery: DeliveryAfterAttempt;
  /** When the endpoint's current run of failures began (ms); null once an attempt succeeded. */
  failingSince: number | null;
  /** Set when this attempt disables the endpoint: why, for its owner. */
  disable: string | null;
}

export function isDelivered(outcome: AttemptOutcome): boolean {
  return outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
}

/**
 * What an attempt's outcome does (docs/webhooks.md, "Retries" and "Disabling"): a 2xx delivers and
 * ends the endpoint's run of failures; a 410 Gone fails the delivery and disables the endpoint at once
 * (the receiver said it is gone for good); anything else is retried on the schedule until its last
 * attempt, and disables the endpoint once every attempt has failed for `disableAfterFailingMs`.
 */
export function consequencesOf(
  outcome: AttemptOutcome,
  state: { attemptsMade: number; failingSince: number | null; now: number; host: string },
  settings: Pick<WebhookSettings, 'retryScheduleMs' | 'disableAfterFailingMs'>,
): AttemptConsequences {
  if (isDelivered(outcome)) return { delivery: { status: 'delivered' }, failingSince: null, disable: null };
  const failingSince = state.failingSince ?? state.now;
  const at = new Date(state.now).toISOString();
  if (outcome.statusCode === 410) {
    const reason = `${state.host} answered 410 Gone at ${at}: the receiver says this endpoint no longer exists. Fix the URL or the receiver, then set enabled to true.`;
    return { delivery: { status: 'failed', reason: 'the receiver answered 410 Gone' }, failingSince, disable: reason };
  }
  const what = outcome.statusCode === null ? outcome.error ?? 'no answer' : `HTTP ${outcome.statusCode}`;
  const disable =
    state.now - failingSince >= settings.disableAfterFailingMs
      ? `Every delivery attempt to ${state.host} failed from ${new Date(failingSince).toISOString()} to ${at} (the last: ${what}). Fix the receiver, then set enabled to true.`
      : null;
  const wait = settings.retryScheduleMs[state.attemptsMade];
  if (wait === undefined) {
    return { delivery: { status: 'failed', reason: `gave up after ${state.attemptsMade} ${state.attemptsMade === 1 ? 'attempt' : 'attempts'} (the last: ${what})` }, failingSince, disable };
  }
  return { delivery: { status: 'pending', nextAttemptAt: state.now + wait }, failingSince, disable };
}
