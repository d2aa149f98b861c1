import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { localToolAllowList } from '../../net/outbound-guard.js';
import { startAutentiSandbox } from './index.js';

/**
 * Runs the Autenti sandbox alone, for people: `npx tsx src/sandbox/autenti/standalone.ts --port 4010
 * --data-dir /tmp/autenti-sandbox` (see docs/sandbox-autenti.md). Ctrl-C stops it.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string', default: join(tmpdir(), 'autenti-sandbox') },
      'token-lifetime': { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
      token: { type: 'string' },
    },
  });
  const sandbox = await startAutentiSandbox({
    dataDir: resolve(values['data-dir']!),
    host: values.host!,
    port: Number(values.port),
    logger: pino({ level: values['log-level']!, base: { service: 'autenti-sandbox' } }),
    outbound: { allow: localToolAllowList() },
    ...(values['token-lifetime'] ? { tokenLifetimeSeconds: Number(values['token-lifetime']) } : {}),
    ...(values.token ? { token: values.token } : {}),
  });
  console.log(`Autenti sandbox: API ${sandbox.url}/api/v2/ · Integration settings ${sandbox.url}/integration-settings · mailbox ${sandbox.url}/_sandbox/mailbox`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
