import type { Kysely } from 'kysely';
import {
  claimDueJobs,
  deleteCompletedJobs,
  insertJob,
  iso,
  newJobRow,
  nextDueTime,
  selectExpiredLeases,
  selectJob,
  toJob,
  updateActiveJob,
  type JobRow,
  type JobsDb,
} from './jobs-table.js';
import { RecurringJobs } from './recurring.js';
import { errorMessage, jobLogFields as fields, settlesWithin, silentLogger, type QueueLogger } from './logging.js';
import { backoffDelayMs, DEFAULT_BACKOFF, fromKysely, PermanentJobError, requestedRetryDelayMs } from './queue.js';
import type { BackoffOptions, EnqueueOptions, Job, JobContext, JobHandler, JobQueue, JobState, WorkOptions } from './queue.js';

export type { QueueLogger } from './logging.js';

/** Tuning of the table queue; the defaults suit the embedded server. */
export interface TableQueueOptions {
  /** How often to look for due jobs that no in-process enqueue announced. Default 2 s. */
  pollIntervalMs?: number;
  /** How long a claimed job stays ours without a heartbeat; renewed every third of it. Default 30 s. */
  leaseMs?: number;
  /** How long stop() lets running handlers finish before aborting them. Default 10 s. */
  shutdownGraceMs?: number;
  /** Retry delays; see backoffDelayMs. */
  backoff?: Partial<Pick<BackoffOptions, 'baseMs' | 'maxMs'>>;
  logger?: QueueLogger;
  /** The clock for every stored timestamp and due check. Timeouts (waitFor, stop) use real time. */
  now?: () => Date;
  /** Randomness for the backoff jitter. */
  random?: () => number;
  /**
   * This process is the table's only worker (the embedded server owns its SQLite file), so at start
   * every 'active' job belongs to a process that died: it is taken again at once, without waiting
   * for its lease to run out.
   */
  exclusive?: boolean;
}

/**
 * The embedded job queue: a jobs table worked by this process, through Kysely so it runs on SQLite
 * now and PostgreSQL later. Several processes may share the table: every transition is a
 * compare-and-set on (id, state, attempts), so two workers never both own an attempt.
 */
export function createTableQueue(db: Kysely<any>, options: TableQueueOptions = {}): JobQueue {
  return new TableQueue(db as JobsDb, options);
}

/** waitFor re-reads the job this often to see changes made by other processes. */
const WAIT_POLL_MS = 25;
/** Floor of the poll delay, so a due job another process keeps winning cannot spin the loop. */
const MIN_POLL_DELAY_MS = 5;

interface Worker {
  name: string;
  handler: JobHandler<any>;
  concurrency: number;
  running: number;
  /**
   * Due jobs of this name may be waiting: false once a claim came back short, true again when a
   * job is enqueued in-process, a retry falls due or the poll timer ticks (other processes' jobs).
   * Saves a claim query each time a slot frees while nothing is due.
   */
  maybeMore: boolean;
}

/** The end of an attempt, waiting to be written with the others that ended in the same turn. */
interface PendingFinish {
  execution: Execution;
  values: Partial<JobRow>;
  resolve(recorded: boolean): void;
  reject(error: unknown): void;
}

/** One attempt running in this process. */
interface Execution {
  job: Job;
  worker: Worker;
  controller: AbortController;
  heartbeat: NodeJS.Timeout | undefined;
  /** Set when stop() aborted the handler: the attempt does not count as a failure. */
  interrupted: boolean;
  done: Promise<void>;
}

