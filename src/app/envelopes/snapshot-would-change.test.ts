import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeProvider, fakeRegistry, type FakeProvider } from '../../../test/support/fake-provider.js';
import { createReadyEnvelope, createTestConnection, createTestContext, jobContextOf } from '../../../test/support/app-context.js';
import type { Envelope } from '../../domain/envelope.js';
import type { ParticipantMatch, ParticipantSnapshot, ProviderSnapshot } from '../../providers/snapshot.js';
import { listSyncViews } from '../../store/envelope-sync.js';
import * as store from '../../store/envelopes.js';
import type { AppContext } from '../context.js';
import { requestSend, runSendJob } from './sending.js';
import { applySnapshot, snapshotWouldChange } from './sync.js';

/**
 * A full sync writes only the envelopes whose snapshot `snapshotWouldChange` says would change
 * something; `applySnapshot` is what writes. The two must agree, or a field applySnapshot learns to
 * write but the comparison misses stops being synced without a sound. Each row below starts from a
 * sent envelope and a snapshot that says exactly what is stored, changes one field of the snapshot,
 * and checks that the comparison and the stored rows (envelope, participants, history, jobs) agree
 * with the row's expectation. The tables are keyed by every field of the snapshot types: a field
 * added to a snapshot does not type-check here until it has a row.
 */

type Row = {
  /** What the provider now reports. */
  readonly change: string;
  readonly snapshot: (stored: ProviderSnapshot, envelope: Envelope) => ProviderSnapshot;
  /** Prepares the stored envelope before its snapshot is taken (the state the change needs). */
  readonly arrange?: (envelope: Envelope) => Promise<void>;
  /** Whether applying it writes anything: what the comparison must say. */
  readonly applied: boolean;
};

const ANNA = 'anna@client.test';
const BERT = 'bert@client.test';
const AT = '2026-11-30T09:00:00.000Z';

/** `stored` with the participant of `email` changed by `change`. */
function withParticipant(stored: ProviderSnapshot, email: string, change: (participant: ParticipantSnapshot) => ParticipantSnapshot): ProviderSnapshot {
  return { ...stored, participants: stored.participants.map((participant) => (participant.match.email === email ? change(participant) : participant)) };
}
const withMatch = (stored: ProviderSnapshot, email: string, match: Partial<ParticipantMatch>) =>
  withParticipant(stored, email, (participant) => ({ ...participant, match: { ...participant.match, ...match } }));
const withTimestamp = (stored: ProviderSnapshot, email: string, timestamps: ParticipantSnapshot['timestamps']) =>
  withParticipant(stored, email, (participant) => ({ ...participant, timestamps: { ...participant.timestamps, ...timestamps } }));

const envelopeFields: Record<keyof ProviderSnapshot, Row[]> = {
  reference: [{ change: 'another envelope’s reference', snapshot: (stored) => ({ ...stored, reference: 'fake-elsewhere' }), applied: false }],
  detail: [{ change: 'a summary (status only, no participants)', snapshot: (stored) => ({ ...stored, detail: 'summary', participants: [] }), applied: false }],
  status: [
    { change: 'envelope completed', snapshot: (stored) => ({ ...stored, status: { unified: 'completed', raw: 'Finished' } }), applied: true },
    { change: 'envelope rejected with a reason', snapshot: (stored) => ({ ...stored, status: { unified: 'rejected', raw: 'Rejected' }, reason: 'Wrong amount' }), applied: true },
    { change: 'envelope expired', snapshot: (stored) => ({ ...stored, status: { unified: 'expired', raw: 'Expired' } }), applied: true },
    { change: 'envelope failed', snapshot: (stored) => ({ ...stored, status: { unified: 'failed', raw: 'Failed' } }), applied: true },
    { change: 'envelope withdrawn', snapshot: (stored) => ({ ...stored, status: { unified: 'withdrawn', raw: 'Revoked' } }), applied: true },
    { change: 'a status this version cannot map', snapshot: (stored) => ({ ...stored, status: { unified: null, raw: 'Archived' } }), applied: true },
    { change: 'the same status in other raw words', snapshot: (stored) => ({ ...stored, status: { unified: 'sent', raw: 'InProgress' } }), applied: false },
    { change: 'an earlier status (a late snapshot)', snapshot: (stored) => ({ ...stored, status: { unified: 'draft', raw: 'Draft' } }), applied: false },
  ],
  participants: [
    { change: 'no participants reported', snapshot: (stored) => ({ ...stored, participants: [] }), applied: false },
    {
      change: 'a participant the envelope does not have',
      snapshot: (stored) => ({ ...stored, participants: [...stored.participants, { match: { email: 'carol@client.test' }, status: { unified: 'completed', raw: 'Signed' }, timestamps: { completedAt: AT } }] }),
      applied: false,
    },
  ],
  // Not stored from a snapshot: the envelope's expiry is set here (at create, and by extend-expiry once the provider took it).
  expiresAt: [{ change: 'an expiry', snapshot: (stored) => ({ ...stored, expiresAt: AT }), applied: false }],
  modifiedAt: [{ change: 'a modification time', snapshot: (stored) => ({ ...stored, modifiedAt: AT }), applied: false }],
  // Stored only with the move to completed (the "envelope completed" row).
  completedAt: [{ change: 'a completion time without the status', snapshot: (stored) => ({ ...stored, completedAt: AT }), applied: false }],
  // Stored only with a move to rejected, failed or expired (the rows above).
  reason: [{ change: 'a reason without a status change', snapshot: (stored) => ({ ...stored, reason: 'Wrong amount' }), applied: false }],
};

