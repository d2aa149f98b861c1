/**
 * Runs pdf-inspect.ts on a stored PDF in a worker thread with a memory and a time limit, so that a
 * file built to exhaust the parser costs a refusal, not the server. The worker reads the stored file
 * (BlobStore.openLocalFile: the blob's own file, or a temporary copy where blobs are not files)
 * itself through one reused 64 KB buffer and keeps only its skeleton (pdf-skeleton.ts: the file without
 * its stream data): no thread ever holds the file, and no buffer is allocated per chunk (V8 frees
 * those only at a garbage collection, which it forces once some 32 MB of them wait).
 */

import type { FileHandle } from 'node:fs/promises';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { PdfInspection } from './pdf-inspect.js';

export interface PdfCheckLimits {
  /** V8 heap of the worker (old generation), in MB. */
  maxHeapMb: number;
  /** The whole check, reading included, in ms; the worker is terminated past it. */
  timeoutMs: number;
  /** How long the spare worker started after a check waits for the next check before it is ended, in ms. */
  spareIdleMs: number;
}

/**
 * pdf-lib keeps every object of the skeleton in memory; 512 MB reads the objects of any PDF of
 * ordinary make, while one built to blow up is stopped well before it hurts the server. A minute is far more
 * than any real PDF takes (the fixtures take milliseconds) yet stops a parser caught in a loop. A
 * spare kept a minute serves a run of uploads (a person adding a few documents, a bulk import) and
 * gives its memory back once they stop.
 */
export const DEFAULT_PDF_CHECK_LIMITS: PdfCheckLimits = { maxHeapMb: 512, timeoutMs: 60_000, spareIdleMs: 60_000 };

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
 * A worker started ahead of the next check: loading pdf-lib's parser takes some 150 ms, which
 * an upload would otherwise wait for. Each worker checks one file and is then terminated, so nothing
 * one file did to a worker's memory carries over to the next; the spare for the next check is started
 * once this one has ended, so that two workers (some 20 MB each) are not held at once, and ended
 * when no check comes for `spareIdleMs`, so that an idle server holds none. Unreferenced, as its
 * timer: it never keeps the process alive.
 */
let spare: { worker: Worker; limits: PdfCheckLimits; idle: NodeJS.Timeout } | undefined;

/** The spare, no longer spare: its idle timer stopped. */
function unspare(): Worker | undefined {
  const current = spare;
  spare = undefined;
  clearTimeout(current?.idle);
  return current?.worker;
}

function takeWorker(limits: PdfCheckLimits): Worker {
  const fits = spare?.limits === limits;
  const previous = unspare();
  if (previous && !fits) void previous.terminate();
  const taken = previous && fits ? previous : startWorker(resourceLimitsOf(limits));
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
    if (spare?.worker === worker) unspare();
  };
  worker.once('error', drop).once('exit', drop);
  // Whatever stops this worker being the spare clears this timer (unspare), so it ends the spare.
  const idle = setTimeout(() => void unspare()?.terminate(), limits.spareIdleMs).unref();
  spare = { worker, limits, idle };
}

/** Whether a spare worker is waiting for the next check (what the process holds, for its tests). */
export function holdsSparePdfCheck(): boolean {
  return spare !== undefined;
}

/** Ends the spare worker (at server stop). */
export async function releasePdfChecks(): Promise<void> {
  await unspare()?.terminate();
}

function resourceLimitsOf(limits: PdfCheckLimits): WorkerOptions {
  return { resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: 8, stackSizeMb: 4 } };
}

/**
 * Checks the PDF open in `file` (`size` bytes). The worker reads it itself, through the descriptor
 * (descriptors belong to the process, not a thread), so that building the skeleton, which a hostile
 * file can make slow, runs under the worker's time limit and never on this thread. The caller closes
 * `file` once this has returned; the worker has stopped by then.
 */
export async function checkPdf(file: FileHandle, size: number, limits: PdfCheckLimits = DEFAULT_PDF_CHECK_LIMITS): Promise<PdfInspection> {
  const worker = takeWorker(limits);
  let timer: NodeJS.Timeout | undefined;
  const answer = new Promise<PdfInspection>((resolve, reject) => {
    timer = setTimeout(() => {
      resolve({ ok: false, reason: `checking it took longer than ${Math.round(limits.timeoutMs / 1000)} seconds, the limit for one PDF` });
    }, limits.timeoutMs);
    worker.once('message', resolve);
    worker.once('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') resolve({ ok: false, reason: outOfMemoryReason(limits.maxHeapMb) });
      else reject(error);
    });
    worker.once('exit', (code) => reject(new Error(`The PDF check's worker stopped (exit code ${code}) without an answer.`)));
  });
  // Settled by whichever comes first; later rejections (the exit after terminate) are expected.
  answer.catch(() => {});
  const request: PdfCheckRequest = { fd: file.fd, size, maxHeapMb: limits.maxHeapMb };
  worker.postMessage(request);
  try {
    return await answer;
  } finally {
    clearTimeout(timer);
    await worker.terminate();
    preparePdfChecks(limits);
  }
}

/** What the worker is asked: the file's descriptor and size, and its heap limit (for the skeleton's). */
export interface PdfCheckRequest {
  fd: number;
  size: number;
  maxHeapMb: number;
}

/**
 * The refusal of a file whose parse outgrows the worker's heap, or whose skeleton alone is larger
 * than that heap (pdf-lib could never parse it within it, so reading stops there).
 */
export function outOfMemoryReason(maxHeapMb: number): string {
  return `reading it needs more than the ${maxHeapMb} MB of memory allowed for one PDF`;
}