class TableQueue implements JobQueue {
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly shutdownGraceMs: number;
  private readonly backoff: BackoffOptions;
  private readonly logger: QueueLogger;
  private readonly now: () => Date;
  private readonly exclusive: boolean;
  private readonly workers = new Map<string, Worker>();
  private readonly executions = new Set<Execution>();
  private readonly listeners = new Set<() => void>();
  private changes = 0;
  private started = false;
  private timer: NodeJS.Timeout | undefined;
  /** When the timer fires (Date.now() time), Infinity when none is set. */
  private timerAt = Infinity;
  /** The scheduling loop (see pump) runs; `pumped` settles when it stops. */
  private pumping = false;
  private pumped: Promise<void> = Promise.resolve();
  /** Work for the loop's next pass. */
  private claimWanted = false;
  private tickWanted = false;
  private finishes: PendingFinish[] = [];
  private readonly recurring: RecurringJobs;

  constructor(
    private readonly db: JobsDb,
    options: TableQueueOptions,
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 2_000;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.shutdownGraceMs = options.shutdownGraceMs ?? 10_000;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff, random: options.random ?? DEFAULT_BACKOFF.random };
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? (() => new Date());
    this.exclusive = options.exclusive ?? false;
    this.recurring = new RecurringJobs((name, data, enqueueOptions) => this.enqueue(name, data, enqueueOptions), async () => this.now(), this.logger);
  }

  async enqueue<T>(name: string, data: T, options: EnqueueOptions = {}): Promise<string> {
    const row = newJobRow(name, data, options, this.now());
    // With a singleton key the check and the insert need one transaction: the caller's, when it gave
    // an executor (never a second one of ours: on SQLite the caller's transaction holds the only
    // connection, so ours would wait for it forever), else our own.
    const id =
      options.executor || row.singleton_key === null
        ? await insertJob(this.db, options.executor ?? fromKysely(this.db), row, options.singletonScope)
        : await this.db.transaction().execute((trx) => insertJob(this.db, fromKysely(trx), row, options.singletonScope));
    this.notify();
    // In a caller's open transaction the job is not visible yet; on SQLite the claim's query waits
    // for that transaction's connection, so it still sees the job right after the commit.
    const delayMs = new Date(row.run_after).getTime() - this.now().getTime();
    if (delayMs > 0) this.armTimer(delayMs);
    else this.wantClaims(name);
    return id;
  }

  work<T>(name: string, handler: JobHandler<T>, options: WorkOptions = {}): void {
    const concurrency = options.concurrency ?? 1;
    if (this.workers.has(name)) throw new Error(`Jobs named "${name}" already have a handler; register one handler per name.`);
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number of at least 1, not ${concurrency}.`);
    this.workers.set(name, { name, handler, concurrency, running: 0, maybeMore: true });
    this.wantClaims(name);
  }

  scheduleEvery(name: string, intervalMs: number, data?: unknown): void {
    this.recurring.add(name, intervalMs, data);
  }

  async getJob(id: string): Promise<Job | undefined> {
    const row = await selectJob(this.db, id);
    return row && toJob(row);
  }

  async purgeCompleted(completedBefore: Date): Promise<number> {
    if (Number.isNaN(completedBefore.getTime())) throw new RangeError('completedBefore is not a valid date.');
    const removed = await deleteCompletedJobs(this.db, completedBefore);
    if (removed > 0) this.notify();
    return removed;
  }

  async start(): Promise<void> {
    if (this.started) return;
    // Before claiming anything: jobs a dead process left 'active' become due again (or dead).
    await this.recoverAbandoned(this.exclusive ? new Date(Date.UTC(9999, 11, 31)) : undefined);
    this.started = true;
    this.tickWanted = true;
    this.kick();
    this.recurring.start();
  }

  async stop(): Promise<void> {
    await this.recurring.stop();
    this.started = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
    await this.pumped;
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
      // Let the lease run out so the next start (or another process) takes the job again.
      clearInterval(execution.heartbeat);
      this.logger.warn(fields(execution.job), 'a job handler ignored the abort; the job will run again once its lease ends');
    }
  }

  async waitFor(id: string, states: JobState[], options: { timeoutMs?: number } = {}): Promise<Job> {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Noted before reading, so a change between the read and the wait is not missed.
      const seen = this.changes;
      const job = await this.getJob(id);
      if (job && states.includes(job.state)) return job;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        const where = job
          ? `it is '${job.state}' after ${job.attempts} attempt(s)${job.lastError ? `; last error: ${job.lastError}` : ''}`
          : 'no such job exists (was it enqueued in a transaction that rolled back?)';
        throw new Error(`Job ${id} did not reach ${states.join(' or ')} within ${timeoutMs} ms: ${where}.`);
      }
      await this.changeAfter(seen, Math.min(remaining, WAIT_POLL_MS));
    }
  }

  /** Asks for a claim pass: jobs of `name` (or of every name) may be due now. */
  private wantClaims(name?: string): void {
    for (const worker of this.workers.values()) if (name === undefined || worker.name === name) worker.maybeMore = true;
    this.claimWanted = true;
    this.kick();
  }

  /** Starts the scheduling loop unless it runs; a running loop sees the new work before it stops. */
  private kick(): void {
    if (this.pumping) return;
    this.pumping = true;
    this.pumped = this.pump();
  }

  /**
   * The one loop that writes scheduling changes, so that claims never overlap and free slots are
   * counted once. Each pass writes, in ONE transaction (one durable commit), the outcomes of every
   * attempt that ended since the last pass and the claims that refill the slots they freed; a timer
   * tick (every pollIntervalMs, or sooner when a delayed job falls due) also takes back abandoned
   * jobs and looks for jobs other processes enqueued. It stops when a pass finds nothing to do.
   */
  private async pump(): Promise<void> {
    for (;;) {
      // One turn of the event loop first: attempts ending together share the pass and its commit.
      await new Promise((resolve) => setImmediate(resolve));
      const finishes = this.finishes.splice(0);
      const tick = this.tickWanted && this.started;
      const claim = this.started && (tick || this.claimWanted || finishes.length > 0);
      this.tickWanted = false;
      this.claimWanted = false;
      if (finishes.length === 0 && !claim) {
        this.pumping = false;
        return;
      }
      try {
        await this.pass(finishes, claim, tick);
      } catch (error) {
        for (const finish of finishes) finish.reject(error);
        this.logger.error({ error: errorMessage(error) }, 'working the jobs table failed; trying again at the next tick');
        if (tick) this.armTimer(this.pollIntervalMs);
      }
    }
  }

  private async pass(finishes: PendingFinish[], claim: boolean, tick: boolean): Promise<void> {
    if (tick) {
      await this.recoverAbandoned();
      for (const worker of this.workers.values()) worker.maybeMore = true;
    }
    const { recorded, claimed } = await this.db.transaction().execute(async (trx) => {
      const recorded: boolean[] = [];
      for (const { execution, values } of finishes) {
        // Compare-and-set on the attempt: a job whose lease ran out may be another worker's now.
        recorded.push(await updateActiveJob(trx, execution.job.id, execution.job.attempts, values));
      }
      const claimed: Array<{ worker: Worker; wanted: number; rows: JobRow[] }> = [];
      for (const worker of claim ? this.workers.values() : []) {
        // The attempts finishing in this pass still count as running until their promises settle.
        const wanted = worker.concurrency - worker.running + finishes.filter((finish) => finish.execution.worker === worker).length;
        if (wanted <= 0 || !worker.maybeMore) continue;
        claimed.push({ worker, wanted, rows: await claimDueJobs(trx, worker.name, this.now(), this.leaseMs, wanted) });
      }
      return { recorded, claimed };
    });
    finishes.forEach((finish, index) => finish.resolve(recorded[index]!));
    for (const { worker, wanted, rows } of claimed) {
      // A short claim means nothing more is due for now: no claim query per freed slot until told otherwise.
      worker.maybeMore = rows.length === wanted;
      for (const row of rows) this.execute(worker, toJob(row));
    }
    if (finishes.length > 0 || claimed.some(({ rows }) => rows.length > 0)) this.notify();
    if (tick) this.armTimer(await this.nextPollDelay());
  }

  /** Makes the timer tick within `delayMs` (never sooner than MIN_POLL_DELAY_MS); an earlier tick stays. */
  private armTimer(delayMs: number): void {
    if (!this.started) return;
    const at = Date.now() + Math.max(MIN_POLL_DELAY_MS, delayMs);
    if (this.timer && this.timerAt <= at) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.tickWanted = true;
      this.kick();
    }, at - Date.now());
    // The queue alone must not keep the process alive (a test that forgets stop(), a CLI command).
    this.timer.unref();
  }

  /** Waits until the earliest retry or delayed job is due, but never longer than the poll interval. */
  private async nextPollDelay(): Promise<number> {
    const names = [...this.workers.values()].filter((worker) => worker.running < worker.concurrency).map((worker) => worker.name);
    const next = await nextDueTime(this.db, names);
    if (!next) return this.pollIntervalMs;
    return Math.min(this.pollIntervalMs, Math.max(MIN_POLL_DELAY_MS, next.getTime() - this.now().getTime()));
  }

  /**
   * An 'active' job whose lease ended belongs to a worker that died (a heartbeat renews every live
   * lease): it goes back to 'retry', due now, or to 'dead' when that was its last attempt.
   */
  /** `leasesEndedBefore`: later than every lease (year 9999; ISO text compares as text) to take back every active job. */
  private async recoverAbandoned(leasesEndedBefore?: Date): Promise<void> {
    const at = this.now();
    const now = iso(at);
    for (const row of await selectExpiredLeases(this.db, leasesEndedBefore ?? at)) {
      const dead = row.attempts >= row.max_attempts;
      const recovered = await this.updateActive(row.id, row.attempts, {
        state: dead ? 'dead' : 'retry',
        run_after: now,
        locked_until: null,
        last_error: `The worker running attempt ${row.attempts} stopped before finishing (its lease ended ${row.locked_until ?? 'unset'}).`,
        updated_at: now,
        completed_at: dead ? now : null,
      });
      if (!recovered) continue;
      const log = { jobId: row.id, name: row.name, attempt: row.attempts, maxAttempts: row.max_attempts };
      if (dead) this.logger.error(log, 'job abandoned by a stopped worker on its last attempt; it is dead');
      else this.logger.warn(log, 'job abandoned by a stopped worker; it will run again');
    }
  }

  private execute(worker: Worker, job: Job): void {
    worker.running += 1;
    const execution: Execution = { job, worker, controller: new AbortController(), heartbeat: undefined, interrupted: false, done: Promise.resolve() };
    let renewing = false;
    execution.heartbeat = setInterval(() => {
      if (renewing) return;
      renewing = true;
      void this.renewLease(execution).finally(() => (renewing = false));
    }, Math.max(1, Math.floor(this.leaseMs / 3)));
    execution.heartbeat.unref();
    this.executions.add(execution);
    execution.done = this.attempt(worker, execution).finally(() => {
      clearInterval(execution.heartbeat);
      worker.running -= 1;
      this.executions.delete(execution);
      // The pass that wrote the outcome has already refilled this slot, unless it had no way to
      // (the write failed) or found nothing due.
      if (this.started && worker.maybeMore && worker.running < worker.concurrency) {
        this.claimWanted = true;
        this.kick();
      }
    });
  }

  private async attempt(worker: Worker, execution: Execution): Promise<void> {
    const { job, controller } = execution;
    const context: JobContext = { job, signal: controller.signal, reportProgress: (progress) => this.reportProgress(execution, progress) };
    let outcome: { result: string } | { error: unknown };
    try {
      // Serialised inside the try: a result that is not JSON fails the attempt like any other error.
      outcome = { result: JSON.stringify((await worker.handler(job.data, context)) ?? null) };
    } catch (error) {
      outcome = { error };
    }
    try {
      if ('result' in outcome) await this.finish(execution, { state: 'completed', result: outcome.result, completed_at: iso(this.now()) });
      else await this.recordFailure(execution, outcome.error);
    } catch (error) {
      this.logger.error({ ...fields(job), error: errorMessage(error) }, 'could not record the outcome of a job; it will run again once its lease ends');
    }
  }

  private async recordFailure(execution: Execution, error: unknown): Promise<void> {
    const { job } = execution;
    const now = this.now();
    const message = errorMessage(error);
    if (execution.interrupted) {
      // Stopping is not the job's fault: hand the attempt back so it runs again, due at once.
      const recorded = await this.finish(execution, { state: 'retry', attempts: job.attempts - 1, run_after: iso(now), last_error: `Interrupted: the queue stopped during attempt ${job.attempts}.` });
      if (recorded) this.logger.info(fields(job), 'job interrupted by shutdown; it will run again');
    } else if (PermanentJobError.is(error) || job.attempts >= job.maxAttempts) {
      const recorded = await this.finish(execution, { state: 'dead', last_error: message, completed_at: iso(now) });
      if (recorded) this.logger.error({ ...fields(job), error: message, permanent: PermanentJobError.is(error) }, 'job failed for good; it is dead');
    } else {
      // The provider's Retry-After (carried on the error) knows better than our own guess.
      const requested = requestedRetryDelayMs(error);
      const delayMs = requested ?? backoffDelayMs(job.attempts, this.backoff);
      const recorded = await this.finish(execution, { state: 'retry', run_after: iso(new Date(now.getTime() + delayMs)), last_error: message });
      if (recorded) this.logger.warn({ ...fields(job), error: message, retryInMs: delayMs, retryAfter: requested !== undefined }, 'job failed; it will be retried');
      if (recorded && delayMs > 0) this.armTimer(delayMs);
      else if (recorded) this.wantClaims(job.name);
    }
  }

  /** Every write to a running job goes through here: compare-and-set on the attempt, then notify waiters. */
  private async updateActive(id: string, attempts: number, values: Partial<JobRow>): Promise<boolean> {
    const updated = await updateActiveJob(this.db, id, attempts, values);
    if (updated) this.notify();
    return updated;
  }

  /** Writes the end of an attempt, if the attempt is still ours: at the loop's next pass, with the others ending then. */
  private async finish(execution: Execution, values: Partial<JobRow>): Promise<boolean> {
    const { job } = execution;
    const recorded = await new Promise<boolean>((resolve, reject) => {
      this.finishes.push({ execution, values: { ...values, locked_until: null, updated_at: iso(this.now()) }, resolve, reject });
      this.kick();
    });
    if (recorded) return true;
    this.logger.warn(fields(job), 'the lease on this job ended before its attempt did and another worker took it; this outcome is discarded');
    return false;
  }

  /** Heartbeat: pushes the lease forward; losing the row means another worker owns the job now. */
  private async renewLease(execution: Execution): Promise<void> {
    const { job } = execution;
    try {
      if (await this.updateActive(job.id, job.attempts, { locked_until: iso(new Date(this.now().getTime() + this.leaseMs)) })) return;
      clearInterval(execution.heartbeat);
      this.logger.warn(fields(job), 'lost the lease on a running job; aborting its handler');
      execution.controller.abort(new Error(`The lease on job ${job.id} ended and another worker took it.`));
    } catch (error) {
      this.logger.warn({ ...fields(job), error: errorMessage(error) }, 'could not renew a job lease; trying again at the next heartbeat');
    }
  }

  private async reportProgress(execution: Execution, progress: unknown): Promise<void> {
    const { job } = execution;
    await this.updateActive(job.id, job.attempts, { progress: JSON.stringify(progress ?? null), updated_at: iso(this.now()) });
  }

  /** Tells waitFor callers that a job changed in this process, so they need not wait for a re-read. */
  private notify(): void {
    this.changes += 1;
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves at the first change after change number `seen`, or after `ms` (other processes do not notify). */
  private changeAfter(seen: number, ms: number): Promise<void> {
    if (this.changes !== seen) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.listeners.add(done);
    });
  }
}
