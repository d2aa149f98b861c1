import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './token-bucket.js';

describe('TokenBuckets', () => {
  it('lets a burst through, then one per refill, per key, with the wait in whole seconds', () => {
    let now = 0;
    const buckets = new TokenBuckets(3, 0.5, () => now);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')].every((result) => result.ok)).toBe(true);
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(buckets.take('b')).toEqual({ ok: true });
    now += 2000;
    expect(buckets.take('a')).toEqual({ ok: true });
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 2 });
    now += 60_000;
    // Never more than the capacity, however long it rested.
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a'), buckets.take('a')].map((result) => result.ok)).toEqual([true, true, true, false]);
  });
});
