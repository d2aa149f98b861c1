import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.js';
import { BACKEND_INDEPENDENT_FOLDERS } from './backend-independent.js';

/**
 * The suite again on PostgreSQL (issue 13): every test that may open Countersign's database, plus
 * what only a shared database has (the cluster test in this folder). COUNTERSIGN_TEST_DATABASE_URL
 * names the server (this machine's by default); set here, every test process inherits it. `.ci/run`
 * starts PostgreSQL first.
 */
process.env.COUNTERSIGN_TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';

export default defineConfig({
  test: {
    ...base.test,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/browser/**', 'test/office/**', 'test/soak/**', 'node_modules/**', ...BACKEND_INDEPENDENT_FOLDERS.map((folder) => `${folder}/**`)],
    globalSetup: ['test/support/source-build.ts', 'test/postgres/global-setup.ts'],
    // Each file in a process of its own here, unlike npm test: tests drop their databases WITH (FORCE),
    // and a pool connection still open then errors asynchronously; in a process that outlives the file
    // the error landed in a later file as an unhandled one (seen once, from shared-call-budgets.test.ts).
    isolate: true,
    // Three at a time on two cores: the tests wait on PostgreSQL's commits and database copies, and
    // two workers kept the machine some 1.3 cores busy for most of the run. Three: 6:38 → 5:47.
    maxWorkers: 3,
  },
});
