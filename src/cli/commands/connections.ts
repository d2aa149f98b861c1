import type { Command } from 'commander';
import type { ProviderEntry, VerifyResult } from '../../api-client/types.js';
import { CliError, type CountersignClient } from '../client.js';
import { idempotency, segment, type Cli } from '../context.js';
import { printConnection, printConnectionList, printPublicKey, type ConnectionView } from '../print.js';
import { canPrompt, createPrompter, type Prompter } from '../prompt.js';

interface AddOptions {
  name?: string;
  url?: string;
  clientId?: string;
  clientSecret?: string;
  accountEmail?: string;
  default?: boolean;
  idempotencyKey?: string;
}

type Field = 'url' | 'name' | 'clientId' | 'clientSecret' | 'accountEmail';
/** In the order they are asked: the environment first, as it tells where to create the API client. */
const FIELDS: ReadonlyArray<{ field: Field; option: string }> = [
  { field: 'url', option: '--url <production|test|sandbox|URL>' },
  { field: 'name', option: '--name <name>' },
  { field: 'clientId', option: '--client-id <id>' },
  { field: 'clientSecret', option: '--client-secret <secret>' },
  { field: 'accountEmail', option: '--account-email <email>' },
];

/** The connector guide's first step, per provider, in the provider's own words. */
const CREATE_CLIENT_STEP: Record<string, string> = {
  autenti: 'In Autenti, open Integration settings and add an API client (any "Name of client application", e.g. Countersign).',
};

export function registerConnections(program: Command, cli: Cli): void {
  const connections = program.command('connections').description('connect provider accounts and check them');

  connections
    .command('add <provider>')
    .description('connect a provider account (autenti); in a terminal, asks for whatever is not given')
    .option('--name <name>', 'a name for this connection, e.g. "Autenti production"')
    .option('--url <environment>', 'production, test, sandbox, or the API root URL')
    .option('--client-id <id>', 'the API client’s "Client application ID"')
    .option('--client-secret <secret>', 'its "Client secret key" (better typed when asked: it is then not shown nor kept in shell history)')
    .option('--account-email <email>', 'the account the API client acts for')
    .option('--default', 'make it the default connection for new envelopes')
    .option('--idempotency-key <key>', 'makes a retried add safe')
    .action(async (provider: string, options: AddOptions) => {
      const client = cli.client();
      const missing = FIELDS.filter(({ field }) => !options[field]);
      if (missing.length > 0 && !canPrompt()) {
        throw new CliError(`Missing ${missing.map(({ option }) => option).join(', ')}. Pass them, or run this command in a terminal to be asked for each.`, [
          `e.g. countersign connections add ${provider} --name "Autenti test" --url test --client-id 9e76… --client-secret … --account-email you@example.com`,
        ]);
      }
      const values = missing.length > 0 ? await askForMissing(client, provider, options) : (options as Required<Pick<AddOptions, Field>>);
      const connection = await client.post<ConnectionView>(
        '/connections',
        {
          provider,
          name: values.name,
          baseUrl: values.url,
          clientId: values.clientId,
          clientSecret: values.clientSecret,
          accountEmail: values.accountEmail,
          ...(options.default ? { makeDefault: true } : {}),
        },
        idempotency(options.idempotencyKey),
      );
      cli.output(connection, () => {
        const isDefault = connection.isDefault ? ', the default' : '';
        console.log(`Added connection ${connection.id} (${connection.name}: ${connection.provider}, environment ${connection.environment}${isDefault}).`);
        if (connection.publicJwk) {
          console.log('Its public key, on one line — copy it whole:');
          printPublicKey(connection);
        } else {
          console.log(`Check it with: countersign connections verify ${connection.id}`);
        }
      });
    });

  connections
    .command('list')
    .description('every connection, with its environment, whether it is the default and its last health check')
    .action(async () => {
      const page = await cli.client().get<{ data: ConnectionView[] }>('/connections');
      cli.output(page, () => printConnectionList(page.data));
    });

  connections
    .command('show <id>')
    .description('a connection’s settings, health and public key (never its secrets)')
    .action(async (id: string) => {
      const connection = await cli.client().get<ConnectionView>(`/connections/${segment(id)}`);
      cli.output(connection, () => printConnection(connection));
    });

  connections
    .command('verify <id>')
    .description('check the connection against the provider; exits 1 when it does not work')
    .action(async (id: string) => {
      const result = await cli.client().post<VerifyResult>(
        `/connections/${segment(id)}/verify`,
      );
      cli.output(result, () => {
        if (result.ok) console.log(`✓ ${result.connection.name} (${id}): ${result.detail}`);
        else console.error(`✗ ${result.connection.name} (${id}): ${result.detail}`);
      });
      if (!result.ok) process.exitCode = 1;
    });

  connections
    .command('rotate-key <id>')
    .description('replace the connection’s key pair; register the new public key at the provider')
    .action(async (id: string) => {
      const connection = await cli.client().post<ConnectionView>(`/connections/${segment(id)}/rotate-key`);
      cli.output(connection, () => {
        console.log(`New key pair for ${connection.id} (${connection.name}). The old key works at the provider until this one replaces it there.`);
        console.log('The new public key, on one line — copy it whole:');
        printPublicKey(connection);
      });
    });

  connections
    .command('default <id>')
    .description('make this the connection new envelopes are sent through')
    .action(async (id: string) => {
      const connection = await cli.client().patch<ConnectionView>(`/connections/${segment(id)}`, { makeDefault: true });
      cli.output(connection, () => console.log(`${connection.id} (${connection.name}) is now the default connection.`));
    });

  connections
    .command('remove <id>')
    .description('delete a connection (refused while envelopes sent through it are in flight)')
    .action(async (id: string) => {
      await cli.client().delete(`/connections/${segment(id)}`);
      cli.output({ id, deleted: true }, () => console.log(`Removed connection ${id}.`));
    });
}

