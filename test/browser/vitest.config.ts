import { defineConfig } from 'vitest/config';

/**
 * The browser suite (`npm run test:browser`): playwright-core driving Debian's chromium against the
 * real server and the built web app (`npm run build` first). One file, hence one Chromium, at a
 * time: the machines it runs on have two cores, and the server under test needs one of them.
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    pool: 'forks',
    globalSetup: ['test/support/source-build.ts'],
    poolOptions: { forks: { singleFork: true } },
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
