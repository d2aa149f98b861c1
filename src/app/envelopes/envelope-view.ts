import type { ArchiveState } from '../../domain/archive.js';
import type { Envelope, EnvelopeEvent } from '../../domain/envelope.js';
import type { Db } from '../../store/database.js';
import { findArchive } from '../../store/envelope-archives.js';
import * as store from '../../store/envelopes.js';
import { sendDecisionOf, type SendDecision } from './decision-needed.js';

export interface EnvelopeWithHistory extends Envelope {
  events: EnvelopeEvent[];
  /** Set while a send's outcome is unknown and a person must choose: resend or mark sent. */
  sendDecision: SendDecision | null;
  /** The archive step of its signed files; null before the envelope completed. */
  archive: ArchiveState | null;
}

/**
 * An envelope as `GET /api/v1/envelopes/{id}` answers it, read through `db` (a transaction sees its
 * own changes: the events outbox renders the envelope as its change commits). Undefined when none.
 */
export async function readEnvelopeView(db: Db, id: string): Promise<EnvelopeWithHistory | undefined> {
  const envelope = await store.findEnvelopeWithEvents(db, id);
  if (!envelope) return undefined;
  return { ...envelope, sendDecision: sendDecisionOf(envelope), archive: await archiveOf(db, envelope) };
}

/** Only an envelope that completed has an archive: the others cost no second query. */
async function archiveOf(db: Db, envelope: Envelope): Promise<ArchiveState | null> {
  if (envelope.status !== 'completed' && envelope.status !== 'deleted') return null;
  const archive = await findArchive(db, envelope.id);
  if (!archive) return null;
  const { envelopeId: _same, ...state } = archive;
  return state;
}
