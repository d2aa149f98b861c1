import type { Envelope, Ownership, Participant } from '../../domain/envelope.js';
import { contentStatus, ENVELOPE_STATUSES, isEnvelopeEditable, type EnvelopeStatus } from '../../domain/envelope-status.js';
import { InvalidStateError, NotFoundError, ValidationError, type FieldError } from '../../domain/errors.js';
import { newId } from '../../store/ids.js';
import type { ParticipantRole } from '../../domain/participant-status.js';
import { checkDistinctParticipants, checkParticipantOptions, DEFAULT_DELIVERY, type ParticipantOptionsInput } from '../../domain/participant-options.js';
import type { Db } from '../../store/database.js';
import type { Viewer } from '../../store/visibility.js';
import { findConnection } from '../../store/connections.js';
import { findDocuments } from '../../store/documents.js';
import { saveSendCheckpoint } from '../../store/envelope-sending.js';
import * as store from '../../store/envelopes.js';
import type { Page } from '../../store/pagination.js';
import { recordActionIn, type ActionRequest } from '../action-request.js';
import { timestamp, type AppContext } from '../context.js';
import { changeEnvelopeStatus, newEvent, type Actor } from './history.js';
import { readEnvelopeAnswer, readEnvelopeView, type EnvelopeWithHistory } from './envelope-view.js';
import { envelopeProblems, providerForCheck } from './send-request.js';

export interface ParticipantInput extends ParticipantOptionsInput {
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

export type { EnvelopeWithHistory } from './envelope-view.js';

/** Who acts, for the people-and-roles rules (src/domain/roles.ts); absent: an installation key seeing everything. */
export interface AsPerson {
  /** Who creates it and who sees it (default: private, of no account). */
  owner?: Ownership;
  /** When given, only documents this person may see can be attached. */
  viewer?: Viewer;
}

/** How an envelope comes to be made, beyond its content and who makes it. */
export interface CreationOptions {
  /** What the creation came from, kept in its history line (a clone names its source: `clonedFrom`). */
  origin?: Record<string, unknown>;
  /**
   * Runs in the creating transaction once the envelope passed every check, so that a caller's own
   * record of it (a bulk send's row) commits with it or not at all.
   */
  within?: (transaction: Db, envelopeId: string) => Promise<void>;
  /** The API request it is made for (`recordActionIn`). */
  apiRequest?: ActionRequest;
}

export async function createEnvelope(
  context: AppContext,
  input: CreateEnvelopeInput,
  actor: Actor,
  as: AsPerson = {},
  { origin = {}, within, apiRequest }: CreationOptions = {},
): Promise<EnvelopeWithHistory> {
  const documents = await findDocuments(context.db, input.documentIds, as.viewer);
  const errors = [
    ...(await checkDocumentIds(context.db, input.documentIds, 'documentIds', as.viewer)),
    ...(await checkConnection(context.db, input.connectionId)),
    ...checkExpiry(input.expiresAt, context.now()),
    ...checkDistinctParticipants(input.participants, 'participants'),
    ...input.participants.flatMap((participant, index) => checkParticipantOptions(participant, documents, `participants[${index}]`)),
  ];
  if (errors.length > 0) throw new ValidationError(errors);
  const participantIds = input.participants.map(() => newId('par'));

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
      await store.insertParticipant(transaction, id, toParticipantInsert(context, participant, participantIds[position]!), position, at);
    }
    // What the envelope's provider cannot do is refused now when its connection is known (issue 8),
    // named by the paths of this request.
    const created = (await store.findEnvelope(transaction, id))!;
    const problems = await envelopeProblems(context, transaction, created, await providerForCheck(context, transaction, created));
    const paths = new Map(participantIds.map((participantId, index) => [participantId, `participants[${index}]`]));
    if (problems.length > 0) throw new ValidationError(renameParticipantPaths(problems, created, paths));
    await store.appendEvent(transaction, id, newEvent(context, actor, 'envelope-created', { status, ...origin }));
    await within?.(transaction, id);
    await recordActionIn(context, transaction, apiRequest, { id });
  });
  return getEnvelope(context, id);
}

export async function getEnvelope(context: AppContext, id: string): Promise<EnvelopeWithHistory> {
  const envelope = await readEnvelopeView(context.db, id);
  if (!envelope) throw new NotFoundError('envelope', id);
  return envelope;
}

/** `GET /api/v1/envelopes/{id}`'s answer: JSON text, or the envelope for the route's schema to serialise (envelope-view.ts). */
export async function getEnvelopeAnswer(context: AppContext, id: string): Promise<string | EnvelopeWithHistory> {
  const answer = await readEnvelopeAnswer(context.db, id);
  if (answer === undefined) throw new NotFoundError('envelope', id);
  return answer;
}

