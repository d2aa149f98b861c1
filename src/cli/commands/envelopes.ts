import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CreateEnvelope, EnvelopeStatus, ParticipantInput } from '../../api-client/types.js';
import { CliError } from '../client.js';
import { idempotency, type Cli } from '../context.js';
import { describeParticipant, printEnvelope, printEnvelopeList } from '../print.js';
import { parseFieldSpec, parseParticipantSpec, participantOptions } from '../participant-options.js';
import { registerEnvelopeLifecycle } from './envelope-lifecycle.js';

interface CreateOptions {
  title?: string;
  message?: string;
  language?: string;
  connection?: string;
  document: string[];
  participant: string[];
  field: string[];
  expiresAt?: string;
  externalRef?: string;
  fromJson?: string;
  idempotencyKey?: string;
}

export function registerEnvelopes(program: Command, cli: Cli): void {
  const envelopes = program.command('envelopes').description('create, send and follow envelopes; download what was signed');

  envelopes
    .command('create')
    .description('create an envelope; participants as "First,Last,email[,role[,step]][,key=value…]"')
    .option('--title <title>', 'title shown to participants')
    .option('--message <text>', 'message to participants')
    .option('--language <code>', 'e.g. en, pl')
    .option('--connection <id>', 'the provider connection to send it through (default: the default connection)')
    .option('--document <id...>', 'document id(s), in order', [])
    .option(
      '--participant <spec...>',
      'e.g. "James,Dawson,james@example.com,signer,1"; options: phone=+48…, auth=sms (sms, call, secret, eid:itsme; several with +), question=… answer=… (auth=secret), level=basic|advanced|qualified, lang=fr, return-url=https://… (embedded signing)',
      [],
    )
    .option('--field <spec...>', 'where a participant signs: "to=1,type=signature,doc=doc_…,page=1,left=72,top=700,width=180,height=50" (PDF points from the top-left) or "to=1,type=signature,doc=doc_…,anchor=[[sign-1]]"', [])
    .option('--expires-at <iso>', 'expiry, ISO 8601')
    .option('--external-ref <ref>', 'your own reference')
    .option('--from-json <file>', 'the whole request body from a JSON file (other options are then ignored)')
    .option('--idempotency-key <key>', 'makes a retried create safe')
    .action(async (options: CreateOptions) => {
      const body: CreateEnvelope = options.fromJson ? JSON.parse(await readFile(options.fromJson, 'utf8')) : envelopeBody(options);
      const envelope = await cli.client().POST('/api/v1/envelopes', { body, headers: idempotency(options.idempotencyKey) });
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
      const query = {
        // The server refuses a status it does not know, listing those it does.
        status: options.status as EnvelopeStatus | undefined,
        q: options.q,
        externalRef: options.externalRef,
        limit: Number(options.limit),
        cursor: options.cursor,
      };
      const page = await cli.client().GET('/api/v1/envelopes', { params: { query } });
      cli.output(page, () => printEnvelopeList(page.data, page.nextCursor));
    });

  envelopes.command('show <id>').action(async (id: string) => {
    const envelope = await cli.client().GET('/api/v1/envelopes/{envelopeId}', { params: { path: { envelopeId: id } } });
    cli.output(envelope, () => printEnvelope(envelope));
  });

  registerParticipants(envelopes, cli);
  registerEnvelopeLifecycle(envelopes, cli);
}

function envelopeBody(options: CreateOptions): CreateEnvelope {
  if (!options.title) throw new CliError('An envelope needs a title: --title "…" (or --from-json file.json).');
  return {
    title: options.title,
    message: options.message,
    language: options.language,
    connectionId: options.connection,
    documentIds: options.document,
    // Shaped from the command line, not checked: the server checks each participant and names what it refuses.
    participants: withFields(options.participant.map((spec, index) => parseParticipantSpec(spec, `--participant #${index + 1}`)), options.field) as CreateEnvelope['participants'],
    expiresAt: options.expiresAt,
    externalRef: options.externalRef,
  };
}

