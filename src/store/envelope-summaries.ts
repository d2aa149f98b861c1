import { CompiledQuery, sql, type Kysely } from 'kysely';
import { DEFAULT_AUTHENTICATION } from '../domain/participant-options.js';
import { storageTroubleOf } from './storage-trouble.js';

/**
 * An envelope as the API lists it (`EnvelopeSummarySchema` in api/schemas.ts), as JSON text that
 * SQLite builds: the schema's fields in its order, each from its column as `toEnvelope` and
 * `toParticipant` (envelopes.ts) read it for every other answer. SQLite keeps each envelope's built
 * (`envelope_summaries`, below), and a page of the list is its rows' stored texts, sent as they are.
 *
 * Why: the list of 100 was the server's most expensive read (issue 12). A page of 100 cost about
 * 1.6 ms read as rows of values, parsed, mapped to objects and serialised by the route's schema; about
 * 0.95 ms built by SQLite at each read; and reads 100 stored texts in about 0.06 ms.
 *
 * SQLite only: there the database runs in the server's own process. PostgreSQL is shared by every
 * instance, and building the JSON there cost it more than it saved the instance (on one 2-core machine
 * the list of 25 went from 683 to 477 pages a second), so on PostgreSQL a page is read and mapped as a
 * single envelope is.
 *
 * `GET /envelopes/{id}` answers with a summary too, where it can (`findEnvelopeJson` in
 * envelopes.ts). The test `src/api/routes/envelope-json.http.test.ts` holds every listed envelope, and
 * every envelope's GET, equal to the envelope as the app reads it serialised by the route's schema,
 * the fields only GET has left out of the list; envelope-summaries.test.ts
 * holds each stored summary equal to the one built from the rows as they are.
 */
export type EnvelopeSummaryJson = string;

const text = (value: string) => `'${value.replaceAll("'", "''")}'`;
/** A JSON object of `entries` (key, SQL value), in their order. */
const object = (entries: ReadonlyArray<readonly [string, string]>) => `json_object(${entries.map(([key, value]) => `${text(key)}, ${value}`).join(', ')})`;
/** `[key, column]` pairs of the same table alias. */
const columns = (alias: string, pairs: Record<string, string>) => Object.entries(pairs).map(([key, column]) => [key, `${alias}.${column}`] as const);
/** The JSON array of `value` over the rows of `from` (a FROM item), in their order. */
const arrayOver = (value: string, from: string) => `(select coalesce(json_group_array(${value}), json('[]')) from ${from})`;

const documents = arrayOver(
  object(columns('d', { id: 'id', filename: 'filename', mediaType: 'media_type', size: 'size', sha256: 'sha256', createdAt: 'created_at' })),
  `(select documents.id, documents.filename, documents.media_type, documents.size, documents.sha256, documents.created_at
    from envelope_documents inner join documents on documents.id = envelope_documents.document_id
    where envelope_documents.envelope_id = envelopes.id order by envelope_documents.position) as d`,
);

// The stored methods, without the secret's answer, which is sealed in its own column: a secret says
// only whether it is there. None stored: the default (DEFAULT_AUTHENTICATION).
const member = (name: string) => `m.value ->> ${text(name)}`;
const authentication = `case when p.authentication is null or json_array_length(p.authentication) = 0
  then json(${text(JSON.stringify(DEFAULT_AUTHENTICATION))})
  else ${arrayOver(
    `case ${member('method')}
      when 'secret' then ${object([['method', `'secret'`], ['question', `coalesce(${member('question')}, '')`], ['answerSet', `json(case when p.secret_answer is null then 'false' else 'true' end)`]])}
      when 'eid' then ${object([['method', `'eid'`], ['scheme', `coalesce(${member('scheme')}, '')`]])}
      else ${object([['method', member('method')]])} end`,
    'json_each(p.authentication) as m',
  )} end`;

const delivery = `case when p.delivery_mode = 'embedded'
  then ${object([['mode', `'embedded'`], ['returnUrl', `coalesce(p.return_url, '')`]])}
  else ${object([['mode', `'email'`]])} end`;

