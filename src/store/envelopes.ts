import { CompiledQuery, sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { Envelope, EnvelopeEvent, Ownership, Participant, Visibility } from '../domain/envelope.js';
import type { EnvelopeSort, SortOrder } from '../domain/envelope-list.js';
import type { EnvelopeStatus } from '../domain/envelope-status.js';
import type { ParticipantRole, ParticipantStatus } from '../domain/participant-status.js';
import {
  DEFAULT_AUTHENTICATION,
  type Authentication,
  type Delivery,
  type SignatureField,
  type SignatureLevel,
} from '../domain/participant-options.js';
import { InvalidRequestError } from '../domain/errors.js';
import type { Db } from './database.js';
import { dialectOf, jsonSql, parseJsonColumn, type SqlDialect } from './dialect.js';
import { ENVELOPE_EVENTS_SQLITE, ENVELOPE_SUMMARY_SQLITE, STORED_SUMMARY_SQLITE, storeSummaries, type EnvelopeSummaryJson } from './envelope-summaries.js';
import { lockRows } from './locking.js';
import type { Database, EnvelopeEventsTable, EnvelopesTable, ParticipantsTable } from './schema.js';
import { decodeCursor, encodeCursor, type Page } from './pagination.js';
import { visibleTo, type Viewer } from './visibility.js';

type EnvelopeFields = Omit<Envelope, 'documents' | 'participants'>;

/**
 * The envelope columns an envelope is read with: what `Envelope` shows. The send checkpoint (which can
 * be large) and the sync bookkeeping stay out; their own modules read them. They come as one JSON
 * array in this order (`JsonSql.values`): a row object of 16 columns cost the driver twice as much to
 * build as JSON.parse takes to read the same values.
 */
const ENVELOPE_COLUMNS = [
  'id', 'title', 'message', 'language', 'connection_id', 'status', 'status_reason', 'expires_at', 'external_ref', 'metadata',
  'provider', 'provider_reference', 'created_at', 'updated_at', 'created_by', 'visibility',
] as const satisfies ReadonlyArray<keyof EnvelopesTable>;

/** An envelope row as `selectEnvelopes` gives it: its columns' values as one JSON array, and its children as JSON arrays (text or parsed: `parseJsonColumn`). */
type EnvelopeRow = { envelope: unknown; documents: unknown; participants: unknown };
type EnvelopeValues = ValuesOf<EnvelopesTable, typeof ENVELOPE_COLUMNS>;
/** The types of a table's `Columns`' values, as a tuple in the same order. */
type ValuesOf<Table, Columns extends ReadonlyArray<keyof Table>> = { [Index in keyof Columns]: Columns[Index] extends keyof Table ? Table[Columns[Index]] : never };

/**
 * One object literal, every field named: spreading the fields into it (`{ ...fields, documents }`)
 * cost more than the rest of the mapping.
 */
function toEnvelope(row: EnvelopeRow): Envelope {
  const [
    id, title, message, language, connectionId, status, statusReason, expiresAt, externalRef, metadata,
    provider, providerReference, createdAt, updatedAt, createdBy, visibility,
  ] = parseJsonColumn<EnvelopeValues>(row.envelope);
  return {
    id,
    title,
    message,
    language,
    connectionId,
    status: status as EnvelopeStatus,
    statusReason,
    expiresAt,
    externalRef,
    metadata: metadata === null ? null : (JSON.parse(metadata) as Record<string, string>),
    provider,
    providerReference,
    createdAt,
    updatedAt,
    createdBy,
    visibility: visibility as Visibility,
    documents: parseJsonColumn<DocumentJson[]>(row.documents).map(toEnvelopeDocument),
    participants: parseJsonColumn<ParticipantValues[]>(row.participants).map(toParticipant),
  };
}

/** A document as the envelope's JSON subquery gives it (`selectEnvelopes`). */
type DocumentJson = Omit<Envelope['documents'][number], 'size'> & { size: number | string };

function toEnvelopeDocument(document: DocumentJson): Envelope['documents'][number] {
  return {
    id: document.id,
    filename: document.filename,
    mediaType: document.mediaType,
    size: Number(document.size),
    sha256: document.sha256,
    createdAt: document.createdAt,
  };
}

/** The participant columns an envelope is read with (envelope_id, position and the row's own timestamps stay out). */
const PARTICIPANT_COLUMNS = [
  'id', 'first_name', 'last_name', 'email', 'phone', 'role', 'step', 'status', 'rejection_reason', 'signing_url',
  'provider_reference', 'notified_at', 'viewed_at', 'completed_at', 'rejected_at', 'authentication', 'secret_answer',
  'signature_level', 'language', 'delivery_mode', 'return_url', 'fields',
] as const satisfies ReadonlyArray<keyof ParticipantsTable>;

/** A participant as an envelope's JSON subquery gives it: the values of PARTICIPANT_COLUMNS, in that order (`JsonSql.valuesFrom`). */
type ParticipantValues = ValuesOf<ParticipantsTable, typeof PARTICIPANT_COLUMNS>;

function toParticipant([
  id, firstName, lastName, email, phone, role, step, status, rejectionReason, signingUrl,
  providerReference, notifiedAt, viewedAt, completedAt, rejectedAt, authentication, secretAnswer,
  signatureLevel, language, deliveryMode, returnUrl, fields,
]: ParticipantValues): Participant {
  return {
    id,
    firstName,
    lastName,
    email,
    phone,
    role: role as ParticipantRole,
    step,
    authentication: toAuthentication(authentication, secretAnswer !== null),
    signatureLevel: signatureLevel as SignatureLevel | null,
    language,
    delivery: deliveryMode === 'embedded' ? { mode: 'embedded', returnUrl: returnUrl ?? '' } : { mode: 'email' },
    fields: fields === null ? [] : (JSON.parse(fields) as SignatureField[]),
    status: status as ParticipantStatus,
    rejectionReason,
    signingUrl,
    providerReference,
    notifiedAt,
    viewedAt,
    completedAt,
    rejectedAt,
  };
}

/** The stored methods (JSON text); a secret says only whether its sealed answer is there. */
function toAuthentication(authentication: string | null, answerSet: boolean): Authentication[] {
  if (authentication === null) return [...DEFAULT_AUTHENTICATION];
  const stored = JSON.parse(authentication) as Array<Record<string, string>>;
  if (stored.length === 0) return [...DEFAULT_AUTHENTICATION];
  return stored.map((method) => {
    if (method.method === 'secret') return { method: 'secret', question: method.question ?? '', answerSet };
    if (method.method === 'eid') return { method: 'eid', scheme: method.scheme ?? '' };
    return { method: method.method as 'email-link' | 'sms' | 'call' };
  });
}

/**
 * The participant options as columns. `authentication` is stored without the secret's answer, which
 * the app seals into `sealedSecretAnswer` (store/ never sees it in clear).
 */
export type ParticipantOptionsRow = {
  authentication: ReadonlyArray<{ method: string; question?: string; scheme?: string }>;
  sealedSecretAnswer: string | null;
  signatureLevel: SignatureLevel | null;
  language: string | null;
  delivery: Delivery;
  fields: readonly SignatureField[];
};

function optionColumns(options: Partial<ParticipantOptionsRow>): Partial<ParticipantsTable> {
  const values: Partial<ParticipantsTable> = {};
  if (options.authentication !== undefined) {
    values.authentication = JSON.stringify(options.authentication.map(({ method, question, scheme }) => ({ method, question, scheme })));
  }
  if (options.sealedSecretAnswer !== undefined) values.secret_answer = options.sealedSecretAnswer;
  if (options.signatureLevel !== undefined) values.signature_level = options.signatureLevel;
  if (options.language !== undefined) values.language = options.language;
  if (options.delivery !== undefined) {
    values.delivery_mode = options.delivery.mode;
    values.return_url = options.delivery.mode === 'embedded' ? options.delivery.returnUrl : null;
  }
  if (options.fields !== undefined) values.fields = options.fields.length === 0 ? null : JSON.stringify(options.fields);
  return values;
}

/** The sealed secret answers of an envelope's participants, by participant id, for sending. */
export async function findSealedSecretAnswers(db: Db, envelopeId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('participants')
    .select(['id', 'secret_answer'])
    .where('envelope_id', '=', envelopeId)
    .where('secret_answer', 'is not', null)
    .execute();
  return new Map(rows.map((row) => [row.id, row.secret_answer!]));
}

export type EnvelopeInsert = Omit<EnvelopeFields, 'provider' | 'providerReference' | 'statusReason' | keyof Ownership>;

/** `owner` defaults to a private envelope of no account (an installation key's). */
export async function insertEnvelope(db: Db, envelope: EnvelopeInsert, owner: Ownership = { createdBy: null, visibility: 'private' }): Promise<void> {
  await db
    .insertInto('envelopes')
    .values({
      id: envelope.id,
      title: envelope.title,
      message: envelope.message,
      language: envelope.language,
      connection_id: envelope.connectionId,
      status: envelope.status,
      status_reason: null,
      expires_at: envelope.expiresAt,
      external_ref: envelope.externalRef,
      metadata: envelope.metadata === null ? null : JSON.stringify(envelope.metadata),
      provider: null,
      provider_reference: null,
      created_at: envelope.createdAt,
      updated_at: envelope.updatedAt,
      created_by: owner.createdBy,
      visibility: owner.visibility,
    })
    .execute();
}

export type EnvelopeChanges = Partial<
  Pick<EnvelopeFields, 'title' | 'message' | 'language' | 'connectionId' | 'status' | 'statusReason' | 'expiresAt' | 'externalRef' | 'metadata' | 'provider' | 'providerReference'> & {
    /** When the provider took the envelope (set with the move to `sent`). */
    sentAt: string;
  }
> & { updatedAt: string };

export async function updateEnvelopeRow(db: Db, id: string, changes: EnvelopeChanges): Promise<void> {
  const values: Partial<EnvelopesTable> = { updated_at: changes.updatedAt };
  if (changes.title !== undefined) values.title = changes.title;
  if (changes.message !== undefined) values.message = changes.message;
  if (changes.language !== undefined) values.language = changes.language;
  if (changes.connectionId !== undefined) values.connection_id = changes.connectionId;
  if (changes.status !== undefined) values.status = changes.status;
  if (changes.statusReason !== undefined) values.status_reason = changes.statusReason;
  if (changes.expiresAt !== undefined) values.expires_at = changes.expiresAt;
  if (changes.externalRef !== undefined) values.external_ref = changes.externalRef;
  if (changes.metadata !== undefined) values.metadata = changes.metadata === null ? null : JSON.stringify(changes.metadata);
  if (changes.provider !== undefined) values.provider = changes.provider;
  if (changes.providerReference !== undefined) values.provider_reference = changes.providerReference;
  if (changes.sentAt !== undefined) values.sent_at = changes.sentAt;
  await db.updateTable('envelopes').set(values).where('id', '=', id).execute();
}

export async function deleteEnvelopeRow(db: Db, id: string): Promise<void> {
  // Children first: the schema cascades, but only where the database enforces foreign keys.
  await db.deleteFrom('envelope_events').where('envelope_id', '=', id).execute();
  await db.deleteFrom('participants').where('envelope_id', '=', id).execute();
  await db.deleteFrom('envelope_documents').where('envelope_id', '=', id).execute();
  await db.deleteFrom('envelopes').where('id', '=', id).execute();
}

export async function setEnvelopeDocuments(db: Db, envelopeId: string, documentIds: readonly string[]): Promise<void> {
  await db.deleteFrom('envelope_documents').where('envelope_id', '=', envelopeId).execute();
  if (documentIds.length === 0) return;
  await db
    .insertInto('envelope_documents')
    .values(documentIds.map((documentId, position) => ({ envelope_id: envelopeId, document_id: documentId, position })))
    .execute();
}

export type ParticipantInsert = Pick<Participant, 'id' | 'firstName' | 'lastName' | 'email' | 'phone' | 'role' | 'step' | 'status'> & ParticipantOptionsRow;

export async function insertParticipant(db: Db, envelopeId: string, participant: ParticipantInsert, position: number, at: string): Promise<void> {
  await db
    .insertInto('participants')
    .values({
      id: participant.id,
      envelope_id: envelopeId,
      position,
      first_name: participant.firstName,
      last_name: participant.lastName,
      email: participant.email,
      phone: participant.phone,
      role: participant.role,
      step: participant.step,
      status: participant.status,
      rejection_reason: null,
      signing_url: null,
      provider_reference: null,
      notified_at: null,
      viewed_at: null,
      completed_at: null,
      rejected_at: null,
      created_at: at,
      updated_at: at,
      authentication: null,
      secret_answer: null,
      signature_level: null,
      language: null,
      delivery_mode: 'email',
      return_url: null,
      fields: null,
      ...optionColumns(participant),
    })
    .execute();
}

export async function updateParticipantRow(
  db: Db,
  id: string,
  changes: Partial<Pick<Participant, 'firstName' | 'lastName' | 'email' | 'phone' | 'role' | 'step'> & ParticipantOptionsRow>,
  at: string,
): Promise<void> {
  const values: Partial<ParticipantsTable> = { updated_at: at, ...optionColumns(changes) };
  if (changes.firstName !== undefined) values.first_name = changes.firstName;
  if (changes.lastName !== undefined) values.last_name = changes.lastName;
  if (changes.email !== undefined) values.email = changes.email;
  if (changes.phone !== undefined) values.phone = changes.phone;
  if (changes.role !== undefined) values.role = changes.role;
  if (changes.step !== undefined) values.step = changes.step;
  await db.updateTable('participants').set(values).where('id', '=', id).execute();
}

export async function deleteParticipantRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('participants').where('id', '=', id).execute();
}

