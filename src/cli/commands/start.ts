import type { Command } from 'commander';
import { loadConfig } from '../../config.js';

/** `start` runs the server in this process; unlike the other commands it does not talk to one. */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('start the server (configuration from the environment; see the README)')
    .action(async () => {
      const { startCountersign } = await import('../../main.js');
      const running = await startCountersign(loadConfig());
      const shutdown = (signal: string) => {
        running.context.logger.info({ signal }, 'stopping');
        void running.stop().then(() => process.exit(0));
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
