import type { Job, JobState, SingletonScope, SqlExecutor } from './queue.js';

/**
 * The statements the pg-boss queue runs on pg-boss's own job table itself, where pg-boss 10 has no
 * call for what the queue contract needs (pg-boss-queue.ts says which and why). pg-boss owns the
 * table and its migrations; this module adds two indexes to it and writes only columns pg-boss
 * gives the same meaning to. The scheduling around them lives in pg-boss-queue.ts.
 *
 * pg-boss's `output` column (jsonb) holds what pg-boss 10 has no column for, as one object:
 * `{ result, progress, lastError, updatedAt }`. pg-boss writes it itself only when its maintenance
 * expires an active job (`{ value: { message } }`, replacing the object), which {@link toJob} reads
 * as the last error.
 */

/**
 * The key of a job enqueued with singleton scope 'waiting' is stored with this mark in front: each
 * scope has its own unique index (below), told apart by the mark, since pg-boss has no column to spare.
 */
const WAITING_MARK = '~waiting~';

/** The singleton key as stored in pg-boss's column. */
export function storedSingletonKey(key: string, scope: SingletonScope = 'unfinished'): string {
  return scope === 'waiting' ? `${WAITING_MARK}${key}` : key;
}

/** The singleton key as the caller gave it. */
function givenSingletonKey(stored: string | null): string | null {
  return stored?.startsWith(WAITING_MARK) ? stored.slice(WAITING_MARK.length) : stored;
}

/** A job row as selected here and by pg-boss's `fetch({ includeMetadata: true })`: the same aliases. */
export interface PgBossJobRow {
  id: string;
  name: string;
  data: unknown;
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  retryLimit: number;
  retryCount: number;
  startAfter: Date;
  startedOn: Date | null;
  singletonKey: string | null;
  createdOn: Date;
  completedOn: Date | null;
  output: unknown;
}

/** What an attempt's end writes; null leaves a part of the output object as it is. */
interface OutputPatch {
  result?: unknown;
  progress?: unknown;
  lastError?: string;
}

