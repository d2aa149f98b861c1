/**
 * Provider call budgets (`capabilities.rateLimit`, e.g. Connective 100 calls / 60 s per connection).
 * The runtime hands each adapter one `RateLimiter` for its connection; the shared HTTP client takes a
 * place before every attempt and says when its answer came, so no adapter wires a limit by hand.
 * `createMemoryRateLimiters` keeps the budget in this process, shared by every adapter of the same
 * connection; a shared store (the PostgreSQL issue) implements the same `RateLimiters` for several
 * instances.
 */

export type RateLimit = { readonly calls: number; readonly perMs: number };

export interface RateLimiter {
  /**
   * Resolves when a call may be made, with the function to call once its answer has come (or the call
   * has failed); rejects with the signal's reason when it aborts first.
   */
  acquire(signal?: AbortSignal): Promise<CallAnswered>;
}

/** Tells the limiter that a call it let through has its answer: idempotent. */
export type CallAnswered = () => void;

/** Where the runtime gets a connection's limiter. */
export interface RateLimiters {
  forConnection(connectionId: string, limit: RateLimit | null): RateLimiter;
}

export type LimiterClock = { now(): number; sleep(ms: number, signal?: AbortSignal): Promise<void> };

/** No budget: every call may go at once. */
export const UNLIMITED: RateLimiter = Object.freeze({
  async acquire(signal?: AbortSignal) {
    signal?.throwIfAborted();
    return () => undefined;
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
 * Margin added to the provider's window before a call leaves it, for what the limiter cannot see of
 * the provider's counting (a clock read in whole seconds, say). One second is under 2 % of
 * Connective's 60 s window.
 */
export const WINDOW_MARGIN_MS = 1000;

/**
 * At most `calls` calls in any `perMs` window, as a provider that counts a sliding window does
 * (Connective: "100 calls per 60 seconds"). A token bucket would let a burst of `calls` be followed
 * at once by more, up to twice the budget in one window, which such a provider refuses with 429.
 *
 * The provider counts a call when it arrives, which may be well after the call was started here: a
 * busy event loop, a slow connection, a body function that takes its time. Only the answer proves
 * that it has arrived, so a call takes its place in the window when it starts and keeps it until a
 * window (plus {@link WINDOW_MARGIN_MS}) after its answer. Counted from the start instead, a call that
 * reached the provider later than the margin left room for one call too many a window later (a 429
 * in Connective's bench under load). A call past the budget waits until the earliest answered call
 * has left the window, or, when every call of the budget is still unanswered, for an answer. Callers
 * queue in order; an aborted caller leaves the queue without taking a turn.
 */
export function createSlidingWindowLimiter(limit: RateLimit, clock: LimiterClock = SYSTEM_LIMITER_CLOCK): RateLimiter {
  const window = limit.perMs + WINDOW_MARGIN_MS;
  /** When each answered call still in the window was answered, earliest first. */
  const answered: number[] = [];
  /** Calls let through and not answered yet: each holds its place in the window. */
  let unanswered = 0;
  /** Wakes the one caller waiting for an answer (callers take their turns one at a time). */
  let wake: (() => void) | undefined;

  const untilAnswer = (signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        wake = undefined;
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
    });

  const letThrough = (): CallAnswered => {
    unanswered += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      unanswered -= 1;
      answered.push(clock.now());
      const waiting = wake;
      wake = undefined;
      waiting?.();
    };
  };

  const take = async (signal?: AbortSignal): Promise<CallAnswered> => {
    for (;;) {
      signal?.throwIfAborted();
      const at = clock.now();
      while (answered.length > 0 && answered[0]! <= at - window) answered.shift();
      if (answered.length + unanswered < limit.calls) return letThrough();
      // An unanswered call cannot leave before one already answered: the earliest answer frees the first place.
      if (answered.length > 0) await clock.sleep(answered[0]! + window - at, signal);
      else await untilAnswer(signal);
    }
  };
  return takingTurns(take);
}

/**
 * A limiter whose callers take their turns one at a time, in order: `take` runs for the next caller
 * once the one before has its place (or gave up). An aborted caller leaves without taking a turn.
 */
export function takingTurns(take: (signal?: AbortSignal) => Promise<CallAnswered>): RateLimiter {
  let queue: Promise<unknown> = Promise.resolve();
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
