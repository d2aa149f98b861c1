import { DEFAULT_AUTHENTICATION } from '../domain/participant-options.js';

/**
 * An envelope as the API lists it (`EnvelopeSummarySchema` in api/schemas.ts), as JSON text that
 * SQLite builds: the schema's fields in its order, each from its column as `toEnvelope` and
 * `toParticipant` (envelopes.ts) read it for every other answer.
 *
 * Why the database writes it: a page of 100 envelopes cost about 1.6 ms read as rows of values, parsed,
 * mapped to objects and serialised by the route's schema, and about 0.95 ms built here and sent as
 * SQLite wrote it; the list of 100 was the server's most expensive read (issue 12).
 *
 * SQLite only: there the database runs in the server's own process, so the work only changes place
 * and gets cheaper. PostgreSQL is shared by every instance, and building the JSON there cost it more
 * than it saved the instance (on one 2-core machine the list of 25 went from 683 to 477 pages a
 * second), so on PostgreSQL a page is read and mapped as a single envelope is.
 *
 * The test `src/api/routes/envelope-list.http.test.ts` holds every listed envelope equal to what
 * `GET /envelopes/{id}` answers for it, the fields only GET has left out.
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

/** The SQLite expression of an `envelopes` row's summary, as text; it takes no parameters. */
export const ENVELOPE_SUMMARY_SQLITE = object([
  ...columns('envelopes', {
    id: 'id', title: 'title', message: 'message', language: 'language', connectionId: 'connection_id', status: 'status',
    statusReason: 'status_reason', expiresAt: 'expires_at', externalRef: 'external_ref',
  }),
  ['metadata', 'json(envelopes.metadata)'],
  ...columns('envelopes', { provider: 'provider', providerReference: 'provider_reference' }),
  ['documents', documents],
  ['participants', participants],
  ...columns('envelopes', { createdAt: 'created_at', updatedAt: 'updated_at', createdBy: 'created_by', visibility: 'visibility' }),
]);
