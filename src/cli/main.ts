#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { ConfigurationError, loadConfig } from '../config.js';
import { CliError, CountersignClient } from './client.js';
import { printEnvelope, printEnvelopeList, printTable } from './print.js';

const program = new Command()
  .name('countersign')
  .description('Countersign: send documents for e-signature through your provider account.')
  .addOption(new Option('--url <url>', 'where the server runs').env('COUNTERSIGN_URL').default('http://127.0.0.1:3000'))
  .addOption(new Option('--api-key <key>', 'API key (prefer the environment variable)').env('COUNTERSIGN_API_KEY'))
  .option('--json', 'print the server’s JSON instead of a summary')
  .showHelpAfterError();

const client = () => {
  const options = program.opts<{ url: string; apiKey?: string }>();
  return new CountersignClient({ url: options.url, apiKey: options.apiKey });
};
const json = () => Boolean(program.opts<{ json?: boolean }>().json);
const output = (value: unknown, human: () => void) => (json() ? console.log(JSON.stringify(value, null, 2)) : human());
const idempotency = (key: string | undefined): Record<string, string> => (key ? { 'idempotency-key': key } : {});

program
  .command('start')
  .description('start the server (configuration from the environment; see the README)')
  .action(async () => {
    const { startCountersign } = await import('../main.js');
    const running = await startCountersign(loadConfig());
    const shutdown = (signal: string) => {
      running.context.logger.info({ signal }, 'stopping');
      void running.stop().then(() => process.exit(0));
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });

const documents = program.command('documents').description('upload and list documents');
documents
  .command('upload <file>')
  .description('upload a PDF, DOC, DOCX, ODT, ODS, XLS or XLSX file')
  .option('--idempotency-key <key>', 'makes a retried upload safe')
  .action(async (file: string, options: { idempotencyKey?: string }) => {
    const document = await client().upload<{ id: string; filename: string; mediaType: string; size: number; sha256: string }>(
      '/documents',
      file,
      idempotency(options.idempotencyKey),
    );
    output(document, () => console.log(`Uploaded ${document.filename} as ${document.id} (${document.mediaType}, ${document.size} bytes, sha256 ${document.sha256})`));
  });
documents
  .command('list')
  .option('--limit <n>', 'rows per page', '25')
  .option('--cursor <cursor>', 'nextCursor of the previous page')
  .action(async (options: { limit: string; cursor?: string }) => {
    const page = await client().get<{ data: Array<Record<string, unknown>>; nextCursor: string | null }>('/documents', options);
    output(page, () => {
      printTable(page.data, ['id', 'filename', 'mediaType', 'size', 'createdAt']);
      if (page.nextCursor) console.log(`\nMore: --cursor ${page.nextCursor}`);
    });
  });

const envelopes = program.command('envelopes').description('create, list and show envelopes');
envelopes
  .command('create')
  .description('create an envelope; participants as "First,Last,email[,role[,step]]"')
  .option('--title <title>', 'title shown to participants')
  .option('--message <text>', 'message to participants')
  .option('--language <code>', 'e.g. en, pl')
  .option('--document <id...>', 'document id(s), in order', [])
  .option('--participant <spec...>', 'e.g. "James,Dawson,james@example.com,signer,1"', [])
  .option('--expires-at <iso>', 'expiry, ISO 8601')
  .option('--external-ref <ref>', 'your own reference')
  .option('--from-json <file>', 'the whole request body from a JSON file (other options are then ignored)')
  .option('--idempotency-key <key>', 'makes a retried create safe')
  .action(async (options: CreateOptions) => {
    const body = options.fromJson ? JSON.parse(await readFile(options.fromJson, 'utf8')) : envelopeBody(options);
    const envelope = await client().post<EnvelopeView>('/envelopes', body, idempotency(options.idempotencyKey));
    output(envelope, () => printEnvelope(envelope));
  });
envelopes
  .command('list')
  .option('--status <status>', 'draft, ready, sending, sent, completed, rejected, withdrawn, expired or failed')
  .option('--q <text>', 'text in the title or a participant’s name or email')
  .option('--external-ref <ref>', 'your own reference')
  .option('--limit <n>', 'rows per page', '25')
  .option('--cursor <cursor>', 'nextCursor of the previous page')
  .action(async (options: { status?: string; q?: string; externalRef?: string; limit: string; cursor?: string }) => {
    const page = await client().get<{ data: EnvelopeView[]; nextCursor: string | null }>('/envelopes', options);
    output(page, () => printEnvelopeList(page.data, page.nextCursor));
  });
envelopes
  .command('show <id>')
  .action(async (id: string) => {
    const envelope = await client().get<EnvelopeView>(`/envelopes/${encodeURIComponent(id)}`);
    output(envelope, () => printEnvelope(envelope));
  });

const keys = program.command('keys').description('manage API keys');
keys
  .command('create <name>')
  .action(async (name: string) => {
    const key = await client().post<{ id: string; secret: string; name: string }>('/keys', { name });
    output(key, () => {
      console.log(`Created API key ${key.id} (${key.name}). It is shown only now; store it safely:`);
      console.log(`  ${key.secret}`);
    });
  });
keys.command('list').action(async () => {
  const page = await client().get<{ data: Array<Record<string, unknown>> }>('/keys');
  output(page, () => printTable(page.data, ['id', 'name', 'prefix', 'createdAt', 'lastUsedAt', 'revokedAt']));
});
keys
  .command('revoke <id>')
  .action(async (id: string) => {
    const key = await client().post<{ id: string; revokedAt: string }>(`/keys/${encodeURIComponent(id)}/revoke`, {});
    output(key, () => console.log(`Revoked ${key.id} at ${key.revokedAt}.`));
  });

interface CreateOptions {
  title?: string;
  message?: string;
  language?: string;
  document: string[];
  participant: string[];
  expiresAt?: string;
  externalRef?: string;
  fromJson?: string;
  idempotencyKey?: string;
}

export type EnvelopeView = Parameters<typeof printEnvelope>[0];

function envelopeBody(options: CreateOptions): Record<string, unknown> {
  if (!options.title) throw new CliError('An envelope needs a title: --title "…" (or --from-json file.json).');
  return {
    title: options.title,
    message: options.message,
    language: options.language,
    documentIds: options.document,
    participants: options.participant.map(parseParticipant),
    expiresAt: options.expiresAt,
    externalRef: options.externalRef,
  };
}

function parseParticipant(spec: string, index: number): Record<string, unknown> {
  const [firstName, lastName, email, role = 'signer', step] = spec.split(',').map((part) => part.trim());
  if (!firstName || !lastName || !email) {
    throw new CliError(`--participant #${index + 1} "${spec}" must be "First,Last,email[,role[,step]]", e.g. "James,Dawson,james@example.com,signer,1".`);
  }
  return { firstName, lastName, email, role, ...(step ? { step: Number(step) } : {}) };
}

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
