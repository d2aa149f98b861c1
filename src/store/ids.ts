import { randomBytes } from 'node:crypto';
import { createIdGenerator } from '../domain/ids.js';

/**
 * Random bytes drawn from the CSPRNG 4 KB at a time and handed out in order: a send makes a dozen
 * ids, and a call to `randomBytes` per id cost more than the rest of making it (as `randomUUID`
 * keeps a cache of its own). Each byte is handed out once.
 */
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let used = 0;

export function pooledRandomBytes(count: number): Uint8Array {
  if (count > POOL_SIZE) return randomBytes(count);
  if (used + count > pool.length) {
    pool = randomBytes(POOL_SIZE);
    used = 0;
  }
  used += count;
  return pool.subarray(used - count, used);
}

/**
 * The ids of every row this process creates: the domain's format over the system clock and crypto
 * randomness. One generator for the process, so that ids stay in creation order.
 */
export const newId = createIdGenerator({ now: () => Date.now(), randomBytes: pooledRandomBytes });
