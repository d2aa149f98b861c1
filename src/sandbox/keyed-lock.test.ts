import { expect, it } from 'vitest';
import { createKeyedLock } from './keyed-lock.js';

it('runs the functions of one key one after another, other keys alongside, past a failure', async () => {
  const withLock = createKeyedLock();
  const order: string[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));

  const first = withLock('a', async () => {
    order.push('a1 start');
    await held;
    order.push('a1 end');
    throw new Error('a1 failed');
  });
  const second = withLock('a', async () => {
    order.push('a2');
    return 2;
  });
  const other = withLock('b', async () => {
    order.push('b');
    return 'b';
  });

  await expect(other).resolves.toBe('b');
  expect(order).toEqual(['a1 start', 'b']);
  release();
  await expect(first).rejects.toThrow('a1 failed');
  await expect(second).resolves.toBe(2);
  expect(order).toEqual(['a1 start', 'b', 'a1 end', 'a2']);
});
