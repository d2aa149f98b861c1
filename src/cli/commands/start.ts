import type { Command } from 'commander';
import { setFlagsFromString } from 'node:v8';
import { loadConfig } from '../../config.js';

/** `start` runs the server in this process; unlike the other commands it does not talk to one. */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('start the server (configuration from the environment; see the README)')
    .action(async () => {
      // undici parses provider answers with llhttp, compiled to WebAssembly. V8 recompiles its busy
      // functions with its optimising compiler (TurboFan), which held some 30 MB for a moment at the
      // first run of provider calls: the server's highest memory, for a parser that costs next to
      // nothing per answer either way. Liftoff, the baseline compiler, keeps the parser as first
      // compiled. Set before the first provider call compiles the parser; V8 reads it then. Measured
      // on Node.js 20 and 22; on 24 it makes no difference either way (docs/operations.md "Memory").
      setFlagsFromString('--liftoff-only');
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
