import { afterFailedAttempt, type ArchiveState } from '../../domain/archive.js';
import { CountersignError, InvalidStateError, NotFoundError } from '../../domain/errors.js';
import { fromKysely, type JobContext } from '../../jobs/queue.js';
import { ProviderError } from '../../providers/errors.js';
import type { Db } from '../../store/database.js';
import * as archiveStore from '../../store/envelope-archives.js';
import * as store from '../../store/envelopes.js';
import { recordActionIn, type ActionRequest } from '../action-request.js';
import { timestamp, type AppContext } from '../context.js';
import { ArchiveImpossibleError, ARTIFACTS_JOB, archiveArtifacts } from './artifacts.js';
import { getEnvelope, type EnvelopeWithHistory } from './envelopes.js';

/**
 * The archive step of a completed envelope, on its own schedule (src/domain/archive.ts): each attempt
 * is one `archive-artifacts` job naming its attempt number; a failed attempt is recorded on the
 * envelope's archive (`lastError`, `nextAttemptAt`) and queues the next one in the same transaction,
 * until the schedule runs out and the archive is `failed`. An explicit schedule rather than the queue's
 * retries: the queue's backoff tops out at minutes and its attempts are invisible on the envelope,
 * where a person must see that the signed files are missing, why, and when they are tried next. The
 * archive row is the truth: a job whose attempt was made already (a crash replayed it, a person's
 * "try again" overtook it) does nothing.
 */

export interface ArchiveJobData {
  envelopeId: string;
  /** Which attempt this job makes (from 1). Absent in jobs queued before the archive had a schedule: the next one. */
  attempt?: number;
}

/** The job of one attempt: at most one unfinished per envelope and attempt (a person's "now" has its own). */
function jobKey(envelopeId: string, attempt: number, now = false): string {
  return `${envelopeId}#${attempt}${now ? '-now' : ''}`;
}

async function queueAttempt(context: AppContext, db: Db, envelopeId: string, attempt: number, options: { runAfter?: string | null; now?: boolean } = {}): Promise<string> {
  return context.queue.enqueue<ArchiveJobData>(
    ARTIFACTS_JOB,
    { envelopeId, attempt },
    // At the app's clock, as `nextAttemptAt` is: the envelope says when its next attempt runs.
    { singletonKey: jobKey(envelopeId, attempt, options.now), executor: fromKysely(db), runAfter: options.runAfter ? new Date(options.runAfter) : context.now() },
  );
}

/** Opens the archive of an envelope that just completed and queues its first attempt, in the caller's transaction. */
export async function openArchiveStep(context: AppContext, transaction: Db, envelopeId: string): Promise<void> {
  if (await archiveStore.openArchive(transaction, envelopeId, timestamp(context))) await queueAttempt(context, transaction, envelopeId, 1);
}

/** The `archive-artifacts` job: one attempt, recorded whatever its outcome. */
export async function runArchiveJob(context: AppContext, data: ArchiveJobData, job: Pick<JobContext, 'signal'>): Promise<unknown> {
  const archive = await archiveStore.findArchive(context.db, data.envelopeId);
  const attempt = data.attempt ?? (archive?.attemptCount ?? 0) + 1;
  if (archive && (archive.status === 'archived' || archive.attemptCount >= attempt)) return { skipped: `attempt ${attempt} was made already` };
  try {
    return await archiveArtifacts(context, { envelopeId: data.envelopeId, attempt }, job.signal);
  } catch (error) {
    // The queue is stopping: the attempt was cut short, not failed; the queue hands the job back.
    if (job.signal.aborted) throw error;
    const outcome = await recordFailure(context, data.envelopeId, attempt, error);
    return { failed: outcome?.lastError ?? null, nextAttemptAt: outcome?.nextAttemptAt ?? null };
  }
}

async function recordFailure(context: AppContext, envelopeId: string, attempt: number, error: unknown): Promise<ArchiveState | undefined> {
  const reason = failureReason(error);
  const outcome = afterFailedAttempt(attempt, reason, context.now(), {
    // No later attempt can succeed: the envelope is not completed here, or the provider deleted its files.
    final: error instanceof ArchiveImpossibleError || ProviderError.is(error, 'gone'),
    ...(context.archiveRetryDelaysMs ? { retryDelaysMs: context.archiveRetryDelaysMs } : {}),
  });
  return context.db.transaction().execute(async (transaction) => {
    await store.findEnvelopeForUpdate(transaction, envelopeId);
    if (!(await archiveStore.recordFailedAttempt(transaction, envelopeId, outcome, timestamp(context)))) return undefined;
    if (outcome.status === 'pending') await queueAttempt(context, transaction, envelopeId, attempt + 1, { runAfter: outcome.nextAttemptAt });
    context.logger.warn({ envelopeId, attempt, nextAttemptAt: outcome.nextAttemptAt, reason }, outcome.status === 'failed' ? 'archiving the signed files failed; given up' : 'archiving the signed files failed; will retry');
    return { ...outcome, archivedAt: null };
  });
}

/** What went wrong, for the person who reads the envelope: a provider's or the app's own message says it already. */
function failureReason(error: unknown): string {
  if (error instanceof CountersignError || error instanceof ArchiveImpossibleError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `Fetching or storing the signed files failed: ${message}`;
}

/**
 * A person's "try again": an attempt now, whether the archive is waiting for its next one or failed.
 * 409 when there is nothing to archive (not completed) or it is archived already. Answers the envelope
 * with its archive due now.
 */
export async function retryArchive(context: AppContext, envelopeId: string, apiRequest?: ActionRequest): Promise<EnvelopeWithHistory> {
  await context.db.transaction().execute(async (transaction) => {
    const envelope = await store.findEnvelopeForUpdate(transaction, envelopeId);
    if (!envelope) throw new NotFoundError('envelope', envelopeId);
    const archive = await archiveStore.findArchive(transaction, envelopeId);
    if (!archive || envelope.status !== 'completed') {
      throw new InvalidStateError(
        envelope.status === 'deleted'
          ? `Envelope ${envelopeId} was deleted at the provider, so its signed files can no longer be fetched; download them at the provider if it still keeps them.`
          : `Envelope ${envelopeId} is ${envelope.status}; only a completed envelope has signed files to archive. Sync it (POST /api/v1/envelopes/${envelopeId}/sync) if the provider has completed it.`,
        envelope.status,
      );
    }
    if (archive.status === 'archived') {
      throw new InvalidStateError(
        `Envelope ${envelopeId}'s signed files were archived at ${archive.archivedAt}; there is nothing to try again. Download them from GET /api/v1/envelopes/${envelopeId}/artifacts.`,
        envelope.status,
      );
    }
    const now = timestamp(context);
    await archiveStore.makeDueNow(transaction, envelopeId, now);
    await queueAttempt(context, transaction, envelopeId, archive.attemptCount + 1, { now: true });
    await recordActionIn(context, transaction, apiRequest, { name: envelope.title });
  });
  return getEnvelope(context, envelopeId);
}

/**
 * Queues the next attempt of every archive still waiting, at its time (at start and at each scheduled
 * sync): an attempt whose job was lost — an archive carried over by `import`, one the migration opened,
 * a job that died when the database failed it — is not left waiting for ever. One already queued is not queued twice (the job's key is the envelope and the attempt).
 */
export async function resumeArchives(context: AppContext): Promise<number> {
  const pending = await archiveStore.listPendingArchives(context.db);
  for (const archive of pending) {
    await queueAttempt(context, context.db, archive.envelopeId, archive.attemptCount + 1, { runAfter: archive.nextAttemptAt });
  }
  return pending.length;
}
