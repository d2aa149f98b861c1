import PgBoss from 'pg-boss';
import pg from 'pg';
import { errorMessage, jobLogFields as fields, settlesWithin, silentLogger, type QueueLogger } from './logging.js';
import { PgBossJobs, storedSingletonKey, toJob, type PgBossJobRow } from './pg-boss-jobs.js';
import { RecurringJobs } from './recurring.js';
import { backoffDelayMs, DEFAULT_BACKOFF, DEFAULT_MAX_ATTEMPTS, PermanentJobError, requestedRetryDelayMs } from './queue.js';
import type { BackoffOptions, EnqueueOptions, Job, JobContext, JobHandler, JobQueue, JobState, SqlExecutor, WorkOptions } from './queue.js';

/**
 * The job queue of a deployment with several instances on one PostgreSQL: pg-boss 10 (the line that
 * still supports Node 20) behind the backend-neutral contract of queue.ts.
 *
 * pg-boss does the storage (its schema and migrations), the enqueue (`send`, through the caller's
 * transaction when given one), the claim (`fetch`: SELECT … FOR UPDATE SKIP LOCKED, so a job runs on
 * exactly one instance) and the maintenance (expiring active jobs whose instance died). What pg-boss
 * 10 lacks is built beside it, in pg-boss-jobs.ts, never by changing pg-boss:
 * - singletonKey as "one unfinished (or one waiting) job per name and key": unique partial indexes on its job table;
 * - getJob by id alone (its getJobById wants the queue name): a query and an index on id;
 * - progress, lastError and result kept apart: one object in its `output` column;
 * - retry delays: pg-boss computes them itself from a fixed per-job delay, so it cannot follow a
 *   provider's Retry-After nor the project's backoff (full jitter, capped). This queue runs its own
 *   worker loop over `fetch` and writes each attempt's end itself, with the delay it chose;
 * - an attempt ended by stop() given back uncounted, and the AbortSignal: pg-boss 10's `work()`
 *   hands a handler no signal;
 * - a lease: pg-boss 10 has no heartbeat, only a fixed expiry per job (`started_on + expire_in`),
 *   past which its maintenance (once per `maintenanceIntervalSeconds`, cluster-wide) takes an active
 *   job to belong to a dead instance and turns it back to retry. A fixed expiry is either too short
 *   for a long send or too long to wait for a dead instance's jobs; so, like the table queue, this
 *   worker renews a short lease while the handler runs (every third of `leaseMs`, one statement for
 *   all its running jobs), by moving the row's expiry to `leaseMs` from now. A killed instance's
 *   jobs come back within the lease plus a maintenance interval or two; a live worker keeps its job
 *   however long the handler runs. When a renewal finds the attempt taken back, the handler's signal
 *   is aborted, and its outcome is discarded (every write is a compare-and-set on the attempt).
 *   An attempt's run time has no cap (pg-boss's `expireInSeconds` only sets the first lease): a cap
 *   short enough to matter would take a slow but healthy send from its live worker, and the table
 *   queue has none either. A handler bounds its own calls (the providers' HTTP client has timeouts),
 *   and stop() aborts it.
 */
export interface PgBossQueueOptions {
  /** postgres://… of the database. Give this or `pool`. */
  connectionString?: string;
  /** A pool the application already has, of at least 2 connections (it stays open at stop()). Give this or `connectionString`. */
  pool?: pg.Pool;
  /** The schema pg-boss keeps its tables in. Default 'pgboss'. */
  schema?: string;
  /** How often each worker looks for due jobs enqueued by other instances or falling due. Default 2 s. */
  pollIntervalMs?: number;
  /**
   * How long a running job stays this instance's without a renewal; renewed every third of it
   * while its handler runs. Default 60 s. A killed instance's jobs run again elsewhere after at most
   * this plus `maintenanceIntervalSeconds`; a lease shorter than a few database round trips would
   * be lost to a slow database.
   */
  leaseMs?: number;
  /**
   * How often (cluster-wide) pg-boss takes back jobs whose lease ended. Default half the lease. Each instance
   * tries once per interval and runs it only when the last run is more than an interval old, so a
   * try that comes a moment too soon waits a whole interval: a gap can reach two intervals.
   */
  maintenanceIntervalSeconds?: number;
  /** How long stop() lets running handlers finish before aborting them. Default 10 s. */
  shutdownGraceMs?: number;
  /** Retry delays; see backoffDelayMs. */
  backoff?: Partial<Pick<BackoffOptions, 'baseMs' | 'maxMs'>>;
  logger?: QueueLogger;
  /** Randomness for the backoff jitter. */
  random?: () => number;
}

