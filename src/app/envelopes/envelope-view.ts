import type { ArchiveState } from '../../domain/archive.js';
import type { Envelope, EnvelopeEvent } from '../../domain/envelope.js';
import type { EnvelopeStatus } from '../../domain/envelope-status.js';
import type { Db } from '../../store/database.js';
import { findArchive } from '../../store/envelope-archives.js';
import * as store from '../../store/envelopes.js';
import { mayWaitForSendDecision, sendDecisionOf, type SendDecision } from './decision-needed.js';

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

/**
 * `GET /api/v1/envelopes/{id}`'s answer, or undefined when there is no such envelope. Where the
 * database writes an envelope's JSON (SQLite: store.findEnvelopeJson) and the envelope can have
 * neither a send decision nor an archive, JSON text, which the route sends as it is: the summary's
 * members, then the history, decision and archive (the schema's serializer writes the optional
 * `createdBy` and `visibility` last, so the bytes differ, not the values); else the view, which the
 * route's schema serialises. `api/routes/envelope-json.http.test.ts` holds the two to the same values.
 */
export async function readEnvelopeAnswer(db: Db, id: string): Promise<string | EnvelopeWithHistory | undefined> {
  if (store.writesEnvelopeJson(db)) {
    const found = await store.findEnvelopeJson(db, id);
    if (!found) return undefined;
    if (!mayWaitForSendDecision(found.status) && !mayHaveArchive(found.status)) {
      return `${found.summary.slice(0, -1)},"events":${found.events},"sendDecision":null,"archive":null}`;
    }
  }
  return readEnvelopeView(db, id);
}

/** Only an envelope that completed has an archive. */
function mayHaveArchive(status: EnvelopeStatus): boolean {
  return status === 'completed' || status === 'deleted';
}

/** The others cost no second query. */
async function archiveOf(db: Db, envelope: Envelope): Promise<ArchiveState | null> {
  if (!mayHaveArchive(envelope.status)) return null;
  const archive = await findArchive(db, envelope.id);
  if (!archive) return null;
  const { envelopeId: _same, ...state } = archive;
  return state;
}
