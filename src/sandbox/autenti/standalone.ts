import { runSandboxCommand } from '../command-line.js';
import { startAutentiSandbox } from './index.js';

/**
 * Runs the Autenti sandbox alone, for people: `npx tsx src/sandbox/autenti/standalone.ts --port 4010
 * --data-dir /tmp/autenti-sandbox` (see docs/sandbox-autenti.md). Ctrl-C stops it.
 */
runSandboxCommand({
  name: 'autenti',
  defaultPort: 4010,
  extraOptions: { 'token-lifetime': { type: 'string' } },
  start: (options, extra) =>
    startAutentiSandbox({ ...options, ...(extra['token-lifetime'] ? { tokenLifetimeSeconds: Number(extra['token-lifetime']) } : {}) }),
  banner: (url) => `Autenti sandbox: API ${url}/api/v2/ · Integration settings ${url}/integration-settings · mailbox ${url}/_sandbox/mailbox`,
});
