import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Envelope, Job } from '../../api-client/types.js';
import { CliError, type CountersignClient } from '../client.js';
import { idempotency, sleep, type Cli } from '../context.js';
import { downloadArtifacts } from '../download.js';
import { printEnvelope, printTable } from '../print.js';
import { withdrawWarning } from '../withdraw-warning.js';
import { syncProgressView, syncSummary, type SyncProgress } from '../progress.js';

const POLL_MS = 500;

const seconds = (value: string) => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new CliError(`--timeout must be a number of seconds, such as 120; got "${value}".`);
  return parsed;
};

/** Sending an envelope and following it at the provider: the commands beside create/list/show. */
export function registerEnvelopeLifecycle(envelopes: Command, cli: Cli): void {
  envelopes
    .command('send <id>')
    .description('send an envelope for signature through its connection')
    .option('--wait', 'wait until the provider has it (sent) or refused it (failed); exits 1 if it failed')
    .option('--timeout <seconds>', 'how long --wait waits', '120')
    .option('--idempotency-key <key>', 'makes a retried send safe')
    .action(async (id: string, options: { wait?: boolean; timeout: string; idempotencyKey?: string }) => {
      const client = cli.client();
      const timeout = seconds(options.timeout);
      let envelope = await client.POST('/api/v1/envelopes/{envelopeId}/send', { params: { path: { envelopeId: id } }, headers: idempotency(options.idempotencyKey) });
      if (!options.wait) {
        cli.output(envelope, () =>
          console.log(`Sending ${envelope.id} (${envelope.status}). Follow it with: countersign envelopes show ${envelope.id} — or send with --wait.`),
        );
        return;
      }
      envelope = await waitWhileSending(client, envelope, timeout);
      cli.output(envelope, () => printEnvelope(envelope));
      if (envelope.status === 'failed') {
        console.error(`Error: sending ${envelope.id} failed: ${envelope.statusReason ?? 'the provider gave no reason'}`);
        process.exitCode = 1;
      }
    });

  envelopes
    .command('decide <id>')
    .description('after a send whose outcome is unknown: send it again (--resend) or record the envelope the provider has (--mark-sent <id>)')
    .option('--resend', 'forget the lost attempt and send again; first check at the provider that it has no such envelope, or delete it there')
    .option('--mark-sent <providerReference>', 'the provider has it: its id there (ConsignO Cloud: the workflow id); checked with the provider, then recorded as sent')
    .action(async (id: string, options: { resend?: boolean; markSent?: string }) => {
      if (Boolean(options.resend) === (options.markSent !== undefined)) {
        throw new CliError('Give one of --resend or --mark-sent <id at the provider>: `countersign envelopes show ' + id + '` says what is known.');
      }
      const body = options.markSent === undefined ? { decision: 'resend' as const } : { decision: 'mark-sent' as const, providerReference: options.markSent };
      const envelope = await cli.client().POST('/api/v1/envelopes/{envelopeId}/send-decision', { params: { path: { envelopeId: id } }, body });
      cli.output(envelope, () => {
        console.log(
          envelope.status === 'sending'
            ? `Sending ${envelope.id} again. Follow it with: countersign envelopes show ${envelope.id}`
            : `Recorded ${envelope.id} as ${envelope.status} at ${envelope.provider}: ${envelope.providerReference}.`,
        );
        printEnvelope(envelope);
      });
    });

  envelopes
    .command('sync [id]')
    .description('fetch statuses from the provider now: one envelope, or (without an id) every envelope in flight')
    .option('--timeout <seconds>', 'give up on a sync of everything after this long without progress', '120')
    .action(async (id: string | undefined, options: { timeout: string }) => {
      const client = cli.client();
      if (id !== undefined) {
        const envelope = await client.POST('/api/v1/envelopes/{envelopeId}/sync', { params: { path: { envelopeId: id } } });
        cli.output(envelope, () => printEnvelope(envelope));
        return;
      }
      const job = await followSyncJob(client, await client.POST('/api/v1/envelopes/sync'), seconds(options.timeout));
      const progress = syncProgressOf(job);
      cli.output(job, () => console.log(syncSummary(progress)));
      if (progress.errors.length > 0) {
        console.error(`Error: ${progress.errors.length === 1 ? 'one connection' : `${progress.errors.length} connections`} could not be synced:`);
        for (const error of progress.errors) console.error(`  - ${error}`);
        process.exitCode = 1;
      }
    });

  envelopes
    .command('withdraw <id>')
    .description('withdraw a sent envelope; participants can no longer sign it')
    .option('--reason <text>', 'why, shown in the history (and to participants where the provider passes it on)')
    .option('--no-wait', 'print the job id and return at once instead of waiting for the provider')
    .option('--timeout <seconds>', 'how long to wait for the job', '120')
    .action(async (id: string, options: ActionOptions & { reason?: string }) => {
      const client = cli.client();
      const warning = await withdrawWarningFor(client, id);
      if (warning) process.stderr.write(`${warning}\n`);
      const job = await client.POST('/api/v1/envelopes/{envelopeId}/withdraw', { params: { path: { envelopeId: id } }, body: options.reason ? { reason: options.reason } : {} });
      await finishAction(cli, client, job, options, `Withdrawing ${id}`, async () => {
        const envelope = await client.GET('/api/v1/envelopes/{envelopeId}', { params: { path: { envelopeId: id } } });
        cli.output(envelope, () => printEnvelope(envelope));
      });
    });

  envelopes
    .command('remind <id>')
    .description('remind the participants whose turn it is')
    .option('--no-wait', 'print the job id and return at once instead of waiting for the provider')
    .option('--timeout <seconds>', 'how long to wait for the job', '120')
    .action(async (id: string, options: ActionOptions) => {
      const client = cli.client();
      const job = await client.POST('/api/v1/envelopes/{envelopeId}/remind', { params: { path: { envelopeId: id } } });
      await finishAction(cli, client, job, options, `Reminding the participants of ${id}`, async () => {
        const envelope = await client.GET('/api/v1/envelopes/{envelopeId}', { params: { path: { envelopeId: id } } });
        const event = [...envelope.events].reverse().find((candidate) => candidate.type === 'envelope-reminded');
        const emails = new Set((event?.detail as { participants?: string[] } | null)?.participants ?? []);
        const reminded = envelope.participants.filter((participant) => emails.has(participant.email));
        cli.output(envelope, () => {
          const who = reminded.map((participant) => `${participant.firstName} ${participant.lastName} <${participant.email}>`).join(', ');
          console.log(`Reminded ${who || 'the participants whose turn it is'} (${envelope.id}).`);
        });
      });
    });

  envelopes
    .command('extend-expiry <id> <expiresAt>')
    .description('move the expiry of a sent envelope later (ISO 8601, e.g. 2030-01-31T17:00:00Z), where its provider allows')
    .option('--no-wait', 'print the job id and return at once instead of waiting for the provider')
    .option('--timeout <seconds>', 'how long to wait for the job', '120')
    .action(async (id: string, expiresAt: string, options: ActionOptions) => {
      const client = cli.client();
      const job = await client.POST('/api/v1/envelopes/{envelopeId}/extend-expiry', { params: { path: { envelopeId: id } }, body: { expiresAt } });
      await finishAction(cli, client, job, options, `Extending the expiry of ${id}`, async () => {
        const envelope = await client.GET('/api/v1/envelopes/{envelopeId}', { params: { path: { envelopeId: id } } });
        cli.output(envelope, () => printEnvelope(envelope));
      });
    });

  envelopes
    .command('skip-pending <id>')
    .description('complete a sent envelope without the participants who have not acted, where its provider allows')
    .option('--no-wait', 'print the job id and return at once instead of waiting for the provider')
    .option('--timeout <seconds>', 'how long to wait for the job', '120')
    .action(async (id: string, options: ActionOptions) => {
      const client = cli.client();
      const job = await client.POST('/api/v1/envelopes/{envelopeId}/skip-pending', { params: { path: { envelopeId: id } } });
      await finishAction(cli, client, job, options, `Skipping the pending participants of ${id}`, async () => {
        const envelope = await client.GET('/api/v1/envelopes/{envelopeId}', { params: { path: { envelopeId: id } } });
        cli.output(envelope, () => printEnvelope(envelope));
      });
    });

  envelopes
    .command('delete <id>')
    .description('delete an envelope: a draft here; a sent or finished one at its provider (with --confirm), kept here as deleted history')
    .option('--confirm', 'needed to delete an envelope its provider has: it is deleted there too')
    .option('--no-wait', 'print the job id and return at once instead of waiting for the provider')
    .option('--timeout <seconds>', 'how long to wait for the job', '120')
    .action(async (id: string, options: ActionOptions & { confirm?: boolean }) => {
      const client = cli.client();
      const job = await client.DELETE('/api/v1/envelopes/{envelopeId}', { params: { path: { envelopeId: id }, query: { confirm: options.confirm } } });
      if (job === undefined) {
        cli.output({ id, deleted: true }, () => console.log(`Deleted ${id}.`));
        return;
      }
      await finishAction(cli, client, job, options, `Deleting ${id} at its provider`, async () => {
        const envelope = await client.GET('/api/v1/envelopes/{envelopeId}', { params: { path: { envelopeId: id } } });
        cli.output(envelope, () => printEnvelope(envelope));
      });
    });

  envelopes
    .command('archive <id>')
    .description("try again now to fetch a completed envelope's signed files from the provider, when its archive is pending or failed")
    .action(async (id: string) => {
      const envelope = await cli.client().POST('/api/v1/envelopes/{envelopeId}/archive', { params: { path: { envelopeId: id } } });
      cli.output(envelope, () => console.log(`Archiving the signed files of ${envelope.id} now. Follow it with: countersign envelopes show ${envelope.id}`));
    });

  envelopes
    .command('artifacts <id>')
    .description('the signed documents and audit proofs fetched from the provider')
    .action(async (id: string) => {
      const list = await cli.client().GET('/api/v1/envelopes/{envelopeId}/artifacts', { params: { path: { envelopeId: id } } });
      cli.output(list, () => printTable(list.data, ['id', 'kind', 'filename', 'mediaType', 'size', 'createdAt']));
    });

  envelopes
    .command('download <id>')
    .description('save the signed documents and audit proofs to a folder')
    .option('--out <dir>', 'folder to save into (made if missing)', '.')
    .option('--artifact <artifactId>', 'only this artifact (see `envelopes artifacts`)')
    .option('--force', 'replace files that already exist')
    .action(async (id: string, options: { out: string; artifact?: string; force?: boolean }) => {
      const client = cli.client();
      const list = await client.GET('/api/v1/envelopes/{envelopeId}/artifacts', { params: { path: { envelopeId: id } } });
      const chosen = options.artifact ? list.data.filter((artifact) => artifact.id === options.artifact) : list.data;
      if (options.artifact && chosen.length === 0) {
        throw new CliError(`Envelope ${id} has no artifact ${options.artifact}; it has ${list.data.map((artifact) => artifact.id).join(', ') || 'none'}.`);
      }
      if (chosen.length === 0) {
        throw new CliError(`Envelope ${id} has nothing to download yet: signed files are fetched once it is completed (see \`countersign envelopes show ${id}\`).`);
      }
      const files = await downloadArtifacts(client, id, chosen, { folder: resolve(options.out), force: Boolean(options.force) });
      cli.output(files, () => {
        for (const file of files) console.log(file.path);
      });
    });
}