export async function nextParticipantPosition(db: Db, envelopeId: string): Promise<number> {
  const row = await db
    .selectFrom('participants')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('envelope_id', '=', envelopeId)
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

export async function appendEvent(db: Db, envelopeId: string, event: EnvelopeEvent): Promise<void> {
  await db
    .insertInto('envelope_events')
    .values({
      id: event.id,
      envelope_id: envelopeId,
      type: event.type,
      source: event.source,
      participant_id: event.participantId,
      detail: event.detail === null ? null : JSON.stringify(event.detail),
      occurred_at: event.occurredAt,
      actor: event.actor ? JSON.stringify({ kind: event.actor.kind, name: event.actor.name }) : null,
    })
    .execute();
}

/** The event columns an event is read with (envelope_id stays out). */
const EVENT_COLUMNS = ['id', 'type', 'source', 'participant_id', 'detail', 'occurred_at', 'actor'] as const satisfies ReadonlyArray<keyof EnvelopeEventsTable>;

type EventRow = Pick<EnvelopeEventsTable, (typeof EVENT_COLUMNS)[number]>;

function toEvent(row: EventRow): EnvelopeEvent {
  return {
    id: row.id,
    type: row.type,
    source: row.source as EnvelopeEvent['source'],
    actor: row.actor === null ? null : (JSON.parse(row.actor) as EnvelopeEvent['actor']),
    participantId: row.participant_id,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
    occurredAt: row.occurred_at,
  };
}

export async function listEvents(db: Db, envelopeId: string): Promise<EnvelopeEvent[]> {
  const rows = await db.selectFrom('envelope_events').select(EVENT_COLUMNS).where('envelope_id', '=', envelopeId).orderBy('id').execute();
  return rows.map(toEvent);
}

/**
 * The SQL of `findEnvelope` and `findEnvelopeWithEvents`, built once per dialect: building a query
 * with its subqueries took longer than running it, on every read of an envelope. Their one parameter
 * is the id.
 */
const findEnvelopeSql = new Map<SqlDialect, string>();
const findEnvelopeWithEventsSql = new Map<SqlDialect, string>();

function builtOnce(cache: Map<SqlDialect, string>, db: Db, build: () => string): string {
  const dialect = dialectOf(db);
  let text = cache.get(dialect);
  if (text === undefined) cache.set(dialect, (text = build()));
  return text;
}

export async function findEnvelope(db: Db, id: string): Promise<Envelope | undefined> {
  const text = builtOnce(findEnvelopeSql, db, () => selectEnvelopes(db).where('envelopes.id', '=', id).compile().sql);
  const { rows } = await db.executeQuery<EnvelopeRow>(CompiledQuery.raw(text, [id]));
  return rows[0] && toEnvelope(rows[0]);
}

/**
 * The envelope as `findEnvelope` reads it, its row locked for the rest of the caller's transaction
 * (`lockRows`): what a change that depends on its status or content reads first, so that two such
 * changes to one envelope run one after the other.
 */
export async function findEnvelopeForUpdate(db: Db, id: string): Promise<Envelope | undefined> {
  await lockRows(db, 'envelopes', [id]);
  return findEnvelope(db, id);
}

/** An envelope with its events (oldest first), in one query: what `GET /envelopes/{id}` shows. */
export async function findEnvelopeWithEvents(db: Db, id: string): Promise<(Envelope & { events: EnvelopeEvent[] }) | undefined> {
  const text = builtOnce(findEnvelopeWithEventsSql, db, () =>
    selectEnvelopes(db)
      .select((eb) =>
        jsonSql(db)
          .arrayFrom(eb.selectFrom('envelope_events').select(EVENT_COLUMNS).whereRef('envelope_events.envelope_id', '=', 'envelopes.id').orderBy('envelope_events.id'))
          .as('events'),
      )
      .where('envelopes.id', '=', id)
      .compile().sql,
  );
  const { rows } = await db.executeQuery<EnvelopeRow & { events: unknown }>(CompiledQuery.raw(text, [id]));
  const row = rows[0];
  return row && { ...toEnvelope(row), events: parseJsonColumn<EventRow[]>(row.events).map(toEvent) };
}

/**
 * SQLite only: an envelope's summary (envelope-summaries.ts: the stored one, else built) and its
 * history, each as JSON text that SQLite writes, with its status; `GET /envelopes/{id}` joins them
 * (app/envelopes/envelope-view.ts).
 *
 * Why: `GET /envelopes/{id}` read as rows, parsed, mapped and serialised allocated some 44 KB a
 * request, whose collections made its p99 (issue 12); written by SQLite, a GET costs the server about
 * a third less CPU (docs/benchmarks.md).
 */
const envelopeJsonSqlite = `select envelopes.status as status, coalesce(${STORED_SUMMARY_SQLITE}, ${ENVELOPE_SUMMARY_SQLITE}) as summary,
  ${ENVELOPE_EVENTS_SQLITE} as events from envelopes where envelopes.id = ?`;

export interface EnvelopeJson {
  status: EnvelopeStatus;
  /** `EnvelopeSummarySchema`'s JSON. */
  summary: EnvelopeSummaryJson;
  /** The `events` array's JSON. */
  events: string;
}

/** Whether `findEnvelopeJson` reads from `db`: SQLite, which runs in the server's process (see envelope-summaries.ts for PostgreSQL). */
export function writesEnvelopeJson(db: Db): boolean {
  return dialectOf(db) === 'sqlite';
}

export async function findEnvelopeJson(db: Db, id: string): Promise<EnvelopeJson | undefined> {
  const { rows } = await db.executeQuery<EnvelopeJson>(CompiledQuery.raw(envelopeJsonSqlite, [id]));
  return rows[0];
}

/** What a list and its counts are narrowed to. */
export interface EnvelopeScope {
  /** Any of these statuses; empty or absent: every status. */
  statuses?: readonly EnvelopeStatus[];
  externalRef?: string;
  /** Changed at or after this moment (ISO 8601 UTC, as stored). */
  updatedSince?: string;
  /** With an expiry before this moment (ISO 8601 UTC). */
  expiresBefore?: string;
  /** When given, only the envelopes this person may see. */
  viewer?: Viewer;
  /** Matches title, or a participant's name or email, case-insensitively. */
  q?: string;
}

export interface EnvelopeFilter extends EnvelopeScope {
  /** Default `created`, `desc`: newest first. */
  sort?: EnvelopeSort;
  order?: SortOrder;
  limit: number;
  cursor?: string;
}

/**
 * What each order sorts by, as SQL on `envelopes`; the id follows it, so that rows with the same key
 * still have one order and a cursor names one place. The title is compared lower-cased by the
 * database itself, so that the cursor's key and the index (`lower(title), id`) agree character for character.
 */
const SORT_KEYS: Readonly<Record<EnvelopeSort, string>> = {
  created: 'envelopes.id',
  updated: 'envelopes.updated_at',
  title: 'lower(envelopes.title)',
  status: 'envelopes.status',
};

/**
 * The SQL of each shape of list (which filters it has, in which dialect), built once: building and
 * compiling the query with its JSON subqueries cost as much as running a page of 25. Each filter adds
 * its clause with its values as parameters, never in the text, so there are a few dozen shapes at most.
 */
const listSqlByShape = new Map<string, string>();

/**
 * A listed envelope: on SQLite the JSON text of the API's summary, which SQLite writes
 * (envelope-summaries.ts); on PostgreSQL the envelope, read as `findEnvelope` reads one.
 */
export type ListedEnvelope = EnvelopeSummaryJson | Envelope;

export async function listEnvelopes(db: Db, filter: EnvelopeFilter): Promise<Page<ListedEnvelope>> {
  const sort = filter.sort ?? 'created';
  const order = filter.order ?? 'desc';
  const after = decodeListCursor(filter.cursor, sort, order);
  const sortKey = sql.raw(SORT_KEYS[sort]);
  // The page's ids alone, chosen from the indexes: cheap to compile, and its text names the shape. The
  // page's query reads the envelopes of those ids with their JSON subqueries, which add no parameters,
  // so the two take the same parameters in the same order. Choosing the ids first matters where the
  // database sorts (a tab of two statuses, a search): it sorts ids, not every match's built JSON.
  const pageIds = () => whereListFilter(db.selectFrom('envelopes').select('envelopes.id'), filter, sort, order, after);
  const filtered = pageIds().compile();
  const shape = `${dialectOf(db)}\n${filtered.sql}`;
  let pageSql = listSqlByShape.get(shape);
  if (pageSql === undefined) {
    // Where an index gives the order (one status or none, no search), the page reads its rows straight
    // from it and stops after them: the ids first cost a quarter of the default page's throughput.
    const indexOrdered = !filter.q && (filter.statuses?.length ?? 0) <= 1;
    const pageOf = <Row>(envelopes: SelectQueryBuilder<Database, 'envelopes', Row>) => {
      const withKey = envelopes.select(['envelopes.id as id', sql<string>`${sortKey}`.as('sort_key')]);
      return indexOrdered
        ? whereListFilter(withKey, filter, sort, order, after).compile()
        : inListOrder(withKey, sort, order).where('envelopes.id', 'in', pageIds()).compile();
    };
    // Why the two databases read a page differently: envelope-summaries.ts.
    const page =
      dialectOf(db) === 'sqlite'
        ? pageOf(db.selectFrom('envelopes').select(sql<EnvelopeSummaryJson | null>`${sql.raw(STORED_SUMMARY_SQLITE)}`.as('summary')))
        : pageOf(selectEnvelopes(db));
    if (JSON.stringify(page.parameters) !== JSON.stringify(filtered.parameters)) {
      throw new Error('listEnvelopes: the page query takes other parameters than its filters; what it selects must add none');
    }
    pageSql = page.sql;
    listSqlByShape.set(shape, pageSql);
  }
  const { rows } = await db.executeQuery<({ summary: EnvelopeSummaryJson | null } | EnvelopeRow) & { id: string; sort_key: string }>(CompiledQuery.raw(pageSql, [...filtered.parameters]));
  const page = rows.slice(0, filter.limit);
  // The envelopes new or changed since a page last stored their summaries: built and stored now.
  const missing = page.flatMap((row) => ('summary' in row && row.summary === null ? [row.id] : []));
  const built = missing.length > 0 ? await storeSummaries(db, missing) : new Map<string, EnvelopeSummaryJson>();
  const last = page.at(-1);
  return {
    // An envelope deleted between the two statements has no summary left: the page goes without it.
    data: page.flatMap((row): ListedEnvelope[] => {
      if (!('summary' in row)) return [toEnvelope(row)];
      const summary = row.summary ?? built.get(row.id);
      return summary === undefined ? [] : [summary];
    }),
    nextCursor: rows.length > filter.limit && last ? encodeListCursor(sort, order, String(last.sort_key), last.id) : null,
  };
}

/**
 * Newest first (the default) keeps the cursor every client already has, `{ before: id }`; another
 * order's cursor carries its sort key and the order it was issued for, so that it is never read in another.
 */
function encodeListCursor(sort: EnvelopeSort, order: SortOrder, key: string, id: string): string {
  if (sort === 'created' && order === 'desc') return encodeCursor(id);
  return Buffer.from(JSON.stringify({ sort, order, key, id })).toString('base64url');
}

interface ListPosition {
  key: string;
  id: string;
}

function decodeListCursor(cursor: string | undefined, sort: EnvelopeSort, order: SortOrder): ListPosition | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  if (sort === 'created' && order === 'desc') {
    const before = decodeCursor(cursor)!;
    return { key: before, id: before };
  }
  let parsed: { sort?: unknown; order?: unknown; key?: unknown; id?: unknown } = {};
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    // refused below
  }
  if (typeof parsed.key !== 'string' || typeof parsed.id !== 'string' || !/^env_[0-9A-Z]{26}$/.test(parsed.id)) {
    throw new InvalidRequestError([{ path: 'cursor', message: 'is not a cursor this server issued; pass the nextCursor of the previous page unchanged' }]);
  }
  if (parsed.sort !== sort || parsed.order !== order) {
    throw new InvalidRequestError([
      { path: 'cursor', message: `was issued for the list sorted by ${String(parsed.sort)} ${String(parsed.order)}, not ${sort} ${order}; ask for the first page again without a cursor` },
    ]);
  }
  return { key: parsed.key, id: parsed.id };
}

