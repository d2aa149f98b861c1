import type { EventActor, EventSource } from '../../domain/envelope.js';
import { deletesAtProvider, type EnvelopeStatus } from '../../domain/envelope-status.js';
import { InvalidStateError, ValidationError } from '../../domain/errors.js';
import { isParticipantDone } from '../../domain/participant-status.js';
import { fromKysely, PermanentJobError, type JobContext } from '../../jobs/queue.js';
import { requireCapability, type Feature } from '../../providers/capabilities.js';
import { ProviderError } from '../../providers/errors.js';
import { PROVIDER_NAMES, type CallOptions, type ProviderId, type SignatureProvider } from '../../providers/provider.js';
import type { Envelope } from '../../domain/envelope.js';
import * as store from '../../store/envelopes.js';
import { loadConnection, providerFor } from '../connections.js';
import { recordActionIn, type ActionRequest } from '../action-request.js';
import { timestamp, type AppContext } from '../context.js';
import { withEvents } from '../events/outbox.js';
import { getJob, type JobView } from '../job-views.js';
import { deleteEnvelope, getEnvelope } from './envelopes.js';
import { changeEnvelopeStatus, newEvent, type Actor } from './history.js';
import { queueEnvelopeSync, syncEnvelope } from './sync.js';

/**
 * What a person can ask of an envelope its provider holds: each runs as a job, so that a provider's
 * rate limit or outage never holds an HTTP request open. The request is checked first, at once
 * (409 for the wrong status, 422 naming the capability the provider lacks), before any provider
 * call; the job then calls the provider, with the queue's retries (and the provider's Retry-After),
 * and records the outcome in the envelope's history.
 */
export const ENVELOPE_ACTION_JOB = 'envelope-action';

export type EnvelopeActionRequest =
  | { action: 'withdraw'; reason: string | null }
  | { action: 'remind' }
  | { action: 'extend-expiry'; expiresAt: string }
  | { action: 'skip-pending' }
  | { action: 'delete' };

export type EnvelopeActionName = EnvelopeActionRequest['action'];

/** A job's data: the request, the envelope it is for (which also keeps the job hidden from non-viewers), and who asked. */
export type EnvelopeActionJobData = EnvelopeActionRequest & { envelopeId: string; source: EventSource; by?: EventActor };

interface ActionRule {
  /** The capability the provider needs; named in the 422 when it lacks it. */
  capability: Feature;
  /** For "only a sent envelope can be …". */
  verb: string;
  /** The statuses the action applies to. */
  allows(status: EnvelopeStatus): boolean;
  /** Who can say which statuses, in the refusal. */
  allowedDescription: string;
}

const sentOnly = (status: EnvelopeStatus) => status === 'sent';

const RULES: Readonly<Record<EnvelopeActionName, ActionRule>> = {
  withdraw: { capability: 'withdraw', verb: 'withdrawn', allows: sentOnly, allowedDescription: 'a sent envelope' },
  remind: { capability: 'reminders', verb: 'reminded', allows: sentOnly, allowedDescription: 'a sent envelope' },
  'extend-expiry': { capability: 'expiryChange', verb: 'given a new expiry', allows: sentOnly, allowedDescription: 'a sent envelope' },
  'skip-pending': { capability: 'skipPending', verb: 'completed without its pending participants', allows: sentOnly, allowedDescription: 'a sent envelope' },
  delete: {
    capability: 'deletion',
    verb: 'deleted at its provider',
    allows: deletesAtProvider,
    allowedDescription: 'an envelope its provider has (sent, completed, rejected, withdrawn or expired)',
  },
};

/**
 * Checks the request against the envelope and its provider, then starts the job and returns it
 * (follow it at GET /api/v1/jobs/{id}). Asking again while the same action on the same envelope is
 * waiting or running returns that job: a double click acts once.
 */
export async function startEnvelopeAction(context: AppContext, envelopeId: string, request: EnvelopeActionRequest, actor: Actor, apiRequest?: ActionRequest): Promise<JobView> {
  const envelope = await getEnvelope(context, envelopeId);
  await checkedProvider(context, envelope, request);
  const data: EnvelopeActionJobData = { ...request, envelopeId, source: actor.source, ...(actor.by ? { by: actor.by } : {}) };
  const id = await context.db.transaction().execute(async (transaction) => {
    await recordActionIn(context, transaction, apiRequest, { name: envelope.title });
    return context.queue.enqueue(ENVELOPE_ACTION_JOB, data, { singletonKey: singletonKeyOf(envelopeId, request), executor: fromKysely(transaction) });
  });
  return getJob(context, id);
}

/**
 * DELETE of an envelope: one that never reached a provider is deleted here at once (`local`); one
 * its provider has is deleted there by a job (`job`) and kept here as `deleted` history, but only
 * when the caller confirmed it, because nobody can act on it at the provider afterwards.
 */
