/**
 * HTTP load for the API figures: undici's connection pool (already a dependency) drives the requests
 * and Node's built-in HDR histogram (perf_hooks.createHistogram) keeps their latencies. autocannon was
 * the first choice, but its package declares no Node.js engines, which a new dependency here must.
 *
 * Two shapes: `offerRate` sends at a fixed rate whatever the server does (open loop), so a server that
 * falls behind shows it as queueing in its latencies; `topThroughput` keeps a fixed number of requests
 * in flight (closed loop) and counts how many complete per second: the most the server holds.
 */
import { startChild, type RunningChild } from './child-process.js';
import { join } from 'node:path';
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';

export interface Target {
  origin: string;
  headers: Record<string, string>;
  /** The path of each request in turn, e.g. a different envelope each time. */
  path: (index: number) => string;
}

export interface LoadResult {
  histogram: RecordableHistogram;
  completed: number;
  /** Answered with another status than 200, or not at all. */
  failed: number;
  /** Not answered within GIVE_UP_MS: counted in the histogram at the time given up, a floor. */
  gaveUp: number;
  seconds: number;
}

/**
 * How long a request is waited for. A server that cannot hold the rate offered queues ever more
 * requests, and waiting for all of them would make the run as long as that queue; past this the
 * figure is already many times any goal, and counting the request at this latency says so.
 */
export const GIVE_UP_MS = 2_000;

const newResult = (): LoadResult => ({ histogram: createHistogram(), completed: 0, failed: 0, gaveUp: 0, seconds: 0 });

export function target(origin: string, path: (index: number) => string, headers: Record<string, string> = {}): Target {
  return { origin, headers, path };
}

/**
 * Each measurement has a pool of its own, destroyed at its end: requests given up on are dropped
 * with it (undici aborts a queued request only once it reaches a connection), and their sockets
 * closed, so that nothing of one measurement is still queued in the next.
 */
async function withPool<T>(target: Target, connections: number, work: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = new Pool(target.origin, { connections, pipelining: 1 });
  try {
    return await work(pool);
  } finally {
    await pool.destroy();
  }
}

async function request(pool: Pool, target: Target, index: number, into: LoadResult): Promise<void> {
  const started = performance.now();
  // The histogram takes whole numbers: microseconds.
  const record = () => into.histogram.record(Math.max(1, Math.round((performance.now() - started) * 1000)));
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const givenUp = new Promise<'given up'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve('given up');
    }, GIVE_UP_MS);
  });
  const answered = (async () => {
    const response = await pool.request({ method: 'GET', path: target.path(index), headers: target.headers, signal: controller.signal });
    await response.body.dump({ limit: Number.MAX_SAFE_INTEGER });
    return response.statusCode;
  })();
  // Once given up, its rejection (aborted) is expected.
  answered.catch(() => {});
  try {
    const outcome = await Promise.race([answered, givenUp]);
    if (outcome === 'given up') {
      record();
      into.gaveUp += 1;
      into.failed += 1;
    } else if (outcome === 200) {
      record();
      into.completed += 1;
    } else {
      into.failed += 1;
    }
  } catch {
    into.failed += 1;
  } finally {
    clearTimeout(timer);
  }
}

/** Sends `rate` requests a second for `seconds` (open loop), then waits for the last answers. */
export async function offerRate(target: Target, rate: number, seconds: number): Promise<LoadResult> {
  // Enough connections that a slow answer never holds back the next request at 1,000 req/s.
  return withPool(target, 64, (pool) => offerRateWith(pool, target, rate, seconds));
}

async function offerRateWith(pool: Pool, target: Target, rate: number, seconds: number): Promise<LoadResult> {
  const result = newResult();
  const total = Math.round(rate * seconds);
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    // Catch up on every request due by now: timers on a busy machine fire late, the rate holds anyway.
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
    for (; sent < due; sent += 1) {
      const pending = request(pool, target, sent, result);
      inFlight.add(pending);
      void pending.finally(() => inFlight.delete(pending));
    }
    await sleep(1);
  }
  await Promise.all(inFlight);
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/** Keeps `concurrency` requests in flight for `seconds` (closed loop): completions per second. */
export async function topThroughput(target: Target, concurrency: number, seconds: number): Promise<LoadResult> {
  return withPool(target, concurrency, (pool) => topThroughputWith(pool, target, concurrency, seconds));
}

async function topThroughputWith(pool: Pool, target: Target, concurrency: number, seconds: number): Promise<LoadResult> {
  const result = newResult();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let index = 0;
  const worker = async () => {
    while (performance.now() < deadline) await request(pool, target, index++, result);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

export const p99Ms = (result: LoadResult) => result.histogram.percentile(99) / 1000;

/**
 * Waits until `target` answers one request within `quickMs` (at most 15 s): requests given up on are
 * still being worked on by the server, and that work must not land in the next measurement.
 */
export async function settle(target: Target, quickMs = 100): Promise<void> {
  const deadline = performance.now() + 15_000;
  await withPool(target, 1, async (pool) => {
    while (performance.now() < deadline) {
      const probe = newResult();
      await request(pool, target, 0, probe);
      if (probe.completed === 1 && probe.histogram.max / 1000 < quickMs) return;
      await sleep(200);
    }
  });
}

/** The results of several runs as one (their histograms merged). */
export function merge(results: LoadResult[]): LoadResult {
  const merged = newResult();
  for (const each of results) {
    merged.histogram.add(each.histogram);
    merged.completed += each.completed;
    merged.failed += each.failed;
    merged.gaveUp += each.gaveUp;
    merged.seconds += each.seconds;
  }
  return merged;
}

export const perSecond = (result: LoadResult) => result.completed / result.seconds;

/** The bare Fastify hello-world (bench/hello-world.ts) in its own process. */
export function startHelloWorld(): Promise<RunningChild> {
  return startChild(['--import', 'tsx', join(import.meta.dirname, 'hello-world.ts')], /listening at (http:\/\/\S+)/, 'the hello-world');
}