/** The warning to print before withdrawing, when the envelope's provider withdraws by deleting. */
async function withdrawWarningFor(client: CountersignClient, id: string): Promise<string | undefined> {
  const envelope = await client.GET('/api/v1/envelopes/{envelopeId}', { params: { path: { envelopeId: id } } });
  if (!envelope.provider) return undefined;
  const providers = await client.GET('/api/v1/providers');
  const entry = providers.data.find((candidate) => candidate.id === envelope.provider);
  return entry ? withdrawWarning(entry) : undefined;
}

interface ActionOptions {
  /** commander's `--no-wait`: false when given. */
  wait: boolean;
  timeout: string;
}

/**
 * The end of an action the server runs as a job: with `--no-wait`, the job id (and how to follow
 * it); otherwise the job followed to its end, then `done` shows the result. A job that failed for
 * good exits 1 with its error.
 */
async function finishAction(cli: Cli, client: CountersignClient, started: Job, options: ActionOptions, doing: string, done: () => Promise<void>): Promise<void> {
  if (!options.wait) {
    cli.output(started, () => console.log(`${doing}: job ${started.id} (${started.state}). Follow it at GET /api/v1/jobs/${started.id}.`));
    return;
  }
  const job = await followActionJob(client, started, seconds(options.timeout), doing);
  if (job.state === 'dead') throw new CliError(`${doing} failed: ${job.lastError ?? 'no reason was recorded'}`);
  await done();
}

