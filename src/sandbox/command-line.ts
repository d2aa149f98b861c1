import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino, type Logger } from 'pino';
import { localToolAllowList, type OutboundPolicy } from '../net/outbound-guard.js';
import type { RunningSandboxServer } from './server.js';

/** What every standalone sandbox is started with, read from its command line. */
export interface CommandLineOptions {
  dataDir: string;
  host: string;
  port: number;
  logger: Logger;
  outbound: OutboundPolicy;
  token?: string;
}

/**
 * The `main` of a sandbox's standalone.ts (shared by the sandboxes): reads `--port`, `--host`,
 * `--data-dir`, `--log-level`, `--token` and the sandbox's own `extraOptions`, starts it, prints
 * `banner(url)`, and stops it on Ctrl-C or SIGTERM. Callbacks may reach this machine's tools
 * (a person runs it for local work).
 */
export function runSandboxCommand(command: {
  /** `autenti`: the log's service is `autenti-sandbox`, the default data folder `<tmp>/autenti-sandbox`. */
  name: string;
  defaultPort: number;
  /** More `--name value` options, handed to `start` as read. */
  extraOptions?: Record<string, { type: 'string' }>;
  start(options: CommandLineOptions, extra: Record<string, string | undefined>): Promise<RunningSandboxServer>;
  banner(url: string): string;
}): void {
  async function main(): Promise<void> {
    const { values } = parseArgs({
      options: {
        port: { type: 'string', default: String(command.defaultPort) },
        host: { type: 'string', default: '127.0.0.1' },
        'data-dir': { type: 'string', default: join(tmpdir(), `${command.name}-sandbox`) },
        ...command.extraOptions,
        'log-level': { type: 'string', default: 'info' },
        token: { type: 'string' },
      },
    });
    const sandbox = await command.start(
      {
        dataDir: resolve(values['data-dir'] as string),
        host: values.host as string,
        port: Number(values.port),
        logger: pino({ level: values['log-level'] as string, base: { service: `${command.name}-sandbox` } }),
        outbound: { allow: localToolAllowList() },
        ...(values.token ? { token: values.token as string } : {}),
      },
      values as Record<string, string | undefined>,
    );
    console.log(command.banner(sandbox.url));
    const stop = () => void sandbox.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }

  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