/** The scope's clauses (statuses, reference, dates, visibility, text), shared by the list and its counts. */
function whereScope<Row>(query: SelectQueryBuilder<Database, 'envelopes', Row>, scope: EnvelopeScope) {
  let scoped = query;
  if (scope.viewer) scoped = scoped.where(visibleTo(scope.viewer));
  if (scope.statuses && scope.statuses.length > 0) {
    scoped = scope.statuses.length === 1 ? scoped.where('status', '=', scope.statuses[0]!) : scoped.where('status', 'in', [...scope.statuses]);
  }
  if (scope.externalRef !== undefined) scoped = scoped.where('external_ref', '=', scope.externalRef);
  if (scope.updatedSince !== undefined) scoped = scoped.where('updated_at', '>=', scope.updatedSince);
  if (scope.expiresBefore !== undefined) scoped = scoped.where('expires_at', 'is not', null).where('expires_at', '<', scope.expiresBefore);
  if (scope.q) scoped = whereText(scoped, scope.q);
  return scoped;
}

/** Envelopes whose title, or a participant's name or email, holds `text` (case-insensitive): no index serves it, so it reads the rows. */
function whereText<Row>(query: SelectQueryBuilder<Database, 'envelopes', Row>, text: string) {
  const pattern = `%${escapeLike(text.toLowerCase())}%`;
  // LIKE's escape character must be declared for SQLite; PostgreSQL accepts the same clause.
  return query.where((eb) =>
    eb.or([
      sql<boolean>`lower(envelopes.title) like ${pattern} escape '\\'`,
      eb.exists(
        eb
          .selectFrom('participants')
          .select('participants.id')
          .whereRef('participants.envelope_id', '=', 'envelopes.id')
          .where(
            sql<boolean>`(lower(participants.email) like ${pattern} escape '\\'
              or lower(participants.first_name || ' ' || participants.last_name) like ${pattern} escape '\\')`,
          ),
      ),
    ]),
  );
}

