import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.js';

/**
 * Long runs that put the server through faults and restarts for minutes (`npm run test:soak`, and
 * `.ci/run`): kept out of `npm test`, one file at a time, so that each has the machine to itself.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: ['test/soak/**/*.test.ts'],
    exclude: ['node_modules/**'],
    maxWorkers: 1,
    testTimeout: 900_000,
  },
});
