import { contentStatus } from '../../domain/envelope-status.js';
import { CountersignError, InvalidStateError, ValidationError } from '../../domain/errors.js';
import { advanceParticipantTowards, initialStatusOnSend } from '../../domain/participant-status.js';
import { fromKysely, type JobContext } from '../../jobs/queue.js';
import { ProviderError, withoutRetryNote } from '../../providers/errors.js';
import type { SendCheckpoint, SignatureProvider } from '../../providers/provider.js';
import type { Db } from '../../store/database.js';
import { findDocuments } from '../../store/documents.js';
import * as sendingStore from '../../store/envelope-sending.js';
import { recordParticipantProgress } from '../../store/envelope-sync.js';
import * as store from '../../store/envelopes.js';
import { callbackUrl, loadConnection, providerFor, resolveEnvelopeConnection } from '../connections.js';
import { recordActionIn, type ActionRequest } from '../action-request.js';
import { timestamp, type AppContext } from '../context.js';
import { withEvents, withEventsThenView } from '../events/outbox.js';
import { DECISION_NEEDED } from './decision-needed.js';
import { getEnvelope, renameParticipantPaths, type EnvelopeWithHistory } from './envelopes.js';
import { changeEnvelopeStatus, changeParticipantStatus, type Actor } from './history.js';
import { buildSendRequest, envelopeProblems } from './send-request.js';
import { signingReturnUrl } from './signing-return.js';
import { crashPoint } from '../crash-point.js';
import { refuseWhileConverting } from '../documents/renditions.js';

export { buildSendRequest } from './send-request.js';

export const SEND_JOB = 'send-envelope';
/**
 * A send's attempts: with the queue's backoff (1 s doubling, 5 min cap, full jitter) they span some
 * 9 minutes on average (18 at most), so a send rides out a provider outage of minutes, resuming from
 * its checkpoint each time, before it is marked failed with the reason. Five (the queue's default)
 * gave up within seconds: the chaos soak's 5xx bursts failed sends that a minute later would have gone.
 */
export const SEND_MAX_ATTEMPTS = 12;

/**
 * Accepts an envelope for sending: checks it can go (ready or failed, a connection, what the provider
 * can do), moves it to `sending` and enqueues the job that talks to the provider — in one transaction,
 * so there is never a `sending` envelope without its job, nor a job for a refused request.
 */
export async function requestSend(context: AppContext, envelopeId: string, actor: Actor, apiRequest?: ActionRequest): Promise<EnvelopeWithHistory> {
  const envelope = await getEnvelope(context, envelopeId);
  if (envelope.sendDecision) {
    // Sending again blindly could make a second live envelope at the provider: a person says which it is.
    throw new InvalidStateError(
      `Envelope ${envelope.id} failed without knowing whether the provider created it (${envelope.sendDecision.reason}). Decide first: POST /api/v1/envelopes/${envelope.id}/send-decision with {"decision":"resend"} to send it again, or {"decision":"mark-sent","providerReference":"<the id at the provider>"} if the provider has it.`,
      envelope.status,
    );
  }
  return startSending(context, envelope, actor, { within: (transaction) => recordActionIn(context, transaction, apiRequest, { name: envelope.title }) });
}

/**
 * The checks and the move to `sending` shared by a send and a "resend" decision. `forgetCheckpoint`
 * clears what the last attempt saved (in the same transaction), so the adapter starts from nothing.
 */
