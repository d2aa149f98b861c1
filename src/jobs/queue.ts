import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { BackoffOptions } from '../domain/backoff.js';
import { UNPREPARED } from '../store/pg-prepared.js';

export { backoffDelayMs, type BackoffOptions } from '../domain/backoff.js';

/**
 * The durable job queue contract. Backend-neutral: the embedded deployment works it over a jobs
 * table (table-queue.ts); the multi-instance deployment will put pg-boss behind the same contract.
 * Nothing here may assume SQLite.
 */

/**
 * The one database capability the queue needs from a caller: run one SQL statement. It is the shape
 * of pg-boss's `db` option, and it lets a job be enqueued inside the caller's transaction — the job
 * exists if and only if the change that asked for it committed.
 */
export interface SqlExecutor {
  executeSql(text: string, values: readonly unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Wraps a Kysely instance or an open Kysely transaction as a {@link SqlExecutor}.
 * Pass the transaction (`db.transaction().execute((trx) => queue.enqueue(..., { executor: fromKysely(trx) }))`)
 * to make the enqueue part of it. The executor must reach the same database the queue uses.
 */
export function fromKysely(db: Kysely<any> | Transaction<any>): SqlExecutor {
  return {
    async executeSql(text, values) {
      // Unprepared on PostgreSQL: pg-boss's job table gains partitions as queues are created (UNPREPARED says why).
      const result = await db.executeQuery(CompiledQuery.raw(UNPREPARED + text, [...values]));
      return { rows: result.rows as unknown[] };
    },
  };
}

export interface EnqueueOptions {
  /** Not before this moment. Default: now. */
  runAfter?: Date;
  /** Attempts before the job goes 'dead', counting the first. Default {@link DEFAULT_MAX_ATTEMPTS}. */
  maxAttempts?: number;
  /**
   * At most one unfinished job (created, active or retry) per name and key: enqueueing again
   * returns the existing job's id. A finished job does not block a new one.
   */
  singletonKey?: string;
  /**
   * Which jobs of the key count for `singletonKey`: 'unfinished' (the default) every created, active or
   * retry one; 'waiting' only those not started yet (created or retry), so that a job enqueued while
   * another of its key runs is added and runs after it. For work whose news may have come after the
   * running job read its input: a second callback during a sync must bring a second sync.
   */
  singletonScope?: SingletonScope;
  /** Enqueue through this executor, typically the caller's open transaction (see {@link fromKysely}). */
  executor?: SqlExecutor;
}

/**
 * created → active → completed; a failed attempt goes to retry (and back to active when due, after
 * the backoff or the delay the error asked for, see {@link RetryLaterError}) until the last attempt
 * fails, or the handler throws {@link PermanentJobError}, which makes it dead.
 */
export type JobState = 'created' | 'active' | 'retry' | 'completed' | 'dead';

/** The job states that still have work ahead. */
export const UNFINISHED_JOB_STATES: readonly JobState[] = ['created', 'active', 'retry'];
/** The job states of work not started yet (or to start again): what a 'waiting' singleton key counts. */
export const WAITING_JOB_STATES: readonly JobState[] = ['created', 'retry'];

export type SingletonScope = 'unfinished' | 'waiting';

export interface Job<T = unknown> {
  id: string;
  name: string;
  data: T;
  state: JobState;
  /** Attempts started so far, including the running one. */
  attempts: number;
  maxAttempts: number;
  /** Not claimed before this moment (for a retry: when the backoff ends). */
  runAfter: Date;
  singletonKey: string | null;
  /** Message of the last failure, or null. */
  lastError: string | null;
  /** The last value the handler reported through {@link JobContext.reportProgress}, or null. */
  progress: unknown;
  /** What the handler returned (null until completed, or when it returned nothing). */
  result: unknown;
  createdAt: Date;
  updatedAt: Date;
  /** When the job reached 'completed' or 'dead'; null before. */
  completedAt: Date | null;
}

export interface JobContext {
  /** The job as claimed for this attempt (state 'active', attempts counting this one). */
  job: Job;
  /** Stores a JSON-serialisable progress value; readable through {@link JobQueue.getJob}. */
  reportProgress(progress: unknown): Promise<void>;
  /**
   * Aborted when the queue stops and its grace period ran out (a failure then hands the job back
   * without counting the attempt), or when this worker lost the job's lease to another worker (the
   * attempt's outcome is then discarded). Pass it to fetch and other cancellable calls.
   */
  signal: AbortSignal;
}

/** Does the work of one job. Its return value (JSON-serialisable) is stored as the job's result. */
export type JobHandler<T> = (data: T, context: JobContext) => Promise<unknown>;

export interface WorkOptions {
  /** Jobs of this name run at once in this process. Default 1. */
  concurrency?: number;
}

export interface JobQueue {
  /**
   * Adds a job and returns its id. With `singletonKey`, returns the id of the existing unfinished
   * (or, by `singletonScope`, waiting) job of that name and key instead of adding one.
   */
  enqueue<T>(name: string, data: T, options?: EnqueueOptions): Promise<string>;
  /** Registers the handler for jobs of `name`. One handler per name. */
  work<T>(name: string, handler: JobHandler<T>, options?: WorkOptions): void;
  /**
   * Runs a job of `name` (worked by its `work` handler, with `data`) once per `intervalMs` across
   * every instance sharing the queue, from start() to stop(): one job per slot of the interval
   * (slots aligned on the Unix epoch, the first run at the next slot's start), each with one attempt.
   * Every instance keeps the next slot enqueued (src/jobs/recurring.ts), so the series goes on while
   * any instance runs, whatever happened to one run. A run that outlasts its interval overlaps the
   * next slot's run. Call it for every instance, before or after start().
   */
  scheduleEvery(name: string, intervalMs: number, data?: unknown): void;
  getJob(id: string): Promise<Job | undefined>;
  /**
   * Deletes 'completed' jobs that completed before `completedBefore`; returns how many. Dead jobs are
   * kept, whatever their age, for an operator to inspect; unfinished jobs are never touched.
   */
  purgeCompleted(completedBefore: Date): Promise<number>;
  /** Begins claiming jobs; first recovers jobs left 'active' by a process that died. */
  start(): Promise<void>;
  /** Stops claiming and waits for running handlers; aborts them when the grace period runs out. */
  stop(): Promise<void>;
  /**
   * Resolves with the job once it is in one of `states`; rejects after `timeoutMs` (default 30 s)
   * with the state it was in. For tests and the API: wait for state, never sleep.
   */
  waitFor(id: string, states: JobState[], options?: { timeoutMs?: number }): Promise<Job>;
}

/** A handler throws this when trying again cannot help (bad input, a refusal): the job goes dead at once. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentJobError';
  }

  static is(error: unknown): error is PermanentJobError {
    return error instanceof PermanentJobError;
  }
}

/**
 * A handler throws this (or any error with a `retryAfterMs` property, such as a provider's
 * `ProviderError` carrying its `Retry-After`) to have the next attempt at that delay instead of the
 * queue's backoff. It still counts as a failed attempt: `maxAttempts` bounds the retries.
 */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RetryLaterError';
  }
}

/**
 * The delay a thrown error asks for before the next attempt: its `retryAfterMs` when that is a
 * finite number of at least 0, else `undefined` (the queue's backoff applies). Read by property, not
 * by class, so the queue needs to know no provider's error type.
 */
export function requestedRetryDelayMs(error: unknown): number | undefined {
  const value = typeof error === 'object' && error !== null ? (error as { retryAfterMs?: unknown }).retryAfterMs : undefined;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.ceil(value) : undefined;
}

/** Attempts a job gets unless enqueued with `maxAttempts`. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/** The queue's retry delays: the project's one backoff function (src/domain/backoff.ts) with these defaults. */
export const DEFAULT_BACKOFF: Readonly<BackoffOptions> = { baseMs: 1_000, maxMs: 5 * 60_000, random: Math.random };
