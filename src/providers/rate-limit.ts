/**
 * Provider call budgets (`capabilities.rateLimit`, e.g. Connective 100 calls / 60 s per connection).
 * The runtime hands each adapter one `RateLimiter` for its connection; the shared HTTP client takes a
 * token before every attempt, so no adapter wires a limit by hand. `createMemoryRateLimiters` keeps
 * the budget in this process, shared by every adapter of the same connection; a shared store (the
 * PostgreSQL issue) implements the same `RateLimiters` for several instances.
 */

export type RateLimit = { readonly calls: number; readonly perMs: number };

export interface RateLimiter {
  /** Resolves when a call may be made; rejects with the signal's reason when it aborts first. */
  acquire(signal?: AbortSignal): Promise<void>;
}

/** Where the runtime gets a connection's limiter. */
export interface RateLimiters {
  forConnection(connectionId: string, limit: RateLimit | null): RateLimiter;
}

export type LimiterClock = { now(): number; sleep(ms: number, signal?: AbortSignal): Promise<void> };

/** No budget: every call may go at once. */
export const UNLIMITED: RateLimiter = Object.freeze({
  async acquire(signal?: AbortSignal) {
    signal?.throwIfAborted();
  },
});

/** A sleep that an abort cuts short (rejecting with the signal's reason). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const SYSTEM_LIMITER_CLOCK: LimiterClock = { now: () => Date.now(), sleep: abortableSleep };

/**
 * Margin added to the provider's window before a call leaves it: the provider counts a call when it
 * arrives, a little after we counted it, so a call exactly one window after another could still land
 * inside the provider's window. One second is under 2 % of Connective's 60 s window.
 */
export const WINDOW_MARGIN_MS = 1000;

/**
 * At most `calls` calls in any `perMs` window, as a provider that counts a sliding window does
 * (Connective: "100 calls per 60 seconds"): the start of each of the last `calls` calls is kept, and
 * a call past the budget waits until the oldest of them has left the window (plus
 * {@link WINDOW_MARGIN_MS}). A token bucket would let a burst of `calls` be followed at once by more,
 * up to twice the budget in one window, which such a provider refuses with 429. Callers queue in
 * order; an aborted caller leaves the queue without taking a turn.
 */
export function createSlidingWindowLimiter(limit: RateLimit, clock: LimiterClock = SYSTEM_LIMITER_CLOCK): RateLimiter {
  const window = limit.perMs + WINDOW_MARGIN_MS;
  /** Start times of the calls still in the window, oldest first. */
  const recent: number[] = [];
  let queue: Promise<void> = Promise.resolve();

  const take = async (signal?: AbortSignal) => {
    for (;;) {
      signal?.throwIfAborted();
      const at = clock.now();
      while (recent.length > 0 && recent[0]! <= at - window) recent.shift();
      if (recent.length < limit.calls) {
        recent.push(at);
        return;
      }
      await clock.sleep(recent[0]! + window - at, signal);
    }
  };
  return {
    acquire(signal) {
      const turn = queue.then(() => take(signal));
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}

/** In-process limiters, one per connection and budget: every adapter built for a connection shares it. */
export function createMemoryRateLimiters(clock: LimiterClock = SYSTEM_LIMITER_CLOCK): RateLimiters {
  const limiters = new Map<string, RateLimiter>();
  return {
    forConnection(connectionId, limit) {
      if (limit === null) return UNLIMITED;
      const key = `${connectionId}|${limit.calls}/${limit.perMs}`;
      let limiter = limiters.get(key);
      if (!limiter) limiters.set(key, (limiter = createSlidingWindowLimiter(limit, clock)));
      return limiter;
    },
  };
}