export function createPgBossQueue(options: PgBossQueueOptions): JobQueue {
  if (!options.connectionString === !options.pool) throw new TypeError('createPgBossQueue needs exactly one of connectionString (postgres://…) or pool.');
  return new PgBossQueue(options);
}

/**
 * A killed instance's jobs run again within the lease plus one to two maintenance intervals (half a
 * lease each by default): 1½ to 2 minutes. The lease is long enough that a stalled event loop or a
 * database failover of tens of seconds does not lose a live worker its job (renewals come every 20 s).
 */
const DEFAULT_LEASE_MS = 60_000;
/** Below this a lease is shorter than a slow database round trip; above, pg-boss refuses the first expiry. */
const MIN_LEASE_MS = 300;
const MAX_LEASE_MS = 24 * 60 * 60 * 1000 - 1000;
/** waitFor re-reads the job this often (other instances' changes announce nothing here). */
const WAIT_POLL_MS = 25;
/** How often an enqueue refused by the singleton index tries again when the job holding the key finished meanwhile. */
const SINGLETON_TRIES = 5;
/**
 * pg-boss's time-based clean-up is not the contract's: completed jobs go when the application calls
 * purgeCompleted (its retention setting), dead jobs stay for an operator, unfinished jobs are never
 * touched. So pg-boss's own archiving and deleting are set beyond any installation's life.
 */
const NEVER_SECONDS = 100 * 365 * 24 * 60 * 60;
const NEVER_DAYS = 100 * 365;

interface Worker {
  name: string;
  handler: JobHandler<any>;
  concurrency: number;
  running: number;
  /** Ends the worker's current sleep: a job was enqueued here or a slot freed. */
  wake: () => void;
  loop: Promise<void>;
}

/** One attempt running in this process. */
interface Execution {
  row: PgBossJobRow;
  /** The job table on the connection the job was claimed on: its outcome is written there, never on a reopened one. */
  jobs: PgBossJobs;
  job: Job;
  controller: AbortController;
  /** Set when stop() aborted the handler: the attempt is given back uncounted. */
  interrupted: boolean;
  /** The handler returned or threw: a lease lost from here on is the outcome write's to report. */
  handlerDone: boolean;
  /** A renewal found the attempt taken back: no more renewals, the handler's signal is aborted. */
  leaseLost: boolean;
  done: Promise<void>;
}

/** Where an enqueue writes: pg-boss (for its send statement), the job table, and the executor the rows go through. */
interface EnqueueRoute {
  boss: PgBoss;
  jobs: PgBossJobs;
  executor: SqlExecutor;
}

/** What an instance needs once it talks to the database: opened on first use, closed by stop(). */
interface Connection {
  boss: PgBoss;
  jobs: PgBossJobs;
  db: SqlExecutor;
  pool: pg.Pool;
}

class PgBossQueue implements JobQueue {
  private readonly schema: string;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly maintenanceIntervalSeconds: number;
  private readonly shutdownGraceMs: number;
  private readonly backoff: BackoffOptions;
  private readonly logger: QueueLogger;
  private readonly workers = new Map<string, Worker>();
  private readonly executions = new Set<Execution>();
  /** Queue names known to exist in pg-boss (it refuses jobs for a queue it has no row for). */
  private readonly queues = new Map<string, Promise<void>>();
  private connection: Promise<Connection> | undefined;
  private started = false;
  /** stop() closed the connection: until start(), an enqueue goes through the caller's executor or is refused. */
  private closed = false;
  /** pg-boss and the job table without a connection of their own, for enqueues after stop(). */
  private offline: { boss: PgBoss; jobs: PgBossJobs } | undefined;
  /** Renews the running jobs' leases while any runs. */
  private renewalTimer: NodeJS.Timeout | undefined;
  /** The renewal in flight (one at a time: two over the same rows could deadlock each other). */
  private renewal: Promise<void> | undefined;
  private renewAgain = false;
  private readonly recurring: RecurringJobs;