const participants = arrayOver(
  object([
    ...columns('p', { id: 'id', firstName: 'first_name', lastName: 'last_name', email: 'email', phone: 'phone', role: 'role', step: 'step' }),
    ['authentication', authentication],
    ...columns('p', { signatureLevel: 'signature_level', language: 'language' }),
    ['delivery', delivery],
    ['fields', `coalesce(json(p.fields), json('[]'))`],
    ...columns('p', {
      status: 'status', rejectionReason: 'rejection_reason', signingUrl: 'signing_url',
      notifiedAt: 'notified_at', viewedAt: 'viewed_at', completedAt: 'completed_at', rejectedAt: 'rejected_at',
    }),
  ]),
  '(select * from participants where participants.envelope_id = envelopes.id order by participants.step, participants.position) as p',
);

/** The envelope columns a summary shows: a change to any other (a send's checkpoint) leaves it as it is. */
const ENVELOPE_FIELDS = {
  id: 'id', title: 'title', message: 'message', language: 'language', connectionId: 'connection_id', status: 'status',
  statusReason: 'status_reason', expiresAt: 'expires_at', externalRef: 'external_ref', metadata: 'metadata',
  provider: 'provider', providerReference: 'provider_reference', createdAt: 'created_at', updatedAt: 'updated_at',
  createdBy: 'created_by', visibility: 'visibility',
} as const;
const field = (name: keyof typeof ENVELOPE_FIELDS) => [name, `envelopes.${ENVELOPE_FIELDS[name]}`] as const;

/** The SQLite expression of an `envelopes` row's summary, as text; it takes no parameters. */
export const ENVELOPE_SUMMARY_SQLITE = object([
  ...(['id', 'title', 'message', 'language', 'connectionId', 'status', 'statusReason', 'expiresAt', 'externalRef'] as const).map(field),
  ['metadata', 'json(envelopes.metadata)'],
  ...(['provider', 'providerReference'] as const).map(field),
  ['documents', documents],
  ['participants', participants],
  ...(['createdAt', 'updatedAt', 'createdBy', 'visibility'] as const).map(field),
]);

/**
 * The SQLite expression of an `envelopes` row's history, as text: `EventSchema`'s fields in its order,
 * from the columns `toEvent` (envelopes.ts) reads, oldest first; `actor` and `detail` are stored as
 * JSON text already. What `GET /envelopes/{id}` adds to the summary (`findEnvelopeJson`).
 */
export const ENVELOPE_EVENTS_SQLITE = arrayOver(
  object([
    ...columns('e', { id: 'id', type: 'type', source: 'source' }),
    ['actor', 'json(e.actor)'],
    ['participantId', 'e.participant_id'],
    ['detail', 'json(e.detail)'],
    ['occurredAt', 'e.occurred_at'],
  ]),
  '(select * from envelope_events where envelope_events.envelope_id = envelopes.id order by envelope_events.id) as e',
);

/**
 * The stored summaries: the table `envelope_summaries` holds envelopes' summaries as a page of the
 * list last built them. Triggers forget an envelope's as soon as a row it is built from changes,
 * whichever code or tool changes it, so that a stored summary is always the one its rows build now.
 * A page reads the stored ones, and builds and stores those it finds missing (`storeSummaries`;
 * where the database takes no write, it builds them without storing: a list is a read).
 * Forgetting is a delete, cheaper than building: a send changes an envelope's rows five times, and
 * building its summary in the triggers each time cost the send bench 5–8 % of its throughput. A
 * send's checkpoint, which the summary does not show, forgets nothing.
 *
 * Not a migration: the triggers hold this module's SQL, which changes with the code. Every start
 * (`migrateToLatest`) compares them with what the database has and, where they differ, replaces them
 * and builds every summary again, in one transaction. The table is derived data: a transfer leaves it
 * out (store/transfer.ts).
 */
/** The summaries SQLite builds of the `envelopes` rows that `where` keeps, as (envelope_id, summary). */
const built = (where: string) => `select envelopes.id as envelope_id, ${ENVELOPE_SUMMARY_SQLITE} as summary from envelopes ${where}`;
/** Stores what `select` (a `built`, whose WHERE the upsert's syntax needs) gives, over what was stored. */
const store = (select: string) => `insert into envelope_summaries (envelope_id, summary) ${select} on conflict (envelope_id) do update set summary = excluded.summary`;
const forget = (envelopeIds: string) => `delete from envelope_summaries where envelope_id in (${envelopeIds});`;
// Upper case as sqlite_master keeps a trigger's first words, so that the text read back is the text written.
const trigger = (name: string, event: string, body: string) => `CREATE TRIGGER envelope_summary_${name} after ${event} for each row begin ${body} end`;

