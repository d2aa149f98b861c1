/**
 * The archive of a completed envelope: its signed files (and audit proof) fetched from the provider
 * and kept here. Pure: the retry schedule and what one attempt's outcome makes of the archive's state.
 * The fetching is src/app/envelopes/archive.ts.
 */

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * `pending`: not archived yet, another attempt is due at `nextAttemptAt`; `archived`: every file is
 * stored; `failed`: the schedule ran out (or a person's extra attempt failed) — `lastError` says why,
 * and only a person's "try again" makes another attempt.
 */
export const ARCHIVE_STATUSES = ['pending', 'archived', 'failed'] as const;
export type ArchiveStatus = (typeof ARCHIVE_STATUSES)[number];

/**
 * The wait after each failed attempt before the next: 1 min, 5 min, 15 min, 1 h, 3 h, 6 h, 12 h, then
 * a day three times — 11 attempts over about 3 days 22 hours, long enough to outlast a provider's
 * outage or a weekend's refused downloads, short enough that a person hears of a lasting fault that week.
 * COUNTERSIGN_ARCHIVE_RETRY_SCHEDULE replaces it.
 */
export const ARCHIVE_RETRY_DELAYS_MS: readonly number[] = [MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, DAY, DAY];

/** Attempts the schedule makes on its own: the first, then one after each delay. */
export const ARCHIVE_SCHEDULED_ATTEMPTS = ARCHIVE_RETRY_DELAYS_MS.length + 1;

export interface ArchiveState {
  status: ArchiveStatus;
  /** Attempts made so far (a person's "try again" counts too). */
  attemptCount: number;
  /** Why the last attempt failed, in words a person can act on; null before a failure and once archived. */
  lastError: string | null;
  /** When the next attempt is due; null once archived or failed. */
  nextAttemptAt: string | null;
  archivedAt: string | null;
}

/**
 * What a failed attempt (number `attempt`, counting from 1) makes of the archive: pending with the
 * next attempt after the schedule's delay, or failed once the schedule has no attempt left — or at
 * once when the failure is `final` (no later attempt could succeed).
 */
export function afterFailedAttempt(
  attempt: number,
  reason: string,
  now: Date,
  options: { final?: boolean; retryDelaysMs?: readonly number[] } = {},
): Pick<ArchiveState, 'status' | 'attemptCount' | 'lastError' | 'nextAttemptAt'> {
  if (options.final) return { status: 'failed', attemptCount: attempt, lastError: reason, nextAttemptAt: null };
  const delay = (options.retryDelaysMs ?? ARCHIVE_RETRY_DELAYS_MS)[attempt - 1];
  if (delay === undefined) {
    // The reason alone: `failed` says the schedule is over, and each client words that its own way.
    return { status: 'failed', attemptCount: attempt, lastError: reason, nextAttemptAt: null };
  }
  return { status: 'pending', attemptCount: attempt, lastError: reason, nextAttemptAt: new Date(now.getTime() + delay).toISOString() };
}
