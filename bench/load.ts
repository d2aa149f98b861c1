/**
 * HTTP load for the API figures: undici's connection pool (already a dependency) drives the requests
 * and Node's built-in HDR histogram (perf_hooks.createHistogram) keeps their latencies. autocannon was
 * the first choice, but its package declares no Node.js engines, which a new dependency here must.
 *
 * Two shapes: `offerRate` sends at a fixed rate whatever the server does (open loop), so a server that
 * falls behind shows it as queueing in its latencies; `topThroughput` keeps a fixed number of requests
 * in flight (closed loop) and counts how many complete per second: the most the server holds.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';

export interface Target {
  pool: Pool;
  headers: Record<string, string>;
  /** The path of each request in turn, e.g. a different envelope each time. */
  path: (index: number) => string;
}

export interface LoadResult {
  histogram: RecordableHistogram;
  completed: number;
  failed: number;
  seconds: number;
}

export function target(origin: string, path: (index: number) => string, headers: Record<string, string> = {}): Target {
  // Enough connections that a slow response never holds back the next one at 1,000 req/s.
  return { pool: new Pool(origin, { connections: 64, pipelining: 1 }), headers, path };
}

async function request(target: Target, index: number, into: LoadResult): Promise<void> {
  const started = performance.now();
  try {
    const response = await target.pool.request({ method: 'GET', path: target.path(index), headers: target.headers });
    await response.body.dump({ limit: Number.MAX_SAFE_INTEGER });
    if (response.statusCode !== 200) {
      into.failed += 1;
      return;
    }
    // The histogram takes whole numbers: microseconds.
    into.histogram.record(Math.max(1, Math.round((performance.now() - started) * 1000)));
    into.completed += 1;
  } catch {
    into.failed += 1;
  }
}

/** Sends `rate` requests a second for `seconds` (open loop), then waits for the last answers. */
export async function offerRate(target: Target, rate: number, seconds: number): Promise<LoadResult> {
  const result: LoadResult = { histogram: createHistogram(), completed: 0, failed: 0, seconds: 0 };
  const total = Math.round(rate * seconds);
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    // Catch up on every request due by now: timers on a busy machine fire late, the rate holds anyway.
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
    for (; sent < due; sent += 1) {
      const pending = request(target, sent, result);
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
  const result: LoadResult = { histogram: createHistogram(), completed: 0, failed: 0, seconds: 0 };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let index = 0;
  const worker = async () => {
    while (performance.now() < deadline) await request(target, index++, result);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

export const p99Ms = (result: LoadResult) => result.histogram.percentile(99) / 1000;
export const perSecond = (result: LoadResult) => result.completed / result.seconds;

/** The bare Fastify hello-world (bench/hello-world.ts) in its own process. */
export async function startHelloWorld(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'hello-world.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening at (http:\/\/\S+)/.exec(output);
      if (found) resolve(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the hello-world exited (${code}) before listening: ${output}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
