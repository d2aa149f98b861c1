import type { Envelope, EnvelopeEvent, Ownership, Participant } from '../../domain/envelope.js';
import { contentStatus, isEnvelopeEditable } from '../../domain/envelope-status.js';
import { InvalidStateError, NotFoundError, ValidationError, type FieldError } from '../../domain/errors.js';
import { newId } from '../../store/ids.js';
import type { ParticipantRole } from '../../domain/participant-status.js';
import type { Db } from '../../store/database.js';
import type { Viewer } from '../../store/visibility.js';
import { findConnection } from '../../store/connections.js';
import { findDocuments } from '../../store/documents.js';
import * as store from '../../store/envelopes.js';
import type { Page } from '../../store/pagination.js';
import { timestamp, type AppContext } from '../context.js';
import { changeEnvelopeStatus, newEvent, type Actor } from './history.js';

export interface ParticipantInput {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string | null;
  role: ParticipantRole;
  step?: number;
}

export interface CreateEnvelopeInput {
  title: string;
  message?: string | null;
  language?: string | null;
  connectionId?: string | null;
  documentIds: string[];
  participants: ParticipantInput[];
  expiresAt?: string | null;
  externalRef?: string | null;
  metadata?: Record<string, string> | null;
}

export type UpdateEnvelopeInput = Partial<Omit<CreateEnvelopeInput, 'participants'>>;

export interface EnvelopeWithHistory extends Envelope {
  events: EnvelopeEvent[];
}

/** Who acts, for the people-and-roles rules (src/domain/roles.ts); absent: an installation key seeing everything. */
export interface AsPerson {
  /** Who creates it and who sees it (default: private, of no account). */
  owner?: Ownership;
  /** When given, only documents this person may see can be attached. */
  viewer?: Viewer;
}

export async function createEnvelope(context: AppContext, input: CreateEnvelopeInput, actor: Actor, as: AsPerson = {}): Promise<EnvelopeWithHistory> {
  const errors = [
    ...(await checkDocumentIds(context.db, input.documentIds, 'documentIds', as.viewer)),
    ...(await checkConnection(context.db, input.connectionId)),
    ...checkExpiry(input.expiresAt, context.now()),
    ...checkDistinctEmails(input.participants.map((participant) => participant.email), 'participants'),
  ];
  if (errors.length > 0) throw new ValidationError(errors);

  const id = newId('env');
  const at = timestamp(context);
  const status = contentStatus(input.documentIds.length, countSigners(input.participants));
  await context.db.transaction().execute(async (transaction) => {
    await store.insertEnvelope(transaction, {
      id,
      title: input.title,
      message: input.message ?? null,
      language: input.language ?? null,
      connectionId: input.connectionId ?? null,
      status,
      expiresAt: input.expiresAt ?? null,
      externalRef: input.externalRef ?? null,
      metadata: input.metadata ?? null,
      createdAt: at,
      updatedAt: at,
    }, as.owner);
    await store.setEnvelopeDocuments(transaction, id, input.documentIds);
    for (const [position, participant] of input.participants.entries()) {
      await store.insertParticipant(transaction, id, toParticipantInsert(participant), position, at);
    }
    await store.appendEvent(transaction, id, newEvent(context, actor, 'envelope-created', { status }));
  });
  return getEnvelope(context, id);
}

export async function getEnvelope(context: AppContext, id: string): Promise<EnvelopeWithHistory> {
  const envelope = await store.findEnvelope(context.db, id);
  if (!envelope) throw new NotFoundError('envelope', id);
  return { ...envelope, events: await store.listEvents(context.db, id) };
}

export function listEnvelopes(context: AppContext, filter: store.EnvelopeFilter): Promise<Page<Envelope>> {
  return store.listEnvelopes(context.db, filter);
}

