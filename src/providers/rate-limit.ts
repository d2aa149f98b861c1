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
 * A token bucket: `calls` tokens, refilled continuously at `calls / perMs`. Callers queue in order;
 * each waits (through the clock's `sleep`) until a token is there. An aborted caller leaves the queue
 * without taking a token.
 */
export function createTokenBucket(limit: RateLimit, clock: LimiterClock = SYSTEM_LIMITER_CLOCK): RateLimiter {
  const refillPerMs = limit.calls / limit.perMs;
  let tokens = limit.calls;
  let updatedAt = clock.now();
  let queue: Promise<void> = Promise.resolve();

  const take = async (signal?: AbortSignal) => {
    for (;;) {
      signal?.throwIfAborted();
      const at = clock.now();
      tokens = Math.min(limit.calls, tokens + (at - updatedAt) * refillPerMs);
      updatedAt = at;
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      await clock.sleep(Math.ceil((1 - tokens) / refillPerMs), signal);
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
      if (!limiter) limiters.set(key, (limiter = createTokenBucket(limit, clock)));
      return limiter;
    },
  };
}
