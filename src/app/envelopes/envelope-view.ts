import type { Envelope, EnvelopeEvent } from '../../domain/envelope.js';
import type { Db } from '../../store/database.js';
import * as store from '../../store/envelopes.js';
import { sendDecisionOf, type SendDecision } from './decision-needed.js';

export interface EnvelopeWithHistory extends Envelope {
  events: EnvelopeEvent[];
  /** Set while a send's outcome is unknown and a person must choose: resend or mark sent. */
  sendDecision: SendDecision | null;
}

/**
 * An envelope as `GET /api/v1/envelopes/{id}` answers it, read through `db` (a transaction sees its
 * own changes: the events outbox renders the envelope as its change commits). Undefined when none.
 */
export async function readEnvelopeView(db: Db, id: string): Promise<EnvelopeWithHistory | undefined> {
  const envelope = await store.findEnvelopeWithEvents(db, id);
  return envelope && { ...envelope, sendDecision: sendDecisionOf(envelope) };
}
