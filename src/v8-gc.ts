import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Without options, a whole collection; with `{ type: 'minor' }`, the young generation's. */
type V8Gc = (options?: { type: 'minor' }) => void;

let taken: V8Gc | null | undefined;

/**
 * V8's own `gc` function, taken once per thread at first need from a context made while
 * `--expose-gc` is on (as Node.js's documentation of `v8.setFlagsFromString` shows) and switched off
 * again at once, so that no other code is handed it; null where the runtime does not give it.
 */
function v8Gc(): V8Gc | null {
  if (taken !== undefined) return taken;
  setFlagsFromString('--expose-gc');
  try {
    taken = runInNewContext('typeof gc === "function" ? gc : null') as V8Gc | null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
  return taken;
}

/**
 * Collects this thread's garbage now: the young generation (`minor`, a fraction of a millisecond) or
 * the whole heap (`major`). For the few places that must free memory sooner than V8 would by itself
 * (store/chunk-collection.ts, app/documents/pdf-check.worker.ts); where the runtime does not give
 * V8's `gc`, memory is freed when V8 decides, as before. Buffers outside the heap that the
 * collection finds unreachable are freed by V8's sweeper thread right after.
 */
export function collectGarbage(type: 'minor' | 'major'): void {
  const gc = v8Gc();
  // A whole collection is asked without options: with any (`{type: 'major'}`, with or without
  // `execution: 'sync'`), Node.js 20's V8 returned with the garbage still there.
  if (type === 'major') gc?.();
  else gc?.({ type: 'minor' });
}

/**
 * Whether this thread's V8 heap holds more than `bytes` that a whole collection leaves: garbage
 * counts in the heap until collected, so past `bytes` a whole collection is made and the heap read
 * again (without V8's `gc`, the uncollected figure stands).
 */
export function heapHoldsMoreThan(bytes: number): boolean {
  if (getHeapStatistics().used_heap_size <= bytes) return false;
  collectGarbage('major');
  return getHeapStatistics().used_heap_size > bytes;
}
