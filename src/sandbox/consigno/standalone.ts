import { runSandboxCommand } from '../command-line.js';
import { startConsignoSandbox } from './index.js';

/**
 * Runs the ConsignO Cloud sandbox alone, for people: `npx tsx src/sandbox/consigno/standalone.ts --port 4012
 * --data-dir /tmp/consigno-sandbox` (see docs/sandbox-consigno.md). Ctrl-C stops it.
 */
runSandboxCommand({
  name: 'consigno',
  defaultPort: 4012,
  start: (options) => startConsignoSandbox(options),
  banner: (url) => `ConsignO Cloud sandbox: API ${url}/api/v1/ · API users POST ${url}/_sandbox/api-users · mailbox ${url}/_sandbox/mailbox · phone ${url}/_sandbox/sms`,
});
