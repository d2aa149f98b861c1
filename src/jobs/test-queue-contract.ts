import type { ChildProcess } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueLogger } from './logging.js';
import { PermanentJobError, RetryLaterError, type JobQueue, type SqlExecutor } from './queue.js';

/**
 * The JobQueue contract as tests, shared by every backend: table-queue.test.ts runs it on the jobs
 * table (SQLite), pg-boss-queue.test.ts on pg-boss (PostgreSQL). What only one backend does (the
 * table queue's leases, pg-boss's expiry) is tested in that backend's own file.
 * (Named test-*.ts so that the build leaves it out.)
 */

export const DEADLINE = { timeoutMs: 10_000 };

/** What the contract tests need from a backend. */
export interface QueueEnvironment {
  /** A queue on this test's own, empty store; it polls often and retries without delay. */
  createQueue(options?: { logger?: QueueLogger }): JobQueue;
  /** Runs `work` in a database transaction, rolled back when it throws. */
  inTransaction(work: (executor: SqlExecutor) => Promise<void>): Promise<void>;
  /** Stops every queue, closes the database and opens it again, as a process restart does. */
  restart(): Promise<void>;
  teardown(): Promise<void>;
}

/**
 * The behaviour every JobQueue backend promises, run by each backend's test file against its own
 * store: `open` gives each test a fresh, empty one.
 */
