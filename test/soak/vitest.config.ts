import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.js';

/**
 * Long runs that put the server through faults and restarts for minutes (`npm run test:soak`, and
 * `.ci/run`): kept out of `npm test`, one file at a time, so that each has the machine to itself.
 * With COUNTERSIGN_TEST_DATABASE_URL the servers they start run on PostgreSQL.
 */
export default defineConfig({
  test: {
    ...base.test,
    // The soaks themselves; their helpers' own tests (test/soak/chaos/*.test.ts) run in npm test.
    include: ['test/soak/*.test.ts'],
    exclude: ['node_modules/**'],
    maxWorkers: 1,
    // Generous: in CI the soaks share the machine with the other Node.js lines' suites.
    testTimeout: 1_500_000,
    // On PostgreSQL (COUNTERSIGN_TEST_DATABASE_URL set), every server's database is dropped at the end, as in that suite.
    globalSetup: [...(base.test?.globalSetup as string[]), ...(process.env.COUNTERSIGN_TEST_DATABASE_URL ? ['test/postgres/global-setup.ts'] : [])],
  },
});
