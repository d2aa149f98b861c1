/**
 * The worker thread of the PDF check (pdf-check.ts). Started ahead of need with pdf-lib's parser loaded;
 * used for one file only: receives its descriptor and size, reads it through one reused buffer into
 * its skeleton (pdf-skeleton.ts: the file without its stream data), parses that under the limits the
 * parent set on this thread, answers once, and is terminated.
 */

import { readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { outOfMemoryReason, type PdfCheckRequest } from './pdf-check.js';
import { inspectPdf, type PdfInspection } from './pdf-inspect.js';
import { PdfSkeletonBuilder, type PdfSkeleton } from './pdf-skeleton.js';

const port = parentPort!;

/** What one read takes: a read stream's default. */
const CHUNK_BYTES = 64 * 1024;

port.once('message', ({ fd, size, maxHeapMb }: PdfCheckRequest) => {
  const skeleton = skeletonOf(fd, size, maxHeapMb * 1024 * 1024);
  if (skeleton === undefined) port.postMessage({ ok: false, reason: outOfMemoryReason(maxHeapMb) } satisfies PdfInspection);
  else void inspectPdf(skeleton).then((result) => port.postMessage(result));
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
