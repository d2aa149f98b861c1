import type { Command } from 'commander';
import type { InvitedUser, User } from '../../api-client/types.js';
import { ROLES } from '../../domain/roles.js';
import { segment, type Cli } from '../context.js';
import { printTable } from '../print.js';

type UserView = User;

export function registerUsers(program: Command, cli: Cli): void {
  const users = program.command('users').description('manage the people who sign in to the web app');
  users.command('list').action(async () => {
    const page = await cli.client().get<{ data: UserView[] }>('/users');
    cli.output(page, () => printTable(page.data, ['id', 'email', 'role', 'status']));
  });
  users
    .command('invite <email> <role>')
    .description(`invite someone (${ROLES.join(', ')}); prints the one-time link to hand to them`)
    .action(async (email: string, role: string) => {
      const invited = await cli.client().post<InvitedUser>('/users', { email, role });
      cli.output(invited, () => {
        console.log(`Invited ${invited.user.email} as ${invited.user.role}. No mail is sent: give them this link (valid until ${invited.invitation.expiresAt}, once):`);
        console.log(`  ${invited.invitation.url}`);
      });
    });
  users.command('set-role <id> <role>').action(async (id: string, role: string) => {
    const user = await cli.client().patch<UserView>(`/users/${segment(id)}`, { role });
    cli.output(user, () => console.log(`${user.email} is now ${user.role}.`));
  });
  users
    .command('remove <id>')
    .description('remove someone: their sessions end and their API keys are revoked')
    .action(async (id: string) => {
      await cli.client().delete(`/users/${segment(id)}`);
      cli.output({ id, removed: true }, () => console.log(`Removed ${id}; their sessions ended and their API keys are revoked.`));
    });
}
