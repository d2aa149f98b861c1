import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { localToolAllowList } from '../../net/outbound-guard.js';
import { startConnectiveSandbox } from './index.js';

/**
 * Runs the Connective sandbox alone, for people: `npx tsx src/sandbox/connective/standalone.ts --port 4011
 * --data-dir /tmp/connective-sandbox` (see docs/sandbox-connective.md). Ctrl-C stops it.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4011' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string', default: join(tmpdir(), 'connective-sandbox') },
      'log-level': { type: 'string', default: 'info' },
      token: { type: 'string' },
    },
  });
  const sandbox = await startConnectiveSandbox({
    dataDir: resolve(values['data-dir']!),
    host: values.host!,
    port: Number(values.port),
    logger: pino({ level: values['log-level']!, base: { service: 'connective-sandbox' } }),
    outbound: { allow: localToolAllowList() },
    ...(values.token ? { token: values.token } : {}),
  });
  console.log(`Connective sandbox: API ${sandbox.url}/webportalapi/v3/ · API users POST ${sandbox.url}/_sandbox/api-users · mailbox ${sandbox.url}/_sandbox/mailbox`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
