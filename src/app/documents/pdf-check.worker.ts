/**
 * The worker thread of the PDF check (pdf-check.ts). Started ahead of need with pdf-lib's parser loaded;
 * used for one file only: receives its descriptor and size, reads it through one reused buffer into
 * its skeleton (pdf-skeleton.ts: the file without its stream data), parses that under the limits the
 * parent set on this thread, answers once, and is terminated.
 */

import { readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { heapHoldsMoreThan } from '../../v8-gc.js';
import { outOfMemoryReason, type PdfCheckRequest } from './pdf-check.js';
import { inspectPdf, PdfParseOutOfMemory, type PdfInspection } from './pdf-inspect.js';
import { PdfSkeletonBuilder, type PdfSkeleton } from './pdf-skeleton.js';

const port = parentPort!;

/** What one read takes: a read stream's default. */
const CHUNK_BYTES = 64 * 1024;

/**
 * The share of the heap the parent allowed past which a parse is stopped and refused (once a whole
 * collection has left that much), before V8 meets the thread's limit itself: it cannot always do so
 * gracefully. Where an allocation fails in some of V8's own paths (its optimising compiler installing
 * code, seen once in this check's test on Node.js 22), it aborts the whole process instead of ending
 * the worker (nodejs/node#47224; Node.js calls `resourceLimits` "best-effort"). One object alone can
 * still take a parse from below the ceiling into the limit; many small ones, the usual way to blow a
 * parser up, are stopped here.
 */
const HEAP_CEILING = 0.75;

port.once('message', ({ fd, size, maxHeapMb }: PdfCheckRequest) => {
  const outOfMemory: PdfInspection = { ok: false, reason: outOfMemoryReason(maxHeapMb) };
  const skeleton = skeletonOf(fd, size, maxHeapMb * 1024 * 1024);
  if (skeleton === undefined) {
    port.postMessage(outOfMemory);
    return;
  }
  const ceilingBytes = HEAP_CEILING * maxHeapMb * 1024 * 1024;
  void inspectPdf(skeleton, () => heapHoldsMoreThan(ceilingBytes)).then(
    (result) => port.postMessage(result),
    (error: unknown) => {
      // Anything else fails the worker, as before: the parent reports it.
      if (!(error instanceof PdfParseOutOfMemory)) throw error;
      port.postMessage(outOfMemory);
    },
  );
});

/**
 * The file's skeleton, read with blocking reads (this thread has nothing else to do); undefined once
 * it outgrows `maxKeptBytes` (the skeleton's buffer is outside the heap the thread's limit counts).
 */
function skeletonOf(fd: number, size: number, maxKeptBytes: number): PdfSkeleton | undefined {
  const builder = new PdfSkeletonBuilder();
  const buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  let position = 0;
  while (position < size) {
    const bytesRead = readSync(fd, buffer, 0, Math.min(buffer.length, size - position), position);
    // The parent gave the size; a file shorter than that is its bug, not the file's.
    if (bytesRead === 0) throw new Error(`The PDF check read ${position} of the ${size} bytes announced.`);
    builder.push(buffer.subarray(0, bytesRead));
    position += bytesRead;
    if (builder.keptBytes > maxKeptBytes) return undefined;
  }
  return builder.finish();
}
