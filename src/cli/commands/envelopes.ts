import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CliError } from '../client.js';
import { idempotency, segment, type Cli } from '../context.js';
import { printEnvelope, printEnvelopeList, type EnvelopeView } from '../print.js';
import { registerEnvelopeLifecycle } from './envelope-lifecycle.js';

interface CreateOptions {
  title?: string;
  message?: string;
  language?: string;
  connection?: string;
  document: string[];
  participant: string[];
  expiresAt?: string;
  externalRef?: string;
  fromJson?: string;
  idempotencyKey?: string;
}

export function registerEnvelopes(program: Command, cli: Cli): void {
  const envelopes = program.command('envelopes').description('create, send and follow envelopes; download what was signed');

  envelopes
    .command('create')
    .description('create an envelope; participants as "First,Last,email[,role[,step]]"')
    .option('--title <title>', 'title shown to participants')
    .option('--message <text>', 'message to participants')
    .option('--language <code>', 'e.g. en, pl')
    .option('--connection <id>', 'the provider connection to send it through (default: the default connection)')
    .option('--document <id...>', 'document id(s), in order', [])
    .option('--participant <spec...>', 'e.g. "James,Dawson,james@example.com,signer,1"', [])
    .option('--expires-at <iso>', 'expiry, ISO 8601')
    .option('--external-ref <ref>', 'your own reference')
    .option('--from-json <file>', 'the whole request body from a JSON file (other options are then ignored)')
    .option('--idempotency-key <key>', 'makes a retried create safe')
    .action(async (options: CreateOptions) => {
      const body = options.fromJson ? JSON.parse(await readFile(options.fromJson, 'utf8')) : envelopeBody(options);
      const envelope = await cli.client().post<EnvelopeView>('/envelopes', body, idempotency(options.idempotencyKey));
      cli.output(envelope, () => printEnvelope(envelope));
    });

  envelopes
    .command('list')
    .option('--status <status>', 'draft, ready, sending, sent, completed, rejected, withdrawn, expired, failed or deleted')
    .option('--q <text>', 'text in the title or a participant’s name or email')
    .option('--external-ref <ref>', 'your own reference')
    .option('--limit <n>', 'rows per page', '25')
    .option('--cursor <cursor>', 'nextCursor of the previous page')
    .action(async (options: { status?: string; q?: string; externalRef?: string; limit: string; cursor?: string }) => {
      const page = await cli.client().get<{ data: EnvelopeView[]; nextCursor: string | null }>('/envelopes', options);
      cli.output(page, () => printEnvelopeList(page.data, page.nextCursor));
    });

  envelopes.command('show <id>').action(async (id: string) => {
    const envelope = await cli.client().get<EnvelopeView>(`/envelopes/${segment(id)}`);
    cli.output(envelope, () => printEnvelope(envelope));
  });

  registerEnvelopeLifecycle(envelopes, cli);
}

function envelopeBody(options: CreateOptions): Record<string, unknown> {
  if (!options.title) throw new CliError('An envelope needs a title: --title "…" (or --from-json file.json).');
  return {
    title: options.title,
    message: options.message,
    language: options.language,
    connectionId: options.connection,
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
