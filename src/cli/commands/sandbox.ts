import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../client.js';
import type { Cli } from '../context.js';

/** The providers whose descriptor ships a sandbox (providers/index.ts), loaded only when this command runs. */
const withSandbox = async () => (await import('../../providers/index.js')).PROVIDERS.filter((descriptor) => descriptor.sandbox !== undefined);

/** `sandbox` runs a provider's offline emulator alone, in this process, for trying an adapter or a connection by hand. */
export function registerSandbox(program: Command, cli: Cli): void {
  program
    .command('sandbox <provider>')
    .description("run a provider's offline sandbox on its own (e.g. autenti); Ctrl-C stops it")
    .option('--port <n>', 'TCP port (0 picks a free one)', '4010')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--data-dir <dir>', 'folder for its data (default: COUNTERSIGN_DATA_DIR, else ./data)')
    .option('--token <token>', 'require `Authorization: Bearer <token>` on its control routes (/_sandbox, Integration settings); needed to listen beyond loopback')
    .action(async (provider: string, options: { port: string; host: string; dataDir?: string; token?: string }) => {
      const available = await withSandbox();
      const descriptor = available.find((candidate) => candidate.id === provider);
      const sandboxDescriptor = descriptor?.sandbox;
      if (!descriptor || !sandboxDescriptor) {
        throw new CliError(`There is no ${provider} sandbox; available: ${available.map((candidate) => candidate.id).join(', ')}.`);
      }
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a port number from 0 to 65535; got "${options.port}".`);
      const dataDir = resolve(options.dataDir ?? process.env.COUNTERSIGN_DATA_DIR ?? './data');

      const { isLoopbackHost } = await import('../../net/loopback.js');
      if (!options.token && !isLoopbackHost(options.host)) {
        throw new CliError(
          `--host ${options.host} would open the sandbox's control routes to other machines. Listen on 127.0.0.1, or add --token <a long random value> that callers send as Authorization: Bearer <token>.`,
        );
      }
      if (options.token !== undefined && options.token.length < 16) throw new CliError('--token must be at least 16 characters long (e.g. `openssl rand -hex 16`).');
      const { pino, destination } = await import('pino');
      // Its own problems (a failed callback delivery, say) go to stderr; the addresses below go to stdout.
      const logger = pino({ level: 'warn', base: { service: `${descriptor.id}-sandbox` } }, destination(2));
      const { localToolAllowList } = await import('../../net/outbound-guard.js');
      const allow = (() => {
        try {
          return localToolAllowList();
        } catch (error) {
          throw new CliError((error as Error).message);
        }
      })();
      const sandbox = await sandboxDescriptor.start({ dataDir, host: options.host, port, logger, outbound: { allow }, ...(options.token ? { token: options.token } : {}) });
      const pages = Object.fromEntries(Object.entries(sandboxDescriptor.pages).map(([name, path]) => [name, `${sandbox.url}/${path}`]));
      const addresses = { url: sandbox.url, apiRoot: `${sandbox.url}/${sandboxDescriptor.apiPath}`, ...pages, dataDir };
      const hints: Record<string, string> = {
        integrationSettings: '(add an API client here)',
        mailbox: "(EMAIL: a participant's address)",
      };
      const label = (name: string) => name.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`).replace(/^./, (letter) => letter.toUpperCase());
      cli.output(addresses, () => {
        console.log(`${descriptor.name} sandbox is running at ${addresses.url}`);
        const rows: Array<[string, string]> = [['API root', addresses.apiRoot], ...Object.entries(pages).map(([name, url]): [string, string] => [label(name), `${url}   ${hints[name] ?? ''}`.trimEnd()]), ['Data folder', dataDir]];
        for (const [name, value] of rows) console.log(`  ${`${name}:`.padEnd(22)}${value}`);
        console.log(
          options.token
            ? '  Control routes (/_sandbox, Integration settings) need Authorization: Bearer <the --token value>.'
            : '  Control routes (/_sandbox, Integration settings) are open: this sandbox listens on loopback only.',
        );
        console.log('');
        console.log(`Connect Countersign to it: countersign connections add ${descriptor.id} --url ${addresses.apiRoot}`);
        console.log('Ctrl-C stops it.');
      });
      const stop = () => void sandbox.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
