import { runSandboxCommand } from '../command-line.js';
import { startConnectiveSandbox } from './index.js';

/**
 * Runs the Connective sandbox alone, for people: `npx tsx src/sandbox/connective/standalone.ts --port 4011
 * --data-dir /tmp/connective-sandbox` (see docs/sandbox-connective.md). Ctrl-C stops it.
 */
runSandboxCommand({
  name: 'connective',
  defaultPort: 4011,
  start: (options) => startConnectiveSandbox(options),
  banner: (url) => `Connective sandbox: API ${url}/webportalapi/v3/ · API users POST ${url}/_sandbox/api-users · mailbox ${url}/_sandbox/mailbox`,
});