export async function updateEnvelope(context: AppContext, id: string, input: UpdateEnvelopeInput, actor: Actor, as: AsPerson = {}): Promise<EnvelopeWithHistory> {
  await editEnvelope(context, id, actor, async (transaction, envelope) => {
    const errors = [
      ...(input.documentIds !== undefined ? await checkDocumentIds(transaction, input.documentIds, 'documentIds', as.viewer) : []),
      ...(input.connectionId !== undefined ? await checkConnection(transaction, input.connectionId) : []),
      ...(input.expiresAt !== undefined ? checkExpiry(input.expiresAt, context.now()) : []),
    ];
    if (errors.length > 0) throw new ValidationError(errors);

    const { documentIds, ...fields } = input;
    await store.updateEnvelopeRow(transaction, envelope.id, { ...fields, updatedAt: timestamp(context) });
    if (documentIds !== undefined) await store.setEnvelopeDocuments(transaction, envelope.id, documentIds);
    return { type: 'envelope-updated', detail: { fields: Object.keys(input).sort() } };
  });
  return getEnvelope(context, id);
}

export async function deleteEnvelope(context: AppContext, id: string): Promise<void> {
  await context.db.transaction().execute(async (transaction) => {
    const envelope = await store.findEnvelope(transaction, id);
    if (!envelope) throw new NotFoundError('envelope', id);
    assertEditable(envelope, 'deleted');
    await store.deleteEnvelopeRow(transaction, id);
  });
}

export async function addParticipant(context: AppContext, envelopeId: string, input: ParticipantInput, actor: Actor): Promise<Participant> {
  const participantId = newId('par');
  await editEnvelope(context, envelopeId, actor, async (transaction, envelope) => {
    const errors = checkDistinctEmails([...envelope.participants.map((participant) => participant.email), input.email], '');
    if (errors.length > 0) {
      throw new ValidationError([{ path: 'email', message: `${input.email} already takes part in this envelope` }]);
    }
    const position = await store.nextParticipantPosition(transaction, envelopeId);
    await store.insertParticipant(transaction, envelopeId, { ...toParticipantInsert(input), id: participantId }, position, timestamp(context));
    return { type: 'participant-added', participantId, detail: { role: input.role, step: input.step ?? 1 } };
  });
  return getParticipant(context, envelopeId, participantId);
}

export async function updateParticipant(
  context: AppContext,
  envelopeId: string,
  participantId: string,
  input: Partial<ParticipantInput>,
  actor: Actor,
): Promise<Participant> {
  await editEnvelope(context, envelopeId, actor, async (transaction, envelope) => {
    findParticipant(envelope, participantId);
    if (input.email !== undefined) {
      const others = envelope.participants.filter((participant) => participant.id !== participantId).map((participant) => participant.email);
      if (checkDistinctEmails([...others, input.email], '').length > 0) {
        throw new ValidationError([{ path: 'email', message: `${input.email} already takes part in this envelope` }]);
      }
    }
    await store.updateParticipantRow(transaction, participantId, input, timestamp(context));
    return { type: 'participant-updated', participantId, detail: { fields: Object.keys(input).sort() } };
  });
  return getParticipant(context, envelopeId, participantId);
}

export async function removeParticipant(context: AppContext, envelopeId: string, participantId: string, actor: Actor): Promise<void> {
  await editEnvelope(context, envelopeId, actor, async (transaction, envelope) => {
    const participant = findParticipant(envelope, participantId);
    await store.deleteParticipantRow(transaction, participantId);
    return { type: 'participant-removed', participantId: null, detail: { participantId, email: participant.email } };
  });
}

export async function getParticipant(context: AppContext, envelopeId: string, participantId: string): Promise<Participant> {
  const envelope = await store.findEnvelope(context.db, envelopeId);
  if (!envelope) throw new NotFoundError('envelope', envelopeId);
  return findParticipant(envelope, participantId);
}

/** Used when a document is deleted: envelopes still being prepared lose it, and may fall back to draft. */
export async function removeDocumentFromEnvelopes(context: AppContext, documentId: string, envelopeIds: string[]): Promise<void> {
  for (const envelopeId of envelopeIds) {
    const envelope = await store.findEnvelope(context.db, envelopeId);
    if (!envelope) continue;
    const remaining = envelope.documents.filter((document) => document.id !== documentId).map((document) => document.id);
    await store.setEnvelopeDocuments(context.db, envelopeId, remaining);
    await store.appendEvent(context.db, envelopeId, newEvent(context, { source: 'api' }, 'document-removed', { documentId }));
    await recomputeStatus(context, context.db, envelopeId, { source: 'api' });
  }
}

type Edit = { type: string; participantId?: string | null; detail: Record<string, unknown> };

