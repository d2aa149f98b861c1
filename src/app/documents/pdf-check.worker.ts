/**
 * The worker thread of the PDF check (pdf-check.ts). Started ahead of need with pdf-lib loaded;
 * used for one file only: receives the file's skeleton (pdf-skeleton.ts: the file without its stream
 * data, built by the parent as the file streamed by), parses it under the limits the parent set on
 * this thread, answers once, and is terminated.
 */

import { parentPort } from 'node:worker_threads';
import { inspectPdf } from './pdf-inspect.js';
import type { PdfSkeleton } from './pdf-skeleton.js';

const port = parentPort!;

/** Buffers arrive as plain Uint8Arrays. */
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

port.once('message', (skeleton: PdfSkeleton) => {
  void inspectPdf({ ...skeleton, bytes: asBuffer(skeleton.bytes), tail: asBuffer(skeleton.tail) }).then((result) => port.postMessage(result));
});