export async function startSending(
  context: AppContext,
  envelope: EnvelopeWithHistory,
  actor: Actor,
  options: { forgetCheckpoint?: boolean; detail?: Record<string, unknown>; within?: (transaction: Db) => Promise<void> } = {},
): Promise<EnvelopeWithHistory> {
  const envelopeId = envelope.id;
  if (envelope.status !== 'ready' && envelope.status !== 'failed') {
    const hint = envelope.status === 'draft' ? ' It needs at least one document and one signer first.' : '';
    throw new InvalidStateError(`Envelope ${envelope.id} is ${envelope.status}; only a ready (or failed) envelope can be sent.${hint}`, envelope.status);
  }
  if (contentStatus(envelope.documents.length, envelope.participants.filter((participant) => participant.role === 'signer').length) !== 'ready') {
    throw new InvalidStateError(`Envelope ${envelope.id} needs at least one document and one signer before it can be sent.`, envelope.status);
  }
  const connection = await resolveEnvelopeConnection(context, envelope.connectionId);
  const provider = await providerFor(context, connection);
  const stored = await findDocuments(context.db, envelope.documents.map((document) => document.id));
  await refuseWhileConverting(stored, provider.capabilities);
  const problems = await envelopeProblems(context, context.db, envelope, provider, stored);
  if (problems.length > 0) throw new ValidationError(renameParticipantPaths(problems, envelope, new Map()));

  // The answer is the envelope as this transaction leaves it (its `envelope.sending` event's view).
  return withEventsThenView(context, envelopeId, async (transaction) => {
    // Only the status can have changed meanwhile that matters here: read it alone, not the whole envelope
    // again, with the row locked so that no other change to the envelope lands between check and write.
    const status = await sendingStore.readEnvelopeStatusForUpdate(transaction, envelopeId);
    if (status !== envelope.status) {
      throw new InvalidStateError(`Envelope ${envelopeId} changed while it was being sent; look at it again.`, status ?? 'deleted');
    }
    if (options.forgetCheckpoint) await sendingStore.saveSendCheckpoint(transaction, envelopeId, null);
    await changeEnvelopeStatus(context, transaction, { id: envelopeId, status }, 'sending', actor, {
      fields: { connectionId: connection.id },
      detail: { connectionId: connection.id, provider: connection.provider, ...options.detail },
    });
    await context.queue.enqueue(SEND_JOB, { envelopeId }, { singletonKey: envelopeId, maxAttempts: SEND_MAX_ATTEMPTS, executor: fromKysely(transaction) });
    // A caller's own record that the send was accepted (a bulk send's row) commits with the move to `sending`.
    await options.within?.(transaction);
  });
}

/**
 * The job: runs the provider's resumable send. A crash anywhere resumes from the saved checkpoint
 * (the adapter never creates or sends twice); a refusal marks the envelope failed with the provider's
 * reason; an outage is retried with backoff, and marked failed only after the last attempt.
 */
export async function runSendJob(context: AppContext, data: { envelopeId: string }, job: JobContext): Promise<unknown> {
  const envelope = await store.findEnvelope(context.db, data.envelopeId);
  if (!envelope || envelope.status !== 'sending' || !envelope.connectionId) return { skipped: envelope?.status ?? 'deleted' };
  const connection = await loadConnection(context, envelope.connectionId);
  const provider = await providerFor(context, connection);
  const request = await buildSendRequest(context, context.db, envelope, {
    callbackUrl: provider.capabilities.callbacks ? callbackUrl(context, connection) : null,
    capabilities: provider.capabilities,
    purpose: 'send',
    returnPageFor: (participantId) => signingReturnUrl(context, connection, envelope.id, participantId),
  });

  try {
    // The job's signal reaches the provider's HTTP calls: a stopping worker or a lost lease aborts them.
    const result = await provider.send(request, await checkpointFor(context, envelope.id), { signal: job.signal });
    await recordSent(context, envelope.id, provider, result, { from: 'sending', actor: { source: 'system' } });
    return { reference: result.reference };
  } catch (error) {
    // Aborted by the queue: the attempt's outcome is discarded and the send resumes from its checkpoint.
    if (job.signal.aborted) throw error;
    const lastAttempt = job.job.attempts >= job.job.maxAttempts;
    if (ProviderError.is(error) && !error.retryable) {
      // A lost outcome is not a refusal: the envelope may exist at the provider, so a person must decide.
      const decision = error.kind === 'outcome-unknown' ? DECISION_NEEDED : {};
      // Nothing retries a failed envelope by itself: its reason never keeps a promise to retry.
      await markFailed(context, envelope.id, withoutRetryNote(error.message), { kind: error.kind, providerMessage: error.providerMessage ?? null, attempts: job.job.attempts, ...decision });
      return { failed: error.kind };
    }
    if (lastAttempt) {
      const reason = CountersignError.is(error) ? withoutRetryNote(error.message) : 'an unexpected error (see the server log)';
      await markFailed(context, envelope.id, `Sending gave up after ${job.job.attempts} attempts: ${reason}`, { attempts: job.job.attempts });
    }
    throw error;
  }
}