/** A page of envelopes: each the JSON text of the API's summary (SQLite) or the envelope (PostgreSQL). */
export function listEnvelopes(context: AppContext, filter: store.EnvelopeFilter): Promise<Page<store.ListedEnvelope>> {
  return store.listEnvelopes(context.db, withStoredMoments(filter));
}

export interface EnvelopeCounts {
  total: number;
  byStatus: Record<EnvelopeStatus, number>;
}

/** How many envelopes of the scope there are, in all and in each status (every status named, 0 for none). */
export async function countEnvelopes(context: AppContext, scope: store.EnvelopeScope): Promise<EnvelopeCounts> {
  const counted = await store.countEnvelopesByStatus(context.db, withStoredMoments(scope));
  const byStatus = Object.fromEntries(ENVELOPE_STATUSES.map((status) => [status, counted.get(status) ?? 0])) as Record<EnvelopeStatus, number>;
  return { total: Object.values(byStatus).reduce((sum, count) => sum + count, 0), byStatus };
}

/**
 * Moments as the envelope rows store them (ISO 8601 in UTC, milliseconds included), because the
 * database compares them as text: "2026-12-01T00:00:00+01:00" is asked as "2026-11-30T23:00:00.000Z".
 */
function withStoredMoments<Scope extends store.EnvelopeScope>(scope: Scope): Scope {
  const stored = (moment: string | undefined) => (moment === undefined ? undefined : new Date(moment).toISOString());
  return { ...scope, updatedSince: stored(scope.updatedSince), expiresBefore: stored(scope.expiresBefore) };
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

/**
 * Deletes an envelope that never reached a provider (draft, ready, failed) here, with its
 * participants and history; its documents stay. One its provider has is deleted there instead: see
 * `requestEnvelopeDeletion` in actions.ts, which the DELETE route uses for those.
 */
export async function deleteEnvelope(context: AppContext, id: string, apiRequest?: ActionRequest): Promise<void> {
  await context.db.transaction().execute(async (transaction) => {
    const envelope = await store.findEnvelopeForUpdate(transaction, id);
    if (!envelope) throw new NotFoundError('envelope', id);
    assertEditable(envelope, 'deleted');
    await store.deleteEnvelopeRow(transaction, id);
    await recordActionIn(context, transaction, apiRequest, { name: envelope.title });
  });
}

export async function addParticipant(context: AppContext, envelopeId: string, input: ParticipantInput, actor: Actor, apiRequest?: ActionRequest): Promise<Participant> {
  const participantId = newId('par');
  await editEnvelope(context, envelopeId, actor, async (transaction, envelope) => {
    await checkParticipantInput(transaction, envelope, input, null);
    const position = await store.nextParticipantPosition(transaction, envelopeId);
    await store.insertParticipant(transaction, envelopeId, toParticipantInsert(context, input, participantId), position, timestamp(context));
    await recordActionIn(context, transaction, apiRequest, { id: participantId });
    return { type: 'participant-added', participantId, detail: { role: input.role, step: input.step ?? 1 } };
  }, participantId);
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
    const existing = findParticipant(envelope, participantId);
    await checkParticipantInput(transaction, envelope, input, existing);
    const { authentication, ...changes } = input;
    await store.updateParticipantRow(
      transaction,
      participantId,
      { ...changes, ...(authentication === undefined ? {} : authenticationColumns(context, authentication, participantId)) },
      timestamp(context),
    );
    return { type: 'participant-updated', participantId, detail: { fields: Object.keys(input).sort() } };
  }, participantId);
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
  /** The participant the request is about: its problems are named by the request's own paths (`delivery`, not `participants[2].delivery`). */
  participantId?: string,
): Promise<void> {
  await context.db.transaction().execute(async (transaction) => {
    const envelope = await store.findEnvelopeForUpdate(transaction, id);
    if (!envelope) throw new NotFoundError('envelope', id);
    assertEditable(envelope, 'changed');
    const before = renameParticipantPaths(
      await envelopeProblems(context, transaction, envelope, await providerForCheck(context, transaction, envelope)),
      envelope,
      new Map(),
    );
    const edit = await change(transaction, envelope);
    await refuseNewProblems(context, transaction, id, before, participantId);
    await store.appendEvent(transaction, id, { ...newEvent(context, actor, edit.type, edit.detail), participantId: edit.participantId ?? null });
    await recomputeStatus(context, transaction, id, actor);
  });
}