export function describeJobQueueContract(backend: string, open: () => Promise<QueueEnvironment>): void {
  describe(`JobQueue contract: ${backend}`, () => {
    let env: QueueEnvironment;
    beforeEach(async () => (env = await open()));
    afterEach(() => env.teardown());

    it('completes a job and stores its result', async () => {
      const queue = env.createQueue();
      queue.work<{ a: number; b: number }>('add', async ({ a, b }) => ({ sum: a + b }));
      await queue.start();
      const id = await queue.enqueue('add', { a: 2, b: 3 });
      const job = await queue.waitFor(id, ['completed'], DEADLINE);
      expect(job).toMatchObject({ id, name: 'add', data: { a: 2, b: 3 }, state: 'completed', attempts: 1, result: { sum: 5 }, lastError: null });
      expect(job.completedAt).toBeInstanceOf(Date);
    });

    it('goes dead after maxAttempts failed attempts, keeping the last error', async () => {
      const queue = env.createQueue();
      let calls = 0;
      queue.work('always-fails', async (_data, { job }) => {
        calls += 1;
        throw new Error(`provider unavailable (attempt ${job.attempts})`);
      });
      await queue.start();
      const id = await queue.enqueue('always-fails', {}, { maxAttempts: 3 });
      const job = await queue.waitFor(id, ['dead'], DEADLINE);
      expect(job).toMatchObject({ state: 'dead', attempts: 3, maxAttempts: 3, lastError: 'provider unavailable (attempt 3)' });
      expect(calls).toBe(3);
    });

    it('goes dead at once when the handler throws PermanentJobError', async () => {
      const queue = env.createQueue();
      queue.work('refused', async () => {
        throw new PermanentJobError('The provider refused the document: it is not a PDF.');
      });
      await queue.start();
      const id = await queue.enqueue('refused', {}, { maxAttempts: 5 });
      const job = await queue.waitFor(id, ['dead'], DEADLINE);
      expect(job).toMatchObject({ attempts: 1, lastError: 'The provider refused the document: it is not a PDF.' });
    });

    it('keeps one unfinished job per singletonKey, and allows a new one once it finished', async () => {
      const queue = env.createQueue();
      const first = await queue.enqueue('sync', { n: 1 }, { singletonKey: 'env_1' });
      expect(await queue.enqueue('sync', { n: 2 }, { singletonKey: 'env_1' })).toBe(first);
      expect(await queue.enqueue('sync', { n: 3 }, { singletonKey: 'env_2' })).not.toBe(first);
      expect(await queue.enqueue('send', { n: 4 }, { singletonKey: 'env_1' })).not.toBe(first);
      expect((await queue.getJob(first))?.data).toEqual({ n: 1 });

      queue.work('sync', async () => 'synced');
      await queue.start();
      await queue.waitFor(first, ['completed'], DEADLINE);
      expect(await queue.enqueue('sync', { n: 5 }, { singletonKey: 'env_1' })).not.toBe(first);
    });

    it("adds a job of a 'waiting' singleton key while another of the key runs, and folds enqueues into the one waiting", async () => {
      const queue = env.createQueue();
      let releaseFirst!: () => void;
      const firstRunning = new Promise<void>((resolve) => {
        queue.work<{ n: number }>('sync', async ({ n }) => {
          if (n !== 1) return `synced ${n}`;
          resolve();
          await new Promise<void>((release) => (releaseFirst = release));
          return 'synced 1';
        });
      });
      const waiting = { singletonKey: 'env_1', singletonScope: 'waiting' } as const;
      const first = await queue.enqueue('sync', { n: 1 }, waiting);
      expect(await queue.enqueue('sync', { n: 0 }, waiting)).toBe(first);
      await queue.start();
      await firstRunning;

      // The first runs: its news may be older than this enqueue's, so a second job waits behind it.
      const second = await queue.enqueue('sync', { n: 2 }, waiting);
      expect(second).not.toBe(first);
      expect(await queue.enqueue('sync', { n: 3 }, waiting)).toBe(second);
      expect(await queue.getJob(second)).toMatchObject({ singletonKey: 'env_1' });
      releaseFirst();
      expect((await queue.waitFor(first, ['completed'], DEADLINE)).result).toBe('synced 1');
      expect((await queue.waitFor(second, ['completed'], DEADLINE)).result).toBe('synced 2');
    });

    it('enqueues inside the caller transaction: nothing on rollback, a job that runs on commit', async () => {
      const queue = env.createQueue();
      queue.work('notify', async () => 'notified');
      await queue.start();
      let rolledBack: string | undefined;
      await expect(
        env.inTransaction(async (executor) => {
          rolledBack = await queue.enqueue('notify', { envelopeId: 'env_1' }, { executor });
          throw new Error('the envelope change failed');
        }),
      ).rejects.toThrow('the envelope change failed');
      let committed: string | undefined;
      await env.inTransaction(async (executor) => {
        committed = await queue.enqueue('notify', { envelopeId: 'env_2' }, { executor, singletonKey: 'env_2' });
      });

      expect(await queue.getJob(rolledBack!)).toBeUndefined();
      expect(await queue.waitFor(committed!, ['completed'], DEADLINE)).toMatchObject({ data: { envelopeId: 'env_2' }, result: 'notified' });
    });

    it('stores progress, readable through getJob while the job runs', async () => {
      const queue = env.createQueue();
      const reported = deferred();
      const proceed = deferred();
      queue.work('archive', async (_data, { reportProgress }) => {
        await reportProgress({ done: 1, total: 2 });
        reported.resolve();
        await proceed.promise;
        await reportProgress({ done: 2, total: 2 });
        return 'archived';
      });
      await queue.start();
      const id = await queue.enqueue('archive', {});
      await withDeadline(reported.promise, 'the handler to report progress');
      expect(await queue.getJob(id)).toMatchObject({ state: 'active', progress: { done: 1, total: 2 } });
      proceed.resolve();
      expect(await queue.waitFor(id, ['completed'], DEADLINE)).toMatchObject({ progress: { done: 2, total: 2 }, result: 'archived' });
    });

    it('does not run a job before runAfter', async () => {
      const queue = env.createQueue();
      queue.work('remind', async () => 'reminded');
      await queue.start();
      const later = await queue.enqueue('remind', {}, { runAfter: new Date(Date.now() + 60 * 60_000) });
      const now = await queue.enqueue('remind', {});
      await queue.waitFor(now, ['completed'], DEADLINE);
      expect((await queue.getJob(later))?.state).toBe('created');
    });

    it('keeps a job across a restart: enqueued before, run after', async () => {
      const id = await env.createQueue().enqueue('reminder', { envelopeId: 'env_1' });
      await env.restart();
      const queue = env.createQueue();
      const seen: unknown[] = [];
      queue.work('reminder', async (data) => void seen.push(data));
      await queue.start();
      expect(await queue.waitFor(id, ['completed'], DEADLINE)).toMatchObject({ attempts: 1 });
      expect(seen).toEqual([{ envelopeId: 'env_1' }]);
    });

    it('stop() aborts a handler still running after the grace period and hands the job back', async () => {
      const queue = env.createQueue();
      const running = deferred();
      queue.work('long', async (_data, { signal }) => {
        running.resolve();
        await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      });
      await queue.start();
      const id = await queue.enqueue('long', {});
      await withDeadline(running.promise, 'the handler to start');
      await queue.stop();
      // The interrupted attempt is not counted: the job is due again as if it never started.
      expect(await queue.getJob(id)).toMatchObject({ state: 'retry', attempts: 0 });
    });

    it('still counts a retry-after failure as an attempt: the last one makes the job dead', async () => {
      const queue = env.createQueue();
      queue.work('always-limited', async () => {
        throw new RetryLaterError('still rate limited', 0);
      });
      await queue.start();
      const id = await queue.enqueue('always-limited', {}, { maxAttempts: 2 });
      expect(await queue.waitFor(id, ['dead'], DEADLINE)).toMatchObject({ attempts: 2, lastError: 'still rate limited' });
    });

    it('retries a failed attempt until one succeeds, counting every attempt', async () => {
      const queue = env.createQueue();
      queue.work('flaky', async (_data, { job }) => {
        if (job.attempts < 3) throw new Error(`flaky attempt ${job.attempts}`);
        return 'finally';
      });
      await queue.start();
      const id = await queue.enqueue('flaky', {});
      expect(await queue.waitFor(id, ['completed'], DEADLINE)).toMatchObject({ attempts: 3, maxAttempts: 5, result: 'finally', lastError: 'flaky attempt 2' });
    });

    it('stores any JSON value as data and result, and returns undefined for an unknown id', async () => {
      const queue = env.createQueue();
      queue.work<unknown>('echo', async (data) => data);
      await queue.start();
      for (const data of ['plain text', 42, [1, 'two'], null, { nested: { list: [true] } }]) {
        const id = await queue.enqueue('echo', data);
        expect(await queue.waitFor(id, ['completed'], DEADLINE)).toMatchObject({ data, result: data });
      }
      expect(await queue.getJob('no-such-job')).toBeUndefined();
    });

    it('purges completed jobs that completed before the given moment, keeps dead and unfinished ones', async () => {
      const queue = env.createQueue();
      queue.work('ok', async () => 'done');
      queue.work('fails', async () => {
        throw new PermanentJobError('the provider refused it');
      });
      await queue.start();
      const completed = await queue.enqueue('ok', {});
      const dead = await queue.enqueue('fails', {});
      await queue.waitFor(completed, ['completed'], DEADLINE);
      await queue.waitFor(dead, ['dead'], DEADLINE);
      const waiting = await queue.enqueue('ok', {}, { runAfter: new Date(Date.now() + 60 * 60_000) });

      // A minute either side of now, so that clocks a few seconds apart (the database's) cannot matter.
      expect(await queue.purgeCompleted(new Date(Date.now() - 60_000))).toBe(0);
      expect(await queue.getJob(completed)).toMatchObject({ state: 'completed' });
      expect(await queue.purgeCompleted(new Date(Date.now() + 60_000))).toBe(1);
      expect(await queue.getJob(completed)).toBeUndefined();
      expect(await queue.getJob(dead)).toMatchObject({ state: 'dead', lastError: 'the provider refused it' });
      expect(await queue.getJob(waiting)).toMatchObject({ state: 'created' });
    });

    it('logs failures by id, name and attempt, never with the job data', async () => {
      const lines: string[] = [];
      const record = (fields: Record<string, unknown>, message: string) => void lines.push(JSON.stringify({ ...fields, message }));
      const queue = env.createQueue({ logger: { info: record, warn: record, error: record } });
      queue.work('deliver', async () => {
        throw new Error('webhook endpoint answered 503');
      });
      await queue.start();
      const id = await queue.enqueue('deliver', { email: 'jane.doe@example.com' }, { maxAttempts: 2 });
      await queue.waitFor(id, ['dead'], DEADLINE);
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(lines.join('\n')).not.toContain('jane.doe@example.com');
      expect(JSON.parse(lines.at(-1)!)).toMatchObject({ jobId: id, name: 'deliver', attempt: 2, error: 'webhook endpoint answered 503' });
    });

    it('two queue instances on one store run each job exactly once', async () => {
      const queues = [env.createQueue(), env.createQueue()];
      const runs = new Map<string, number>();
      for (const queue of queues) {
        queue.work('shared', async (_data, { job }) => void runs.set(job.id, (runs.get(job.id) ?? 0) + 1), { concurrency: 2 });
      }
      await Promise.all(queues.map((queue) => queue.start()));
      const ids = await Promise.all(Array.from({ length: 40 }, (_, n) => queues[n % 2]!.enqueue('shared', { n })));
      const jobs = await Promise.all(ids.map((id) => queues[0]!.waitFor(id, ['completed'], DEADLINE)));
      expect(jobs.every((job) => job.attempts === 1)).toBe(true);
      expect([...runs.keys()].sort()).toEqual([...ids].sort());
      expect([...runs.values()].every((count) => count === 1)).toBe(true);
    });

    it('keeps one unfinished job per singletonKey when two queue instances enqueue it at once', async () => {
      const queues = [env.createQueue(), env.createQueue()];
      const ids = await Promise.all(Array.from({ length: 10 }, (_, n) => queues[n % 2]!.enqueue('envelope-sync', { n }, { singletonKey: 'env_race' })));
      expect(new Set(ids).size).toBe(1);
      const job = await queues[1]!.getJob(ids[0]!);
      expect(job).toMatchObject({ state: 'created', singletonKey: 'env_race' });
    });

    it('scheduleEvery runs one job per slot across two instances, and goes on after a failed run and a stopped instance', async () => {
      const intervalMs = 400;
      const queues = [env.createQueue(), env.createQueue()];
      const runs: Array<{ id: string; slot: number; instance: number; data: unknown }> = [];
      const firstRun = deferred();
      const thirdRun = deferred();
      queues.forEach((queue, instance) => {
        queue.work('periodic-sync', async (data, { job }) => {
          runs.push({ id: job.id, slot: job.runAfter.getTime(), instance, data });
          if (runs.length === 1) firstRun.resolve();
          if (runs.length === 3) thirdRun.resolve();
          if (runs.length === 1) throw new Error('the first run fails');
          return 'synced';
        });
        queue.scheduleEvery('periodic-sync', intervalMs, { scheduled: true });
      });
      await Promise.all(queues.map((queue) => queue.start()));
      await withDeadline(firstRun.promise, 'the first scheduled run');
      // The instance that ran first goes away; the other carries the series on.
      const stopped = runs[0]!.instance;
      await queues[stopped]!.stop();
      const runsBeforeStop = runs.length;
      await withDeadline(thirdRun.promise, 'the third scheduled run');

      const slots = runs.map((run) => run.slot);
      expect(new Set(slots).size).toBe(slots.length);
      expect(slots.every((slot) => slot % intervalMs === 0)).toBe(true);
      expect(runs.every((run) => JSON.stringify(run.data) === '{"scheduled":true}')).toBe(true);
      expect(runs.slice(runsBeforeStop).every((run) => run.instance !== stopped)).toBe(true);
      const survivor = queues[1 - stopped]!;
      expect(await survivor.getJob(runs[0]!.id)).toMatchObject({ state: 'dead', attempts: 1, maxAttempts: 1, lastError: 'the first run fails' });
    });

    it('waitFor rejects after its deadline, saying where the job is', async () => {
      const queue = env.createQueue();
      const id = await queue.enqueue('never-worked', {});
      await expect(queue.waitFor(id, ['completed'], { timeoutMs: 50 })).rejects.toThrow(/is 'created' after 0 attempt/);
    });
  });
}

// Helpers for the contract and for each backend's own tests.

export function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

export async function withDeadline(promise: Promise<void>, what: string, ms = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)));
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Re-checks `condition` until it holds; fails after the deadline. */
export async function eventually(condition: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Resolves once the child process printed `marker`; rejects when it exits first or after `ms`. */
export function waitForOutput(child: ChildProcess, marker: string, ms: number): Promise<void> {
  let stdout = '';
  let stderr = '';
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not print "${marker}" within ${ms} ms:\n${stdout}\n${stderr}`)), ms);
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes(marker)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited (code ${code}) before printing "${marker}":\n${stdout}\n${stderr}`));
    });
  });
}

export async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}
