import type { Command } from 'commander';
import type { Role } from '../../api-client/types.js';
import { ROLES } from '../../domain/roles.js';
import type { Cli } from '../context.js';
import { printTable } from '../print.js';

export function registerUsers(program: Command, cli: Cli): void {
  const users = program.command('users').description('manage the people who sign in to the web app');
  users.command('list').action(async () => {
    const page = await cli.client().GET('/api/v1/users');
    cli.output(page, () => printTable(page.data, ['id', 'email', 'role', 'status']));
  });
  users
    .command('invite <email> <role>')
    .description(`invite someone (${ROLES.join(', ')}); prints the one-time link to hand to them`)
    .action(async (email: string, role: string) => {
      // The server refuses a role it does not know, listing those it does.
      const invited = await cli.client().POST('/api/v1/users', { body: { email, role: role as Role } });
      cli.output(invited, () => {
        console.log(`Invited ${invited.user.email} as ${invited.user.role}. No mail is sent: give them this link (valid until ${invited.invitation.expiresAt}, once):`);
        console.log(`  ${invited.invitation.url}`);
      });
    });
  users.command('set-role <id> <role>').action(async (id: string, role: string) => {
    const user = await cli.client().PATCH('/api/v1/users/{userId}', { params: { path: { userId: id } }, body: { role: role as Role } });
    cli.output(user, () => console.log(`${user.email} is now ${user.role}.`));
  });
  users
    .command('remove <id>')
    .description('remove someone: their sessions end and their API keys are revoked')
    .action(async (id: string) => {
      await cli.client().DELETE('/api/v1/users/{userId}', { params: { path: { userId: id } } });
      cli.output({ id, removed: true }, () => console.log(`Removed ${id}; their sessions ended and their API keys are revoked.`));
    });
}
