import type { Command } from 'commander';
import { segment, type Cli } from '../context.js';
import { printTable } from '../print.js';

export function registerKeys(program: Command, cli: Cli): void {
  const keys = program.command('keys').description('manage API keys');
  keys.command('create <name>').action(async (name: string) => {
    const key = await cli.client().post<{ id: string; secret: string; name: string }>('/keys', { name });
    cli.output(key, () => {
      console.log(`Created API key ${key.id} (${key.name}). It is shown only now; store it safely:`);
      console.log(`  ${key.secret}`);
    });
  });
  keys.command('list').action(async () => {
    const page = await cli.client().get<{ data: Array<Record<string, unknown>> }>('/keys');
    cli.output(page, () => printTable(page.data, ['id', 'name', 'prefix', 'createdAt', 'lastUsedAt', 'revokedAt']));
  });
  keys.command('revoke <id>').action(async (id: string) => {
    const key = await cli.client().post<{ id: string; revokedAt: string }>(`/keys/${segment(id)}/revoke`, {});
    cli.output(key, () => console.log(`Revoked ${key.id} at ${key.revokedAt}.`));
  });
}