/**
 * Records that the provider has the envelope (`result.reference`): `sent`, with each participant's
 * provider id and first status. From `sending` (the job) or `failed` (a person marking it sent after a
 * lost outcome); does nothing when the envelope is no longer in `from` (another path got there first).
 */
export async function recordSent(
  context: AppContext,
  envelopeId: string,
  provider: Pick<SignatureProvider, 'id'>,
  result: Awaited<ReturnType<SignatureProvider['send']>>,
  /** `within`: more to write in the same transaction when the envelope is recorded as sent. */
  options: { from: 'sending' | 'failed'; actor: Actor; detail?: Record<string, unknown>; within?: (transaction: Db) => Promise<void> },
): Promise<boolean> {
  return withEvents(context, async (transaction) => {
    const current = await store.findEnvelopeForUpdate(transaction, envelopeId);
    if (!current || current.status !== options.from) return false;
    const actor = options.actor;
    // The provider's id and the time it was sent go with the status: one write of the envelope's row.
    await changeEnvelopeStatus(context, transaction, current, 'sent', actor, {
      detail: { reference: result.reference, ...options.detail },
      fields: { provider: provider.id, providerReference: result.reference, sentAt: timestamp(context) },
    });
    const firstStep = Math.min(...current.participants.map((participant) => participant.step));
    for (const participant of current.participants) {
      const link = result.participants.find((candidate) => candidate.participantId === participant.id);
      const target = initialStatusOnSend(participant.step, firstStep);
      // The provider's ids and the notification time go with the last status change: one write per participant.
      const progress = {
        ...(link?.providerReference || link?.signingUrl ? { provider_reference: link.providerReference ?? null, signing_url: link.signingUrl ?? null } : {}),
        ...(target === 'notified' ? { notified_at: timestamp(context) } : {}),
      };
      const steps = advanceParticipantTowards(participant.status, target);
      for (const [index, step] of steps.entries()) {
        await changeParticipantStatus(context, transaction, envelopeId, participant, step, actor, {}, index === steps.length - 1 ? progress : {});
      }
      if (steps.length === 0) await recordParticipantProgress(transaction, participant.id, progress);
    }
    await options.within?.(transaction);
    return true;
  });
}

async function markFailed(context: AppContext, envelopeId: string, reason: string, detail: Record<string, unknown>): Promise<void> {
  await withEvents(context, async (transaction) => {
    const current = await store.findEnvelopeForUpdate(transaction, envelopeId);
    if (!current || current.status !== 'sending') return;
    await changeEnvelopeStatus(context, transaction, current, 'failed', { source: 'system' }, { reason, detail });
  });
}

/** The checkpoint lives on the envelope row, so a resumed job (even after a crash) reads what was saved. */
async function checkpointFor(context: AppContext, envelopeId: string): Promise<SendCheckpoint> {
  return {
    state: await sendingStore.readSendCheckpoint(context.db, envelopeId),
    save: (state) => {
      crashPoint('send-checkpoint-save');
      return sendingStore.saveSendCheckpoint(context.db, envelopeId, state);
    },
  };
}

/**
 * Envelopes left `sending` without a send job waiting or running (its last attempt was cut off by a
 * crash) get their job back. The queue's singleton key makes this a no-op for envelopes whose job is
 * still there; a resumed send continues from its checkpoint and never sends twice.
 */
export async function resumeStalledSends(context: AppContext): Promise<void> {
  for (const id of await sendingStore.listEnvelopeIdsWithStatus(context.db, 'sending')) await context.queue.enqueue(SEND_JOB, { envelopeId: id }, { singletonKey: id, maxAttempts: SEND_MAX_ATTEMPTS });
}
