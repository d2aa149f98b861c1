import type { Db } from './database.js';
import type { ParticipantsTable } from './schema.js';

/** The queries of following envelopes at their provider: what is in flight, and what a sync records. */

/** An envelope at a provider that is not finished yet, with what a sync needs to find it there. */
export interface InFlightEnvelope {
  id: string;
  connectionId: string | null;
  providerReference: string;
  sentAt: string | null;
  createdAt: string;
  /** When a sync last checked it at the provider; null: never. */
  lastSyncedAt: string | null;
}

export async function listInFlightEnvelopes(db: Db): Promise<InFlightEnvelope[]> {
  const rows = await db
    .selectFrom('envelopes')
    .select(['id', 'connection_id', 'provider_reference', 'sent_at', 'created_at', 'last_synced_at'])
    .where('status', 'in', ['sent'])
    .where('provider_reference', 'is not', null)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    connectionId: row.connection_id,
    providerReference: row.provider_reference!,
    sentAt: row.sent_at,
    createdAt: row.created_at,
    lastSyncedAt: row.last_synced_at,
  }));
}

/** The envelope a provider's callback is about: by its reference at the provider, or by our own id. */
export async function findEnvelopeIdAtConnection(
  db: Db,
  connectionId: string,
  target: { reference: string } | { envelopeId: string },
): Promise<string | undefined> {
  let query = db.selectFrom('envelopes').select('id').where('connection_id', '=', connectionId);
  query = 'reference' in target ? query.where('provider_reference', '=', target.reference) : query.where('id', '=', target.envelopeId);
  return (await query.executeTakeFirst())?.id;
}

export async function markEnvelopeSynced(db: Db, envelopeId: string, at: string): Promise<void> {
  await db.updateTable('envelopes').set({ last_synced_at: at }).where('id', '=', envelopeId).execute();
}

export async function setEnvelopeCompletedAt(db: Db, envelopeId: string, completedAt: string): Promise<void> {
  await db.updateTable('envelopes').set({ completed_at: completedAt }).where('id', '=', envelopeId).execute();
}

/** What a provider reported about a participant that was not known yet (timestamps, its reference, …). */
export type ParticipantProgress = Partial<
  Pick<ParticipantsTable, 'notified_at' | 'viewed_at' | 'completed_at' | 'rejected_at' | 'rejection_reason' | 'signing_url' | 'provider_reference'>
>;

export async function recordParticipantProgress(db: Db, participantId: string, progress: ParticipantProgress): Promise<void> {
  if (Object.keys(progress).length === 0) return;
  await db.updateTable('participants').set(progress).where('id', '=', participantId).execute();
}