/** Polls an action's job until it is completed or dead; says on stderr when it waits to retry, and why. */
async function followActionJob(client: CountersignClient, started: Job, timeoutSeconds: number, doing: string): Promise<Job> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let job = started;
  let said = '';
  for (;;) {
    if (job.state === 'completed' || job.state === 'dead') return job;
    const line = job.state === 'retry' ? `${doing}: the provider did not answer yet (${job.lastError ?? 'no reason'}); retrying…` : `${doing}…`;
    if (line !== said) process.stderr.write(`${line}\n`);
    said = line;
    if (Date.now() > deadline) {
      throw new CliError(`${doing} is still under way after ${timeoutSeconds} s (job ${job.id}, ${job.state}); the server keeps trying. Follow it at GET /api/v1/jobs/${job.id}.`);
    }
    await sleep(POLL_MS / 2);
    job = await client.GET('/api/v1/jobs/{jobId}', { params: { path: { jobId: job.id } } });
  }
}

/** Polls the envelope until the send job has an outcome, or the deadline passes. */
async function waitWhileSending(client: CountersignClient, envelope: Envelope, timeoutSeconds: number): Promise<Envelope> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let current = envelope;
  while (current.status === 'sending') {
    if (Date.now() > deadline) {
      throw new CliError(`${current.id} is still sending after ${timeoutSeconds} s; the server keeps trying. Check it with: countersign envelopes show ${current.id}`);
    }
    await sleep(POLL_MS);
    current = await client.GET('/api/v1/envelopes/{envelopeId}', { params: { path: { envelopeId: current.id } } });
  }
  return current;
}

