import { InvalidStateError, NotFoundError, ValidationError } from '../../domain/errors.js';
import { requireCapability } from '../../providers/capabilities.js';
import { ProviderError } from '../../providers/errors.js';
import * as store from '../../store/envelopes.js';
import { providerFor } from '../connections.js';
import type { AppContext } from '../context.js';
import { connectionOfEnvelope } from './send-request.js';
import { signingReturnUrl } from './signing-return.js';

export interface SigningUrl {
  url: string;
  /** When the provider says the URL stops working; null when it does not say. */
  expiresAt: string | null;
}

/**
 * A fresh signing URL for a participant with embedded delivery, asked of the provider each time
 * (providers' URLs expire). The provider's capability is checked first, so a provider without
 * embedded signing is named whatever the envelope's state.
 */
export async function participantSigningUrl(context: AppContext, envelopeId: string, participantId: string): Promise<SigningUrl> {
  const envelope = await store.findEnvelope(context.db, envelopeId);
  if (!envelope) throw new NotFoundError('envelope', envelopeId);
  const participant = envelope.participants.find((candidate) => candidate.id === participantId);
  if (!participant) throw new NotFoundError('participant', participantId);
  const connection = await connectionOfEnvelope(context.db, envelope);
  if (!connection) {
    throw new InvalidStateError(`Envelope ${envelope.id} has not been sent; a signing URL exists once it is.`, envelope.status);
  }
  const provider = await providerFor(context, connection);
  requireCapability(provider, 'embeddedSigning');
  if (participant.delivery.mode !== 'embedded') {
    throw new ValidationError([
      { path: 'delivery', message: `participant ${participant.id} is invited by email; set delivery {"mode":"embedded","returnUrl":…} before sending to sign in your application` },
    ]);
  }
  if (envelope.status !== 'sent' || envelope.providerReference === null || participant.providerReference === null) {
    throw new InvalidStateError(`Envelope ${envelope.id} is ${envelope.status}; a signing URL exists only while it is sent and waiting for signatures.`, envelope.status);
  }
  if (provider.signingUrl === undefined) {
    throw ProviderError.unsupported(provider.id, 'embeddedSigning', `The ${provider.id} adapter declares embedded signing but has no signingUrl method (capability "embeddedSigning").`);
  }
  // The same return address the send gave: Countersign's page, which syncs and then sends the person on to the host's.
  const returnUrl = signingReturnUrl(context, connection, envelope.id, participant.id) ?? participant.delivery.returnUrl;
  const answer = await provider.signingUrl(envelope.providerReference, participant.providerReference, { returnUrl });
  return { url: answer.url, expiresAt: answer.expiresAt ?? null };
}
