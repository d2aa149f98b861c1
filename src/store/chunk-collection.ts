import { collectGarbage } from '../v8-gc.js';

/**
 * Frees the buffers of blob chunks already passed on, every few megabytes a stream moves.
 *
 * A stream's chunks are buffers outside V8's heap (Node.js's HTTP parser copies each body chunk into
 * one, a file read fills a fresh one), freed only when a garbage collection finds them unreachable.
 * Their few JS objects hardly fill the young generation, so V8 waits until some 32 MB of them are
 * held outside its heap before it collects for them, and the C library keeps those pages for the
 * next chunks: a 1 GiB upload and its send held some 25 MB more at their peak that way
 * (docs/operations.md, "Memory"). A young-generation collection every 4 MB streamed frees them
 * while they are few; it costs a fraction of a millisecond, as only what is still alive is copied.
 */

/** As large as a young generation's semi-space (`--max-semi-space-size=4`): the pace V8 keeps anyway. */
const COLLECT_EVERY_BYTES = 4 * 1024 * 1024;

let sinceLastCollection = 0;

/** Counts `bytes` of a chunk that a blob stream moved; every COLLECT_EVERY_BYTES, across all streams, collects the young generation. */
export function noteStreamedBytes(bytes: number): void {
  sinceLastCollection += bytes;
  if (sinceLastCollection < COLLECT_EVERY_BYTES) return;
  sinceLastCollection = 0;
  collectGarbage('minor');
}