const participantFields: Record<Exclude<keyof ParticipantSnapshot, 'match' | 'timestamps'>, Row[]> = {
  status: [
    { change: 'the waiting participant notified', snapshot: (stored) => withParticipant(stored, BERT, (participant) => ({ ...participant, status: { unified: 'notified', raw: 'Pending' } })), applied: true },
    { change: 'a participant viewed', snapshot: (stored) => withParticipant(stored, ANNA, (participant) => ({ ...participant, status: { unified: 'viewed', raw: 'Opened' } })), applied: true },
    { change: 'a participant completed', snapshot: (stored) => withParticipant(stored, ANNA, (participant) => ({ ...participant, status: { unified: 'completed', raw: 'Signed' } })), applied: true },
    { change: 'a participant rejected', snapshot: (stored) => withParticipant(stored, ANNA, (participant) => ({ ...participant, status: { unified: 'rejected', raw: 'Rejected' } })), applied: true },
    { change: 'a participant status this version cannot map', snapshot: (stored) => withParticipant(stored, ANNA, (participant) => ({ ...participant, status: { unified: null, raw: 'Delegated' } })), applied: false },
    { change: 'a participant’s status in other raw words', snapshot: (stored) => withParticipant(stored, ANNA, (participant) => ({ ...participant, status: { unified: 'notified', raw: 'Invited' } })), applied: false },
    { change: 'a participant’s earlier status', snapshot: (stored) => withParticipant(stored, ANNA, (participant) => ({ ...participant, status: { unified: 'waiting', raw: 'Waiting' } })), applied: false },
  ],
  rejectionReason: [{ change: 'a participant’s rejection reason', snapshot: (stored) => withParticipant(stored, ANNA, (participant) => ({ ...participant, rejectionReason: 'Wrong amount' })), applied: true }],
  signingUrl: [{ change: 'a participant’s signing URL', snapshot: (stored) => withParticipant(stored, BERT, (participant) => ({ ...participant, signingUrl: 'https://provider.example/sign/bert' })), applied: true }],
};

const matchFields: Record<keyof ParticipantMatch, Row[]> = {
  providerReference: [
    {
      change: 'the provider’s id of a participant stored without one',
      arrange: async (envelope) => {
        const bert = envelope.participants.find((participant) => participant.email === BERT)!;
        await sql`update participants set provider_reference = null where id = ${bert.id}`.execute(context.db);
      },
      snapshot: (stored) => withMatch(stored, BERT, { providerReference: 'fake-bert' }),
      applied: true,
    },
    { change: 'another provider id for a participant (matched by email instead)', snapshot: (stored) => withMatch(stored, BERT, { providerReference: 'fake-other' }), applied: false },
  ],
  participantId: [{ change: 'our participant id echoed back', snapshot: (stored, envelope) => withMatch(stored, ANNA, { participantId: envelope.participants[0]!.id }), applied: false }],
  email: [{ change: 'a participant’s email in capitals', snapshot: (stored) => withMatch(stored, ANNA, { email: ANNA.toUpperCase() }), applied: false }],
  role: [{ change: 'a participant’s role', snapshot: (stored) => withMatch(stored, ANNA, { role: 'signer' }), applied: false }],
  step: [{ change: 'a participant’s step', snapshot: (stored) => withMatch(stored, ANNA, { step: 1 }), applied: false }],
};

const timestampFields: Record<keyof ParticipantSnapshot['timestamps'], Row[]> = {
  notifiedAt: [
    { change: 'when the waiting participant was notified', snapshot: (stored) => withTimestamp(stored, BERT, { notifiedAt: AT }), applied: true },
    // The first notification is kept: a reminder does not move it.
    { change: 'a later notification of a notified participant', snapshot: (stored) => withTimestamp(stored, ANNA, { notifiedAt: AT }), applied: false },
  ],
  viewedAt: [{ change: 'when a participant viewed', snapshot: (stored) => withTimestamp(stored, ANNA, { viewedAt: AT }), applied: true }],
  completedAt: [{ change: 'when a participant completed', snapshot: (stored) => withTimestamp(stored, ANNA, { completedAt: AT }), applied: true }],
  rejectedAt: [{ change: 'when a participant rejected', snapshot: (stored) => withTimestamp(stored, ANNA, { rejectedAt: AT }), applied: true }],
};

