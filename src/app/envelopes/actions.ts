import { InvalidStateError } from '../../domain/errors.js';
import { requireCapability } from '../../providers/capabilities.js';
import { ProviderError } from '../../providers/errors.js';
import * as store from '../../store/envelopes.js';
import { loadConnection, providerFor } from '../connections.js';
import type { AppContext } from '../context.js';
import { getEnvelope, type EnvelopeWithHistory } from './envelopes.js';
import { changeEnvelopeStatus, newEvent, type Actor } from './history.js';
import { syncEnvelope } from './sync.js';

/** The provider behind a sent envelope, or a 409 that says why there is none yet. */
async function sentEnvelopeProvider(context: AppContext, envelopeId: string, verb: string) {
  const envelope = await getEnvelope(context, envelopeId);
  if (envelope.status !== 'sent' || !envelope.providerReference || !envelope.connectionId) {
    const hint = envelope.status === 'sending' ? ' Wait until it has been sent.' : '';
    throw new InvalidStateError(`Envelope ${envelopeId} is ${envelope.status}; only a sent envelope can be ${verb}.${hint}`, envelope.status);
  }
  const provider = providerFor(context, await loadConnection(context, envelope.connectionId));
  return { envelope, provider, reference: envelope.providerReference };
}

/**
 * Withdraws a sent envelope at the provider, then here. If the provider says it can no longer be
 * withdrawn (it completed meanwhile), the envelope is synced and the refusal names its real status.
 */
export async function withdrawEnvelope(context: AppContext, envelopeId: string, reason: string | null, actor: Actor): Promise<EnvelopeWithHistory> {
  const { provider, reference } = await sentEnvelopeProvider(context, envelopeId, 'withdrawn');
  requireCapability(provider, 'withdraw');
  try {
    await provider.withdraw(reference);
  } catch (error) {
    if (ProviderError.is(error, 'conflict')) {
      const current = await syncEnvelope(context, envelopeId, actor);
      throw new InvalidStateError(`The provider refused the withdrawal: the envelope is ${current.status} there. ${error.message}`, current.status);
    }
    throw error;
  }
  await context.db.transaction().execute(async (transaction) => {
    const current = await store.findEnvelope(transaction, envelopeId);
    if (current?.status === 'sent') await changeEnvelopeStatus(context, transaction, current, 'withdrawn', actor, { reason });
  });
  return getEnvelope(context, envelopeId);
}

/** Reminds the participants whose turn it is. */
export async function remindEnvelope(context: AppContext, envelopeId: string, actor: Actor): Promise<EnvelopeWithHistory> {
  const { envelope, provider, reference } = await sentEnvelopeProvider(context, envelopeId, 'reminded');
  requireCapability(provider, 'reminders');
  const due = envelope.participants.filter((participant) => participant.status === 'notified' || participant.status === 'viewed');
  const selected = due.map((participant) => participant.providerReference).filter((reference): reference is string => Boolean(reference));
  await provider.remind(reference, provider.capabilities.reminders === 'selected' && selected.length > 0 ? { participants: selected } : undefined);
  await store.appendEvent(
    context.db,
    envelopeId,
    newEvent(context, actor, 'envelope-reminded', { participants: due.map((participant) => participant.email) }),
  );
  return getEnvelope(context, envelopeId);
}