/** pg-boss 10's job table, in the schema the queue was given. */
export class PgBossJobs {
  private readonly job: string;

  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
  ) {
    if (!/^[a-z_][a-z0-9_]{0,49}$/.test(schema)) throw new RangeError(`The pg-boss schema must be a lower-case SQL name (letters, digits, _), not "${schema}".`);
    this.job = `${schema}.job`;
  }

  /**
   * Adds the indexes the contract needs and pg-boss 10 lacks (once per database; the caller holds
   * the schema lock, so instances starting together do not both build them). Created on the
   * partitioned parent, so PostgreSQL adds them to every queue's partition, present and future
   * (pg-boss's create_queue attaches each new partition, which builds the index on it):
   * - one unfinished job per (name, singleton key), and one waiting job (created or retry, pg-boss's
   *   states before 'active') per (name, marked key): pg-boss's own singleton rules are per state
   *   ('stately') or per time slot, never these; its insert is ON CONFLICT DO NOTHING, so a unique
   *   index makes a second enqueue a no-op, race-free across instances;
   * - getJob by id alone: pg-boss's primary key is (name, id).
   * The single singleton index of earlier versions, which counted marked keys as unfinished, goes.
   */
  async addIndexes(): Promise<void> {
    await this.db.executeSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS countersign_job_singleton_unfinished ON ${this.job} (name, singleton_key)
         WHERE state < 'completed' AND singleton_key IS NOT NULL AND singleton_key NOT LIKE '${WAITING_MARK}%'`,
      [],
    );
    await this.db.executeSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS countersign_job_singleton_waiting ON ${this.job} (name, singleton_key)
         WHERE state < 'active' AND singleton_key LIKE '${WAITING_MARK}%'`,
      [],
    );
    await this.db.executeSql(`DROP INDEX IF EXISTS ${this.schema}.countersign_job_singleton`, []);
    await this.db.executeSql(`CREATE INDEX IF NOT EXISTS countersign_job_id ON ${this.job} (id)`, []);
  }

  /**
   * The job holding this stored singleton key in its scope (unfinished, or waiting), read through the
   * caller's executor (its transaction sees its own insert).
   */
  async singletonHolder(executor: SqlExecutor, name: string, storedKey: string, scope: SingletonScope = 'unfinished'): Promise<string | undefined> {
    const { rows } = await executor.executeSql(
      `SELECT id FROM ${this.job} WHERE name = $1 AND singleton_key = $2 AND state < '${scope === 'waiting' ? 'active' : 'completed'}' LIMIT 1`,
      [name, storedKey],
    );
    return (rows[0] as { id: string } | undefined)?.id;
  }

  async select(id: string): Promise<PgBossJobRow | undefined> {
    // pg-boss ids are UUIDs; anything else (a table-queue id, a typo) is no job rather than a cast error.
    if (!UUID.test(id)) return undefined;
    const { rows } = await this.db.executeSql(
      `SELECT id, name, data, state, retry_limit AS "retryLimit", retry_count AS "retryCount", start_after AS "startAfter",
              started_on AS "startedOn", singleton_key AS "singletonKey", created_on AS "createdOn", completed_on AS "completedOn", output
         FROM ${this.job} WHERE id = $1`,
      [id],
    );
    return rows[0] as PgBossJobRow | undefined;
  }

  /**
   * Ends or updates an attempt, only while it is the attempt the caller ran: the job is still active
   * in the same retry count (pg-boss's fetch counts a new attempt up; its expiry turns the job to
   * retry). A stale write from an attempt whose job expired and went to another worker matches nothing.
   */
  private async updateAttempt(row: PgBossJobRow, set: string, patch: OutputPatch, values: unknown[] = []): Promise<boolean> {
    const { rows } = await this.db.executeSql(
      `WITH updated AS (
         UPDATE ${this.job} SET ${set ? `${set}, ` : ''}
           output = CASE WHEN jsonb_typeof(output) = 'object' THEN output ELSE '{}'::jsonb END || $4::jsonb || jsonb_build_object('updatedAt', now())
         WHERE name = $1 AND id = $2 AND state = 'active' AND retry_count = $3
         RETURNING 1)
       SELECT count(*)::int AS count FROM updated`,
      [row.name, row.id, row.retryCount, JSON.stringify(patch), ...values],
    );
    return (rows[0] as { count: number }).count === 1;
  }

  /**
   * Renews the lease of running attempts: pg-boss's maintenance takes an active job back once
   * `started_on + expire_in < now()` (plans.js, failJobsByTimeout), so moving `expire_in` to
   * now − started_on + lease is the heartbeat pg-boss 10 lacks. One statement for all of them, and
   * only while each is still the attempt the caller runs (the compare-and-set of updateAttempt).
   * Returns the ids renewed; a missing one was taken back and may be another attempt's now.
   */
  async renewLeases(rows: readonly PgBossJobRow[], leaseMs: number): Promise<Set<string>> {
    const { rows: renewed } = await this.db.executeSql(
      `UPDATE ${this.job} AS job SET expire_in = now() - job.started_on + $4 * interval '1 millisecond'
         FROM unnest($1::text[], $2::uuid[], $3::int[]) AS mine (name, id, retry_count)
        WHERE job.name = mine.name AND job.id = mine.id AND job.retry_count = mine.retry_count AND job.state = 'active'
        RETURNING job.id`,
      [rows.map((row) => row.name), rows.map((row) => row.id), rows.map((row) => row.retryCount), leaseMs],
    );
    return new Set(renewed.map((row) => (row as { id: string }).id));
  }

  /** Whether pg-boss has a queue of this name, read through the caller's executor. */
  async queueExists(executor: SqlExecutor, name: string): Promise<boolean> {
    const { rows } = await executor.executeSql(`SELECT 1 FROM ${this.schema}.queue WHERE name = $1`, [name]);
    return rows.length === 1;
  }

  reportProgress(row: PgBossJobRow, progress: unknown): Promise<boolean> {
    return this.updateAttempt(row, '', { progress: progress ?? null });
  }

  complete(row: PgBossJobRow, result: unknown): Promise<boolean> {
    return this.updateAttempt(row, `state = 'completed', completed_on = now()`, { result: result ?? null });
  }

  /** The attempt failed for good: pg-boss's 'failed', the contract's 'dead'. */
  fail(row: PgBossJobRow, lastError: string): Promise<boolean> {
    return this.updateAttempt(row, `state = 'failed', completed_on = now()`, { lastError });
  }

  /** The attempt failed; the next one is due after `delayMs`, measured on the database's clock like pg-boss's own times. */
  retry(row: PgBossJobRow, lastError: string, delayMs: number): Promise<boolean> {
    return this.updateAttempt(row, `state = 'retry', start_after = now() + $5 * interval '1 millisecond'`, { lastError }, [delayMs]);
  }

  /**
   * Gives an interrupted attempt back uncounted, due at once. pg-boss counts attempts in retry_count,
   * raised at each fetch of a job that started before (started_on set): going back one step is
   * retry_count − 1, or for the first attempt, clearing started_on.
   */
  handBack(row: PgBossJobRow, lastError: string): Promise<boolean> {
    return this.updateAttempt(
      row,
      `state = 'retry', start_after = now(),
       started_on = CASE WHEN retry_count = 0 THEN NULL ELSE started_on END,
       retry_count = GREATEST(retry_count - 1, 0)`,
      { lastError },
    );
  }

  /** Deletes completed jobs finished before `before`; failed ('dead') and unfinished ones stay. */
  async deleteCompleted(before: Date): Promise<number> {
    const { rows } = await this.db.executeSql(
      `WITH deleted AS (DELETE FROM ${this.job} WHERE state = 'completed' AND completed_on < $1 RETURNING 1)
       SELECT count(*)::int AS count FROM deleted`,
      [before.toISOString()],
    );
    return (rows[0] as { count: number }).count;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const STATES: Record<PgBossJobRow['state'], JobState> = {
  created: 'created',
  retry: 'retry',
  active: 'active',
  completed: 'completed',
  failed: 'dead',
  // The queue never cancels; an operator who cancels a job by hand in pg-boss ends it for good.
  cancelled: 'dead',
};

/** The contract's view of a pg-boss job row. */
export function toJob(row: PgBossJobRow): Job {
  const output = typeof row.output === 'object' && row.output !== null && !Array.isArray(row.output) ? (row.output as Record<string, unknown>) : {};
  const expiry = output.value as { message?: unknown } | undefined;
  const lastError = typeof output.lastError === 'string' ? output.lastError : typeof expiry?.message === 'string' ? expiry.message : null;
  const state = STATES[row.state];
  const times = [row.createdOn, row.startedOn, row.completedOn, typeof output.updatedAt === 'string' ? new Date(output.updatedAt) : null];
  return {
    id: row.id,
    name: row.name,
    data: row.data,
    state,
    // pg-boss raises retry_count when it fetches a job that started before: attempts started so far.
    attempts: row.startedOn === null ? 0 : row.retryCount + 1,
    maxAttempts: row.retryLimit + 1,
    runAfter: row.startAfter,
    singletonKey: givenSingletonKey(row.singletonKey),
    lastError,
    progress: output.progress ?? null,
    result: state === 'completed' ? (output.result ?? null) : null,
    createdAt: row.createdOn,
    updatedAt: new Date(Math.max(...times.map((time) => time?.getTime() ?? 0))),
    completedAt: row.completedOn,
  };
}