/** Attaches each `--field` to the participant its `to=` names. */
function withFields(participants: Array<Record<string, unknown>>, specs: string[]): Array<Record<string, unknown>> {
  specs.forEach((spec, index) => {
    const { participant, field } = parseFieldSpec(spec, `--field #${index + 1}`);
    const target = participants[participant];
    if (!target) throw new CliError(`--field #${index + 1} is for participant ${participant + 1}, but there are ${participants.length} --participant options.`);
    target.fields = [...((target.fields as unknown[] | undefined) ?? []), field];
  });
  return participants;
}

interface ParticipantAddOptions {
  phone?: string;
  auth?: string;
  question?: string;
  answer?: string;
  signatureLevel?: string;
  language?: string;
  returnUrl?: string;
  field: string[];
  fieldsFile?: string;
  idempotencyKey?: string;
}

function registerParticipants(envelopes: Command, cli: Cli): void {
  const participants = envelopes.command('participants').description("add a participant to an envelope that is not sent yet, with how they sign");
  participants
    .command('add <envelopeId> <spec>')
    .description('spec: "First,Last,email[,role[,step]]"; the same person may be added again in another role (e.g. receiver)')
    .option('--phone <e164>', 'e.g. +48722722722 (needed by --auth sms or call)')
    .option('--auth <methods>', 'how they prove who they are: email-link (default), sms, call, secret, eid:<scheme>; several joined with +, e.g. sms+secret')
    .option('--question <text>', 'the question for --auth secret')
    .option('--answer <text>', 'the answer for --auth secret (stored encrypted, never shown again)')
    .option('--signature-level <level>', 'basic, advanced or qualified, where the provider offers it')
    .option('--language <code>', "the participant's language, where the provider takes one per participant")
    .option('--return-url <url>', 'embedded signing: your page the provider sends them back to; get the URL with `envelopes signing-url`')
    .option('--field <spec...>', '"type=signature,doc=doc_…,page=1,left=72,top=700,width=180,height=50" or "type=signature,doc=doc_…,anchor=[[sign-1]]"', [])
    .option('--fields-file <file>', 'a JSON array of fields as the API takes them (instead of --field)')
    .option('--idempotency-key <key>', 'makes a retried add safe')
    .action(async (envelopeId: string, spec: string, options: ParticipantAddOptions) => {
      const body = {
        ...parseParticipantSpec(spec, 'participant'),
        ...participantOptions(
          {
            phone: options.phone,
            auth: options.auth,
            question: options.question,
            answer: options.answer,
            level: options.signatureLevel,
            lang: options.language,
            'return-url': options.returnUrl,
          },
          'participant',
        ),
      };
      const fields = options.fieldsFile
        ? (JSON.parse(await readFile(options.fieldsFile, 'utf8')) as unknown[])
        : options.field.map((field, index) => parseFieldSpec(field, `--field #${index + 1}`).field);
      if (fields.length > 0) Object.assign(body, { fields });
      const added = await cli.client().POST('/api/v1/envelopes/{envelopeId}/participants', {
        params: { path: { envelopeId } },
        // Shaped from the command line, not checked: the server checks it and names what it refuses.
        body: body as ParticipantInput,
        headers: idempotency(options.idempotencyKey),
      });
      cli.output(added, () => console.log(`Added ${added.id}: ${describeParticipant(added)}`));
    });

  envelopes
    .command('signing-url <envelopeId> <participantId>')
    .description('a fresh signing URL for a participant with embedded signing (the envelope must be sent); it signs in as them, hand it to them only')
    .action(async (envelopeId: string, participantId: string) => {
      const answer = await cli.client().GET('/api/v1/envelopes/{envelopeId}/participants/{participantId}/signing-url', {
        params: { path: { envelopeId, participantId } },
      });
      cli.output(answer, () => console.log(answer.expiresAt ? `${answer.url}\n(valid until ${answer.expiresAt})` : answer.url));
    });
}