/**
 * Polls the job until it is completed or dead, showing its progress. The deadline counts from the
 * last change the job reported, so a long sync that keeps moving is never cut short.
 */
async function followSyncJob(client: CountersignClient, started: Job, stallSeconds: number): Promise<Job> {
  const view = syncProgressView();
  let job = started;
  let lastChange = { at: Date.now(), updatedAt: job.updatedAt };
  try {
    for (;;) {
      if (job.progress) view.update(syncProgressOf({ ...job, result: null }));
      if (job.state === 'completed') {
        view.update(syncProgressOf(job));
        return job;
      }
      if (job.state === 'dead') throw new CliError(`The sync job ${job.id} failed: ${job.lastError ?? 'no reason was recorded'}.`);
      if (job.updatedAt !== lastChange.updatedAt) lastChange = { at: Date.now(), updatedAt: job.updatedAt };
      if (Date.now() - lastChange.at > stallSeconds * 1000) {
        throw new CliError(
          `The sync job ${job.id} has not moved for ${stallSeconds} s (state ${job.state}). Is the server's job queue running? Follow it at GET /api/v1/jobs/${job.id}.`,
        );
      }
      await sleep(POLL_MS / 2);
      job = await client.GET('/api/v1/jobs/{jobId}', { params: { path: { jobId: job.id } } });
    }
  } finally {
    view.finish();
  }
}

/** The job's result once completed, else its last reported progress; zeros before the first report. */
function syncProgressOf(job: Pick<Job, 'progress' | 'result'>): SyncProgress {
  const reported = (job.result ?? job.progress ?? {}) as Partial<SyncProgress>;
  return {
    connections: reported.connections ?? 0,
    connectionsDone: reported.connectionsDone ?? 0,
    inFlight: reported.inFlight ?? 0,
    checked: reported.checked ?? 0,
    changed: reported.changed ?? 0,
    providerCalls: reported.providerCalls ?? 0,
    deferred: reported.deferred ?? 0,
    errors: reported.errors ?? [],
  };
}
