import type { Kysely } from 'kysely';
import { newId } from '../store/ids.js';
import { DEFAULT_MAX_ATTEMPTS, UNFINISHED_JOB_STATES, WAITING_JOB_STATES, type EnqueueOptions, type Job, type JobState, type SingletonScope, type SqlExecutor } from './queue.js';

/**
 * Every statement the table queue runs on the jobs table (migration 2026-11-23T19-10-jobs), in
 * Kysely so that the same code runs on SQLite and PostgreSQL. The scheduling around them (polling,
 * leases, retries, shutdown) lives in table-queue.ts.
 */

/** A row of the jobs table. Timestamps are ISO-8601 UTC text (sorts as text); JSON is text. */
export interface JobRow {
  id: string;
  name: string;
  data: string;
  state: string;
  attempts: number;
  max_attempts: number;
  run_after: string;
  locked_until: string | null;
  last_error: string | null;
  singleton_key: string | null;
  progress: string | null;
  result: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

/** The part of the database the queue sees. */
export type JobsDb = Kysely<{ jobs: JobRow }>;

/** States a worker may claim a job from. */
export const CLAIMABLE_STATES: readonly JobState[] = ['created', 'retry'];

export function iso(date: Date): string {
  return date.toISOString();
}

/** The row for a new job; validates the options a caller could get wrong. */
export function newJobRow(name: string, data: unknown, options: EnqueueOptions, now: Date): JobRow {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!name) throw new TypeError('A job needs a name.');
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts must be a whole number of at least 1, not ${maxAttempts}.`);
  if (options.runAfter && Number.isNaN(options.runAfter.getTime())) throw new RangeError('runAfter is not a valid date.');
  const at = iso(now);
  return {
    id: newId('job'),
    name,
    data: JSON.stringify(data ?? null),
    state: 'created',
    attempts: 0,
    max_attempts: maxAttempts,
    run_after: options.runAfter ? iso(options.runAfter) : at,
    locked_until: null,
    last_error: null,
    singleton_key: options.singletonKey ?? null,
    progress: null,
    result: null,
    created_at: at,
    updated_at: at,
    completed_at: null,
  };
}

/**
 * Inserts the row through `executor`, the caller's transaction or the queue's own database. With a
 * singleton key, returns the id of the unfinished (or, in scope 'waiting', not yet started) job of
 * that name and key when there is one; the check and the insert must then run in one transaction,
 * which the caller provides.
 */
export async function insertJob(db: JobsDb, executor: SqlExecutor, row: JobRow, scope: SingletonScope = 'unfinished'): Promise<string> {
  if (row.singleton_key !== null) {
    const existing = db
      .selectFrom('jobs')
      .select('id')
      .where('name', '=', row.name)
      .where('singleton_key', '=', row.singleton_key)
      .where('state', 'in', scope === 'waiting' ? WAITING_JOB_STATES : UNFINISHED_JOB_STATES)
      .orderBy('id')
      .limit(1);
    const [found] = (await run(executor, existing)).rows as Array<{ id: string }>;
    if (found) return found.id;
  }
  await run(executor, db.insertInto('jobs').values(row));
  return row.id;
}

/** Compiled with the queue's own dialect, run through the executor (which reaches the same database). */
function run(executor: SqlExecutor, query: { compile(): { sql: string; parameters: readonly unknown[] } }): Promise<{ rows: unknown[] }> {
  const compiled = query.compile();
  return executor.executeSql(compiled.sql, compiled.parameters);
}

export function selectJob(db: JobsDb, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Claims up to `limit` due jobs of one name, oldest due first: they become 'active' with a lease and
 * one more attempt. Read once per claimable state, each in the (state, run_after) index's order, so
 * that a claim reads `limit` rows whatever the backlog (one query over both states would sort every
 * due job at each claim). Each row is then taken by an optimistic compare-and-set on its primary key:
 * of two workers racing for a job exactly one gets it; the other skips it.
 */
export async function claimDueJobs(db: JobsDb, name: string, now: Date, leaseMs: number, limit: number): Promise<JobRow[]> {
  if (limit <= 0) return [];
  const due: JobRow[] = [];
  for (const state of CLAIMABLE_STATES) {
    due.push(
      ...(await db.selectFrom('jobs').selectAll().where('state', '=', state).where('name', '=', name).where('run_after', '<=', iso(now)).orderBy('run_after').limit(limit).execute()),
    );
  }
  due.sort((a, b) => (a.run_after === b.run_after ? (a.id < b.id ? -1 : 1) : a.run_after < b.run_after ? -1 : 1));
  const claimed: JobRow[] = [];
  for (const row of due.slice(0, limit)) {
    const taken = await claimJob(db, row, now, leaseMs);
    if (taken) claimed.push(taken);
  }
  return claimed;
}

/**
 * Optimistic claim: the update matches only while the row is as it was read (same state family and
 * attempts), so of two workers racing for a job exactly one gets a row count of 1.
 * Returns the claimed row, or undefined when another worker was first.
 */
async function claimJob(db: JobsDb, row: JobRow, now: Date, leaseMs: number): Promise<JobRow | undefined> {
  const claimed = { state: 'active', attempts: row.attempts + 1, locked_until: iso(new Date(now.getTime() + leaseMs)), updated_at: iso(now) };
  const result = await db
    .updateTable('jobs')
    .set(claimed)
    .where('id', '=', row.id)
    .where('state', 'in', CLAIMABLE_STATES)
    .where('attempts', '=', row.attempts)
    .where('run_after', '<=', iso(now))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? { ...row, ...claimed } : undefined;
}

/**
 * Updates an 'active' job only while it is in the attempt the caller knows (compare-and-set on
 * attempts): once its lease ran out another worker may own it, and a stale write must not land.
 */
export async function updateActiveJob(db: JobsDb, id: string, attempts: number, values: Partial<JobRow>): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set(values)
    .where('id', '=', id)
    .where('state', '=', 'active')
    .where('attempts', '=', attempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** 'active' jobs whose lease ended before `now` (a missing lease counts as ended). */
export function selectExpiredLeases(db: JobsDb, now: Date): Promise<Array<Pick<JobRow, 'id' | 'name' | 'attempts' | 'max_attempts' | 'locked_until'>>> {
  return db
    .selectFrom('jobs')
    .select(['id', 'name', 'attempts', 'max_attempts', 'locked_until'])
    .where('state', '=', 'active')
    .where((eb) => eb.or([eb('locked_until', '<', iso(now)), eb('locked_until', 'is', null)]))
    .execute();
}

/** When the next created or retry job of these names falls due, if there is one. */
export async function nextDueTime(db: JobsDb, names: string[]): Promise<Date | undefined> {
  if (names.length === 0) return undefined;
  const row = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.min('run_after').as('next'))
    .where('name', 'in', names)
    .where('state', 'in', CLAIMABLE_STATES)
    .executeTakeFirst();
  return row?.next ? new Date(row.next) : undefined;
}

/** Deletes completed jobs finished before `before` (the (state, run_after) index narrows the scan to completed jobs). */
export async function deleteCompletedJobs(db: JobsDb, before: Date): Promise<number> {
  const result = await db.deleteFrom('jobs').where('state', '=', 'completed').where('completed_at', '<', iso(before)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    name: row.name,
    data: JSON.parse(row.data),
    state: row.state as JobState,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAfter: new Date(row.run_after),
    singletonKey: row.singleton_key,
    lastError: row.last_error,
    progress: row.progress === null ? null : JSON.parse(row.progress),
    result: row.result === null ? null : JSON.parse(row.result),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    completedAt: row.completed_at === null ? null : new Date(row.completed_at),
  };
}
