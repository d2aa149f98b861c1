/**
 * The worker thread of the PDF check (pdf-check.ts). Started ahead of need with pdf-lib loaded;
 * used for one file only: receives its size, then its bytes as transferred chunks (acknowledging each,
 * so that the parent sends no faster than they are taken in), then 'end', parses the file's skeleton
 * (pdf-skeleton.ts: the file without its stream data, built as the chunks arrive) under the limits the
 * parent set on this thread, answers once, and is terminated.
 */

import { parentPort } from 'node:worker_threads';
import { CHUNK_COPIED } from './pdf-check.js';
import { inspectPdf } from './pdf-inspect.js';
import { PdfSkeletonBuilder } from './pdf-skeleton.js';

const port = parentPort!;
let announced: number | undefined;
const skeleton = new PdfSkeletonBuilder();
let received = 0;

port.on('message', (message: { size: number } | ArrayBuffer | 'end') => {
  if (announced === undefined) {
    announced = (message as { size: number }).size;
    return;
  }
  if (message instanceof ArrayBuffer) {
    // The parent announced the size; a mismatch is its bug, not the file's.
    if (received + message.byteLength > announced) throw new Error(`The PDF check received more than the ${announced} bytes announced.`);
    skeleton.push(Buffer.from(message));
    received += message.byteLength;
    port.postMessage(CHUNK_COPIED);
    return;
  }
  if (received !== announced) throw new Error(`The PDF check received ${received} of the ${announced} bytes announced.`);
  void inspectPdf(skeleton.finish()).then((result) => port.postMessage(result));
});