/** The list's order: by its sort key, then by id, so that rows with the same key keep one order. */
function inListOrder<Row>(query: SelectQueryBuilder<Database, 'envelopes', Row>, sort: EnvelopeSort, order: SortOrder) {
  return sort === 'created' ? query.orderBy('envelopes.id', order) : query.orderBy(sql`${sql.raw(SORT_KEYS[sort])}`, order).orderBy('envelopes.id', order);
}

/** The list's order, page size and filters, on a query of `envelopes`. */
function whereListFilter<Row>(
  query: SelectQueryBuilder<Database, 'envelopes', Row>,
  filter: EnvelopeFilter,
  sort: EnvelopeSort,
  order: SortOrder,
  after: ListPosition | undefined,
) {
  const sortKey = sql.raw(SORT_KEYS[sort]);
  let filtered = inListOrder(query, sort, order).limit(filter.limit + 1);
  if (after) {
    const past = sql.raw(order === 'desc' ? '<' : '>');
    const pastOrAt = sql.raw(order === 'desc' ? '<=' : '>=');
    // (key, id) past the cursor, spelled so that the first clause alone bounds the index (key, id):
    // SQLite starts its scan of an expression index (lower(title)) there, where a row value
    // comparison made it read from the index's start.
    filtered =
      sort === 'created'
        ? filtered.where(sql<boolean>`envelopes.id ${past} ${after.id}`)
        : filtered.where(sql<boolean>`${sortKey} ${pastOrAt} ${after.key} and (${sortKey} ${past} ${after.key} or envelopes.id ${past} ${after.id})`);
  }
  return whereScope(filtered, filter);
}