/**
 * The one path for changing an envelope's content: checks it may still be edited, applies the change,
 * records it in the history and recomputes draft/ready, all in one transaction.
 */
async function editEnvelope(
  context: AppContext,
  id: string,
  actor: Actor,
  change: (transaction: Db, envelope: Envelope) => Promise<Edit>,
): Promise<void> {
  await context.db.transaction().execute(async (transaction) => {
    const envelope = await store.findEnvelope(transaction, id);
    if (!envelope) throw new NotFoundError('envelope', id);
    assertEditable(envelope, 'changed');
    const edit = await change(transaction, envelope);
    await store.appendEvent(transaction, id, { ...newEvent(context, actor, edit.type, edit.detail), participantId: edit.participantId ?? null });
    await recomputeStatus(context, transaction, id, actor);
  });
}

/**
 * draft ⇄ ready follows the content: at least one document and one signer make an envelope ready. A
 * failed envelope that is edited becomes draft or ready again, and forgets its earlier send attempt:
 * what the provider holds from it no longer matches the envelope.
 */
async function recomputeStatus(context: AppContext, db: Db, id: string, actor: Actor): Promise<void> {
  const envelope = await store.findEnvelope(db, id);
  if (!envelope) return;
  const next = contentStatus(envelope.documents.length, countSigners(envelope.participants));
  if (next === envelope.status) return;
  const wasFailed = envelope.status === 'failed';
  await changeEnvelopeStatus(context, db, envelope, next, actor);
  if (wasFailed) await db.updateTable('envelopes').set({ send_checkpoint: null }).where('id', '=', id).execute();
}

function assertEditable(envelope: Envelope, verb: string): void {
  if (!isEnvelopeEditable(envelope.status)) {
    throw new InvalidStateError(
      `Envelope ${envelope.id} is ${envelope.status}; it can only be ${verb} while it is draft, ready or failed.`,
      envelope.status,
    );
  }
}

function findParticipant(envelope: Envelope, participantId: string): Participant {
  const participant = envelope.participants.find((candidate) => candidate.id === participantId);
  if (!participant) throw new NotFoundError('participant', participantId);
  return participant;
}

function toParticipantInsert(input: ParticipantInput): store.ParticipantInsert {
  return {
    id: newId('par'),
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    phone: input.phone ?? null,
    role: input.role,
    step: input.step ?? 1,
    status: 'pending',
  };
}

function countSigners(participants: ReadonlyArray<{ role: ParticipantRole }>): number {
  return participants.filter((participant) => participant.role === 'signer').length;
}


async function checkDocumentIds(db: Db, ids: string[], path: string, viewer?: Viewer): Promise<FieldError[]> {
  // Someone else's private document is answered like a missing one, as everywhere else.
  const found = new Set((await findDocuments(db, ids, viewer)).map((document) => document.id));
  const errors: FieldError[] = [];
  ids.forEach((id, index) => {
    if (!found.has(id)) errors.push({ path: `${path}[${index}]`, message: `no document with id ${id} exists; upload it first` });
    else if (ids.indexOf(id) !== index) errors.push({ path: `${path}[${index}]`, message: `document ${id} is listed twice` });
  });
  return errors;
}

async function checkConnection(db: Db, connectionId: string | null | undefined): Promise<FieldError[]> {
  if (connectionId === undefined || connectionId === null) return [];
  if (await findConnection(db, connectionId)) return [];
  return [{ path: 'connectionId', message: `no connection with id ${connectionId} exists; see GET /api/v1/connections` }];
}

function checkExpiry(expiresAt: string | null | undefined, now: Date): FieldError[] {
  if (expiresAt === undefined || expiresAt === null) return [];
  if (Date.parse(expiresAt) <= now.getTime()) return [{ path: 'expiresAt', message: 'must be in the future' }];
  return [];
}

function checkDistinctEmails(emails: string[], path: string): FieldError[] {
  const seen = new Map<string, number>();
  const errors: FieldError[] = [];
  emails.forEach((email, index) => {
    const key = email.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ path: `${path}[${index}].email`, message: `${email} is already used by ${path}[${first}]; each person takes part once` });
    } else {
      seen.set(key, index);
    }
  });
  return errors;
}
