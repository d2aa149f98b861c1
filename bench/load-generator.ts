/**
 * The HTTP load generator of the API figures, in a process of its own (`startLoadGenerator` in
 * load.ts forks it and sends it one measurement at a time over IPC): undici's connection pool
 * (already a dependency) drives the requests, and each answer's latency goes back in microseconds.
 * autocannon was the first choice, but its package declares no Node.js engines, which a new
 * dependency here must.
 *
 * Two shapes: `offerRate` sends at a fixed rate whatever the server does (open loop), so a server that
 * falls behind shows it as queueing in its latencies; `topThroughput` keeps a fixed number of requests
 * in flight (closed loop) and counts how many complete per second: the most the server holds.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { GIVE_UP_MS, type LoadRequest, type RawLoadResult, type Target } from './load.js';

const newResult = (): RawLoadResult => ({ latencies: [], completed: 0, failed: 0, gaveUp: 0, seconds: 0 });

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

async function request(pool: Pool, target: Target, index: number, into: RawLoadResult): Promise<void> {
  const started = performance.now();
  // Whole microseconds, as the parent's histogram takes them.
  const record = () => into.latencies.push(Math.max(1, Math.round((performance.now() - started) * 1000)));
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const givenUp = new Promise<'given up'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve('given up');
    }, GIVE_UP_MS);
  });
  const answered = (async () => {
    const response = await pool.request({ method: 'GET', path: target.paths[index % target.paths.length]!, headers: target.headers, signal: controller.signal });
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
function offerRate(target: Target, rate: number, seconds: number): Promise<RawLoadResult> {
  // Enough connections that a slow answer never holds back the next request at 1,000 req/s.
  return withPool(target, 64, async (pool) => {
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
  });
}

/** Keeps `concurrency` requests in flight for `seconds` (closed loop): completions per second. */
function topThroughput(target: Target, concurrency: number, seconds: number): Promise<RawLoadResult> {
  return withPool(target, concurrency, async (pool) => {
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
  });
}

/**
 * Waits until `target` answers one request within `quickMs` (at most 15 s): requests given up on are
 * still being worked on by the server, and that work must not land in the next measurement.
 */
async function settle(target: Target, quickMs: number): Promise<RawLoadResult> {
  const deadline = performance.now() + 15_000;
  return withPool(target, 1, async (pool) => {
    let probe = newResult();
    while (performance.now() < deadline) {
      probe = newResult();
      await request(pool, target, 0, probe);
      if (probe.completed === 1 && probe.latencies[0]! / 1000 < quickMs) break;
      await sleep(200);
    }
    return probe;
  });
}

const run = (asked: LoadRequest): Promise<RawLoadResult> => {
  switch (asked.op) {
    case 'offerRate':
      return offerRate(asked.target, asked.rate, asked.seconds);
    case 'topThroughput':
      return topThroughput(asked.target, asked.concurrency, asked.seconds);
    case 'settle':
      return settle(asked.target, asked.quickMs);
  }
};

// One measurement at a time: the parent awaits each answer before it asks again.
process.on('message', (asked: LoadRequest & { id: number }) => {
  run(asked).then(
    (result) => process.send!({ id: asked.id, result }),
    (error: unknown) => process.send!({ id: asked.id, error: error instanceof Error ? error.stack : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
