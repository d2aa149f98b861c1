import type { Command } from 'commander';
import type { CreateConnection, ProviderEntry } from '../../api-client/types.js';
import { CliError, type CountersignClient } from '../client.js';
import { idempotency, type Cli } from '../context.js';
import { printConnection, printConnectionList, printPublicKey } from '../print.js';
import { canPrompt, createPrompter, type Prompter } from '../prompt.js';

/** `name`, `url` and each credential, by its schema name (`clientId` from `--client-id`). */
type AddOptions = { name?: string; url?: string; default?: boolean; idempotencyKey?: string } & Record<string, string | boolean | undefined>;

type Credential = ProviderEntry['credentials'][number] & { format?: string; required?: boolean };

/** `clientId` → `--client-id <id>`: the placeholder says what goes there. */
function flagOf(field: Credential): string {
  const flag = `--${field.name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
  const placeholder = field.format === 'email' ? 'email' : field.secret ? 'secret' : /Id$/.test(field.name) ? 'id' : 'value';
  return `${flag} <${placeholder}>`;
}

/**
 * The credential flags given, read against the provider's credentials as the server lists them
 * (GET /api/v1/providers, from the provider's schema): `--client-id 9e76…` or `--client-id=9e76…`.
 * The CLI holds no copy of any provider's fields, so it connects whatever the server can.
 */
function credentialFlags(args: readonly string[], entry: ProviderEntry): Record<string, string> {
  const byFlag = new Map(entry.credentials.map((field) => [flagOf(field).split(' ')[0]!, field.name]));
  const values: Record<string, string> = {};
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const name = byFlag.get(flag);
    if (name === undefined) {
      throw new CliError(`${arg.startsWith('--') ? `${flag} is not an option` : `Unexpected "${arg}"`} of connections add ${entry.id}.`, [
        `${entry.name} takes ${entry.credentials.map((field) => flagOf(field)).join(', ')} (GET /api/v1/providers lists them).`,
      ]);
    }
    const value = inline ?? args[(index += 1)];
    if (value === undefined) throw new CliError(`${flag} needs a value.`);
    values[name] = value;
  }
  return values;
}

/** The server's entry for `provider` (GET /api/v1/providers). */
async function providerEntry(client: CountersignClient, provider: string): Promise<ProviderEntry> {
  const providers = await client.GET('/api/v1/providers');
  const entry = providers.data.find((candidate) => candidate.id === provider);
  if (!entry) {
    throw new CliError(`${provider} cannot be connected by this server; available: ${providers.data.map((candidate) => candidate.id).join(', ') || 'none'}.`);
  }
  return entry;
}

/** The connector guide's first step, per provider, in the provider's own words. */
const CREATE_CLIENT_STEP: Record<string, string> = {
  autenti: 'In Autenti, open Integration settings and add an API client (any "Name of client application", e.g. Countersign).',
};

export function registerConnections(program: Command, cli: Cli): void {
  const connections = program.command('connections').description('connect provider accounts and check them');

  connections
    .command('add <provider>')
    .description('connect a provider account; in a terminal, asks for whatever is not given')
    .option('--name <name>', 'a name for this connection, e.g. "Autenti production"')
    .option('--url <environment>', 'production, test, sandbox, or the API root URL')
    .option('--default', 'make it the default connection for new envelopes')
    .option('--idempotency-key <key>', 'makes a retried add safe')
    // The credential flags are the provider's, read from the server (see credentialFlags).
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText(
      'after',
      '\nEach credential the provider asks for is a flag named after it in GET /api/v1/providers (`credentials`):\n' +
        'clientId is --client-id <id>, accountEmail is --account-email <email>. Secrets are better typed when asked:\n' +
        'they are then not shown nor kept in shell history.',
    )
    .action(async (provider: string, options: AddOptions, command: Command) => {
      const client = cli.client();
      const entry = await providerEntry(client, provider);
      const given: AddOptions = { ...options, ...credentialFlags(command.args.slice(1), entry) };
      const fields: Credential[] = entry.credentials;
      // In the order they are asked: the environment first, as it tells where to create the API client.
      const wanted = [
        { field: 'url', option: '--url <production|test|sandbox|URL>' },
        { field: 'name', option: '--name <name>' },
        ...fields.filter((field) => field.required !== false).map((field) => ({ field: field.name, option: flagOf(field) })),
      ];
      const missing = wanted.filter(({ field }) => !given[field]);
      if (missing.length > 0 && !canPrompt()) {
        throw new CliError(`Missing ${missing.map(({ option }) => option).join(', ')}. Pass them, or run this command in a terminal to be asked for each.`, [
          `e.g. countersign connections add ${provider} --name "${entry.name} test" --url test ${fields.map((field) => `${flagOf(field).split(' ')[0]} …`).join(' ')}`,
        ]);
      }
      const values = missing.length > 0 ? await askForMissing(client, entry, given) : (given as Record<string, string>);
      const credentials = Object.fromEntries(fields.filter((field) => typeof values[field.name] === 'string').map((field) => [field.name, values[field.name]]));
      const connection = await client.POST('/api/v1/connections', {
        // Whatever the server lists for this provider, as given: the server checks it and names what it refuses.
        body: {
          provider,
          name: values.name,
          baseUrl: values.url,
          ...credentials,
          ...(given.default ? { makeDefault: true } : {}),
        } as CreateConnection,
        headers: idempotency(given.idempotencyKey),
      });
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
      const page = await cli.client().GET('/api/v1/connections');
      cli.output(page, () => printConnectionList(page.data));
    });

  connections
    .command('show <id>')
    .description('a connection’s settings, health and public key (never its secrets)')
    .action(async (id: string) => {
      const connection = await cli.client().GET('/api/v1/connections/{connectionId}', { params: { path: { connectionId: id } } });
      cli.output(connection, () => printConnection(connection));
    });

  connections
    .command('verify <id>')
    .description('check the connection against the provider; exits 1 when it does not work')
    .action(async (id: string) => {
      const result = await cli.client().POST('/api/v1/connections/{connectionId}/verify', { params: { path: { connectionId: id } } });
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
      const connection = await cli.client().POST('/api/v1/connections/{connectionId}/rotate-key', { params: { path: { connectionId: id } } });
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
      const connection = await cli.client().PATCH('/api/v1/connections/{connectionId}', { params: { path: { connectionId: id } }, body: { makeDefault: true } });
      cli.output(connection, () => console.log(`${connection.id} (${connection.name}) is now the default connection.`));
    });

  connections
    .command('remove <id>')
    .description('delete a connection (refused while envelopes sent through it are in flight)')
    .action(async (id: string) => {
      await cli.client().DELETE('/api/v1/connections/{connectionId}', { params: { path: { connectionId: id } } });
      cli.output({ id, deleted: true }, () => console.log(`Removed connection ${id}.`));
    });
}

/** Walks through the connector guide's steps, asking only for what the options did not give. */
async function askForMissing(client: CountersignClient, entry: ProviderEntry, options: AddOptions): Promise<Record<string, string>> {
  const say = (line = '') => process.stderr.write(`${line}\n`);

  say(`Connecting ${entry.name}, step by step:`);
  say(`  1. ${CREATE_CLIENT_STEP[entry.id] ?? `In ${entry.name}, create an API client for Countersign.`}`);
  const labels = entry.credentials.map((field) => field.label);
  say(`  2. Enter its ${labels.length > 1 ? `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}` : labels.join('')} here.`);
  if (entry.keyPair) say('  3. Countersign then shows a public key: paste it into that API client’s settings, and verify.');
  say();

  const prompter = createPrompter();
  try {
    const url = typeof options.url === 'string' ? options.url : (await askEnvironment(prompter, client, entry));
    const environment = entry.environments[url] ? url : 'custom';
    const integrationSettings = entry.sandboxPages?.integrationSettings;
    if (environment === 'sandbox' && integrationSettings) {
      say(`  The sandbox’s Integration settings, where its API clients are made: ${new URL(integrationSettings, client.url)}`);
    }
    const values: Record<string, string> = {
      url,
      name: typeof options.name === 'string' ? options.name : await prompter.ask('A name for this connection', { default: `${entry.name} ${environment}` }),
    };
    // The server's own fields and labels, in its order.
    for (const field of entry.credentials) {
      const given = options[field.name];
      if (typeof given === 'string' && given !== '') values[field.name] = given;
      else values[field.name] = field.secret ? await prompter.askSecret(field.label) : await prompter.ask(field.label);
    }
    return values;
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
    const answer = await prompter.ask(`Environment (${names.join(', ')}, its number, or an API URL such as ${entry.urlExample})`);
    const byNumber = /^\d+$/.test(answer) ? names[Number(answer) - 1] : undefined;
    if (byNumber) return byNumber;
    if (names.includes(answer.toLowerCase())) return answer.toLowerCase();
    if (/^https?:\/\/\S+$/i.test(answer)) return answer;
    process.stderr.write(`  "${answer}" is none of those; type a name, a number from 1 to ${names.length}, or a URL starting with https://\n`);
  }
}