/**
 * An edit may not add something the envelope's provider cannot do (or a field off its documents).
 * Only problems the edit brings are refused, so an envelope that already has several (its default
 * connection changed, say) can be corrected one request at a time.
 */
async function refuseNewProblems(context: AppContext, db: Db, id: string, before: FieldError[], participantId?: string): Promise<void> {
  const envelope = (await store.findEnvelope(db, id))!;
  const key = (problem: FieldError) => `${problem.path}\n${problem.message}`;
  const known = new Set(before.map(key));
  const after = await envelopeProblems(context, db, envelope, await providerForCheck(context, db, envelope));
  const added = after.filter((problem) => !known.has(key(renameParticipantPaths([problem], envelope, new Map())[0]!)));
  if (added.length === 0) return;
  const paths = participantId === undefined ? new Map<string, string>() : new Map([[participantId, '']]);
  throw new ValidationError(renameParticipantPaths(added, envelope, paths));
}

/**
 * Problems name documents as the send request does (`documents[0]`; a request says `documentIds`)
 * and participants by their place in `envelope.participants` (step order). `paths` renames
 * some by id — to their index in a create request, or to `''` for the participant a request is about;
 * the others are named by id, which stays true however the list is sorted.
 */
export function renameParticipantPaths(problems: FieldError[], envelope: Envelope, paths: ReadonlyMap<string, string>): FieldError[] {
  return problems.map((found) => {
    const problem = { ...found, path: found.path.replace(/^documents\[/, 'documentIds[') };
    const match = /^participants\[(\d+)\](\.?)(.*)$/.exec(problem.path);
    const participant = match ? envelope.participants[Number(match[1])] : undefined;
    if (!match || !participant) return problem;
    const prefix = paths.get(participant.id) ?? `participants[${participant.id}]`;
    if (prefix === '') return { ...problem, path: match[3] || 'participant' };
    return { ...problem, path: `${prefix}${match[2]}${match[3]}` };
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
  if (wasFailed) await saveSendCheckpoint(db, id, null);
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

function toParticipantInsert(context: AppContext, input: ParticipantInput, id: string): store.ParticipantInsert {
  return {
    id,
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    phone: input.phone ?? null,
    role: input.role,
    step: input.step ?? 1,
    status: 'pending',
    ...authenticationColumns(context, input.authentication ?? [], id),
    signatureLevel: input.signatureLevel ?? null,
    language: input.language ?? null,
    delivery: input.delivery ?? DEFAULT_DELIVERY,
    fields: input.fields ?? [],
  };
}

/** The methods as stored: a secret's answer sealed apart, bound to the participant (a sealed answer copied to another row does not open). */
function authenticationColumns(context: AppContext, methods: NonNullable<ParticipantInput['authentication']>, participantId: string) {
  const secret = methods.find((method) => method.method === 'secret');
  return {
    authentication: methods.map((method) => (method.method === 'secret' ? { method: method.method, question: method.question } : method)),
    sealedSecretAnswer: secret?.method === 'secret' ? context.secrets.seal(secret.answer, participantId) : null,
  };
}

/** A participant being added (`existing` null) or changed, against the rest of the envelope and its documents. */
async function checkParticipantInput(db: Db, envelope: Envelope, input: Partial<ParticipantInput>, existing: Participant | null): Promise<void> {
  const merged = {
    email: input.email ?? existing?.email ?? '',
    role: input.role ?? existing?.role ?? 'signer',
    phone: input.phone !== undefined ? input.phone : (existing?.phone ?? null),
    authentication: input.authentication ?? existing?.authentication ?? [],
    delivery: input.delivery ?? existing?.delivery ?? DEFAULT_DELIVERY,
    fields: input.fields ?? existing?.fields ?? [],
  };
  const others = envelope.participants.filter((participant) => participant.id !== existing?.id);
  const documents = await findDocuments(db, envelope.documents.map((document) => document.id));
  const errors = [
    ...checkDistinctParticipants([...others, merged], 'participants')
      .filter((error) => error.path.startsWith(`participants[${others.length}]`))
      .map((error) => ({ ...error, path: 'email' })),
    ...checkParticipantOptions(merged, documents, ''),
  ];
  if (errors.length > 0) throw new ValidationError(errors);
}

function countSigners(participants: ReadonlyArray<{ role: ParticipantRole }>): number {
  return participants.filter((participant) => participant.role === 'signer').length;
}


export async function checkDocumentIds(db: Db, ids: string[], path: string, viewer?: Viewer): Promise<FieldError[]> {
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
