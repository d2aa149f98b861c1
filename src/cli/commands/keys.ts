import type { Command } from 'commander';
import type { ApiKey, CreatedApiKey, ResponseBody } from '../../api-client/types.js';
import { SCOPES } from '../../domain/roles.js';
import { segment, type Cli } from '../context.js';
import { printTable } from '../print.js';

type KeyView = ApiKey;

export function registerKeys(program: Command, cli: Cli): void {
  const keys = program.command('keys').description('manage API keys');
  keys
    .command('create <name>')
    .description('create a key that acts for you; shown once')
    .option('--scope <scope...>', `limit the key to these scopes (default: all of yours): ${SCOPES.join(', ')}`)
    .action(async (name: string, options: { scope?: string[] }) => {
      const body = options.scope ? { name, scopes: options.scope } : { name };
      const key = await cli.client().post<CreatedApiKey>('/keys', body);
      cli.output(key, () => {
        console.log(`Created API key ${key.id} (${key.name}) with scopes: ${key.scopes?.join(', ') ?? 'all of its role'}.`);
        console.log('It is shown only now; store it safely:');
        console.log(`  ${key.secret}`);
      });
    });
  keys.command('list').action(async () => {
    const page = await cli.client().get<{ data: KeyView[] }>('/keys');
    const rows = page.data.map((key) => ({ ...key, scopes: key.scopes?.join(',') ?? '(all of its role)' }));
    cli.output(page, () => printTable(rows, ['id', 'name', 'prefix', 'userId', 'scopes', 'createdAt', 'lastUsedAt', 'revokedAt']));
  });
  keys.command('revoke <id>').action(async (id: string) => {
    const key = await cli.client().post<ResponseBody<'/api/v1/keys/{keyId}/revoke', 'post'>>(`/keys/${segment(id)}/revoke`, {});
    cli.output(key, () => console.log(`Revoked ${key.id} at ${key.revokedAt}.`));
  });
}
