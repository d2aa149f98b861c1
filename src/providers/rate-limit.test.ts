import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiters, createTokenBucket, UNLIMITED } from './rate-limit.js';

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
    // The third call on con_a waits for a token: 1000 ms / 2 calls.
    await first.acquire();
    expect(clock.sleeps).toEqual([500]);
  });

  it('hands out no limit where the provider documents none', async () => {
    expect(createMemoryRateLimiters().forConnection('con_a', null)).toBe(UNLIMITED);
  });

  it('lets an aborted caller leave the queue without a token', async () => {
    const never = { now: () => 0, sleep: (_ms: number, signal?: AbortSignal) => new Promise<void>((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason))) };
    const bucket = createTokenBucket({ calls: 1, perMs: 1000 }, never);
    await bucket.acquire();
    const controller = new AbortController();
    const waiting = bucket.acquire(controller.signal);
    controller.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
  });
});

describe('createTokenBucket', () => {
  it('serves concurrent callers in order, one token each', async () => {
    let clock = 0;
    const limiter = createTokenBucket({ calls: 100, perMs: 60_000 }, { now: () => clock, sleep: async (ms) => void (clock += ms) });
    const order: number[] = [];
    await Promise.all(Array.from({ length: 102 }, (_, index) => limiter.acquire().then(() => order.push(index))));
    expect(order).toEqual(Array.from({ length: 102 }, (_, index) => index));
    // 100 calls / 60 s: the 101st waits 600 ms, the 102nd another 600 ms.
    expect(clock).toBe(1200);
  });
});
