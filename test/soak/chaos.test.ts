import { describe, expect, it } from 'vitest';
import { COUNTS } from './chaos/checker.js';
import { TEST_DATABASE_SERVER } from '../support/postgres.js';
import { runChaos } from './chaos/run.js';

/**
 * Issue 16's short chaos soak, run by `.ci/run`: 100 envelopes over the three providers' sandboxes,
 * every fault kind, Countersign SIGKILLed 5 times; every count of the history check must be 0.
 * `npm run soak -- --envelopes 2000 --kills 30` is the long form (test/soak/chaos/cli.ts).
 * `SOAK_CHAOS_ENVELOPES` and `SOAK_CHAOS_KILLS` set another size. With COUNTERSIGN_TEST_DATABASE_URL it
 * runs three instances on PostgreSQL, one of them killed at a time.
 */
const ENVELOPES = Number(process.env.SOAK_CHAOS_ENVELOPES ?? 100);
const KILLS = Number(process.env.SOAK_CHAOS_KILLS ?? 5);
/** On PostgreSQL (COUNTERSIGN_TEST_DATABASE_URL set), three instances share the database; each kill takes one. */
const INSTANCES = TEST_DATABASE_SERVER ? 3 : 1;

describe('the chaos soak', () => {
  it(`ends each of ${ENVELOPES} envelopes as its provider says, through faults and ${KILLS} kills`, async () => {
    const report = await runChaos({ envelopes: ENVELOPES, kills: KILLS, instances: INSTANCES, concurrency: 12, log: (line) => console.log(line) });
    console.log(
      `chaos soak: ${report.envelopes} envelopes (${JSON.stringify(report.outcomes)}), ${report.kills} kills, faults ${JSON.stringify(report.faults)}, ` +
        `counts ${JSON.stringify(report.counts)}, ${report.failedSends.length} sends failed and said so, ${report.seconds} s`,
    );
    for (const failed of report.failedSends) console.log(`failed and said so: ${failed}`);
    for (const decision of report.decisions) console.log(`a lost outcome settled by a person: ${decision}`);
    expect(report.failures).toEqual([]);
    expect(report.kills).toBe(KILLS);
    // Every planned envelope was created and checked: a workload that did nothing would count 0 too.
    expect(Object.values(report.outcomes).reduce((sum, count) => sum + count, 0)).toBe(ENVELOPES);
    for (const name of COUNTS) expect({ [name]: report.counts[name], examples: report.examples[name] }).toEqual({ [name]: 0, examples: [] });
  });
});
