import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DATABASE_SERVER } from '../../test/support/postgres.js';
import { WINDOW_MARGIN_MS } from '../providers/rate-limit.js';
import { migrateToLatest } from './database.js';
import type { Database } from './schema.js';
import { createSharedCallBudgets } from './shared-call-budgets.js';

/** Two "instances": two pools on one fresh database. */
describe.runIf(TEST_DATABASE_SERVER)('provider call budgets shared on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let instances: Array<Kysely<Database>> = [];

  beforeAll(async () => {
    database = await createTestDatabase('limit');
    instances = [0, 1].map(() => new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database!.url, max: 4 }) }) }));
    await migrateToLatest(instances[0]!);
  });

  afterAll(async () => {
    for (const instance of instances) await instance.destroy();
    await database?.drop();
  });

  it('lets no more than the budget through in any window, counted across instances', async () => {
    const limit = { calls: 2, perMs: 200 };
    const window = limit.perMs + WINDOW_MARGIN_MS;
    const limiters = instances.map((db) => createSharedCallBudgets(db).forConnection('con_shared', limit));
    const granted: number[] = [];
    const answered: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4, 5].map(async (index) => {
        const answer = await limiters[index % 2]!.acquire();
        granted.push(Date.now());
        answered.push(Date.now());
        answer();
      }),
    );
    granted.sort((a, b) => a - b);
    answered.sort((a, b) => a - b);
    // The third call may start only a window after the first answer, the fifth after the third's.
    for (let index = limit.calls; index < granted.length; index += 1) {
      expect(granted[index]! - answered[index - limit.calls]!).toBeGreaterThanOrEqual(window);
    }
  });

  it('keeps a call without an answer in its place, then counts the window from its answer', async () => {
    const limit = { calls: 1, perMs: 100 };
    const waits: number[] = [];
    let firstAnswer: (() => void) | undefined;
    const [first, second] = instances.map((db) =>
      createSharedCallBudgets(db, {
        pollMs: 5,
        sleep: async (ms) => {
          waits.push(ms);
          // After three polls for an answer the first call gets one.
          if (waits.length === 3) firstAnswer!();
          await new Promise((resolve) => setTimeout(resolve, ms));
        },
      }).forConnection('con_unanswered', limit),
    );
    firstAnswer = await first!.acquire();
    const answerSecond = await second!.acquire();
    answerSecond();
    expect(waits.slice(0, 3)).toEqual([5, 5, 5]);
    // Then a wait for the answer to leave the window (the update may land a poll later).
    expect(Math.max(...waits.slice(3))).toBeGreaterThan(limit.perMs);
  });

  it("gives back the place of a call whose instance died before its answer", async () => {
    const limit = { calls: 1, perMs: 60_000 };
    const [dead, alive] = instances.map((db) => createSharedCallBudgets(db, { pollMs: 20, abandonedAfterMs: 200 }).forConnection('con_abandoned', limit));
    await dead!.acquire(); // never answered
    const answer = await alive!.acquire(AbortSignal.timeout(10_000));
    answer();
    const rows = await instances[0]!.selectFrom('provider_call_slots').select('answered_at').where('budget_key', 'like', 'con_abandoned|%').execute();
    expect(rows).toHaveLength(1);
  });

  it('takes no place for a caller whose signal has aborted', async () => {
    const limiter = createSharedCallBudgets(instances[0]!).forConnection('con_aborted', { calls: 1, perMs: 60_000 });
    await expect(limiter.acquire(AbortSignal.abort(new Error('stopped')))).rejects.toThrow('stopped');
    const rows = await instances[0]!.selectFrom('provider_call_slots').select('id').where('budget_key', 'like', 'con_aborted|%').execute();
    expect(rows).toHaveLength(0);
  });
});
