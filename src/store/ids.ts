import { randomBytes } from 'node:crypto';
import { createIdGenerator } from '../domain/ids.js';

/**
 * The ids of every row this process creates: the domain's format over the system clock and crypto
 * randomness. One generator for the process, so that ids stay in creation order.
 */
export const newId = createIdGenerator({ now: () => Date.now(), randomBytes: (count) => randomBytes(count) });