export async function requestEnvelopeDeletion(
  context: AppContext,
  envelopeId: string,
  options: { confirmed: boolean },
  actor: Actor,
  apiRequest?: ActionRequest,
): Promise<{ deleted: 'local' } | { deleted: 'job'; job: JobView }> {
  const envelope = await getEnvelope(context, envelopeId);
  if (envelope.status === 'deleted') {
    throw new InvalidStateError(`Envelope ${envelopeId} is already deleted at its provider; it is kept here as history.`, envelope.status);
  }
  if (!deletesAtProvider(envelope.status)) {
    await deleteEnvelope(context, envelopeId, apiRequest);
    return { deleted: 'local' };
  }
  // The capability first: confirming what cannot be done would be asked for nothing.
  await checkedProvider(context, envelope, { action: 'delete' });
  if (!options.confirmed) {
    const provider = envelope.provider ? PROVIDER_NAMES[envelope.provider as ProviderId] : 'its provider';
    throw new InvalidStateError(
      `Envelope ${envelopeId} is ${envelope.status}: deleting it deletes it at ${provider} too, where nobody can open it any more; here it is kept as deleted history. Repeat the request with ?confirm=true to go ahead.`,
      envelope.status,
    );
  }
  return { deleted: 'job', job: await startEnvelopeAction(context, envelopeId, { action: 'delete' }, actor, apiRequest) };
}

/** Two different new expiry dates are two requests; the same one twice is one. */
function singletonKeyOf(envelopeId: string, request: EnvelopeActionRequest): string {
  return request.action === 'extend-expiry' ? `${envelopeId}:${request.action}:${request.expiresAt}` : `${envelopeId}:${request.action}`;
}

/**
 * The envelope's provider once the request fits: a 409 (InvalidStateError) for a status the action
 * does not apply to, a 422 naming the capability the provider lacks, a 422 for a bad expiry date.
 * No provider call is made.
 */
async function checkedProvider(context: AppContext, envelope: Envelope, request: EnvelopeActionRequest): Promise<{ provider: SignatureProvider; reference: string }> {
  const rule = RULES[request.action];
  if (!rule.allows(envelope.status) || !envelope.providerReference || !envelope.connectionId) {
    const hint = envelope.status === 'sending' ? ' Wait until it has been sent.' : '';
    throw new InvalidStateError(`Envelope ${envelope.id} is ${envelope.status}; only ${rule.allowedDescription} can be ${rule.verb}.${hint}`, envelope.status);
  }
  const provider = await providerFor(context, await loadConnection(context, envelope.connectionId));
  requireCapability(provider, rule.capability);
  if (request.action === 'delete' && !provider.delete) {
    throw ProviderError.unsupported(provider.id, 'deletion', `${PROVIDER_NAMES[provider.id as ProviderId]} cannot delete envelopes through Countersign (capability "deletion").`);
  }
  if (request.action === 'extend-expiry') checkNewExpiry(context, envelope, request.expiresAt);
  return { provider, reference: envelope.providerReference };
}

function checkNewExpiry(context: AppContext, envelope: Envelope, expiresAt: string): void {
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) throw new ValidationError([{ path: 'expiresAt', message: `"${expiresAt}" is not a date and time; use ISO 8601, e.g. 2030-01-31T17:00:00Z.` }]);
  if (at <= context.now().getTime()) throw new ValidationError([{ path: 'expiresAt', message: `${expiresAt} is in the past; give a moment after now.` }]);
  if (envelope.expiresAt !== null && at <= Date.parse(envelope.expiresAt)) {
    throw new ValidationError([{ path: 'expiresAt', message: `The envelope already expires at ${envelope.expiresAt}; give a later moment to extend it.` }]);
  }
}

/**
 * The job: checks again (the envelope may have moved on since it was asked), calls the provider and
 * records the outcome. A provider answer that a retry can get past (rate limit, outage) is thrown
 * as it is, so the queue retries — at the provider's Retry-After when it gave one; any other refusal
 * ends the job at once with the provider's reason.
 */
