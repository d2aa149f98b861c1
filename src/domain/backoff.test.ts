import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.js';

const DEFAULTS = { baseMs: 1_000, maxMs: 5 * 60_000 };

const cap = (attempt: number, baseMs: number, maxMs: number) => Math.floor(Math.min(maxMs, baseMs * 2 ** (attempt - 1)));

describe('backoffDelayMs', () => {
  it('is always a whole number of ms within [0, min(maxMs, baseMs · 2^(attempt−1))]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 0, max: 24 * 60 * 60_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, baseMs, maxMs, draw) => {
          const delay = backoffDelayMs(attempt, { baseMs, maxMs, random: () => draw });
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(cap(Math.min(attempt, 1001), baseMs, maxMs));
        },
      ),
    );
  });

  it('reaches both ends of the range: 0 for random 0, the cap for random 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 10_000 }), (attempt, baseMs) => {
        const options = { baseMs, maxMs: DEFAULTS.maxMs };
        expect(backoffDelayMs(attempt, { ...options, random: () => 0 })).toBe(0);
        expect(backoffDelayMs(attempt, { ...options, random: () => 1 })).toBe(cap(attempt, baseMs, options.maxMs));
      }),
    );
  });

  it('doubles the cap per attempt from the base and stops growing at the maximum', () => {
    const delays = [1, 2, 3, 4, 9, 10, 50].map((attempt) => backoffDelayMs(attempt, { ...DEFAULTS, random: () => 1 }));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 256_000, 300_000, 300_000]);
  });

  it('stays in range for nonsense inputs instead of returning NaN', () => {
    expect(backoffDelayMs(0, { ...DEFAULTS, random: () => 1 })).toBe(1_000);
    expect(backoffDelayMs(1e9, { ...DEFAULTS, baseMs: 0, random: () => 1 })).toBe(0);
    expect(backoffDelayMs(3, { ...DEFAULTS, random: () => Number.NaN })).toBe(4_000);
    expect(backoffDelayMs(3, { ...DEFAULTS, random: () => 7 })).toBe(4_000);
  });
});
