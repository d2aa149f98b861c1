import { describe, expect, it } from 'vitest';
import { newId, pooledRandomBytes } from './ids.js';

describe('the random bytes of ids, drawn from a pool', () => {
  it('hands out each byte once, across refills of the pool', () => {
    // 3 pools' worth of 16-byte draws: 16 random bytes repeating would be a byte handed out twice.
    const draws = Array.from({ length: (3 * 4096) / 16 + 5 }, () => Buffer.from(pooledRandomBytes(16)).toString('hex'));
    expect(new Set(draws).size).toBe(draws.length);
    expect(draws.every((hex) => hex.length === 32)).toBe(true);
  });

  it('leaves the bytes a caller holds as they were when the pool is refilled', () => {
    const held = pooledRandomBytes(16);
    const copy = Buffer.from(held);
    for (let draw = 0; draw < 2 * (4096 / 16); draw++) pooledRandomBytes(16);
    expect(Buffer.from(held).equals(copy)).toBe(true);
  });

  it('gives as many bytes as asked, also more than the pool holds', () => {
    expect(pooledRandomBytes(1).length).toBe(1);
    expect(pooledRandomBytes(5000).length).toBe(5000);
  });

  it('makes ids that differ in their random part from one millisecond to the next', async () => {
    const first = newId('env');
    await new Promise((resolve) => setTimeout(resolve, 2));
    const second = newId('env');
    expect(first).toMatch(/^env_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(second.slice(-16)).not.toBe(first.slice(-16));
  });
});
