import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts', 'packages/client/src/**/*.test.ts'],
    exclude: ['test/browser/**', 'test/postgres/**', 'test/office/**', 'test/soak/*.test.ts', 'node_modules/**'],
    // End-to-end tests start real servers in child processes, most in hooks and some in the test itself
    // (a restart, a fresh install, a second server): both limits are longer than a start's own deadline
    // (SERVER_START_TIMEOUT_MS, test/support/server.ts), so that a slow start on a loaded CI machine
    // fails, if at all, with its own error and the server's output rather than a bare timeout.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is a worker fewer than the cores: one on a 2-core machine, which then sat half
    // idle while e2e files waited on the servers they start.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // A worker's test files share one module graph instead of each importing the app afresh: a quarter
    // less CPU for the suite. A test that replaces a global or an environment variable puts it back
    // (afterAll / afterEach) so the next file in the worker sees the real one.
    isolate: false,
    // The server and CLI that tests start in child processes run a copy of src/ transpiled once per run.
    globalSetup: ['test/support/source-build.ts'],
  },
});
