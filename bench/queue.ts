/**
 * Queue area of `npm run bench`: how many no-op jobs a second the embedded table queue works, on a
 * real SQLite file opened as the server opens it (WAL, every commit durable before the queue goes on:
 * src/store/group-commit.ts), the jobs enqueued beforehand so that only claiming and finishing are
 * timed. With `--postgres`, pg-boss on a fresh PostgreSQL database, as a PostgreSQL installation runs it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { fromKysely, type JobQueue } from '../src/jobs/queue.js';
import { createTableQueue } from '../src/jobs/table-queue.js';
import { createPgBossQueue } from '../src/jobs/pg-boss-queue.js';
import { migrateToLatest, openSqlite } from '../src/store/database.js';
import { kyselyOverPool, openPostgresPool } from '../src/store/postgres.js';
import { createTestDatabase, withClient } from '../test/support/postgres.js';
import { ROOT } from './child-process.js';
import type { BenchOptions, BenchRow } from './table.js';

/** Jobs of one name at once, as a handler of the server's busier kinds could be configured. */
export const CONCURRENCY = 8;
const GOAL_JOBS_PER_SECOND = 5_000;
const execFileAsync = promisify(execFile);

/** A queue on a database of its own, as an installation opens it, and how to close both. */
interface QueueUnderTest {
  db: Kysely<any>;
  queue: JobQueue;
  close(): Promise<void>;
}

