import { describe, expect, it } from 'vitest';
import { createIdGenerator } from './ids.js';

const fixedBytes = (count: number) => new Uint8Array(count).fill(1);

describe('createIdGenerator', () => {
  it('writes the prefix, the time and the given randomness in Crockford base 32', () => {
    const newId = createIdGenerator({ now: () => 0, randomBytes: fixedBytes });
    expect(newId('env')).toBe(`env_${'0'.repeat(10)}${'1'.repeat(16)}`);
  });

  it('keeps ids in the order made within one millisecond and when the clock steps back', () => {
    const times = [1_700_000_000_000, 1_700_000_000_000, 1_699_999_999_000, 1_700_000_000_001];
    const newId = createIdGenerator({ now: () => times.shift()!, randomBytes: fixedBytes });
    const ids = [newId('doc'), newId('doc'), newId('doc'), newId('doc')];
    expect(new Set(ids).size).toBe(4);
    expect([...ids].sort()).toEqual(ids);
  });
});
