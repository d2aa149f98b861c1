import { defineConfig } from 'vitest/config';

/**
 * The office suite (`npm run test:office`): what needs LibreOffice, which a fresh machine with only
 * Node.js does not have, so it stays out of `npm test`. `.ci/run` installs LibreOffice (Debian's
 * libreoffice-writer-nogui and libreoffice-calc-nogui) and runs it on every tested Node.js line.
 */
export default defineConfig({
  test: {
    include: ['test/office/**/*.test.ts'],
    pool: 'forks',
    globalSetup: ['test/support/source-build.ts'],
    testTimeout: 60_000,
    // Longer than a server start's own deadline (SERVER_START_TIMEOUT_MS, test/support/server.ts).
    hookTimeout: 180_000,
  },
});
