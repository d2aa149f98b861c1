import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openSqlite, type Db } from '../store/database.js';
import { fromKysely, PermanentJobError, RetryLaterError, type JobQueue, type SqlExecutor } from './queue.js';
import { createTableQueue, type QueueLogger, type TableQueueOptions } from './table-queue.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CRASHING_WORKER = join(ROOT, 'test/fixtures/jobs/crashing-worker.ts');
const DEADLINE = { timeoutMs: 10_000 };

/**
 * What the contract tests need from a backend. The pg-boss backend will provide its own
 * environment and run the same `describeQueueContract`.
 */
interface QueueEnvironment {
  /** A queue on this test's own, empty store; it polls often and retries without delay. */
  createQueue(): JobQueue;
  /** Runs `work` in a database transaction, rolled back when it throws. */
  inTransaction(work: (executor: SqlExecutor) => Promise<void>): Promise<void>;
  /** Stops every queue, closes the database and opens it again, as a process restart does. */
  restart(): Promise<void>;
  teardown(): Promise<void>;
}

interface TableEnvironment extends QueueEnvironment {
  filename: string;
  db(): Db;
  createQueue(options?: TableQueueOptions): JobQueue;
}

async function openTableEnvironment(): Promise<TableEnvironment> {
  const folder = mkdtempSync(join(tmpdir(), 'countersign-jobs-'));
  const filename = join(folder, 'countersign.sqlite');
  let db = openSqlite({ filename });
  await migrateToLatest(db);
  let queues: JobQueue[] = [];
  const stopQueues = async () => {
    await Promise.all(queues.map((queue) => queue.stop()));
    queues = [];
  };
  return {
    filename,
    db: () => db,
    createQueue(options = {}) {
      const queue = createTableQueue(db, { pollIntervalMs: 20, random: () => 0, shutdownGraceMs: 300, ...options });
      queues.push(queue);
      return queue;
    },
    inTransaction: (work) => db.transaction().execute((trx) => work(fromKysely(trx))),
    async restart() {
      await stopQueues();
      await db.destroy();
      db = openSqlite({ filename });
      await migrateToLatest(db);
    },
    async teardown() {
      await stopQueues();
      await db.destroy();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** The behaviour every JobQueue backend promises. */
function describeQueueContract(backend: string, open: () => Promise<QueueEnvironment>): void {
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

    it('waitFor rejects after its deadline, saying where the job is', async () => {
      const queue = env.createQueue();
      const id = await queue.enqueue('never-worked', {});
      await expect(queue.waitFor(id, ['completed'], { timeoutMs: 50 })).rejects.toThrow(/is 'created' after 0 attempt/);
    });
  });
}

describeQueueContract('jobs table on SQLite', openTableEnvironment);

describe('table queue', () => {
  let env: TableEnvironment;
  beforeEach(async () => (env = await openTableEnvironment()));
  afterEach(() => env.teardown());

  it('retries a failing handler with growing backoff until it succeeds', async () => {
    // A clock the test moves: each retry's run_after is compared with the moment it failed.
    let clock = Date.parse('2030-01-01T00:00:00.000Z');
    const queue = env.createQueue({ now: () => new Date(clock), random: () => 1, backoff: { baseMs: 100, maxMs: 60_000 } });
    const started = [deferred(), deferred(), deferred(), deferred()];
    queue.work('flaky', async (_data, { job }) => {
      started[job.attempts - 1]!.resolve();
      if (job.attempts < 4) throw new Error(`flaky attempt ${job.attempts}`);
      return 'finally';
    });
    await queue.start();
    const id = await queue.enqueue('flaky', {});
    const delays: number[] = [];
    for (const attempt of [1, 2, 3]) {
      await withDeadline(started[attempt - 1]!.promise, `attempt ${attempt}`);
      const retry = await queue.waitFor(id, ['retry'], DEADLINE);
      expect(retry).toMatchObject({ attempts: attempt, lastError: `flaky attempt ${attempt}` });
      delays.push(retry.runAfter.getTime() - clock);
      clock = retry.runAfter.getTime();
    }
    expect(delays).toEqual([100, 200, 400]);
    expect(await queue.waitFor(id, ['completed'], DEADLINE)).toMatchObject({ attempts: 4, result: 'finally' });
  });

  it("schedules the retry at the delay the error asks for (a provider's Retry-After) instead of the backoff", async () => {
    let clock = Date.parse('2030-01-01T00:00:00.000Z');
    const queue = env.createQueue({ now: () => new Date(clock), random: () => 1, backoff: { baseMs: 100, maxMs: 60_000 } });
    // One error of the queue's own class, one that only carries the property (as ProviderError does).
    const failures = [new RetryLaterError('rate limited', 42_000), Object.assign(new Error('busy'), { retryAfterMs: 7_500 })];
    const started = [deferred(), deferred()];
    queue.work('limited', async (_data, { job }) => {
      started[job.attempts - 1]?.resolve();
      const failure = failures[job.attempts - 1];
      if (failure) throw failure;
      return 'through';
    });
    await queue.start();
    const id = await queue.enqueue('limited', {});
    const delays: number[] = [];
    for (const attempt of [1, 2]) {
      await withDeadline(started[attempt - 1]!.promise, `attempt ${attempt}`);
      const retry = await queue.waitFor(id, ['retry'], DEADLINE);
      expect(retry).toMatchObject({ attempts: attempt, lastError: attempt === 1 ? 'rate limited' : 'busy' });
      delays.push(retry.runAfter.getTime() - clock);
      // Nothing runs before the requested moment; the poller sees the moved clock at its next tick.
      clock = retry.runAfter.getTime();
    }
    // With random 1 the backoff would have said 100 and 200.
    expect(delays).toEqual([42_000, 7_500]);
    expect(await queue.waitFor(id, ['completed'], DEADLINE)).toMatchObject({ attempts: 3, result: 'through' });
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

  it('runs a job enqueued in-process at once, not at the next poll tick', async () => {
    // A second connection that reports each finished poll pass (its last query asks for the next due
    // time): the poller is then idle until a wake-up or the hour-long tick.
    let idlePolls = 0;
    const db = new Kysely<any>({
      dialect: new SqliteDialect({ database: new SqliteDatabase(env.filename) }),
      log: (event) => void (event.level === 'query' && /min\(/.test(event.query.sql) && idlePolls++),
    });
    const queue = createTableQueue(db, { pollIntervalMs: 60 * 60_000 });
    try {
      queue.work('prompt', async () => 'done');
      await queue.start();
      await eventually(async () => idlePolls > 0, 'the first poll pass to finish');
      const id = await queue.enqueue('prompt', {});
      expect((await queue.waitFor(id, ['completed'], DEADLINE)).result).toBe('done');
    } finally {
      await queue.stop();
      await db.destroy();
    }
  });

  it('renews the lease while a long handler runs, so another worker does not take the job', async () => {
    const db = env.db() as Kysely<any>;
    const leaseOf = async (id: string) =>
      Date.parse((await db.selectFrom('jobs').select('locked_until').where('id', '=', id).executeTakeFirstOrThrow()).locked_until);
    const owner = env.createQueue({ leaseMs: 150 });
    owner.work('long', async (_data, { job }) => {
      const firstLease = await leaseOf(job.id);
      // Outlive the first lease twice over; by then only heartbeats can have kept the job ours.
      await eventually(async () => Date.now() > firstLease + 300 && (await leaseOf(job.id)) > Date.now(), 'the lease to be renewed');
      return 'done';
    });
    await owner.start();
    const id = await owner.enqueue('long', {});
    await owner.waitFor(id, ['active'], DEADLINE);
    // Another process on the same table, eager to take any job whose lease ran out.
    const rival = env.createQueue({ leaseMs: 150 });
    const rivalAttempts: number[] = [];
    rival.work('long', async (_data, { job }) => void rivalAttempts.push(job.attempts));
    await rival.start();
    expect(await owner.waitFor(id, ['completed'], DEADLINE)).toMatchObject({ attempts: 1, result: 'done' });
    expect(rivalAttempts).toEqual([]);
  });

  it('start() turns an abandoned job on its last attempt dead', async () => {
    const queue = env.createQueue();
    const id = await queue.enqueue('send', {}, { maxAttempts: 1 });
    // As a worker that died during attempt 1 leaves it.
    const db = env.db() as Kysely<any>;
    await db.updateTable('jobs').set({ state: 'active', attempts: 1, locked_until: '2020-01-01T00:00:00.000Z' }).where('id', '=', id).execute();
    queue.work('send', async () => 'must not run');
    await queue.start();
    const job = await queue.waitFor(id, ['dead'], DEADLINE);
    expect(job).toMatchObject({ attempts: 1, result: null });
    expect(job.lastError).toMatch(/stopped before finishing/);
  });

  it('an exclusive queue takes back at start a job left active whose lease has not ended yet', async () => {
    const setup = env.createQueue();
    const id = await setup.enqueue('send', { n: 1 });
    // As the embedded server leaves it when killed mid-job: active, lease still running for an hour.
    const leaseEnd = new Date(Date.now() + 3_600_000).toISOString();
    const db = env.db() as Kysely<any>;
    await db.updateTable('jobs').set({ state: 'active', attempts: 1, locked_until: leaseEnd }).where('id', '=', id).execute();

    const shared = env.createQueue();
    shared.work('send', async () => 'too early');
    await shared.start();
    expect((await shared.getJob(id))?.state).toBe('active');
    await shared.stop();

    const exclusive = env.createQueue({ exclusive: true });
    exclusive.work('send', async () => 'ran again');
    await exclusive.start();
    const job = await exclusive.waitFor(id, ['completed'], DEADLINE);
    expect(job).toMatchObject({ attempts: 2, result: 'ran again' });
  });

  it('logs failures by id, name and attempt, never with the job data', async () => {
    const lines: string[] = [];
    const record = (fields: Record<string, unknown>, message: string) => void lines.push(JSON.stringify({ ...fields, message }));
    const logger: QueueLogger = { info: record, warn: record, error: record };
    const queue = env.createQueue({ logger });
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

  it('takes a job again after the process working it was killed with SIGKILL', async () => {
    const id = await env.createQueue().enqueue('crash-test', { envelopeId: 'env_1' });
    const child = spawn(process.execPath, ['--import', 'tsx', CRASHING_WORKER, env.filename], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await waitForOutput(child, `started ${id} attempt 1`, 20_000);
    } finally {
      await kill(child);
    }
    const queue = env.createQueue({ leaseMs: 300 });
    expect(await queue.getJob(id)).toMatchObject({ state: 'active', attempts: 1 });

    const attempts: number[] = [];
    queue.work('crash-test', async (_data, { job }) => {
      attempts.push(job.attempts);
      return 'recovered';
    });
    await queue.start();
    // The dead worker's lease (1 s, no longer renewed) runs out; then this queue takes the job.
    expect(await queue.waitFor(id, ['completed'], { timeoutMs: 15_000 })).toMatchObject({ attempts: 2, result: 'recovered' });
    expect(attempts).toEqual([2]);
  });

  it('purges completed jobs past the retention, keeps dead and unfinished ones', async () => {
    let clock = new Date('2026-11-01T10:00:00.000Z');
    const queue = env.createQueue({ now: () => clock });
    queue.work('ok', async () => 'done');
    queue.work('fails', async () => {
      throw new PermanentJobError('the provider refused it');
    });
    await queue.start();
    const old = await queue.enqueue('ok', {});
    const oldDead = await queue.enqueue('fails', {});
    await queue.waitFor(old, ['completed'], DEADLINE);
    await queue.waitFor(oldDead, ['dead'], DEADLINE);

    clock = new Date('2026-11-08T09:00:00.000Z');
    const recent = await queue.enqueue('ok', {});
    await queue.waitFor(recent, ['completed'], DEADLINE);
    await queue.stop();
    const waiting = await queue.enqueue('ok', {});

    clock = new Date('2026-11-08T11:00:00.000Z');
    const sevenDaysAgo = new Date(clock.getTime() - 7 * 24 * 60 * 60 * 1000);
    expect(await queue.purgeCompleted(sevenDaysAgo)).toBe(1);
    expect(await queue.getJob(old)).toBeUndefined();
    expect(await queue.getJob(oldDead)).toMatchObject({ state: 'dead', lastError: 'the provider refused it' });
    expect(await queue.getJob(recent)).toMatchObject({ state: 'completed' });
    expect(await queue.getJob(waiting)).toMatchObject({ state: 'created' });
    expect(await queue.purgeCompleted(sevenDaysAgo)).toBe(0);
  });
});

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

async function withDeadline(promise: Promise<void>, what: string, ms = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)));
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function waitForOutput(child: ChildProcess, marker: string, ms: number): Promise<void> {
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

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

/** Re-checks `condition` until it holds; fails after the deadline. */
async function eventually(condition: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
