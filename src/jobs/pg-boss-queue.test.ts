import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DATABASE_SERVER } from '../../test/support/postgres.js';
import { kyselyOverPool } from '../store/postgres.js';
import { createPgBossQueue, type PgBossQueueOptions } from './pg-boss-queue.js';
import { fromKysely, RetryLaterError, type JobQueue } from './queue.js';
import { DEADLINE, deferred, describeJobQueueContract, eventually, kill, waitForOutput, withDeadline, type QueueEnvironment } from './test-queue-contract.js';

/**
 * The pg-boss queue on a real PostgreSQL: COUNTERSIGN_TEST_DATABASE_URL names a server (e.g.
 * postgres://postgres@127.0.0.1:5432/postgres) on which this file creates its own database, dropped
 * at the end. Each test gets its own pg-boss schema in it, so tests share no jobs.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const CRASHING_WORKER = join(ROOT, 'test/fixtures/jobs/crashing-pg-boss-worker.ts');

interface PgBossEnvironment extends QueueEnvironment {
  createQueue(options?: Partial<PgBossQueueOptions>): JobQueue;
  /** Runs SQL on the test's database, outside any queue. */
  sql(text: string, values?: unknown[]): Promise<unknown[]>;
  schema: string;
}

describe.runIf(TEST_DATABASE_SERVER)('pg-boss queue on PostgreSQL (runs when COUNTERSIGN_TEST_DATABASE_URL is set)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let databaseUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase('boss');
    databaseUrl = database.url;
  });

  afterAll(async () => {
    await database?.drop();
  });

  async function openEnvironment(): Promise<PgBossEnvironment> {
    const schema = `boss_${randomBytes(4).toString('hex')}`;
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    const kysely = kyselyOverPool(new pg.Pool({ connectionString: databaseUrl, max: 2 })) as Kysely<any>;
    let queues: JobQueue[] = [];
    const stopQueues = async () => {
      await Promise.all(queues.map((queue) => queue.stop()));
      queues = [];
    };
    return {
      schema,
      createQueue(options = {}) {
        const queue = createPgBossQueue({ connectionString: databaseUrl, schema, pollIntervalMs: 20, random: () => 0, shutdownGraceMs: 300, ...options });
        queues.push(queue);
        return queue;
      },
      // The application store's Kysely (its statements prepared): the job must live or die with this transaction.
      inTransaction: (work) => kysely.transaction().execute((trx) => work(fromKysely(trx))),
      sql: async (text, values = []) => (await pool.query(text, values)).rows,
      restart: stopQueues,
      async teardown() {
        await stopQueues();
        await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await pool.end();
        await kysely.destroy();
      },
    };
  }

  describeJobQueueContract('pg-boss on PostgreSQL', openEnvironment);

  describe('pg-boss queue', () => {
    let env: PgBossEnvironment;
    beforeEach(async () => (env = await openEnvironment()));
    afterEach(() => env.teardown());

    it("schedules the retry at the delay the error asks for (a provider's Retry-After), else at the project's backoff", async () => {
      const queue = env.createQueue({ random: () => 1, backoff: { baseMs: 100, maxMs: 60_000 } });
      // One error of the queue's own class, then one that only carries the property (as ProviderError does).
      const failures = [new Error('flaky'), new Error('flaky again'), Object.assign(new Error('busy'), { retryAfterMs: 150 }), new RetryLaterError('rate limited', 42_000)];
      const started = failures.map(() => deferred());
      queue.work('limited', async (_data, { job }) => {
        started[job.attempts - 1]!.resolve();
        throw failures[job.attempts - 1]!;
      });
      await queue.start();
      const id = await queue.enqueue('limited', {});
      const delays: number[] = [];
      for (const attempt of [1, 2, 3, 4]) {
        await withDeadline(started[attempt - 1]!.promise, `attempt ${attempt}`);
        const retry = await queue.waitFor(id, ['retry'], DEADLINE);
        expect(retry).toMatchObject({ attempts: attempt, lastError: failures[attempt - 1]!.message });
        // runAfter and updatedAt come from one statement on the database's clock: exactly the delay.
        delays.push(retry.runAfter.getTime() - retry.updatedAt.getTime());
      }
      // Backoff with random 1: 100 then 200; then what the errors asked for.
      expect(delays).toEqual([100, 200, 150, 42_000]);
    });

    it('enqueues with the contract options as pg-boss columns (retryLimit = maxAttempts − 1, startAfter, singleton key, the lease as first expiry)', async () => {
      const queue = env.createQueue({ leaseMs: 600_000 });
      const runAfter = new Date(Date.now() + 60 * 60_000);
      const id = await queue.enqueue('send', { envelopeId: 'env_1' }, { maxAttempts: 3, runAfter, singletonKey: 'env_1' });
      const [row] = (await env.sql(
        `SELECT retry_limit, start_after, singleton_key, extract(epoch FROM expire_in)::int AS expire_seconds, state FROM ${env.schema}.job WHERE id = $1`,
        [id],
      )) as Array<Record<string, unknown>>;
      expect(row).toMatchObject({ retry_limit: 2, start_after: runAfter, singleton_key: 'env_1', expire_seconds: 600, state: 'created' });
      expect(await queue.getJob(id)).toMatchObject({ state: 'created', attempts: 0, maxAttempts: 3, runAfter, singletonKey: 'env_1' });
    });

    it("enqueues the first jobs of two queues in one caller's transaction, each queue's partition made meanwhile", async () => {
      // pg-boss attaches each new queue's partition from its own connection; the caller's transaction
      // already holds the job table by the second enqueue (store/pg-prepared.ts, UNPREPARED).
      const queue = env.createQueue();
      let second = '';
      await env.inTransaction(async (executor) => {
        await queue.enqueue('first-queue', {}, { executor });
        second = await queue.enqueue('second-queue', {}, { executor });
      });
      expect(await queue.getJob(second)).toMatchObject({ name: 'second-queue', state: 'created' });
    });

    it('keeps a job on its live worker for many lease lengths: the lease is renewed, the job runs once', async () => {
      // Maintenance every second would take back any job whose lease was not renewed.
      const queue = env.createQueue({ leaseMs: 1_000, maintenanceIntervalSeconds: 1 });
      let runs = 0;
      queue.work('long-upload', async (_data, { job, signal }) => {
        runs += 1;
        if (runs > 1) return 'run again: the lease was lost';
        // Runs until maintenance has run more than four leases after the attempt started: the one
        // before that ran when the lease the job started with had long ended.
        await eventually(async () => {
          const [row] = (await env.sql(
            `SELECT version.maintained_on > job.started_on + interval '4 seconds' AS past FROM ${env.schema}.version, ${env.schema}.job WHERE job.id = $1`,
            [job.id],
          )) as Array<{ past: boolean | null }>;
          return row?.past === true;
        }, 'maintenance to run four leases after the attempt started', 20_000);
        return { aborted: signal.aborted };
      });
      await queue.start();
      const id = await queue.enqueue('long-upload', {});
      expect(await queue.waitFor(id, ['completed'], { timeoutMs: 25_000 })).toMatchObject({ attempts: 1, result: { aborted: false }, lastError: null });
      expect(runs).toBe(1);
    });

    it('aborts the handler when a renewal finds its attempt taken back by pg-boss, and discards its outcome', async () => {
      const warnings: string[] = [];
      const logger = { info() {}, error() {}, warn: (_fields: unknown, message: string) => void warnings.push(message) };
      const queue = env.createQueue({ leaseMs: 600, logger });
      const running = deferred();
      let abortReason: unknown;
      queue.work('taken-back', async (_data, { signal }) => {
        running.resolve();
        // Returns only once aborted, as a handler finishing its work would: that outcome must not land.
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
        abortReason = signal.reason;
        return 'too late';
      });
      await queue.start();
      const id = await queue.enqueue('taken-back', {}, { maxAttempts: 3 });
      await withDeadline(running.promise, 'the handler to start');
      // What pg-boss's maintenance and another instance's fetch leave: the job active in its next attempt.
      await env.sql(`UPDATE ${env.schema}.job SET retry_count = retry_count + 1, started_on = now() WHERE id = $1`, [id]);
      await eventually(async () => warnings.some((message) => message.includes('outcome is discarded')), 'the outcome to be discarded');
      expect(String((abortReason as Error | undefined)?.message)).toMatch(/The lease on job .* ended and pg-boss took the job back/);
      expect(warnings).toContain('lost the lease on a running job (pg-boss took it back); aborting its handler');
      expect(await queue.getJob(id)).toMatchObject({ state: 'active', attempts: 2, result: null });
    });

    it("after stop(), enqueues through the caller's transaction only and reads on a connection of the read's own: its own connection stays closed", async () => {
      // A name of its own on the queue's connections, to count them.
      const url = new URL(databaseUrl);
      url.searchParams.set('application_name', 'cs_lease_after_stop');
      const countConnections = async () =>
        ((await env.sql(`SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = 'cs_lease_after_stop'`)) as Array<{ count: number }>)[0]!.count;
      const queue = env.createQueue({ connectionString: url.toString() });
      await queue.enqueue('late-sync', { before: 'stop' });
      expect(await countConnections()).toBeGreaterThan(0);
      await queue.stop();
      await eventually(async () => (await countConnections()) === 0, 'the stopped queue to close its connections');

      let id: string | undefined;
      await env.inTransaction(async (executor) => void (id = await queue.enqueue('late-sync', { during: 'shutdown' }, { executor })));
      expect(await countConnections()).toBe(0);
      await expect(queue.enqueue('late-sync', {})).rejects.toThrow(/The job queue is stopped: enqueue "late-sync" .* through the caller's transaction/);
      await expect(env.inTransaction(async (executor) => void (await queue.enqueue('never-created', {}, { executor })))).rejects.toThrow(/no queue "never-created"/);
      expect(await countConnections()).toBe(0);
      // A read after stop() takes one connection for itself and ends it; reopening the queue's pool
      // would keep connections idle for 10 s (pg's idle timeout) and start pg-boss again.
      expect(await queue.getJob(id!)).toMatchObject({ id, data: { during: 'shutdown' } });
      await eventually(async () => (await countConnections()) === 0, 'the read after stop to close its connection', 2_000);

      // The job committed with the transaction: another instance runs it.
      const other = env.createQueue();
      other.work('late-sync', async (data) => data);
      await other.start();
      expect(await other.waitFor(id!, ['completed'], DEADLINE)).toMatchObject({ result: { during: 'shutdown' } });
    });

    it('runs a job again on another instance soon after the instance working it was killed with SIGKILL: its renewed lease ends', async () => {
      // Enqueued with a 10-minute first expiry: only the killed worker's renewals of its 1 s lease
      // can bring the job back within the wait below.
      const setup = env.createQueue({ leaseMs: 10 * 60_000 });
      // With a singleton key: pg-boss takes a job back by deleting and re-inserting its row, which the singleton index must let through.
      const id = await setup.enqueue('crash-test', { envelopeId: 'env_1' }, { singletonKey: 'env_1' });
      const child = spawn(process.execPath, ['--import', 'tsx', CRASHING_WORKER, databaseUrl, env.schema], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        await waitForOutput(child, `started ${id} attempt 1`, 20_000);
        await eventually(async () => {
          const [row] = (await env.sql(`SELECT started_on + expire_in < now() + interval '1 minute' AS renewed FROM ${env.schema}.job WHERE id = $1`, [id])) as Array<{ renewed: boolean }>;
          return row?.renewed === true;
        }, 'the worker to renew its lease');
      } finally {
        await kill(child);
      }
      expect(await setup.getJob(id)).toMatchObject({ state: 'active', attempts: 1 });

      // Maintenance every second: the killed instance's lease ends unrenewed, and this instance takes the job.
      const survivor = env.createQueue({ maintenanceIntervalSeconds: 1 });
      const attempts: number[] = [];
      survivor.work('crash-test', async (_data, { job }) => {
        attempts.push(job.attempts);
        return 'recovered';
      });
      await survivor.start();
      expect(await survivor.waitFor(id, ['completed'], { timeoutMs: 30_000 })).toMatchObject({
        attempts: 2,
        result: 'recovered',
        lastError: 'job failed by timeout in active state',
      });
      expect(attempts).toEqual([2]);
    });

    it('leaves a pool it was given open at stop()', async () => {
      const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
      try {
        const queue = createPgBossQueue({ pool, schema: env.schema, pollIntervalMs: 20 });
        queue.work('shared-pool', async () => 'done');
        await queue.start();
        const id = await queue.enqueue('shared-pool', {});
        expect(await queue.waitFor(id, ['completed'], DEADLINE)).toMatchObject({ result: 'done' });
        await queue.stop();
        expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      } finally {
        await pool.end();
      }
    });

    it('keeps one unfinished job per singletonKey when two instances enqueue it in concurrent transactions', async () => {
      const [first, second] = [env.createQueue(), env.createQueue()];
      const firstEnqueued = deferred();
      const commitFirst = deferred();
      let firstId: string | undefined;
      let secondId: string | undefined;
      const firstTransaction = env.inTransaction(async (executor) => {
        firstId = await first.enqueue('envelope-sync', { from: 'first' }, { executor, singletonKey: 'env_tx' });
        firstEnqueued.resolve();
        await commitFirst.promise;
      });
      await withDeadline(firstEnqueued.promise, 'the first transaction to enqueue');
      // The second insert waits on the first transaction's index entry; it sees the job once that commits.
      const secondTransaction = env.inTransaction(async (executor) => {
        secondId = await second.enqueue('envelope-sync', { from: 'second' }, { executor, singletonKey: 'env_tx' });
      });
      commitFirst.resolve();
      await Promise.all([firstTransaction, secondTransaction]);
      expect(secondId).toBe(firstId);
      expect(await second.getJob(firstId!)).toMatchObject({ state: 'created', data: { from: 'first' } });
    });

    it("replaces the earlier versions' singleton index, which counted a waiting key's running job, by one index per scope", async () => {
      const setup = env.createQueue();
      await setup.enqueue('envelope-sync', {}, { singletonKey: 'env_old' });
      await setup.stop();
      await env.sql(`DROP INDEX ${env.schema}.countersign_job_singleton_unfinished`);
      await env.sql(`DROP INDEX ${env.schema}.countersign_job_singleton_waiting`);
      await env.sql(`CREATE UNIQUE INDEX countersign_job_singleton ON ${env.schema}.job (name, singleton_key) WHERE state < 'completed' AND singleton_key IS NOT NULL`);

      const queue = env.createQueue();
      await queue.enqueue('envelope-sync', {}, { singletonKey: 'env_new', singletonScope: 'waiting' });
      const indexes = await env.sql(`SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND indexname LIKE 'countersign_job_singleton%' AND tablename = 'job' ORDER BY 1`, [env.schema]);
      expect(indexes.map((row) => (row as { indexname: string }).indexname)).toEqual(['countersign_job_singleton_unfinished', 'countersign_job_singleton_waiting']);
      expect(await env.sql(`SELECT singleton_key FROM ${env.schema}.job WHERE name = 'envelope-sync' ORDER BY singleton_key`)).toEqual([{ singleton_key: 'env_old' }, { singleton_key: '~waiting~env_new' }]);
    });

    it('refuses to be created without exactly one way to reach the database', () => {
      expect(() => createPgBossQueue({})).toThrow(/exactly one of connectionString/);
      expect(() => createPgBossQueue({ connectionString: databaseUrl, leaseMs: 100 })).toThrow(/leaseMs must be a whole number of milliseconds from 300/);
    });
  });
});