/** The embedded table queue on a fresh SQLite file. */
async function embeddedQueue(): Promise<QueueUnderTest> {
  const folder = mkdtempSync(join(tmpdir(), 'countersign-bench-queue-'));
  const db = openSqlite({ filename: join(folder, 'countersign.sqlite') });
  await migrateToLatest(db);
  return {
    db,
    queue: createTableQueue(db, { exclusive: true }),
    close: async () => {
      await db.destroy();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** pg-boss on a fresh PostgreSQL database, sharing one pool with the store as src/installation.ts does. */
async function postgresQueue(): Promise<QueueUnderTest> {
  const database = await createTestDatabase('bench_queue');
  const pool = openPostgresPool({ url: database.url, maxConnections: 16 });
  const db = kyselyOverPool(pool);
  await migrateToLatest(db);
  return {
    db,
    queue: createPgBossQueue({ pool }),
    close: async () => {
      await db.destroy();
      await database.drop();
    },
  };
}

/**
 * Enqueues `count` no-op jobs (one transaction), then times from start() until the last one is
 * stored as completed. Returns jobs per second.
 */
export async function measureNoOpJobs(count: number, concurrency: number, open: () => Promise<QueueUnderTest> = embeddedQueue): Promise<number> {
  const { db, queue, close } = await open();
  try {
    const ids: string[] = [];
    await db.transaction().execute(async (trx) => {
      const executor = fromKysely(trx);
      for (let i = 0; i < count; i += 1) ids.push(await queue.enqueue('noop', { i }, { executor }));
    });
    let handled = 0;
    let allHandled!: () => void;
    const done = new Promise<void>((resolve) => (allHandled = resolve));
    queue.work('noop', async () => {
      handled += 1;
      if (handled === count) allHandled();
    }, { concurrency });
    const started = performance.now();
    await queue.start();
    await done;
    // Handled is not finished: wait until every outcome is stored.
    for (const id of ids.slice(-concurrency)) await queue.waitFor(id, ['completed'], { timeoutMs: 60_000 });
    const seconds = (performance.now() - started) / 1000;
    await queue.stop();
    for (const id of ids) {
      const job = await queue.getJob(id);
      if (job?.state !== 'completed') throw new Error(`job ${id} is ${job?.state ?? 'gone'}, not completed`);
    }
    return count / seconds;
  } finally {
    await close();
  }
}

/**
 * What one durable commit (WAL, synchronous=FULL: an fsync) costs on this machine's disk, in ms. A
 * pass of the queue is one commit for up to CONCURRENCY jobs (their fsyncs shared by group commit), so this bounds the figure: on a disk
 * whose fsync takes 4 ms, 8 jobs a commit cannot pass 2,000 jobs/s. Printed beside the figure.
 */
export function durableCommitMs(commits = 100): number {
  return withDurableSqliteFile((db) => {
    db.exec('CREATE TABLE t (n INTEGER)');
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    const started = performance.now();
    for (let n = 0; n < commits; n += 1) insert.run(n);
    return (performance.now() - started) / commits;
  });
}

/** Runs `work` on a fresh better-sqlite3 file where every commit is an fsync (WAL, synchronous=FULL), then removes it. */
function withDurableSqliteFile<T>(work: (db: SqliteDatabase.Database) => T): T {
  const folder = mkdtempSync(join(tmpdir(), 'countersign-bench-sqlite-'));
  const db = new SqliteDatabase(join(folder, 'bench.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    return work(db);
  } finally {
    db.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * The machine baseline of the figure (BenchRow.machine): a hand-written queue on better-sqlite3 and no
 * Countersign code, on the same kind of file (WAL, synchronous=FULL), claiming up to `concurrency`
 * queued rows in one durable commit and marking them completed in another. Jobs per second: what
 * this machine's disk and CPU allow a minimal queue, so a slower machine is told from a slower queue.
 */
export function rawQueueJobsPerSecond(count: number, concurrency: number): number {
  return withDurableSqliteFile((db) => {
    db.exec("CREATE TABLE jobs (id INTEGER PRIMARY KEY, state TEXT NOT NULL, payload TEXT NOT NULL)");
    const insert = db.prepare("INSERT INTO jobs (state, payload) VALUES ('queued', ?)");
    db.transaction(() => {
      for (let i = 0; i < count; i += 1) insert.run(JSON.stringify({ i }));
    })();
    const claim = db.prepare("UPDATE jobs SET state = 'running' WHERE id IN (SELECT id FROM jobs WHERE state = 'queued' ORDER BY id LIMIT ?) RETURNING id");
    const finish = db.prepare("UPDATE jobs SET state = 'completed' WHERE id = ?");
    const finishAll = db.transaction((ids: number[]) => {
      for (const id of ids) finish.run(id);
    });
    const started = performance.now();
    for (;;) {
      const ids = (claim.all(concurrency) as Array<{ id: number }>).map((row) => row.id);
      if (ids.length === 0) break;
      finishAll(ids);
    }
    return count / ((performance.now() - started) / 1000);
  });
}

/**
 * The PostgreSQL run's machine baseline: the same hand-written queue on pg, in a table of its own on
 * a fresh database, each claim and each finish a durable commit (PostgreSQL's default).
 */
export async function rawPostgresQueueJobsPerSecond(count: number, concurrency: number): Promise<number> {
  const database = await createTestDatabase('bench_raw_queue');
  try {
    return await withClient(database.url, async (client) => {
      await client.query('CREATE TABLE jobs (id bigserial PRIMARY KEY, state text NOT NULL, payload jsonb NOT NULL)');
      await client.query("INSERT INTO jobs (state, payload) SELECT 'queued', jsonb_build_object('i', n) FROM generate_series(1, $1) AS n", [count]);
      const started = performance.now();
      for (;;) {
        const { rows } = await client.query<{ id: string }>(
          "UPDATE jobs SET state = 'running' WHERE id IN (SELECT id FROM jobs WHERE state = 'queued' ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING id",
          [concurrency],
        );
        if (rows.length === 0) break;
        await client.query("UPDATE jobs SET state = 'completed' WHERE id = ANY($1)", [rows.map((row) => row.id)]);
      }
      return count / ((performance.now() - started) / 1000);
    });
  } finally {
    await database.drop();
  }
}

/** The figure and its baseline, measured in this process. */
async function measure({ smoke, postgres }: Pick<BenchOptions, 'smoke' | 'postgres'>): Promise<{ rate: number; raw: number; about: string }> {
  const count = smoke ? 2_000 : 20_000;
  const open = postgres ? postgresQueue : embeddedQueue;
  // A short warm-up run first (JIT, page cache), then the measured one.
  await measureNoOpJobs(Math.min(count, 1_000), CONCURRENCY, open);
  const rate = await measureNoOpJobs(count, CONCURRENCY, open);
  if (postgres) {
    const raw = await rawPostgresQueueJobsPerSecond(count, CONCURRENCY);
    return { rate, raw, about: `${count} jobs on pg-boss; a hand-written PostgreSQL queue: ${raw.toFixed(0)} jobs/s` };
  }
  const commitMs = durableCommitMs();
  const raw = rawQueueJobsPerSecond(count, CONCURRENCY);
  return { rate, raw, about: `${count} jobs; a durable commit here takes ${commitMs.toFixed(2)} ms, one per ≤ ${CONCURRENCY} jobs; a hand-written SQLite queue: ${raw.toFixed(0)} jobs/s` };
}

const MEASURE_FLAG = '--measure-in-child';

export async function run(options: BenchOptions): Promise<BenchRow[]> {
  // Measured in a process of its own, as the other areas' servers run: in the bench's process, the
  // Connective area's driver loop, which runs beside this area in a full run, shared its event loop
  // (4,512-5,297 jobs/s in full runs, 6,545 and 6,721 alone). The child inherits the environment,
  // and with it the PostgreSQL run's database prefix; it runs from the repository's root, as the
  // sandboxes do (child-process.ts).
  const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), MEASURE_FLAG, ...(options.smoke ? ['--smoke'] : []), ...(options.postgres ? ['--postgres'] : [])], { cwd: ROOT, maxBuffer: 1024 * 1024 });
  const { rate, raw, about } = JSON.parse(stdout.trim().split('\n').at(-1)!) as Awaited<ReturnType<typeof measure>>;
  options.log(`${CONCURRENCY} at a time: ${rate.toFixed(0)} jobs/s (${about})`);
  return [
    {
      area: 'queue',
      figure: `no-op jobs per second (${CONCURRENCY} at a time, durable commits)`,
      measured: rate,
      unit: 'jobs/s',
      goal: GOAL_JOBS_PER_SECOND,
      better: 'higher',
      detail: about,
      machine: raw,
    },
  ];
}

if (process.argv.includes(MEASURE_FLAG) && import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const figures = await measure({ smoke: process.argv.includes('--smoke'), postgres: process.argv.includes('--postgres') });
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
