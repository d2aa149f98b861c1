import type { EnvelopeStatus } from '../domain/envelope-status.js';
import type { ParticipantStatus } from '../domain/participant-status.js';
import type { Db } from './database.js';
import { lockRows } from './locking.js';
import type { ParticipantProgress } from './envelope-sync.js';

/** The queries of sending an envelope: its resumable checkpoint, the provider's ids, and statuses. */

/** What the last send attempt saved (the adapter's provider ids and intents); `{}` before the first. */
export async function readSendCheckpoint(db: Db, envelopeId: string): Promise<Record<string, unknown>> {
  const row = await db.selectFrom('envelopes').select('send_checkpoint').where('id', '=', envelopeId).executeTakeFirstOrThrow();
  return row.send_checkpoint ? (JSON.parse(row.send_checkpoint) as Record<string, unknown>) : {};
}

/** `null` forgets it: a failed envelope that is edited starts its next send from nothing. */
export async function saveSendCheckpoint(db: Db, envelopeId: string, state: Record<string, unknown> | null): Promise<void> {
  await db.updateTable('envelopes').set({ send_checkpoint: state === null ? null : JSON.stringify(state) }).where('id', '=', envelopeId).execute();
}

/** The envelope's status (`undefined` when there is no such envelope), its row locked for the rest of the caller's transaction (`lockRows`). */
export async function readEnvelopeStatusForUpdate(db: Db, envelopeId: string): Promise<EnvelopeStatus | undefined> {
  await lockRows(db, 'envelopes', [envelopeId]);
  const row = await db.selectFrom('envelopes').select('status').where('id', '=', envelopeId).executeTakeFirst();
  return row?.status as EnvelopeStatus | undefined;
}

export async function listEnvelopeIdsWithStatus(db: Db, status: string): Promise<string[]> {
  const rows = await db.selectFrom('envelopes').select('id').where('status', '=', status).execute();
  return rows.map((row) => row.id);
}

/** The new status, with whatever `progress` goes with it in the same statement. */
export async function setParticipantStatus(db: Db, participantId: string, status: ParticipantStatus, at: string, progress: ParticipantProgress = {}): Promise<void> {
  await db.updateTable('participants').set({ ...progress, status, updated_at: at }).where('id', '=', participantId).execute();
}
