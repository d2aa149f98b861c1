/**
 * Runs pdf-inspect.ts on a stored PDF in a worker thread with a memory and a time limit, so that a
 * file built to exhaust the parser costs a refusal, not the server. The bytes are streamed from the
 * blob store into the worker in transferred chunks, where only the file's skeleton (pdf-skeleton.ts,
 * the file without its stream data) is kept: neither thread ever holds the file whole.
 */

import type { Readable } from 'node:stream';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { PdfInspection } from './pdf-inspect.js';

export interface PdfCheckLimits {
  /** V8 heap of the worker (old generation), in MB. */
  maxHeapMb: number;
  /** The whole check, reading included, in ms; the worker is terminated past it. */
  timeoutMs: number;
}

/**
 * pdf-lib keeps every object of the skeleton in memory; 512 MB reads the objects of any PDF of
 * ordinary make, while one built to blow up is stopped well before it hurts the server. A minute is far more
 * than any real PDF takes (the fixtures take milliseconds) yet stops a parser caught in a loop.
 */
export const DEFAULT_PDF_CHECK_LIMITS: PdfCheckLimits = { maxHeapMb: 512, timeoutMs: 60_000 };

/** The worker's answer to each chunk it has taken in. */
export const CHUNK_COPIED = 'chunk-copied';

/**
 * Chunks sent but not yet taken in by the worker. Without a bound, reading from disk outruns the
 * worker and the whole file waits in its message queue.
 */
const CHUNKS_IN_FLIGHT = 8;

/**
 * Starts the worker module beside this one: the built .js, or from source (tsx, Vitest) the .ts —
 * which Node 20 does not pass through a loader given by --import, so a one-line bootstrap registers
 * tsx in the worker first (tsx is a development dependency, present whenever the source runs).
 */
function startWorker(options: WorkerOptions): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./pdf-check.worker.js', import.meta.url), options);
  // Vitest's module runner may lack import.meta.resolve; the bare name then resolves from the cwd.
  const tsx = typeof import.meta.resolve === 'function' ? import.meta.resolve('tsx/esm/api') : 'tsx/esm/api';
  const entry = new URL('./pdf-check.worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/**
 * A worker started ahead of the next check: loading pdf-lib takes a few hundred milliseconds, which
 * an upload would otherwise wait for. Each worker checks one file and is then terminated, so nothing
 * one file did to a worker's memory carries over to the next; the spare for the next check is started
 * once this one has ended, so that two workers (some 25 MB each) are not held at once. Unreferenced:
 * it never keeps the process alive.
 */
let spare: { worker: Worker; limits: PdfCheckLimits } | undefined;

function takeWorker(limits: PdfCheckLimits): Worker {
  const taken = spare && spare.limits === limits ? spare.worker : startWorker(resourceLimitsOf(limits));
  if (spare && spare.worker !== taken) void spare.worker.terminate();
  spare = undefined;
  taken.ref();
  return taken;
}

/** Starts the spare worker now, so that the first upload after start does not wait for it either. */
export function preparePdfChecks(limits: PdfCheckLimits = DEFAULT_PDF_CHECK_LIMITS): void {
  if (spare) return;
  const worker = startWorker(resourceLimitsOf(limits));
  worker.unref();
  // A spare that failed or stopped while idle is dropped; the next check then starts its own.
  const drop = () => {
    if (spare?.worker === worker) spare = undefined;
  };
  worker.once('error', drop).once('exit', drop);
  spare = { worker, limits };
}

/** Ends the spare worker (at server stop). */
export async function releasePdfChecks(): Promise<void> {
  const current = spare;
  spare = undefined;
  await current?.worker.terminate();
}

function resourceLimitsOf(limits: PdfCheckLimits): WorkerOptions {
  return { resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: 8, stackSizeMb: 4 } };
}

export async function checkPdf(content: Readable, size: number, limits: PdfCheckLimits = DEFAULT_PDF_CHECK_LIMITS): Promise<PdfInspection> {
  const worker = takeWorker(limits);

  let timer: NodeJS.Timeout | undefined;
  const outcome = new Promise<PdfInspection>((resolve, reject) => {
    timer = setTimeout(() => {
      resolve({ ok: false, reason: `checking it took longer than ${Math.round(limits.timeoutMs / 1000)} seconds, the limit for one PDF` });
    }, limits.timeoutMs);
    worker.on('message', (message: PdfInspection | typeof CHUNK_COPIED) => {
      if (message !== CHUNK_COPIED) resolve(message);
    });
    worker.once('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        resolve({ ok: false, reason: `reading it needs more than the ${limits.maxHeapMb} MB of memory allowed for one PDF` });
      } else {
        reject(error);
      }
    });
    worker.once('exit', (code) => reject(new Error(`The PDF check's worker stopped (exit code ${code}) without an answer.`)));
  });
  // Settled by whichever comes first; later rejections (the exit after terminate) are expected.
  outcome.catch(() => {});

  worker.postMessage({ size });
  const feeding = feed(worker, content);
  // When the worker answers (or fails) before all is sent, the rest of the feed is abandoned.
  feeding.catch(() => {});
  try {
    await Promise.race([feeding, outcome]);
    return await outcome;
  } finally {
    clearTimeout(timer);
    content.destroy();
    await worker.terminate();
    preparePdfChecks(limits);
  }
}

/**
 * Streams the content into the worker, transferring each chunk (no copy stays on this thread), with
 * at most CHUNKS_IN_FLIGHT of them not yet taken in by the worker.
 */
async function feed(worker: Worker, content: Readable): Promise<void> {
  let inFlight = 0;
  let stopped = false;
  let copied: (() => void) | undefined;
  const onMessage = (message: unknown) => {
    if (message === CHUNK_COPIED) inFlight -= 1;
    // Any other message is the answer (given early when the file could not be taken whole): stop.
    else stopped = true;
    copied?.();
  };
  const onExit = () => {
    stopped = true;
    copied?.();
  };
  worker.on('message', onMessage).once('exit', onExit);
  try {
    for await (const chunk of content as AsyncIterable<Buffer>) {
      while (inFlight >= CHUNKS_IN_FLIGHT && !stopped) await new Promise<void>((resolve) => (copied = resolve));
      if (stopped) return;
      // A pooled Buffer shares its ArrayBuffer with others: copy those, transfer the rest as is.
      const whole = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength;
      const buffer = (whole ? chunk.buffer : new Uint8Array(chunk).buffer) as ArrayBuffer;
      inFlight += 1;
      worker.postMessage(buffer, [buffer]);
    }
    worker.postMessage('end');
  } finally {
    worker.off('message', onMessage).off('exit', onExit);
  }
}