/** Walks through the connector guide's steps, asking only for what the options did not give. */
async function askForMissing(client: CountersignClient, provider: string, options: AddOptions): Promise<Required<Pick<AddOptions, Field>>> {
  const providers = await client.get<{ data: ProviderEntry[] }>('/providers');
  const entry = providers.data.find((candidate) => candidate.id === provider);
  if (!entry) {
    throw new CliError(`${provider} cannot be connected by this server; available: ${providers.data.map((candidate) => candidate.id).join(', ') || 'none'}.`);
  }
  const label = (name: string, fallback: string) => entry.credentials.find((field) => field.name === name)?.label ?? fallback;
  const say = (line = '') => process.stderr.write(`${line}\n`);

  say(`Connecting ${entry.name}, step by step:`);
  say(`  1. ${CREATE_CLIENT_STEP[entry.id] ?? `In ${entry.name}, create an API client for Countersign.`}`);
  say(`  2. Enter its ${label('clientId', 'client id')}, ${label('clientSecret', 'secret')} and ${label('accountEmail', 'account email')} here.`);
  if (entry.keyPair) say('  3. Countersign then shows a public key: paste it into that API client’s settings, and verify.');
  say();

  const prompter = createPrompter();
  try {
    const url = options.url ?? (await askEnvironment(prompter, client, entry));
    const environment = entry.environments[url] ? url : 'custom';
    if (environment === 'sandbox' && entry.sandboxPath) {
      say(`  The sandbox’s Integration settings, where its API clients are made: ${new URL(`${entry.sandboxPath}/integration-settings`, client.url)}`);
    }
    return {
      url,
      name: options.name ?? (await prompter.ask('A name for this connection', { default: `${entry.name} ${environment}` })),
      clientId: options.clientId ?? (await prompter.ask(label('clientId', 'Client id'))),
      clientSecret: options.clientSecret ?? (await prompter.askSecret(label('clientSecret', 'Client secret'))),
      accountEmail: options.accountEmail ?? (await prompter.ask(label('accountEmail', 'Account email'))),
    };
  } finally {
    prompter.close();
  }
}

async function askEnvironment(prompter: Prompter, client: CountersignClient, entry: ProviderEntry): Promise<string> {
  const names = Object.keys(entry.environments);
  const width = Math.max(...names.map((name) => name.length));
  process.stderr.write(`Which ${entry.name} environment?\n`);
  names.forEach((name, index) => {
    const address =
      name === 'sandbox' && entry.sandboxApiPath
        ? `${new URL(entry.sandboxApiPath, client.url)}  (offline, built into this server)`
        : entry.environments[name]!;
    process.stderr.write(`  ${index + 1}) ${name.padEnd(width)}  ${address}\n`);
  });
  for (;;) {
    const answer = await prompter.ask(`Environment (${names.join(', ')}, its number, or an API URL)`);
    const byNumber = /^\d+$/.test(answer) ? names[Number(answer) - 1] : undefined;
    if (byNumber) return byNumber;
    if (names.includes(answer.toLowerCase())) return answer.toLowerCase();
    if (/^https?:\/\/\S+$/i.test(answer)) return answer;
    process.stderr.write(`  "${answer}" is none of those; type a name, a number from 1 to ${names.length}, or a URL starting with https://\n`);
  }
}
