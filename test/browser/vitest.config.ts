import { defineConfig } from 'vitest/config';

/**
 * The browser suite (`npm run test:browser`): playwright-core driving Debian's chromium against the
 * real server and the built web app (`npm run build` first). Two files at a time, each with its own
 * server and Chromium: one file at a time kept a two-core machine 1.2 cores busy (Chromium and the
 * server take turns waiting for each other); two kept it 1.8 busy and the suite took 7:42 instead of
 * 10:10, every test passing. More would only queue for the cores: the waits are the tests' own.
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    pool: 'forks',
    globalSetup: ['test/support/source-build.ts'],
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
