import { sql, type Kysely } from 'kysely';
import { abortableSleep, takingTurns, UNLIMITED, WINDOW_MARGIN_MS, type CallAnswered, type RateLimit, type RateLimiter, type RateLimiters } from '../providers/rate-limit.js';
import { newId } from './ids.js';
import type { Database } from './schema.js';

/**
 * Provider call budgets shared by every instance on one PostgreSQL database (issue 13): Connective
 * counts 100 calls per 60 s per account, whichever instance makes them. The same sliding window as
 * the in-process limiter (`createSlidingWindowLimiter`, whose comment says why a call holds its place
 * until a window after its answer), kept in `provider_call_slots`: one row per call. A transaction
 * takes the budget's advisory lock, drops the rows that left the window, counts the rest and adds one
 * when there is room. Every time is the database's clock, so instances with different clocks agree.
 */
export interface SharedCallBudgetOptions {
  /** How long to wait before asking again when every place is held by a call without an answer. */
  pollMs?: number;
  /**
   * A call with no answer after this long belonged to an instance that died (an answer arrives or the
   * call times out well before): its place is given back.
   */
  abandonedAfterMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Told when an answer could not be recorded (its place is given back at `abandonedAfterMs`). */
  onError?: (error: unknown) => void;
}

const DEFAULTS = { pollMs: 250, abandonedAfterMs: 15 * 60_000 };

export function createSharedCallBudgets(db: Kysely<Database>, options: SharedCallBudgetOptions = {}): RateLimiters {
  const limiters = new Map<string, RateLimiter>();
  return {
    forConnection(connectionId, limit) {
      if (limit === null) return UNLIMITED;
      const budgetKey = `${connectionId}|${limit.calls}/${limit.perMs}`;
      let limiter = limiters.get(budgetKey);
      if (!limiter) limiters.set(budgetKey, (limiter = sharedLimiter(db, budgetKey, limit, options)));
      return limiter;
    },
  };
}

/** The database's clock in whole milliseconds; float8 so that pg returns a number, not a bigint string. */
const DATABASE_NOW_MS = sql<number>`floor(extract(epoch from clock_timestamp()) * 1000)::float8`;

function sharedLimiter(db: Kysely<Database>, budgetKey: string, limit: RateLimit, options: SharedCallBudgetOptions): RateLimiter {
  const { pollMs, abandonedAfterMs } = { ...DEFAULTS, ...options };
  const sleep = options.sleep ?? abortableSleep;
  const window = limit.perMs + WINDOW_MARGIN_MS;

  /** One attempt: a place (the row's id), or how long to wait before the next attempt. */
  const tryTake = () =>
    db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtextextended(${budgetKey}, 0))`.execute(trx);
      const { rows } = await sql<{ now: number }>`select ${DATABASE_NOW_MS} as now`.execute(trx);
      const now = rows[0]!.now;
      await trx
        .deleteFrom('provider_call_slots')
        .where('budget_key', '=', budgetKey)
        .where((eb) => eb.or([eb('answered_at', '<=', now - window), eb.and([eb('answered_at', 'is', null), eb('started_at', '<=', now - abandonedAfterMs)])]))
        .execute();
      const held = await trx
        .selectFrom('provider_call_slots')
        .select((eb) => [eb.fn.countAll<string | number>().as('count'), sql<number | null>`min(answered_at)::float8`.as('earliest')])
        .where('budget_key', '=', budgetKey)
        .executeTakeFirstOrThrow();
      if (Number(held.count) < limit.calls) {
        const id = newId('pcs');
        await trx.insertInto('provider_call_slots').values({ id, budget_key: budgetKey, started_at: now, answered_at: null }).execute();
        return { id, waitMs: 0 };
      }
      // The earliest answer leaves the window first; with none yet, an answer may come at any moment.
      return { id: undefined, waitMs: held.earliest === null ? pollMs : Math.max(1, held.earliest + window - now) };
    });

  const answeredBy = (id: string): CallAnswered => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      // The caller goes on at once; until the row says answered, the place is held longer, never shorter.
      void db
        .updateTable('provider_call_slots')
        .set({ answered_at: DATABASE_NOW_MS })
        .where('id', '=', id)
        .execute()
        .catch((error: unknown) => options.onError?.(error));
    };
  };

  // This instance's callers take their turns one at a time, as in the in-process limiter: no point in
  // several transactions of one process queueing on the same advisory lock.
  return takingTurns(async (signal) => {
    for (;;) {
      signal?.throwIfAborted();
      const attempt = await tryTake();
      if (attempt.id !== undefined) return answeredBy(attempt.id);
      await sleep(Math.min(attempt.waitMs, window), signal);
    }
  });
}