const rows = [envelopeFields, participantFields, matchFields, timestampFields].flatMap((table) =>
  Object.entries(table).flatMap(([field, fieldRows]) => fieldRows.map((row) => ({ field, ...row }))),
);

let fake: FakeProvider;
let context: AppContext;
let close: () => Promise<void>;
let connectionId: string;

beforeAll(async () => {
  fake = createFakeProvider();
  ({ context, close } = await createTestContext(fakeRegistry(fake)));
  connectionId = await createTestConnection(context);
});

afterAll(async () => {
  await close();
});

/** Sent through the fake: Anna (step 1) notified, Bert (step 2) waiting, each with the provider's id. */
async function sentEnvelope(): Promise<string> {
  const id = await createReadyEnvelope(context, connectionId);
  await requestSend(context, id, { source: 'api' });
  await runSendJob(context, { envelopeId: id }, jobContextOf(1));
  return id;
}

/** The snapshot that says exactly what is stored: applying it must change nothing. */
function snapshotOfStored(envelope: Envelope): ProviderSnapshot {
  return {
    reference: envelope.providerReference!,
    detail: 'full',
    status: { unified: envelope.status as ProviderSnapshot['status']['unified'], raw: envelope.status },
    participants: envelope.participants.map((participant) => ({
      match: { email: participant.email, ...(participant.providerReference ? { providerReference: participant.providerReference } : {}) },
      status: { unified: participant.status as ParticipantSnapshot['status']['unified'], raw: participant.status },
      ...(participant.rejectionReason ? { rejectionReason: participant.rejectionReason } : {}),
      ...(participant.signingUrl ? { signingUrl: participant.signingUrl } : {}),
      timestamps: {
        ...(participant.notifiedAt ? { notifiedAt: participant.notifiedAt } : {}),
        ...(participant.viewedAt ? { viewedAt: participant.viewedAt } : {}),
        ...(participant.completedAt ? { completedAt: participant.completedAt } : {}),
        ...(participant.rejectedAt ? { rejectedAt: participant.rejectedAt } : {}),
      },
    })),
  };
}

/** Everything a snapshot can write, but the time of the check itself (written by every sync). */
async function storedRows(envelopeId: string) {
  const { last_synced_at: _checkedAt, ...envelope } = await context.db.selectFrom('envelopes').selectAll().where('id', '=', envelopeId).executeTakeFirstOrThrow();
  return {
    envelope,
    participants: await context.db.selectFrom('participants').selectAll().where('envelope_id', '=', envelopeId).orderBy('id').execute(),
    events: await context.db.selectFrom('envelope_events').selectAll().where('envelope_id', '=', envelopeId).orderBy('id').execute(),
    jobs: (await sql<{ name: string; data: string }>`select name, data from jobs where data like ${`%${envelopeId}%`} order by id`.execute(context.db)).rows,
  };
}

/** Whether the sync's comparison says the snapshot would change the envelope, and whether applying it did. */
async function compareAndApply(envelopeId: string, snapshot: ProviderSnapshot): Promise<{ wouldChange: boolean; changed: boolean }> {
  const view = (await listSyncViews(context.db, [envelopeId])).get(envelopeId)!;
  const wouldChange = snapshotWouldChange(view, snapshot);
  const before = await storedRows(envelopeId);
  await applySnapshot(context, envelopeId, snapshot, { source: 'sync' });
  const after = await storedRows(envelopeId);
  return { wouldChange, changed: JSON.stringify(after) !== JSON.stringify(before) };
}

describe('snapshotWouldChange agrees with applySnapshot', () => {
  it('a snapshot of what is stored: would not change, and applying it changes nothing', async () => {
    const id = await sentEnvelope();
    const envelope = (await store.findEnvelope(context.db, id))!;
    expect(envelope.participants.map((participant) => [participant.status, participant.providerReference !== null])).toEqual([
      ['notified', true],
      ['waiting', true],
    ]);
    expect(await compareAndApply(id, snapshotOfStored(envelope))).toEqual({ wouldChange: false, changed: false });
  });

  it.each(rows)('$field: $change', async (row) => {
    const id = await sentEnvelope();
    await row.arrange?.((await store.findEnvelope(context.db, id))!);
    const envelope = (await store.findEnvelope(context.db, id))!;
    const snapshot = row.snapshot(snapshotOfStored(envelope), envelope);
    expect(await compareAndApply(id, snapshot)).toEqual({ wouldChange: row.applied, changed: row.applied });
  });
});