/**
 * How many envelopes of the scope are in each status: one grouped count, which reads an index
 * holding the status (and, for a member, the visibility and creator) rather than the envelope rows —
 * unless the scope has a text search, which reads the rows as the list's search does.
 * Statuses with none are absent.
 */
export async function countEnvelopesByStatus(db: Db, scope: EnvelopeScope): Promise<Map<EnvelopeStatus, number>> {
  const rows = await whereScope(db.selectFrom('envelopes').select((eb) => ['status', eb.fn.countAll().as('count')]), scope)
    .groupBy('status')
    .execute();
  return new Map(rows.map((row) => [row.status as EnvelopeStatus, Number(row.count)]));
}

/** Makes the user's text match literally inside a LIKE pattern. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Envelopes with their documents and participants in ONE query, however many envelopes (a single
 * envelope, and on PostgreSQL a list's page; SQLite writes a page's JSON itself, envelope-summaries.ts):
 * each row carries its children as JSON arrays built by correlated subqueries, which read the indexes
 * envelope_documents(envelope_id, position) and participants(envelope_id, step, position) in the
 * order wanted, with no sort. The JSON functions are the dialect's (`dialect.ts`).
 */
function selectEnvelopes(db: Db) {
  const json = jsonSql(db);
  return db
    .selectFrom('envelopes')
    .select((eb) => [
      json.values(ENVELOPE_COLUMNS.map((column) => `envelopes.${column}`)).as('envelope'),
      json.arrayFrom(
        eb
          .selectFrom('envelope_documents')
          .innerJoin('documents', 'documents.id', 'envelope_documents.document_id')
          .select([
            'documents.id as id',
            'documents.filename as filename',
            'documents.media_type as mediaType',
            'documents.size as size',
            'documents.sha256 as sha256',
            'documents.created_at as createdAt',
          ])
          .whereRef('envelope_documents.envelope_id', '=', 'envelopes.id')
          .orderBy('envelope_documents.position'),
      ).as('documents'),
      // Each participant as an array of values, not an object: the column names are not repeated in
      // every row for the database to write and JSON.parse to read.
      json.valuesFrom(participantsOf(eb), PARTICIPANT_COLUMNS).as('participants'),
    ]);
}

function participantsOf(eb: ExpressionBuilder<Database, 'envelopes'>) {
  return eb
    .selectFrom('participants')
    .select(PARTICIPANT_COLUMNS)
    .whereRef('participants.envelope_id', '=', 'envelopes.id')
    .orderBy('participants.step')
    .orderBy('participants.position');
}

/** Whether `viewer` may see the envelope: false for a private envelope of someone else, and for none. */
export async function isEnvelopeVisible(db: Db, id: string, viewer: Viewer): Promise<boolean> {
  const row = await db.selectFrom('envelopes').select('id').where('id', '=', id).where(visibleTo(viewer)).executeTakeFirst();
  return row !== undefined;
}

export async function setEnvelopeVisibility(db: Db, id: string, visibility: Visibility): Promise<void> {
  await db.updateTable('envelopes').set({ visibility }).where('id', '=', id).execute();
}
