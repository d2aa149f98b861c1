/**
 * HTTP load for the API figures, measured from a process of its own (load-generator.ts): in the
 * bench's process, the load generator's own pauses counted as the server's latency. A page of 100
 * envelopes is some 130 KB; receiving 500 a second, the bench's V8 collected its young generation
 * every few milliseconds, and on a 2-core machine that the server keeps busy, a collection shared with
 * V8's helper threads waited for them to get a core: pauses up to 14 ms, which made the list of
 * 100's p99 at 500 req/s read 16-20 ms where the server's own answers took 1 ms at the median. The
 * areas that run beside the API's in the bench's process (Connective's) added theirs. So the
 * generator runs alone, and collects single-threaded (`--single-threaded-gc`): its pauses then stay
 * within a few milliseconds. The hello-world is measured by the same generator.
 */
import { fork } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import { startChild, type RunningChild } from './child-process.js';

export interface Target {
  origin: string;
  headers: Record<string, string>;
  /** The path of each request in turn (request i asks for paths[i % length]), e.g. a different envelope each time. */
  paths: readonly string[];
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

/** A LoadResult as the generator sends it back: each answer's latency in whole microseconds. */
export type RawLoadResult = Omit<LoadResult, 'histogram'> & { latencies: number[] };

/** What the parent asks of the generator, one measurement at a time. */
export type LoadRequest =
  | { op: 'offerRate'; target: Target; rate: number; seconds: number }
  | { op: 'topThroughput'; target: Target; concurrency: number; seconds: number }
  | { op: 'settle'; target: Target; quickMs: number };

/**
 * How long a request is waited for. A server that cannot hold the rate offered queues ever more
 * requests, and waiting for all of them would make the run as long as that queue; past this the
 * figure is already many times any goal, and counting the request at this latency says so.
 */
export const GIVE_UP_MS = 2_000;

export function target(origin: string, paths: readonly string[], headers: Record<string, string> = {}): Target {
  return { origin, headers, paths };
}

export interface LoadGenerator {
  pid: number;
  /** Sends `rate` requests a second for `seconds` (open loop), then waits for the last answers. */
  offerRate(target: Target, rate: number, seconds: number): Promise<LoadResult>;
  /** Keeps `concurrency` requests in flight for `seconds` (closed loop): completions per second. */
  topThroughput(target: Target, concurrency: number, seconds: number): Promise<LoadResult>;
  /**
   * Waits until `target` answers one request within `quickMs` (at most 15 s): requests given up on
   * are still being worked on by the server, and that work must not land in the next measurement.
   */
  settle(target: Target, quickMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Forks load-generator.ts; it exits when stopped or when this process goes away. */
export async function startLoadGenerator(): Promise<LoadGenerator> {
  const child = fork(join(import.meta.dirname, 'load-generator.ts'), [], {
    cwd: resolve(import.meta.dirname, '..'),
    execArgv: ['--single-threaded-gc', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolveSpawn, reject) => {
    child.once('spawn', resolveSpawn);
    child.once('error', reject);
  });
  const waiting = new Map<number, { resolve: (result: RawLoadResult) => void; reject: (error: Error) => void }>();
  let lastId = 0;
  child.on('message', (answer: { id: number; result?: RawLoadResult; error?: string }) => {
    const waiter = waiting.get(answer.id);
    waiting.delete(answer.id);
    if (answer.error !== undefined) waiter?.reject(new Error(`the load generator failed: ${answer.error}`));
    else waiter?.resolve(answer.result!);
  });
  child.once('exit', (code) => {
    for (const waiter of waiting.values()) waiter.reject(new Error(`the load generator exited (${code})`));
    waiting.clear();
  });
  const ask = (request: LoadRequest) =>
    new Promise<RawLoadResult>((resolveAnswer, reject) => {
      const id = (lastId += 1);
      waiting.set(id, { resolve: resolveAnswer, reject });
      child.send({ ...request, id });
    });
  const measured = async (request: LoadRequest): Promise<LoadResult> => {
    const { latencies, ...counts } = await ask(request);
    const histogram = createHistogram();
    for (const latency of latencies) histogram.record(latency);
    return { histogram, ...counts };
  };
  return {
    pid: child.pid!,
    offerRate: (target, rate, seconds) => measured({ op: 'offerRate', target, rate, seconds }),
    topThroughput: (target, concurrency, seconds) => measured({ op: 'topThroughput', target, concurrency, seconds }),
    settle: async (target, quickMs = 100) => void (await ask({ op: 'settle', target, quickMs })),
    stop: () =>
      new Promise((resolveExit) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolveExit();
        child.once('exit', () => resolveExit());
        child.disconnect();
      }),
  };
}

export const p99Ms = (result: LoadResult) => result.histogram.percentile(99) / 1000;

/** The results of several runs as one (their histograms merged). */
export function merge(results: LoadResult[]): LoadResult {
  const merged: LoadResult = { histogram: createHistogram(), completed: 0, failed: 0, gaveUp: 0, seconds: 0 };
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
