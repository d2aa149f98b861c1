import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Participant } from '../../domain/envelope.js';
import { NotFoundError } from '../../domain/errors.js';
import type { StoredConnection } from '../../store/connections.js';
import * as store from '../../store/envelopes.js';
import { findConnection } from '../../store/connections.js';
import type { AppContext } from '../context.js';
import { queueEnvelopeSync } from './sync.js';

/**
 * Countersign's own page where a participant signing in the host's application (`delivery.mode`
 * `embedded`) lands when the provider's signing page is done: it starts a sync of the envelope at
 * once (no waiting for a callback or the scheduled sync), says the outcome in plain words, and
 * sends the person on to the host's own `returnUrl` with the same `status`.
 *
 * The address is signed (HMAC-SHA256 keyed with the connection's secret callback token, sealed at
 * rest like it), so nobody can make this server enqueue syncs or show pages for addresses it did not
 * hand to a provider.
 */

const PATH = '/signing/return';

function signatureOf(context: AppContext, connection: StoredConnection, envelopeId: string, participantId: string): string {
  const key = context.secrets.open(connection.sealedCallbackToken, connection.id);
  return createHmac('sha256', key).update(`signing-return\n${envelopeId}\n${participantId}`).digest('base64url');
}

/**
 * The return address given to the provider instead of the host's, or `null` while this server does
 * not know its own public URL (the host's address then goes to the provider unchanged).
 */
export function signingReturnUrl(context: AppContext, connection: StoredConnection, envelopeId: string, participantId: string): string | null {
  const base = context.selfUrl();
  if (!base) return null;
  return `${base}${PATH}/${encodeURIComponent(envelopeId)}/${encodeURIComponent(participantId)}?sig=${signatureOf(context, connection, envelopeId, participantId)}`;
}

/** How the provider says the signing page ended (`status=` on the return address), in plain words. */
export type SigningOutcome = 'signed' | 'declined' | 'failed' | 'expired' | 'unknown';

const OUTCOME_BY_STATUS: Readonly<Record<string, SigningOutcome>> = {
  success: 'signed',
  signed: 'signed',
  completed: 'signed',
  decline: 'declined',
  declined: 'declined',
  rejected: 'declined',
  failure: 'failed',
  failed: 'failed',
  expired: 'expired',
};

export function outcomeOf(status: string | undefined): SigningOutcome {
  return (status && OUTCOME_BY_STATUS[status.toLowerCase()]) || 'unknown';
}

export interface SigningReturn {
  envelopeTitle: string;
  participant: Pick<Participant, 'firstName' | 'lastName'>;
  outcome: SigningOutcome;
  /** The host application's own return address with the same `status`, where the page sends the person on. */
  continueUrl: string | null;
}

/**
 * A participant back from the provider's signing page. Throws `NotFoundError` for an address this
 * server did not sign (wrong signature, unknown envelope or participant, not embedded), so a guess
 * learns nothing. `admitSync` bounds how often one connection's return pages may start syncs.
 */
export async function acceptSigningReturn(
  context: AppContext,
  input: { envelopeId: string; participantId: string; signature: string; status: string | undefined },
  admitSync: (connectionId: string) => boolean = () => true,
): Promise<SigningReturn> {
  const notFound = new NotFoundError('signing return page', `${input.envelopeId}/${input.participantId}`);
  const envelope = await store.findEnvelope(context.db, input.envelopeId);
  const participant = envelope?.participants.find((candidate) => candidate.id === input.participantId);
  const connection = envelope?.connectionId ? await findConnection(context.db, envelope.connectionId) : undefined;
  if (!envelope || !participant || !connection || participant.delivery.mode !== 'embedded') throw notFound;
  const expected = Buffer.from(signatureOf(context, connection, envelope.id, participant.id));
  const given = Buffer.from(input.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw notFound;

  // At most one waiting sync per envelope, whatever the number of returns.
  if (envelope.providerReference && admitSync(connection.id)) await queueEnvelopeSync(context, envelope.id, 'sync');
  return {
    envelopeTitle: envelope.title,
    participant: { firstName: participant.firstName, lastName: participant.lastName },
    outcome: outcomeOf(input.status),
    continueUrl: withStatus(participant.delivery.returnUrl, input.status),
  };
}

/** The host's address with `status` appended as the provider would have (`?` or `&`), when there is one. */
function withStatus(returnUrl: string, status: string | undefined): string | null {
  let url: URL;
  try {
    url = new URL(returnUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (status !== undefined && status !== '') url.searchParams.set('status', status);
  return url.toString();
}
