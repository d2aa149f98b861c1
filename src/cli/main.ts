#!/usr/bin/env node
import { Command, Option } from 'commander';
import { ConfigurationError } from '../config.js';
import { CliError } from './client.js';
import { registerConnections } from './commands/connections.js';
import { registerDocuments } from './commands/documents.js';
import { registerEnvelopes } from './commands/envelopes.js';
import { registerTemplates } from './commands/templates.js';
import { registerKeys } from './commands/keys.js';
import { registerMigrate } from './commands/migrate.js';
import { registerTransfer } from './commands/transfer.js';
import { registerUsers } from './commands/users.js';
import { registerSandbox } from './commands/sandbox.js';
import { registerStart } from './commands/start.js';
import { createCli, shareGlobalOptions } from './context.js';

const program = new Command()
  .name('countersign')
  .description('Countersign: send documents for e-signature through your provider account.')
  .addOption(new Option('--url <url>', 'where the server runs').env('COUNTERSIGN_URL').default('http://127.0.0.1:3000'))
  .addOption(new Option('--api-key <key>', 'API key (prefer the environment variable)').env('COUNTERSIGN_API_KEY'))
  .option('--json', 'print the server’s JSON instead of a summary')
  // Program options stop at the command's name, so that a command can have its own `--url` (`connections add`).
  .enablePositionalOptions()
  .showHelpAfterError();

const cli = createCli(program);
registerStart(program);
registerMigrate(program);
registerTransfer(program);
registerDocuments(program, cli);
registerEnvelopes(program, cli);
registerTemplates(program, cli);
registerConnections(program, cli);
registerKeys(program, cli);
registerUsers(program, cli);
registerSandbox(program, cli);
shareGlobalOptions(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CliError) {
    console.error(`Error: ${error.message}`);
    for (const detail of error.details) console.error(`  - ${detail}`);
  } else if (error instanceof ConfigurationError) {
    console.error(error.message);
  } else {
    console.error(`Error: ${(error as Error).message}`);
  }
  process.exitCode = 1;
}
