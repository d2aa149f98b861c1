/**
 * The worker thread of the PDF check (pdf-check.ts). Started ahead of need with pdf-lib loaded;
 * used for one file only: receives its size, then its bytes as transferred chunks (acknowledging each,
 * so that the parent sends no faster than they are copied), then 'end', parses them under the limits
 * the parent set on this thread, answers once, and is terminated.
 */

import { parentPort } from 'node:worker_threads';
import { CHUNK_COPIED } from './pdf-check.js';
import { inspectPdf } from './pdf-inspect.js';

const port = parentPort!;
let bytes: Uint8Array | undefined;
let received = 0;

port.on('message', (message: { size: number } | ArrayBuffer | 'end') => {
  if (bytes === undefined) {
    bytes = new Uint8Array((message as { size: number }).size);
    return;
  }
  if (message instanceof ArrayBuffer) {
    const chunk = new Uint8Array(message);
    // The parent announced the size; a mismatch is its bug, not the file's.
    if (received + chunk.length > bytes.length) throw new Error(`The PDF check received more than the ${bytes.length} bytes announced.`);
    bytes.set(chunk, received);
    received += chunk.length;
    port.postMessage(CHUNK_COPIED);
    return;
  }
  if (received !== bytes.length) throw new Error(`The PDF check received ${received} of the ${bytes.length} bytes announced.`);
  void inspectPdf(bytes).then((result) => port.postMessage(result));
});
