import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiters, createSlidingWindowLimiter, UNLIMITED, WINDOW_MARGIN_MS, type RateLimiter } from './rate-limit.js';

/** A clock that only moves when someone sleeps, or when the test moves it. */
function manualClock() {
  let at = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => at,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      at += ms;
    },
    moveTo(ms: number) {
      at = ms;
    },
  };
}

/**
 * Virtual time for several callers at once: `sleep` waits for the clock to reach its moment, and
 * `run` moves the clock from one moment to the next once every caller has done what it can without
 * time passing. Nothing waits on real time.
 */
function virtualClock() {
  let at = 0;
  let order = 0;
  const timers: Array<{ at: number; order: number; wake: () => void }> = [];
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    now: () => at,
    sleep: (ms: number) => new Promise<void>((wake) => timers.push({ at: at + ms, order: (order += 1), wake })),
    async run(): Promise<void> {
      for (await settle(); timers.length > 0; await settle()) {
        timers.sort((a, b) => a.at - b.at || a.order - b.order);
        const next = timers.shift()!;
        at = Math.max(at, next.at);
        next.wake();
      }
    },
  };
}

/** A call answered at once. */
const call = async (limiter: RateLimiter) => (await limiter.acquire())();

/** Whether the promise has settled once every pending callback has run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('rate limiters', () => {
  it('gives every adapter of one connection the same budget, and another connection its own', async () => {
    const clock = manualClock();
    const limiters = createMemoryRateLimiters(clock);
    const limit = { calls: 2, perMs: 1000 };
    const first = limiters.forConnection('con_a', limit);
    expect(limiters.forConnection('con_a', limit)).toBe(first);
    await call(first);
    await call(limiters.forConnection('con_a', limit));
    expect(clock.sleeps).toEqual([]);
    await call(limiters.forConnection('con_b', limit));
    expect(clock.sleeps).toEqual([]);
    // The third call on con_a waits until the first has left the window (1000 ms, plus the margin).
    await call(first);
    expect(clock.sleeps).toEqual([1000 + WINDOW_MARGIN_MS]);
  });

  it('hands out no limit where the provider documents none', async () => {
    expect(createMemoryRateLimiters().forConnection('con_a', null)).toBe(UNLIMITED);
  });

  it('lets an aborted caller leave the queue without a place, whether it waits for the window or for an answer', async () => {
    const never = { now: () => 0, sleep: (_ms: number, signal?: AbortSignal) => new Promise<void>((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason))) };
    const windowFull = createSlidingWindowLimiter({ calls: 1, perMs: 1000 }, never);
    await call(windowFull);
    const forTheWindow = new AbortController();
    const waiting = windowFull.acquire(forTheWindow.signal);
    forTheWindow.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');

    const clock = manualClock();
    const allUnanswered = createSlidingWindowLimiter({ calls: 1, perMs: 1000 }, clock);
    const answerFirst = await allUnanswered.acquire();
    const forAnAnswer = new AbortController();
    const aborted = allUnanswered.acquire(forAnAnswer.signal);
    forAnAnswer.abort(new Error('stopped too'));
    await expect(aborted).rejects.toThrow('stopped too');
    // The aborted caller took no place: the next one goes a window after the first call's answer.
    const next = allUnanswered.acquire();
    answerFirst();
    await next;
    expect(clock.sleeps).toEqual([1000 + WINDOW_MARGIN_MS]);
  });
});

describe('createSlidingWindowLimiter', () => {
  it('serves concurrent callers in order, and never more than the budget in any window', async () => {
    let clock = 0;
    const limiter = createSlidingWindowLimiter({ calls: 100, perMs: 60_000 }, { now: () => clock, sleep: async (ms) => void (clock += ms) });
    const order: number[] = [];
    const startedAt: number[] = [];
    await Promise.all(
      Array.from({ length: 250 }, (_, index) =>
        limiter.acquire().then((answered) => {
          answered();
          order.push(index);
          startedAt.push(clock);
        }),
      ),
    );
    expect(order).toEqual(Array.from({ length: 250 }, (_, index) => index));
    // A burst of 100, then the 101st waits until the first has left the 60 s window (plus the margin).
    expect(startedAt[99]).toBe(0);
    expect(startedAt[100]).toBe(60_000 + WINDOW_MARGIN_MS);
    // Counted as a sliding-window provider counts (Connective), no 60 s window ever holds more than 100 calls.
    for (const start of startedAt) {
      expect(startedAt.filter((at) => at >= start && at < start + 60_000).length).toBeLessThanOrEqual(100);
    }
  });

  it('keeps a call in the window until a window after its answer, however late it reached the provider', async () => {
    const clock = manualClock();
    const limiter = createSlidingWindowLimiter({ calls: 2, perMs: 1000 }, clock);
    const answerFirst = await limiter.acquire();
    const answerSecond = await limiter.acquire();
    // Both started at 0; the provider may count them at any moment until they are answered.
    const third = limiter.acquire();
    expect(await settled(third)).toBe(false);
    clock.moveTo(1500);
    answerFirst();
    answerSecond();
    await third;
    // Counted from their start, the third call would have gone at 2000, inside the provider's window of
    // two calls that arrived at 1500.
    expect(clock.now()).toBe(1500 + 1000 + WINDOW_MARGIN_MS);
  });

  it('never lets a provider counting at arrival see more than the budget in a window, however late the calls arrive', async () => {
    const clock = virtualClock();
    const budget = { calls: 100, perMs: 60_000 };
    const limiter = createSlidingWindowLimiter(budget, clock);
    // A call reaches the provider 5 ms after it starts, but one started while the event loop is busy
    // (or the network stalls) only when that ends; its answer comes 10 ms after it arrived.
    const stalls = [
      { from: 0, to: 2_500 },
      { from: 100_000, to: 101_500 },
      { from: 130_000, to: 133_000 },
    ];
    const arrivalOf = (start: number) => stalls.find((stall) => start >= stall.from && start < stall.to)?.to ?? start + 5;
    const arrivals: number[] = [];
    let started = 0;
    // More callers than the budget, as a queue of sends and a sync make: the budget is what holds them back.
    const caller = async () => {
      while (started < 500) {
        started += 1;
        const answered = await limiter.acquire();
        await clock.sleep(arrivalOf(clock.now()) - clock.now());
        arrivals.push(clock.now());
        await clock.sleep(10);
        answered();
      }
    };
    const callers = Promise.all(Array.from({ length: 150 }, caller));
    await clock.run();
    await callers;

    expect(arrivals).toHaveLength(500);
    // The provider's count (the Connective sandbox's): the calls that arrived in the 60 s up to each arrival.
    const busiest = Math.max(...arrivals.map((at) => arrivals.filter((other) => other > at - budget.perMs && other <= at).length));
    expect(busiest).toBe(budget.calls);
    // And no more waiting than that needs: five budgets' worth, each a window (and margin) after the
    // answers of the one before, which the stalls hold up by at most 3 s.
    const slowestCall = 3000 + 10;
    expect(Math.max(...arrivals)).toBeLessThanOrEqual(4 * (slowestCall + budget.perMs + WINDOW_MARGIN_MS) + slowestCall);
  });
});
