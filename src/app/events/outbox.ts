import type { EnvelopeStatus } from '../../domain/envelope-status.js';
import type { Participant } from '../../domain/envelope.js';
import { connectionEventType, envelopeEventType, eventRank, participantEventType, type EventType } from '../../domain/events.js';
import type { ParticipantRole, ParticipantStatus } from '../../domain/participant-status.js';
import { laneOf } from '../../domain/webhooks.js';
import type { ArtifactKind } from '../../providers/provider.js';
import type { Db } from '../../store/database.js';
import { insertEvents } from '../../store/events.js';
import { newId } from '../../store/ids.js';
import type { ConnectionView } from '../connection-view.js';
import { timestamp, type AppContext } from '../context.js';
import { readEnvelopeView, type EnvelopeWithHistory } from '../envelopes/envelope-view.js';
import { createEventDeliveries, type RecordedEvent } from '../webhooks/deliveries.js';

/**
 * THE outbox rule (docs/webhooks.md): an event is recorded in the same transaction as the change
 * that caused it, so that it is never lost (the change committed: so did its event) and never
 * invented (the change rolled back, or nothing changed: no event). Its webhook deliveries are recorded
 * with it, in the same transaction (app/webhooks/deliveries.ts).
 *
 * A use case that changes what events report opens its transaction with {@link withEvents}; the
 * changes note themselves (`envelopeStatusChanged`, `participantStatusChanged`, … — called by the one
 * place each change is made: app/envelopes/history.ts for statuses, artifacts.ts, connections.ts);
 * just before the commit the noted events are rendered — each resource read inside the transaction,
 * as the API will answer it once the change commits — and inserted, last, in feed order. A change
 * that makes an event outside `withEvents` throws: an event silently dropped is the one failure
 * this module exists to prevent.
 */

/** An event of the feed as the API answers it (`GET /api/v1/events`). */
export interface FeedEvent {
  id: string;
  type: EventType;
  occurredAt: string;
  /** The envelope the event is about; null for a connection's events. */
  envelopeId: string | null;
  data: EventData;
}

/**
 * What the event is about: the resource as the API answers it, as the change left it (when one
 * transaction moves a participant two steps, both events carry the participant as committed), and
 * for an envelope's events the envelope's `externalRef` and `metadata`, for the host to find its own record.
 */
export interface EventData {
  externalRef?: string | null;
  metadata?: Record<string, string> | null;
  /** envelope.* : as GET /api/v1/envelopes/{id} answers it. */
  envelope?: EnvelopeResource;
  /** participant.* : as the envelope lists it. */
  participant?: ParticipantResource;
  /** artifact.archived: as GET /api/v1/envelopes/{id}/artifacts lists it. */
  artifact?: ArtifactResource;
  /** connection.* : as GET /api/v1/connections/{id} answers it, without its callback URL (it carries a secret token) and call counts (kept in memory). */
  connection?: ConnectionResource;
}

/** A connection as its events carry it (see `connectionResource` in app/connections.ts). */
export type ConnectionResource = Omit<ConnectionView, 'callbackUrl' | 'usage'>;

/** A participant as the API shows it: the provider's id for them stays inside. */
export type ParticipantResource = Omit<Participant, 'providerReference'>;
export type EnvelopeResource = Omit<EnvelopeWithHistory, 'participants'> & { participants: ParticipantResource[] };
export interface ArtifactResource {
  id: string;
  kind: ArtifactKind;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  documentId: string | null;
  createdAt: string;
}

/** A change noted in the transaction, rendered and recorded just before it commits. */
type Noted =
  | { type: EventType; envelopeId: string; about: 'envelope' }
  | { type: EventType; envelopeId: string; about: 'participant'; participantId: string }
  | { type: EventType; envelopeId: string; about: 'artifact'; artifact: ArtifactResource }
  | { type: EventType; envelopeId: null; about: 'connection'; render: (db: Db) => Promise<ConnectionResource> };

const notedIn = new WeakMap<Db, Noted[]>();

/**
 * Runs `work` in a transaction and records the events its changes noted, in that transaction, after
 * the work: the transaction's last writes (store/events.ts says why they must be last).
 */
export async function withEvents<T>(context: AppContext, work: (transaction: Db) => Promise<T>): Promise<T> {
  return context.db.transaction().execute(async (transaction) => (await workWithEvents(context, transaction, work)).result);
}

/**
 * As {@link withEvents}, answering with envelope `envelopeId` as the transaction leaves it: the view
 * its events were rendered from, else read in the transaction. What a request that changed the
 * envelope answers, without reading it once more after the commit.
 */
export async function withEventsThenView(context: AppContext, envelopeId: string, work: (transaction: Db) => Promise<void>): Promise<EnvelopeWithHistory> {
  return context.db.transaction().execute(async (transaction) => {
    const { rendered } = await workWithEvents(context, transaction, work);
    const envelope = rendered.get(envelopeId) ?? (await readEnvelopeView(transaction, envelopeId));
    if (!envelope) throw new Error(`Envelope ${envelopeId} vanished in the transaction that changed it.`);
    return envelope;
  });
}

