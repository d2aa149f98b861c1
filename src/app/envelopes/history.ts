import type { EnvelopeEvent, EventActor, EventSource } from '../../domain/envelope.js';
import { assertEnvelopeTransition, type EnvelopeStatus } from '../../domain/envelope-status.js';
import { assertParticipantTransition, type ParticipantRole, type ParticipantStatus } from '../../domain/participant-status.js';
import { newId } from '../../store/ids.js';
import type { Db } from '../../store/database.js';
import { setParticipantStatus } from '../../store/envelope-sending.js';
import type { ParticipantProgress } from '../../store/envelope-sync.js';
import * as store from '../../store/envelopes.js';
import { timestamp, type AppContext } from '../context.js';
import { envelopeStatusChanged, participantStatusChanged } from '../events/outbox.js';

/** Where a change came from and, when a person or key asked for it, who (recorded on its history line). */
export type Actor = { source: EventSource; by?: EventActor };

/** A new line for an envelope's history. Types are noun-then-verb: `envelope-sent`, `participant-completed`. */
export function newEvent(
  context: Pick<AppContext, 'now'>,
  actor: Actor,
  type: string,
  detail: Record<string, unknown> | null,
  participantId: string | null = null,
): EnvelopeEvent {
  return { id: newId('evt'), type, source: actor.source, actor: actor.by ?? null, participantId, detail, occurredAt: timestamp(context) };
}

/**
 * The one way an envelope's status changes: checked against the domain's transition table,
 * recorded in the history as `envelope-<status>`, and noted for the events feed (the outbox: an
 * event-making change needs a transaction opened with `withEvents`).
 */
export async function changeEnvelopeStatus(
  context: AppContext,
  db: Db,
  envelope: { id: string; status: EnvelopeStatus },
  to: EnvelopeStatus,
  actor: Actor,
  extra: { reason?: string | null; detail?: Record<string, unknown>; fields?: Omit<store.EnvelopeChanges, 'updatedAt' | 'status'> } = {},
): Promise<void> {
  assertEnvelopeTransition(envelope.status, to);
  await store.updateEnvelopeRow(db, envelope.id, {
    ...extra.fields,
    status: to,
    statusReason: extra.reason ?? null,
    updatedAt: timestamp(context),
  });
  await store.appendEvent(
    db,
    envelope.id,
    newEvent(context, actor, `envelope-${to}`, { from: envelope.status, ...(extra.reason ? { reason: extra.reason } : {}), ...extra.detail }),
  );
  envelopeStatusChanged(db, envelope.id, to);
  envelope.status = to;
}

/**
 * The same for a participant: checked, recorded as `participant-<status>` and noted for the events
 * feed; `progress` (provider ids, timestamps) is written in the same statement as the status.
 */
export async function changeParticipantStatus(
  context: AppContext,
  db: Db,
  envelopeId: string,
  participant: { id: string; role: ParticipantRole; status: ParticipantStatus },
  to: ParticipantStatus,
  actor: Actor,
  detail: Record<string, unknown> = {},
  progress: ParticipantProgress = {},
): Promise<void> {
  assertParticipantTransition(participant.status, to);
  await setParticipantStatus(db, participant.id, to, timestamp(context), progress);
  await store.appendEvent(db, envelopeId, newEvent(context, actor, `participant-${to}`, { from: participant.status, ...detail }, participant.id));
  participantStatusChanged(db, envelopeId, participant, to);
  participant.status = to;
}
