import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { createPgBossQueue, type PgBossQueueOptions } from './pg-boss-queue.js';
import { fromKysely, RetryLaterError, type JobQueue } from './queue.js';
import { DEADLINE, deferred, describeJobQueueContract, eventually, kill, waitForOutput, withDeadline, type QueueEnvironment } from './test-queue-contract.js';

/**
 * The pg-boss queue on a real PostgreSQL: COUNTERSIGN_TEST_DATABASE_URL names a server (e.g.
 * postgres://postgres@127.0.0.1:5432/postgres) on which this file creates its own database, dropped
 * at the end. Each test gets its own pg-boss schema in it, so tests share no jobs.
 */
const SERVER_URL = process.env.COUNTERSIGN_TEST_DATABASE_URL;
const ROOT = resolve(import.meta.dirname, '../..');
const CRASHING_WORKER = join(ROOT, 'test/fixtures/jobs/crashing-pg-boss-worker.ts');

interface PgBossEnvironment extends QueueEnvironment {
  createQueue(options?: Partial<PgBossQueueOptions>): JobQueue;
  /** Runs SQL on the test's database, outside any queue. */
  sql(text: string, values?: unknown[]): Promise<unknown[]>;
  schema: string;
}

describe.runIf(SERVER_URL)('pg-boss queue on PostgreSQL (runs when COUNTERSIGN_TEST_DATABASE_URL is set)', () => {
  let databaseUrl: string;
  let databaseName: string;

  beforeAll(async () => {
    databaseName = `cs_boss_${randomBytes(6).toString('hex')}`;
    await onServer(`CREATE DATABASE ${databaseName}`);
    const url = new URL(SERVER_URL!);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
  });

  afterAll(async () => {
    if (databaseName) await onServer(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  });

  async function openEnvironment(): Promise<PgBossEnvironment> {
    const schema = `boss_${randomBytes(4).toString('hex')}`;
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    const kysely = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 2 }) }) });
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
      // Kysely over pg directly, as the application's store will: the job must live or die with this transaction.
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

    it('enqueues with the contract options as pg-boss columns (retryLimit = maxAttempts − 1, startAfter, singleton key, expiry)', async () => {
      const queue = env.createQueue({ expireInSeconds: 600 });
      const runAfter = new Date(Date.now() + 60 * 60_000);
      const id = await queue.enqueue('send', { envelopeId: 'env_1' }, { maxAttempts: 3, runAfter, singletonKey: 'env_1' });
      const [row] = (await env.sql(
        `SELECT retry_limit, start_after, singleton_key, extract(epoch FROM expire_in)::int AS expire_seconds, state FROM ${env.schema}.job WHERE id = $1`,
        [id],
      )) as Array<Record<string, unknown>>;
      expect(row).toMatchObject({ retry_limit: 2, start_after: runAfter, singleton_key: 'env_1', expire_seconds: 600, state: 'created' });
      expect(await queue.getJob(id)).toMatchObject({ state: 'created', attempts: 0, maxAttempts: 3, runAfter, singletonKey: 'env_1' });
    });

    it('aborts a handler that outlives its expiry, and pg-boss runs the job again', async () => {
      // Maintenance every second expires the first attempt and hands the job back.
      const queue = env.createQueue({ expireInSeconds: 1, maintenanceIntervalSeconds: 1 });
      const aborted: string[] = [];
      queue.work('slow', async (_data, { job, signal }) => {
        if (job.attempts > 1) return `attempt ${job.attempts}`;
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
        aborted.push(String((signal.reason as Error).message));
        // Ignores the abort until pg-boss's maintenance took the job back, as a handler stuck in a
        // call without a signal would; what it returns then must not land.
        await eventually(async () => (await queue.getJob(job.id))?.state === 'retry', 'pg-boss to expire the attempt');
        return 'too late';
      });
      await queue.start();
      // With a singleton key: pg-boss's expiry re-inserts the row, which the singleton index must let through.
      const id = await queue.enqueue('slow', {}, { singletonKey: 'env_1' });
      const job = await queue.waitFor(id, ['completed'], { timeoutMs: 20_000 });
      expect(job).toMatchObject({ attempts: 2, result: 'attempt 2' });
      expect(aborted).toEqual([expect.stringMatching(/ran longer than its expiry of 1 s/)]);
    });

    it('runs a job again on another instance once the instance working it was killed with SIGKILL and the expiry passed', async () => {
      const setup = env.createQueue({ expireInSeconds: 1 });
      const id = await setup.enqueue('crash-test', { envelopeId: 'env_1' });
      const child = spawn(process.execPath, ['--import', 'tsx', CRASHING_WORKER, databaseUrl, env.schema], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        await waitForOutput(child, `started ${id} attempt 1`, 20_000);
      } finally {
        await kill(child);
      }
      expect(await setup.getJob(id)).toMatchObject({ state: 'active', attempts: 1 });

      // Maintenance every second: the killed instance's attempt expires, and this instance takes the job.
      const survivor = env.createQueue({ expireInSeconds: 1, maintenanceIntervalSeconds: 1 });
      const attempts: number[] = [];
      survivor.work('crash-test', async (_data, { job }) => {
        attempts.push(job.attempts);
        return 'recovered';
      });
      await survivor.start();
      expect(await survivor.waitFor(id, ['completed'], { timeoutMs: 20_000 })).toMatchObject({ attempts: 2, result: 'recovered' });
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

    it('refuses to be created without exactly one way to reach the database', () => {
      expect(() => createPgBossQueue({})).toThrow(/exactly one of connectionString/);
      expect(() => createPgBossQueue({ connectionString: databaseUrl, expireInSeconds: 24 * 60 * 60 })).toThrow(/under 24 hours/);
    });
  });
});

async function onServer(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