  constructor(private readonly options: PgBossQueueOptions) {
    this.schema = options.schema ?? 'pgboss';
    this.pollIntervalMs = options.pollIntervalMs ?? 2_000;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.maintenanceIntervalSeconds = options.maintenanceIntervalSeconds ?? Math.ceil(this.leaseMs / 2000);
    this.shutdownGraceMs = options.shutdownGraceMs ?? 10_000;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff, random: options.random ?? DEFAULT_BACKOFF.random };
    this.logger = options.logger ?? silentLogger;
    // Slots on the database's clock: the one pg-boss compares start_after with, the same for every instance.
    this.recurring = new RecurringJobs((name, data, enqueueOptions) => this.enqueue(name, data, enqueueOptions), () => this.databaseNow(), this.logger);
    if (!Number.isInteger(this.leaseMs) || this.leaseMs < MIN_LEASE_MS || this.leaseMs > MAX_LEASE_MS) {
      throw new RangeError(`leaseMs must be a whole number of milliseconds from ${MIN_LEASE_MS} to under 24 hours, not ${this.leaseMs}.`);
    }
  }

  async enqueue<T>(name: string, data: T, options: EnqueueOptions = {}): Promise<string> {
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!name) throw new TypeError('A job needs a name.');
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts must be a whole number of at least 1, not ${maxAttempts}.`);
    if (options.runAfter && Number.isNaN(options.runAfter.getTime())) throw new RangeError('runAfter is not a valid date.');
    const { boss, jobs, executor } = await this.enqueueRoute(name, options.executor);
    const singletonKey = options.singletonKey === undefined ? undefined : storedSingletonKey(options.singletonKey, options.singletonScope);
    const sendOptions: PgBoss.SendOptions = {
      retryLimit: maxAttempts - 1,
      // Used only when pg-boss's maintenance expires an attempt: due again at once, like an abandoned
      // job of the table queue. Every other retry's delay is written by this queue (see recordFailure).
      retryDelay: 0,
      retryBackoff: false,
      // The job's expiry until the worker that claims it renews it (at once, see runWorker); pg-boss
      // takes seconds, at least 1.
      expireInSeconds: Math.max(1, this.leaseMs / 1000),
      retentionDays: NEVER_DAYS,
      // pg-boss's send writes through this: the job exists iff the caller's transaction commits.
      db: executor as PgBoss.Db,
      ...(options.runAfter && { startAfter: options.runAfter }),
      ...(singletonKey !== undefined && { singletonKey }),
    };
    for (let attempt = 1; attempt <= SINGLETON_TRIES; attempt++) {
      // As JSON text for pg-boss's `$3::jsonb`: any JSON value, strings included, arrives as it was.
      const id = await boss.send(name, JSON.stringify(data ?? null) as unknown as object, sendOptions);
      if (id !== null) {
        this.workers.get(name)?.wake();
        return id;
      }
      if (singletonKey === undefined) throw new Error(`pg-boss refused a job of "${name}" without saying why: is its queue missing from schema ${this.schema}?`);
      // A singleton index refused the job: another job of the key's scope holds it. That one may
      // have finished (or started) since; then the next send goes through.
      const existing = await jobs.singletonHolder(executor, name, singletonKey, options.singletonScope);
      if (existing) return existing;
    }
    throw new Error(
      `Could not enqueue "${name}" with singletonKey "${options.singletonKey}": the key stayed taken but its job could not be read. ` +
        'Is the transaction given as executor REPEATABLE READ or SERIALIZABLE? Enqueue with a singleton key in a READ COMMITTED transaction.',
    );
  }

  /**
   * An enqueue before stop() goes through the queue's connection (opened on first use), in the
   * caller's executor when given. After stop() closed that connection, it is not reopened (only the
   * next stop() would close it again, and pg-boss's maintenance timer on it would keep the process
   * alive): an enqueue with an executor writes through it alone, as a request still finishing
   * during shutdown does; one without is refused.
   */
  private async enqueueRoute(name: string, executor: SqlExecutor | undefined): Promise<EnqueueRoute> {
    if (!this.closed) {
      const connection = await this.open();
      await this.ensureQueue(connection, name);
      return { boss: connection.boss, jobs: connection.jobs, executor: executor ?? connection.db };
    }
    if (!executor) {
      throw new Error(`The job queue is stopped: enqueue "${name}" before stop(), after start(), or through the caller's transaction (the executor option).`);
    }
    this.offline ??= this.offlineParts();
    // Queues are created on the queue's own connection, which is closed now.
    if (!(await this.offline.jobs.queueExists(executor, name))) {
      throw new Error(`The job queue is stopped and pg-boss has no queue "${name}" yet: enqueue it after start().`);
    }
    return { ...this.offline, executor };
  }

  /** pg-boss's send and the job table's reads need no connection of their own when every statement goes through the caller's executor. */
  private offlineParts(): { boss: PgBoss; jobs: PgBossJobs } {
    const nowhere: SqlExecutor = {
      executeSql: () => Promise.reject(new Error('The job queue is stopped; this statement needs the caller\'s executor.')),
    };
    return { boss: new PgBoss({ db: nowhere as PgBoss.Db, schema: this.schema, supervise: false, schedule: false }), jobs: new PgBossJobs(nowhere, this.schema) };
  }

  work<T>(name: string, handler: JobHandler<T>, options: WorkOptions = {}): void {
    const concurrency = options.concurrency ?? 1;
    if (this.workers.has(name)) throw new Error(`Jobs named "${name}" already have a handler; register one handler per name.`);
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number of at least 1, not ${concurrency}.`);
    const worker: Worker = { name, handler, concurrency, running: 0, wake: () => {}, loop: Promise.resolve() };
    this.workers.set(name, worker);
    if (this.started) worker.loop = this.runWorker(worker, this.open());
  }

  scheduleEvery(name: string, intervalMs: number, data?: unknown): void {
    this.recurring.add(name, intervalMs, data);
  }

  async getJob(id: string): Promise<Job | undefined> {
    const row = await this.reading((jobs) => jobs.select(id));
    return row && toJob(row);
  }

  async purgeCompleted(completedBefore: Date): Promise<number> {
    if (Number.isNaN(completedBefore.getTime())) throw new RangeError('completedBefore is not a valid date.');
    return this.reading((jobs) => jobs.deleteCompleted(completedBefore));
  }

  /**
   * Runs `read` on the queue's connection, or, after stop() closed it, on the application's pool or a
   * client of its own for this one read: reopening the connection would start pg-boss again, and its
   * maintenance timers with it, on a queue that was stopped (and keep the process from ending).
   */
  private async reading<T>(read: (jobs: PgBossJobs) => Promise<T>): Promise<T> {
    if (!this.closed) return read((await this.open()).jobs);
    const { pool } = this.options;
    if (pool) return read(new PgBossJobs(executorOver(pool), this.schema));
    const client = new pg.Client({ connectionString: this.options.connectionString, application_name: 'countersign-jobs' });
    await client.connect();
    try {
      return await read(new PgBossJobs(executorOver(client), this.schema));
    } finally {
      await client.end();
    }
  }

  async start(): Promise<void> {
    if (this.started) return;
    // Jobs a dead instance left active need nothing here: pg-boss's maintenance (in every instance)
    // turns them back to retry once their lease ends.
    this.closed = false;
    const connection = this.open();
    const opened = await connection;
    await Promise.all([...this.workers.keys()].map((name) => this.ensureQueue(opened, name)));
    this.started = true;
    for (const worker of this.workers.values()) worker.loop = this.runWorker(worker, connection);
    this.recurring.start();
  }

  async stop(): Promise<void> {
    await this.recurring.stop();
    this.started = false;
    for (const worker of this.workers.values()) worker.wake();
    await Promise.all([...this.workers.values()].map((worker) => worker.loop));
    await this.stopHandlers();
    // Handlers that ignored the abort are given up: their leases run out and another instance runs their jobs.
    this.executions.clear();
    clearInterval(this.renewalTimer);
    this.renewalTimer = undefined;
    await this.renewal;
    const connection = this.connection;
    this.connection = undefined;
    this.closed = true;
    this.queues.clear();
    // A connection that never opened has nothing to close.
    const opened = await connection?.catch(() => undefined);
    if (!opened) return;
    await opened.boss.stop({ graceful: false, close: false });
    if (!this.options.pool) await opened.pool.end();
  }

  async waitFor(id: string, states: JobState[], options: { timeoutMs?: number } = {}): Promise<Job> {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await this.getJob(id);
      if (job && states.includes(job.state)) return job;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        const where = job
          ? `it is '${job.state}' after ${job.attempts} attempt(s)${job.lastError ? `; last error: ${job.lastError}` : ''}`
          : 'no such job exists (was it enqueued in a transaction that rolled back?)';
        throw new Error(`Job ${id} did not reach ${states.join(' or ')} within ${timeoutMs} ms: ${where}.`);
      }
      await delay(Math.min(remaining, WAIT_POLL_MS));
    }
  }

  private async databaseNow(): Promise<Date> {
    const { rows } = await (await this.open()).db.executeSql('SELECT now() AS now', []);
    return (rows[0] as { now: Date }).now;
  }

  /** Connects and installs (or migrates) pg-boss's schema on first use; stop() closes it again. */
  private open(): Promise<Connection> {
    if (this.closed) return Promise.reject(new Error('The job queue is stopped: start() it again before using its connection.'));
    this.connection ??= this.connect().catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    return this.connection;
  }

  private async connect(): Promise<Connection> {
    const pool = this.options.pool ?? new pg.Pool({ connectionString: this.options.connectionString, application_name: 'countersign-jobs' });
    if (!this.options.pool) pool.on('error', (error) => this.logger.warn({ error: errorMessage(error) }, 'an idle job-queue database connection failed'));
    // pg-boss runs its multi-statement migrations without values (one simple-protocol query).
    const db = executorOver(pool);
    const boss = new PgBoss({
      db: db as PgBoss.Db,
      schema: this.schema,
      supervise: true,
      maintenanceIntervalSeconds: this.maintenanceIntervalSeconds,
      // Recurring jobs are scheduleEvery's (recurring.ts), not pg-boss's cron: cron has whole minutes
      // and cannot say "every 45 minutes"; the contract's interval works the same on both backends.
      schedule: false,
      archiveCompletedAfterSeconds: NEVER_SECONDS,
      archiveFailedAfterSeconds: NEVER_SECONDS,
      deleteAfterDays: NEVER_DAYS,
      retentionDays: NEVER_DAYS,
    });
    // pg-boss reports maintenance failures as 'error' events; unheard, one would end the process.
    boss.on('error', (error) => this.logger.error({ error: errorMessage(error) }, 'pg-boss maintenance failed; it tries again at its next interval'));
    try {
      // pg-boss 10 checks for its schema, then creates it, without a lock around the two: instances
      // starting together on a new database would both create it and one would fail.
      const jobs = new PgBossJobs(db, this.schema);
      await this.underSchemaLock(pool, async () => {
        await boss.start();
        await jobs.addIndexes();
      });
      return { boss, jobs, db, pool };
    } catch (error) {
      await boss.stop({ graceful: false, close: false }).catch(() => {});
      if (!this.options.pool) await pool.end().catch(() => {});
      throw new Error(`Could not open the pg-boss job queue (schema ${this.schema}): ${errorMessage(error)}`, { cause: error });
    }
  }

  /**
   * pg-boss keeps each queue in its own partition of its job table, created once per name. Two
   * instances creating the same queue at once deadlock in pg-boss 10's create_queue (each attaches a
   * partition while the other holds the queue row), so creation is serialised by the schema lock;
   * a queue that exists already costs one read and no lock.
   */
  private ensureQueue({ boss, pool }: Connection, name: string): Promise<void> {
    let created = this.queues.get(name);
    if (!created) {
      created = (async () => {
        if (await boss.getQueue(name)) return;
        await this.underSchemaLock(pool, () => boss.createQueue(name, { name, policy: 'standard' }));
      })().catch((error: unknown) => {
        this.queues.delete(name);
        throw new Error(`Could not create the pg-boss queue "${name}": ${errorMessage(error)}`, { cause: error });
      });
      this.queues.set(name, created);
    }
    return created;
  }

  /**
   * Runs `work` while holding a session advisory lock on this pg-boss schema, cluster-wide. The lock
   * lives on a connection of its own, so `work` (pg-boss, on the pool) needs a second one: a pool
   * given in the options must allow at least two connections.
   */
  private async underSchemaLock<T>(pool: pg.Pool, work: () => Promise<T>): Promise<T> {
    const client = await pool.connect();
    const key = `countersign.pg-boss.${this.schema}`;
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
      }
    } finally {
      client.release();
    }
  }

  /** Claims due jobs of one name while the queue runs, up to the worker's free slots, and starts them. */
  private async runWorker(worker: Worker, connection: Promise<Connection>): Promise<void> {
    const opened = await connection;
    while (this.started) {
      const free = worker.concurrency - worker.running;
      let claimed = 0;
      try {
        // A name given a handler after start(): its queue may not exist yet.
        await this.ensureQueue(opened, worker.name);
        if (free > 0) {
          // pg-boss's fetch answers a failed query (the database away) with no jobs: the loop just polls again.
          const rows = (await opened.boss.fetch<unknown>(worker.name, { batchSize: free, includeMetadata: true })) as unknown as PgBossJobRow[];
          for (const row of rows) this.execute(worker, opened.jobs, row);
          // At once: the row's expiry is the one it was enqueued with, or the last attempt's,
          // which grew with that attempt's renewals.
          if (rows.length > 0) this.renewLeasesSoon();
          claimed = rows.length;
        }
      } catch (error) {
        this.logger.error({ name: worker.name, error: errorMessage(error) }, 'claiming jobs failed; trying again at the next poll');
      }
      // A full batch: more may be due, once a slot frees (which wakes the loop).
      if (claimed > 0 && claimed === free) continue;
      if (!this.started) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => (worker.wake = () => {}, resolve()), this.pollIntervalMs);
        worker.wake = () => {
          clearTimeout(timer);
          worker.wake = () => {};
          resolve();
        };
      });
    }
  }

  private execute(worker: Worker, jobs: PgBossJobs, row: PgBossJobRow): void {
    worker.running += 1;
    const job = toJob(row);
    const execution: Execution = { row, jobs, job, controller: new AbortController(), interrupted: false, handlerDone: false, leaseLost: false, done: Promise.resolve() };
    this.executions.add(execution);
    this.renewalTimer ??= setInterval(() => this.renewLeasesSoon(), Math.floor(this.leaseMs / 3));
    this.renewalTimer.unref();
    execution.done = this.attempt(worker, execution).finally(() => {
      worker.running -= 1;
      this.executions.delete(execution);
      if (this.executions.size === 0) {
        clearInterval(this.renewalTimer);
        this.renewalTimer = undefined;
      }
      worker.wake();
    });
  }

  /** Renews every running job's lease now, or right after the renewal in flight. */
  private renewLeasesSoon(): void {
    if (this.renewal) {
      this.renewAgain = true;
      return;
    }
    this.renewal = (async () => {
      do {
        this.renewAgain = false;
        await this.renewLeases();
      } while (this.renewAgain && this.executions.size > 0);
    })().finally(() => (this.renewal = undefined));
  }

  /** The heartbeat: one statement per connection for all running attempts; an attempt taken back loses its lease. */
  private async renewLeases(): Promise<void> {
    const running = [...this.executions].filter((execution) => !execution.leaseLost);
    for (const jobs of new Set(running.map((execution) => execution.jobs))) {
      const mine = running.filter((execution) => execution.jobs === jobs);
      let renewed: Set<string>;
      try {
        renewed = await jobs.renewLeases(mine.map((execution) => execution.row), this.leaseMs);
      } catch (error) {
        this.logger.warn({ running: mine.length, error: errorMessage(error) }, 'could not renew the leases of running jobs; trying again at the next renewal');
        continue;
      }
      for (const execution of mine) {
        // A finished handler's row changed state on its outcome write, which reports a lost lease itself.
        if (renewed.has(execution.row.id) || execution.handlerDone) continue;
        execution.leaseLost = true;
        this.logger.warn(fields(execution.job), 'lost the lease on a running job (pg-boss took it back); aborting its handler');
        execution.controller.abort(new Error(`The lease on job ${execution.job.id} ended and pg-boss took the job back; another attempt runs it.`));
      }
    }
  }

  private async attempt(worker: Worker, execution: Execution): Promise<void> {
    const { job, row, jobs, controller } = execution;
    const context: JobContext = { job, signal: controller.signal, reportProgress: async (progress) => void (await jobs.reportProgress(row, progress)) };
    let outcome: { result: unknown } | { error: unknown };
    try {
      // Through JSON inside the try: a result that is not JSON fails the attempt like any other error.
      outcome = { result: JSON.parse(JSON.stringify((await worker.handler(job.data, context)) ?? null)) };
    } catch (error) {
      outcome = { error };
    }
    execution.handlerDone = true;
    try {
      if ('result' in outcome) this.recorded(job, await jobs.complete(row, outcome.result));
      else await this.recordFailure(jobs, execution, outcome.error);
    } catch (error) {
      this.logger.error({ ...fields(job), error: errorMessage(error) }, 'could not record the outcome of a job; pg-boss runs it again once its lease ends');
    }
  }

  private async recordFailure(jobs: PgBossJobs, execution: Execution, error: unknown): Promise<void> {
    const { job, row } = execution;
    const message = errorMessage(error);
    if (execution.interrupted) {
      // Stopping is not the job's fault: the attempt is given back uncounted, due at once.
      if (this.recorded(job, await jobs.handBack(row, `Interrupted: the queue stopped during attempt ${job.attempts}.`))) {
        this.logger.info(fields(job), 'job interrupted by shutdown; it will run again');
      }
    } else if (PermanentJobError.is(error) || job.attempts >= job.maxAttempts) {
      if (this.recorded(job, await jobs.fail(row, message))) {
        this.logger.error({ ...fields(job), error: message, permanent: PermanentJobError.is(error) }, 'job failed for good; it is dead');
      }
    } else {
      // The provider's Retry-After (carried on the error) knows better than our own guess.
      const requested = requestedRetryDelayMs(error);
      const delayMs = requested ?? backoffDelayMs(job.attempts, this.backoff);
      if (this.recorded(job, await jobs.retry(row, message, delayMs))) {
        this.logger.warn({ ...fields(job), error: message, retryInMs: delayMs, retryAfter: requested !== undefined }, 'job failed; it will be retried');
        if (delayMs === 0) this.workers.get(job.name)?.wake();
      }
    }
  }

  /** An attempt's end is written only while the attempt still owns the job; says so when it did not. */
  private recorded(job: Job, written: boolean): boolean {
    if (!written) this.logger.warn(fields(job), 'the lease on this job ended before its attempt did and pg-boss took it back; this outcome is discarded');
    return written;
  }

  /** Waits for running handlers; after the grace period aborts them, so their attempts are given back. */
  private async stopHandlers(): Promise<void> {
    const running = [...this.executions];
    if (running.length === 0) return;
    const settled = Promise.allSettled(running.map((execution) => execution.done));
    if (await settlesWithin(settled, this.shutdownGraceMs)) return;
    this.logger.warn({ running: running.length }, 'stopping the job queue: aborting handlers still running after the grace period');
    for (const execution of running) {
      execution.interrupted = true;
      execution.controller.abort(new Error('The job queue is stopping.'));
    }
    if (await settlesWithin(settled, Math.min(this.shutdownGraceMs, 5_000))) return;
    for (const execution of this.executions) {
      this.logger.warn(fields(execution.job), 'a job handler ignored the abort; pg-boss runs the job again once its lease ends');
    }
  }
}

/** pg-boss's and PgBossJobs' way into the database: a pool's or a client's queries. */
function executorOver(queryable: pg.Pool | pg.Client): SqlExecutor {
  return { executeSql: (text, values) => queryable.query(text, values && [...values]) };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
