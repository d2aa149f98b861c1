import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { collectGarbage, heapHoldsMoreThan } from './v8-gc.js';

const MB = 1024 * 1024;

/** Some 20 MB of small objects. */
const objects = () => Array.from({ length: 300_000 }, (_, index) => ({ index, label: `object ${index}` }));

/** Makes such objects and lets go of them (in a frame of its own: nothing of the caller's holds them); the heap in use right after. */
function heapAfterGarbage(): number {
  const made = objects();
  return made.length > 0 ? getHeapStatistics().used_heap_size : 0;
}

describe('collectGarbage', () => {
  it('frees the garbage of the whole heap before it returns, and leaves no gc function to other code', () => {
    collectGarbage('major');
    const before = getHeapStatistics().used_heap_size;
    expect(heapAfterGarbage()).toBeGreaterThan(before + 10 * MB);
    collectGarbage('major');
    expect(getHeapStatistics().used_heap_size).toBeLessThan(before + 2 * MB);
    expect('gc' in globalThis).toBe(false);
  });
});

describe('heapHoldsMoreThan', () => {
  it('counts what a collection leaves: garbage does not count, what is still held does', () => {
    collectGarbage('major');
    const before = getHeapStatistics().used_heap_size;
    expect(heapAfterGarbage()).toBeGreaterThan(before + 10 * MB);
    expect(heapHoldsMoreThan(before + 10 * MB)).toBe(false);
    const held = objects();
    expect(heapHoldsMoreThan(before + 10 * MB)).toBe(true);
    expect(held).toHaveLength(300_000);
  });
});
