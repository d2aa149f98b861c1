import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiters, createSlidingWindowLimiter, UNLIMITED, WINDOW_MARGIN_MS } from './rate-limit.js';

/** A clock that only moves when someone sleeps. */
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
  };
}

describe('rate limiters', () => {
  it('gives every adapter of one connection the same budget, and another connection its own', async () => {
    const clock = manualClock();
    const limiters = createMemoryRateLimiters(clock);
    const limit = { calls: 2, perMs: 1000 };
    const first = limiters.forConnection('con_a', limit);
    expect(limiters.forConnection('con_a', limit)).toBe(first);
    await first.acquire();
    await limiters.forConnection('con_a', limit).acquire();
    expect(clock.sleeps).toEqual([]);
    await limiters.forConnection('con_b', limit).acquire();
    expect(clock.sleeps).toEqual([]);
    // The third call on con_a waits until the first has left the window (1000 ms, plus the margin).
    await first.acquire();
    expect(clock.sleeps).toEqual([1000 + WINDOW_MARGIN_MS]);
  });

  it('hands out no limit where the provider documents none', async () => {
    expect(createMemoryRateLimiters().forConnection('con_a', null)).toBe(UNLIMITED);
  });

  it('lets an aborted caller leave the queue without a token', async () => {
    const never = { now: () => 0, sleep: (_ms: number, signal?: AbortSignal) => new Promise<void>((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason))) };
    const bucket = createSlidingWindowLimiter({ calls: 1, perMs: 1000 }, never);
    await bucket.acquire();
    const controller = new AbortController();
    const waiting = bucket.acquire(controller.signal);
    controller.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
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
        limiter.acquire().then(() => {
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
});