export const ENVELOPE_SUMMARY_TRIGGERS: readonly string[] = [
  trigger('envelope_updated', `update of ${Object.values(ENVELOPE_FIELDS).join(', ')} on envelopes`, forget('old.id')),
  trigger('envelope_deleted', 'delete on envelopes', forget('old.id')),
  ...([['insert', 'inserted'], ['update', 'updated'], ['delete', 'deleted']] as const).flatMap(([event, done]) => {
    const row = event === 'delete' ? 'old' : 'new';
    return [
      trigger(`participant_${done}`, `${event} on participants`, forget(`${row}.envelope_id`)),
      trigger(`document_list_${done}`, `${event} on envelope_documents`, forget(`${row}.envelope_id`)),
    ];
  }),
  // A document's own fields do not change once uploaded; should one, every envelope that lists it shows it.
  trigger('document_updated', 'update of filename, media_type, size, sha256, created_at on documents',
    forget('select envelope_id from envelope_documents where document_id = new.id')),
];

const ENVELOPE_SUMMARIES_TABLE = 'create table if not exists envelope_summaries (envelope_id text primary key not null, summary text not null)';

/**
 * Makes the database's summary triggers this build's (ENVELOPE_SUMMARY_TRIGGERS), SQLite only. When
 * they already are, it only reads `sqlite_master`. Otherwise one write transaction replaces them and
 * writes every envelope's summary again: the SQL changed, so may every summary.
 */
export async function ensureEnvelopeSummaries(db: Kysely<any>): Promise<void> {
  const stored = await sql<{ sql: string }>`select sql from sqlite_master where type = 'trigger' and name like 'envelope_summary_%'`.execute(db);
  const have = new Set(stored.rows.map((row) => row.sql));
  if (have.size === ENVELOPE_SUMMARY_TRIGGERS.length && ENVELOPE_SUMMARY_TRIGGERS.every((statement) => have.has(statement))) return;
  await db.transaction().execute(async (transaction) => {
    // Writes first, so that two processes starting at once take turns rather than fail to upgrade a read.
    await sql.raw(ENVELOPE_SUMMARIES_TABLE).execute(transaction);
    await sql`delete from envelope_summaries`.execute(transaction);
    const names = await sql<{ name: string }>`select name from sqlite_master where type = 'trigger' and name like 'envelope_summary_%'`.execute(transaction);
    for (const { name } of names.rows) await sql`drop trigger ${sql.id(name)}`.execute(transaction);
    for (const statement of ENVELOPE_SUMMARY_TRIGGERS) await sql.raw(statement).execute(transaction);
    await sql.raw(store(built('where true'))).execute(transaction);
  });
}

/** An `envelopes` row's stored summary as text, or null where none is stored; it takes no parameters. */
export const STORED_SUMMARY_SQLITE = '(select summary from envelope_summaries where envelope_summaries.envelope_id = envelopes.id)';

/**
 * Builds and stores the summaries of `envelopeIds` (those that exist), and returns them by envelope
 * id. A list is a read: where the database takes no write (a full disk, a read-only folder, another
 * writer holding it: `storageTroubleOf`), the summaries are built and returned without being stored.
 * Any other failure of the store is an error, not a page built again at every read without a word.
 */
export async function storeSummaries(db: Kysely<any>, envelopeIds: readonly string[]): Promise<Map<string, EnvelopeSummaryJson>> {
  const theirs = built(`where envelopes.id in (${envelopeIds.map(() => '?').join(', ')})`);
  const run = (sqlText: string) => db.executeQuery<{ envelope_id: string; summary: EnvelopeSummaryJson }>(CompiledQuery.raw(sqlText, [...envelopeIds]));
  const { rows } = await run(`${store(theirs)} returning envelope_id, summary`).catch((error: unknown) => {
    if (storageTroubleOf(error)) return run(theirs);
    throw error;
  });
  return new Map(rows.map((row) => [row.envelope_id, row.summary]));
}
