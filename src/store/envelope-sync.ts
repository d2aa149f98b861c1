import type { Participant } from '../domain/envelope.js';
import type { EnvelopeStatus } from '../domain/envelope-status.js';
import type { ParticipantRole, ParticipantStatus } from '../domain/participant-status.js';
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

/** What a sync compares a provider's snapshot with: the envelope's status and its participants' progress. */
export interface SyncView {
  id: string;
  status: EnvelopeStatus;
  providerReference: string | null;
  participants: SyncParticipant[];
}

export type SyncParticipant = Pick<
  Participant,
  'id' | 'email' | 'role' | 'step' | 'status' | 'providerReference' | 'notifiedAt' | 'viewedAt' | 'completedAt' | 'rejectedAt' | 'rejectionReason' | 'signingUrl'
>;

/** Ids per query: far below SQLite's limit on bound parameters. */
const IDS_PER_QUERY = 500;

/**
 * The sync views of many envelopes, two queries per 500 ids, so that a sync can tell which envelopes
 * of a listed page changed without a query (or a transaction) per envelope. Missing ids are absent.
 */
export async function listSyncViews(db: Db, ids: readonly string[]): Promise<Map<string, SyncView>> {
  const views = new Map<string, SyncView>();
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const chunk = ids.slice(start, start + IDS_PER_QUERY);
    const envelopes = await db.selectFrom('envelopes').select(['id', 'status', 'provider_reference']).where('id', 'in', chunk).execute();
    for (const row of envelopes) views.set(row.id, { id: row.id, status: row.status as EnvelopeStatus, providerReference: row.provider_reference, participants: [] });
    const participants = await db
      .selectFrom('participants')
      .select([
        'envelope_id', 'id', 'email', 'role', 'step', 'status', 'provider_reference', 'notified_at', 'viewed_at', 'completed_at', 'rejected_at', 'rejection_reason', 'signing_url',
      ])
      .where('envelope_id', 'in', chunk)
      .orderBy('step')
      .orderBy('position')
      .execute();
    for (const row of participants) {
      views.get(row.envelope_id)?.participants.push({
        id: row.id,
        email: row.email,
        role: row.role as ParticipantRole,
        step: row.step,
        status: row.status as ParticipantStatus,
        providerReference: row.provider_reference,
        notifiedAt: row.notified_at,
        viewedAt: row.viewed_at,
        completedAt: row.completed_at,
        rejectedAt: row.rejected_at,
        rejectionReason: row.rejection_reason,
        signingUrl: row.signing_url,
      });
    }
  }
  return views;
}

/** When the provider said the envelope completed (or when it was recorded as completed); null before. */
export async function findEnvelopeCompletedAt(db: Db, envelopeId: string): Promise<string | null> {
  const row = await db.selectFrom('envelopes').select('completed_at').where('id', '=', envelopeId).executeTakeFirst();
  return row?.completed_at ?? null;
}
