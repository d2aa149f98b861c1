/**
 * Runs pdf-inspect.ts on a stored PDF in a worker thread with a memory and a time limit, so that a
 * file built to exhaust the parser costs a refusal, not the server. The file is streamed from the blob
 * store through pdf-skeleton.ts on this thread, which keeps only its skeleton (the file without its
 * stream data), and only that skeleton is moved to the worker: neither thread ever holds the file.
 */

import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { PdfInspection } from './pdf-inspect.js';
import { PdfSkeletonBuilder, type PdfSkeleton } from './pdf-skeleton.js';

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

export async function checkPdf(content: AsyncIterable<Buffer>, size: number, limits: PdfCheckLimits = DEFAULT_PDF_CHECK_LIMITS): Promise<PdfInspection> {
  // Taken (or started) before the file is read, so that pdf-lib loads while the skeleton is built.
  const worker = takeWorker(limits);
  let timer: NodeJS.Timeout | undefined;
  const answer = new Promise<PdfInspection>((resolve, reject) => {
    timer = setTimeout(() => {
      resolve(refusal(`checking it took longer than ${Math.round(limits.timeoutMs / 1000)} seconds, the limit for one PDF`));
    }, limits.timeoutMs);
    worker.once('message', resolve);
    worker.once('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') resolve(refusal(outOfMemory(limits)));
      else reject(error);
    });
    worker.once('exit', (code) => reject(new Error(`The PDF check's worker stopped (exit code ${code}) without an answer.`)));
  });
  let stopped = false;
  const checked = skeletonOf(content, size, limits, () => stopped).then((skeleton) => {
    if (typeof skeleton === 'string') return refusal(skeleton);
    // The skeleton's bytes (the builder's own buffer, never Node's shared pool) are moved to the
    // worker, not copied; the small tail is copied.
    worker.postMessage(skeleton, [skeleton.bytes.buffer as ArrayBuffer]);
    return answer;
  });
  // Settled by whichever comes first (the answer also on time-out); later rejections (the read
  // cut off, the exit after terminate) are expected.
  answer.catch(() => {});
  checked.catch(() => {});
  try {
    return await Promise.race([checked, answer]);
  } finally {
    clearTimeout(timer);
    // The read stops at its next chunk (a time-out may come while it is still going).
    stopped = true;
    await worker.terminate();
    preparePdfChecks(limits);
  }
}

const refusal = (reason: string): PdfInspection => ({ ok: false, reason });

const outOfMemory = (limits: PdfCheckLimits) => `reading it needs more than the ${limits.maxHeapMb} MB of memory allowed for one PDF`;

/**
 * Builds the skeleton on this thread as the file streams by: finding the streams to leave out is a
 * byte search (memchr speed), so a 1 GiB file takes about a second of this thread, in 64 KB steps
 * between which requests are served. Done here, the chunks need no copy or transfer to another
 * thread, and the worker holds only the skeleton. A skeleton larger than the worker's heap could never
 * be parsed in it (pdf-lib needs several times the bytes it reads), so it is refused as soon as it is,
 * before this thread holds more of it: the answer the worker would give, without the memory.
 */
async function skeletonOf(content: AsyncIterable<Buffer>, size: number, limits: PdfCheckLimits, stopped: () => boolean): Promise<PdfSkeleton | string> {
  const builder = new PdfSkeletonBuilder();
  const maxKeptBytes = limits.maxHeapMb * 1024 * 1024;
  for await (const chunk of content) {
    if (stopped()) throw new Error('The PDF check ended before the file was read.');
    builder.push(chunk);
    if (builder.keptBytes > maxKeptBytes) return outOfMemory(limits);
  }
  const skeleton = builder.finish();
  // The caller gave the size; a mismatch is its bug, not the file's.
  if (skeleton.size !== size) throw new Error(`The PDF check read ${skeleton.size} of the ${size} bytes announced.`);
  return skeleton;
}
