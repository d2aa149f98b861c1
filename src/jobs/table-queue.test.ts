import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openSqlite, type Db } from '../store/database.js';
import { fromKysely, PermanentJobError, RetryLaterError, type JobQueue } from './queue.js';
import { createTableQueue, type TableQueueOptions } from './table-queue.js';
import { DEADLINE, deferred, describeJobQueueContract, eventually, kill, waitForOutput, withDeadline, type QueueEnvironment } from './test-queue-contract.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CRASHING_WORKER = join(ROOT, 'test/fixtures/jobs/crashing-worker.ts');

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

describeJobQueueContract('jobs table on SQLite', openTableEnvironment);

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
    // Both workers read one clock the test moves, so a stalled event loop (a busy CI machine) cannot
    // end a lease: only the clock can, and it moves on only after a heartbeat renewed the lease.
    let clock = Date.now();
    const now = () => new Date(clock);
    const owner = env.createQueue({ leaseMs: 150, now });
    owner.work('long', async (_data, { job }) => {
      const firstLease = await leaseOf(job.id);
      // Outlive the first lease twice over, a step shorter than the lease at a time.
      while (clock <= firstLease + 150) {
        clock += 100;
        await eventually(async () => (await leaseOf(job.id)) >= clock + 150, 'the lease to be renewed');
      }
      return 'done';
    });
    await owner.start();
    const id = await owner.enqueue('long', {});
    await owner.waitFor(id, ['active'], DEADLINE);
    // Another process on the same table, eager to take any job whose lease ran out.
    const rival = env.createQueue({ leaseMs: 150, now });
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