export async function runEnvelopeActionJob(context: AppContext, data: EnvelopeActionJobData, job?: JobContext): Promise<{ envelopeId: string; action: EnvelopeActionName; status: EnvelopeStatus }> {
  const actor: Actor = { source: data.source, by: data.by };
  // What a sync learns is the provider's news, not this person's doing.
  const syncing: Actor = { source: data.source };
  const envelope = await store.findEnvelope(context.db, data.envelopeId);
  if (!envelope) throw new PermanentJobError(`Envelope ${data.envelopeId} no longer exists.`);
  // Already done (the previous attempt reached the provider, then failed to record it): record it now.
  const done = (data.action === 'withdraw' && envelope.status === 'withdrawn') || (data.action === 'delete' && envelope.status === 'deleted');
  if (!done) {
    const { provider, reference } = await permanentUnlessRetryable(() => checkedProvider(context, envelope, data));
    try {
      await callProvider(provider, reference, data, envelope, { signal: job?.signal });
    } catch (error) {
      if (data.action === 'withdraw' && ProviderError.is(error, 'conflict')) {
        const current = await syncEnvelope(context, envelope.id, syncing);
        throw new PermanentJobError(`The provider refused the withdrawal: the envelope is ${current.status} there. ${error.message}`, { cause: error });
      }
      // Already gone at the provider: what was asked is true.
      if (!(data.action === 'delete' && ProviderError.is(error, 'not-found'))) throw asJobError(error);
    }
  }
  await recordOutcome(context, data, actor);
  if (data.action === 'withdraw') await learnLastActions(context, data.envelopeId, syncing);
  const after = await store.findEnvelope(context.db, data.envelopeId);
  return { envelopeId: data.envelopeId, action: data.action, status: after?.status ?? envelope.status };
}

/**
 * A withdrawn envelope is never synced again, so what its participants did before the withdrawal is
 * read once now: their callbacks may have been lost (the chaos soak found signatures a kill had kept
 * from Countersign, still unknown after the withdrawal). Best effort: the withdrawal itself is done
 * and recorded, and must not be repeated because this read failed.
 */
async function learnLastActions(context: AppContext, envelopeId: string, actor: Actor): Promise<void> {
  try {
    await syncEnvelope(context, envelopeId, actor);
  } catch (error) {
    context.logger.warn({ envelopeId, err: error }, 'withdrawn, but the participants\' last actions could not be read from the provider');
  }
}

/** One provider call; `options.signal` is the job's, so a stopping worker aborts it. */
async function callProvider(provider: SignatureProvider, reference: string, data: EnvelopeActionJobData, envelope: Envelope, options: CallOptions): Promise<void> {
  switch (data.action) {
    case 'withdraw':
      return provider.withdraw(reference, options);
    case 'remind': {
      const selected = dueParticipants(envelope)
        .map((participant) => participant.providerReference)
        .filter((value): value is string => Boolean(value));
      return provider.remind(reference, provider.capabilities.reminders === 'selected' && selected.length > 0 ? { ...options, participants: selected } : options);
    }
    case 'extend-expiry':
      return provider.extendExpiry(reference, data.expiresAt, options);
    case 'skip-pending':
      return provider.skipPending(reference, options);
    case 'delete':
      return provider.delete!(reference, options);
  }
}

async function recordOutcome(context: AppContext, data: EnvelopeActionJobData, actor: Actor): Promise<void> {
  await withEvents(context, async (transaction) => {
    const current = await store.findEnvelopeForUpdate(transaction, data.envelopeId);
    if (!current) return;
    switch (data.action) {
      case 'withdraw':
        if (current.status === 'sent') await changeEnvelopeStatus(context, transaction, current, 'withdrawn', actor, { reason: data.reason });
        return;
      case 'delete':
        if (deletesAtProvider(current.status)) await changeEnvelopeStatus(context, transaction, current, 'deleted', actor);
        return;
      case 'remind':
        await store.appendEvent(
          transaction,
          current.id,
          newEvent(context, actor, 'envelope-reminded', { participants: dueParticipants(current).map((participant) => participant.email) }),
        );
        return;
      case 'extend-expiry':
        await store.updateEnvelopeRow(transaction, current.id, { expiresAt: data.expiresAt, updatedAt: timestamp(context) });
        await store.appendEvent(transaction, current.id, newEvent(context, actor, 'envelope-expiry-extended', { from: current.expiresAt, to: data.expiresAt }));
        return;
      case 'skip-pending':
        await store.appendEvent(
          transaction,
          current.id,
          newEvent(context, actor, 'envelope-pending-skipped', {
            participants: current.participants.filter((participant) => !isParticipantDone(participant.status)).map((participant) => participant.email),
          }),
        );
        // The provider marks them skipped and finishes the envelope: a sync brings that here.
        await queueEnvelopeSync(context, current.id, actor.source, fromKysely(transaction));
        return;
    }
  });
}

/** Participants whose turn it is and who have not acted yet. */
function dueParticipants(envelope: Envelope) {
  return envelope.participants.filter((participant) => participant.status === 'notified' || participant.status === 'viewed');
}

/**
 * What the queue should do with a failure: retry what a later attempt can get past (a retryable
 * provider error keeps its `retryAfterMs`, which the queue honours; an unexpected error may be a
 * passing database problem), and stop at once on a refusal no retry changes.
 */
function asJobError(error: unknown): unknown {
  if (ProviderError.is(error) && !error.retryable) return new PermanentJobError(error.message, { cause: error });
  if (error instanceof InvalidStateError || error instanceof ValidationError) return new PermanentJobError(error.message, { cause: error });
  return error;
}

async function permanentUnlessRetryable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asJobError(error);
  }
}
