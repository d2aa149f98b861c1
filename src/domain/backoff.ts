/**
 * The one retry delay of the project: the job queue (src/jobs) waits it between a job's attempts,
 * the providers' HTTP client (src/providers/http.ts) between attempts of one call. Pure: the caller
 * passes the randomness.
 */
export interface BackoffOptions {
  /** Cap of the first retry's delay. */
  baseMs: number;
  /** No delay is longer than this. */
  maxMs: number;
  /** A number in [0, 1], e.g. Math.random. */
  random: () => number;
}

/**
 * The delay before retrying after failed attempt number `attempt` (1 for the first): exponential
 * backoff with full jitter, a whole number of ms drawn from [0, min(maxMs, baseMs · 2^(attempt−1))].
 * Full jitter spreads the retries of many callers that failed together (a provider outage) instead
 * of sending them back in one wave.
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions): number {
  const { baseMs, maxMs, random } = options;
  // Clamp the exponent so 2 ** n stays finite: baseMs · Infinity would be NaN when baseMs is 0.
  const exponent = Math.min(Math.max(Math.floor(attempt) - 1, 0), 1000);
  const cap = Math.floor(Math.max(0, Math.min(maxMs, baseMs * 2 ** exponent)));
  const draw = Math.min(Math.max(random(), 0), 1);
  // floor over cap + 1 makes the cap itself reachable; the min handles random() === 1.
  return Number.isFinite(draw) ? Math.min(cap, Math.floor(draw * (cap + 1))) : cap;
}