/** Runs `work` in `transaction`, then records the events it noted; with the envelopes they were rendered from. */
async function workWithEvents<T>(context: AppContext, transaction: Db, work: (transaction: Db) => Promise<T>): Promise<{ result: T; rendered: ReadonlyMap<string, EnvelopeWithHistory> }> {
  const noted: Noted[] = [];
  notedIn.set(transaction, noted);
  try {
    const result = await work(transaction);
    return { result, rendered: await recordNoted(context, transaction, noted) };
  } finally {
    notedIn.delete(transaction);
  }
}

export function envelopeStatusChanged(db: Db, envelopeId: string, to: EnvelopeStatus): void {
  const type = envelopeEventType(to);
  if (type) note(db, { type, envelopeId, about: 'envelope' });
}

export function participantStatusChanged(db: Db, envelopeId: string, participant: { id: string; role: ParticipantRole }, to: ParticipantStatus): void {
  const type = participantEventType(participant.role, to);
  if (type) note(db, { type, envelopeId, about: 'participant', participantId: participant.id });
}

export function artifactsArchived(db: Db, envelopeId: string, artifacts: readonly ArtifactResource[]): void {
  for (const artifact of artifacts) note(db, { type: 'artifact.archived', envelopeId, about: 'artifact', artifact });
}

/** `render` gives the connection as the event shows it, read in the transaction once the change is made. */
export function connectionHealthChanged(db: Db, from: string, to: string, render: (db: Db) => Promise<ConnectionResource>): void {
  const type = connectionEventType(from, to);
  if (type) note(db, { type, envelopeId: null, about: 'connection', render });
}

function note(db: Db, event: Noted): void {
  const noted = notedIn.get(db);
  if (!noted) {
    throw new Error(`The ${event.type} event of this change would be lost: its transaction must be opened with withEvents (src/app/events/outbox.ts).`);
  }
  noted.push(event);
}

/** Records the noted events; answers with the envelopes it rendered them from, as the transaction leaves them. */
async function recordNoted(context: AppContext, transaction: Db, noted: readonly Noted[]): Promise<ReadonlyMap<string, EnvelopeWithHistory>> {
  const envelopes = new Map<string, EnvelopeWithHistory>();
  if (noted.length === 0) return envelopes;
  const envelopeAsCommitted = async (id: string): Promise<EnvelopeWithHistory> => {
    let envelope = envelopes.get(id);
    if (!envelope) {
      envelope = await readEnvelopeView(transaction, id);
      // A change noted for an envelope the same transaction deleted: a bug to surface, not an event to drop.
      if (!envelope) throw new Error(`Envelope ${id} changed and vanished in one transaction; its events cannot be rendered.`);
      envelopes.set(id, envelope);
    }
    return envelope;
  };

  const occurredAt = timestamp(context);
  const rows = [];
  const recorded: RecordedEvent[] = [];
  // Ids are made in feed order, so that they sort as the feed does within a transaction too.
  for (const event of inFeedOrder(noted)) {
    const data = await render(event, envelopeAsCommitted, transaction);
    const id = newId('ev');
    rows.push({ id, type: event.type, envelopeId: event.envelopeId, occurredAt, data: JSON.stringify(data) });
    recorded.push({ id, type: event.type, envelopeId: event.envelopeId, lane: laneOf({ id, envelopeId: event.envelopeId, connectionId: data.connection?.id ?? null }) });
  }
  await insertEvents(transaction, rows);
  // In the same transaction, still under the feed-order lock: a delivery exists exactly when its event does.
  await createEventDeliveries(context, transaction, recorded);
  return envelopes;
}

async function render(event: Noted, envelopeAsCommitted: (id: string) => Promise<EnvelopeWithHistory>, transaction: Db): Promise<EventData> {
  if (event.about === 'connection') return { connection: await event.render(transaction) };
  const envelope = await envelopeAsCommitted(event.envelopeId);
  const owner = { externalRef: envelope.externalRef, metadata: envelope.metadata };
  switch (event.about) {
    case 'envelope':
      return { ...owner, envelope: envelopeResource(envelope) };
    case 'participant': {
      const participant = envelope.participants.find((candidate) => candidate.id === event.participantId);
      if (!participant) throw new Error(`Participant ${event.participantId} changed and vanished in one transaction; its event cannot be rendered.`);
      return { ...owner, participant: participantResource(participant) };
    }
    case 'artifact':
      return { ...owner, artifact: event.artifact };
  }
}

/**
 * The envelopes in the order their first change was noted; within one envelope, by `eventRank`
 * (what led to an outcome before the outcome), else in the order noted.
 */
function inFeedOrder(noted: readonly Noted[]): Noted[] {
  const firstSeen = new Map<string | null, number>();
  for (const [index, event] of noted.entries()) if (!firstSeen.has(event.envelopeId)) firstSeen.set(event.envelopeId, index);
  return noted
    .map((event, index) => ({ event, index }))
    .sort((a, b) => firstSeen.get(a.event.envelopeId)! - firstSeen.get(b.event.envelopeId)! || eventRank(a.event.type) - eventRank(b.event.type) || a.index - b.index)
    .map(({ event }) => event);
}

function envelopeResource(envelope: EnvelopeWithHistory): EnvelopeResource {
  return { ...envelope, participants: envelope.participants.map(participantResource) };
}

function participantResource({ providerReference: _inside, ...participant }: Participant): ParticipantResource {
  return participant;
}
