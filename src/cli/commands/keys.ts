import type { Command } from 'commander';
import type { Scope } from '../../api-client/types.js';
import { SCOPES } from '../../domain/roles.js';
import type { Cli } from '../context.js';
import { printTable } from '../print.js';

export function registerKeys(program: Command, cli: Cli): void {
  const keys = program.command('keys').description('manage API keys');
  keys
    .command('create <name>')
    .description('create a key that acts for you; shown once')
    .option('--scope <scope...>', `limit the key to these scopes (default: all of yours): ${SCOPES.join(', ')}`)
    .action(async (name: string, options: { scope?: string[] }) => {
      // The server refuses a scope it does not know, listing those it does.
      const body = options.scope ? { name, scopes: options.scope as Scope[] } : { name };
      const key = await cli.client().POST('/api/v1/keys', { body });
      cli.output(key, () => {
        console.log(`Created API key ${key.id} (${key.name}) with scopes: ${key.scopes?.join(', ') ?? 'all of its role'}.`);
        console.log('It is shown only now; store it safely:');
        console.log(`  ${key.secret}`);
      });
    });
  keys.command('list').action(async () => {
    const page = await cli.client().GET('/api/v1/keys');
    const rows = page.data.map((key) => ({ ...key, scopes: key.scopes?.join(',') ?? '(all of its role)' }));
    cli.output(page, () => printTable(rows, ['id', 'name', 'prefix', 'userId', 'scopes', 'createdAt', 'lastUsedAt', 'revokedAt']));
  });
  keys.command('revoke <id>').action(async (id: string) => {
    const key = await cli.client().POST('/api/v1/keys/{keyId}/revoke', { params: { path: { keyId: id } } });
    cli.output(key, () => console.log(`Revoked ${key.id} at ${key.revokedAt}.`));
  });
}
