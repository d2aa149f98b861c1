import { InvalidStateError, ValidationError } from '../../domain/errors.js';
import { ProviderError } from '../../providers/errors.js';
import { PROVIDER_NAMES } from '../../providers/provider.js';
import { providerFor, resolveEnvelopeConnection } from '../connections.js';
import type { Db } from '../../store/database.js';
import { recordActionIn, type ActionRequest } from '../action-request.js';
import type { AppContext } from '../context.js';
import { getEnvelope, type EnvelopeWithHistory } from './envelopes.js';
import type { Actor } from './history.js';
import { recordSent, startSending } from './sending.js';
import { applySnapshot } from './sync.js';

/**
 * A person's answer to a send whose outcome was lost (`sendDecision.needed`, see decision-needed.ts):
 * `resend` forgets what the last attempt saved and sends again (a second envelope at the provider if
 * the first did exist: the person has checked it did not, or deleted it there); `mark-sent` names the
 * envelope the provider does have, which is fetched to check it exists, then recorded as sent and synced.
 */
export type SendDecisionRequest = { decision: 'resend' } | { decision: 'mark-sent'; providerReference: string };

export interface SendDecisionOutcome {
  envelope: EnvelopeWithHistory;
  /** `sending`: a send job was started (202); `sent`: recorded as sent (200). */
  result: 'sending' | 'sent';
}

export async function decideSend(context: AppContext, envelopeId: string, request: SendDecisionRequest, actor: Actor, apiRequest?: ActionRequest): Promise<SendDecisionOutcome> {
  const envelope = await getEnvelope(context, envelopeId);
  const repeated = repeatedDecision(envelope, request);
  if (repeated) return repeated;
  if (!envelope.sendDecision) {
    throw new InvalidStateError(
      `Envelope ${envelope.id} is ${envelope.status} and waits for no send decision; a decision applies only to a failed envelope whose send outcome is unknown (its sendDecision.needed is true).`,
      envelope.status,
    );
  }
  if (request.decision === 'resend') {
    const within = (transaction: Db) => recordActionIn(context, transaction, apiRequest, { name: envelope.title });
    return { envelope: await startSending(context, envelope, actor, { forgetCheckpoint: true, detail: { decision: 'resend' }, within }), result: 'sending' };
  }
  return { envelope: await markSentAt(context, envelope, request.providerReference.trim(), actor, apiRequest), result: 'sent' };
}

/** The same decision again (a double click, a retried request) answers the envelope as that decision left it. */
function repeatedDecision(envelope: EnvelopeWithHistory, request: SendDecisionRequest): SendDecisionOutcome | undefined {
  if (request.decision === 'resend') {
    const resent = envelope.status === 'sending' && envelope.events.findLast((event) => event.type === 'envelope-sending')?.detail?.decision === 'resend';
    return resent ? { envelope, result: 'sending' } : undefined;
  }
  const marked = envelope.providerReference === request.providerReference.trim() && envelope.events.some((event) => event.type === 'envelope-sent' && event.detail?.decision === 'mark-sent');
  return marked ? { envelope, result: 'sent' } : undefined;
}

async function markSentAt(context: AppContext, envelope: EnvelopeWithHistory, reference: string, actor: Actor, apiRequest?: ActionRequest): Promise<EnvelopeWithHistory> {
  const connection = await resolveEnvelopeConnection(context, envelope.connectionId);
  const provider = await providerFor(context, connection);
  const providerName = PROVIDER_NAMES[provider.id] ?? provider.id;
  let snapshot;
  try {
    snapshot = await provider.fetch(reference);
  } catch (error) {
    if (ProviderError.is(error, 'not-found')) {
      throw new ValidationError([
        {
          path: 'providerReference',
          message: `${providerName} has no envelope ${reference} on connection ${connection.name}; copy the id of the one it created for "${envelope.title}" from ${providerName}, or choose {"decision":"resend"}`,
        },
      ]);
    }
    throw error;
  }
  const recorded = await recordSent(context, envelope.id, provider, { reference: snapshot.reference, participants: [] }, {
    from: 'failed',
    actor,
    detail: { decision: 'mark-sent' },
    within: (transaction) => recordActionIn(context, transaction, apiRequest, { name: envelope.title }),
  });
  if (!recorded) {
    const current = await getEnvelope(context, envelope.id);
    throw new InvalidStateError(`Envelope ${envelope.id} changed while the decision was being recorded (it is ${current.status} now); look at it again.`, current.status);
  }
  // The provider's statuses (who has signed already) and participants' ids arrive through the one sync path.
  await applySnapshot(context, envelope.id, snapshot, actor);
  return getEnvelope(context, envelope.id);
}
