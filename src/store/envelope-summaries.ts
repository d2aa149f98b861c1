import { DEFAULT_AUTHENTICATION } from '../domain/participant-options.js';
import { jsonTextSql, type JsonTextSql, type SqlDialect } from './dialect.js';

/**
 * An envelope as the API lists it (`EnvelopeSummarySchema` in api/schemas.ts), as JSON text the
 * database builds: the schema's fields in its order, each from its column as `toEnvelope` and
 * `toParticipant` (envelopes.ts) read it for every other answer.
 *
 * Why the database writes it: a page of 100 envelopes cost about 1.6 ms read as rows of values, parsed,
 * mapped to objects and serialised by the route's schema, and about 0.95 ms built here and sent as the
 * database wrote it; the list of 100 was the server's most expensive read (issue 12). The test
 * `src/api/routes/envelope-list.server.test.ts` holds every listed envelope equal to what
 * `GET /envelopes/{id}` answers for it, the fields only GET has left out.
 */
export type EnvelopeSummaryJson = string;

const built = new Map<SqlDialect, string>();

/** The SQL expression of an `envelopes` row's summary, as text; it takes no parameters. */
export function envelopeSummarySql(dialect: SqlDialect): string {
  let text = built.get(dialect);
  if (text === undefined) built.set(dialect, (text = build(jsonTextSql(dialect))));
  return text;
}

/** `[key, column]` pairs of the same table alias. */
const columns = (alias: string, pairs: Record<string, string>) => Object.entries(pairs).map(([key, column]) => [key, `${alias}.${column}`] as const);

function build(json: JsonTextSql): string {
  const documents = json.arrayOver(
    json.object(columns('d', { id: 'id', filename: 'filename', mediaType: 'media_type', size: 'size', sha256: 'sha256', createdAt: 'created_at' })),
    `(select documents.id, documents.filename, documents.media_type, documents.size, documents.sha256, documents.created_at
      from envelope_documents inner join documents on documents.id = envelope_documents.document_id
      where envelope_documents.envelope_id = envelopes.id order by envelope_documents.position) as d`,
  );

  // The stored methods, without the secret's answer, which is sealed in its own column: a secret says
  // only whether it is there. None stored: the default (DEFAULT_AUTHENTICATION).
  const method = (name: string) => `m.value ->> '${name}'`;
  const authentication = `case when p.authentication is null or ${json.arrayLength('p.authentication')} = 0
    then ${json.parse(`'${JSON.stringify(DEFAULT_AUTHENTICATION)}'`)}
    else ${json.arrayOver(
      `case ${method('method')}
        when 'secret' then ${json.object([['method', `'secret'`], ['question', `coalesce(${method('question')}, '')`], ['answerSet', json.truth('p.secret_answer is not null')]])}
        when 'eid' then ${json.object([['method', `'eid'`], ['scheme', `coalesce(${method('scheme')}, '')`]])}
        else ${json.object([['method', method('method')]])} end`,
      json.elements('p.authentication', 'm'),
    )} end`;
  const delivery = `case when p.delivery_mode = 'embedded'
    then ${json.object([['mode', `'embedded'`], ['returnUrl', `coalesce(p.return_url, '')`]])}
    else ${json.object([['mode', `'email'`]])} end`;
  const participants = json.arrayOver(
    json.object([
      ...columns('p', { id: 'id', firstName: 'first_name', lastName: 'last_name', email: 'email', phone: 'phone', role: 'role', step: 'step' }),
      ['authentication', authentication],
      ...columns('p', { signatureLevel: 'signature_level', language: 'language' }),
      ['delivery', delivery],
      ['fields', `coalesce(${json.parse('p.fields')}, ${json.parse(`'[]'`)})`],
      ...columns('p', {
        status: 'status', rejectionReason: 'rejection_reason', signingUrl: 'signing_url',
        notifiedAt: 'notified_at', viewedAt: 'viewed_at', completedAt: 'completed_at', rejectedAt: 'rejected_at',
      }),
    ]),
    '(select * from participants where participants.envelope_id = envelopes.id order by participants.step, participants.position) as p',
  );

  return json.text(
    json.object([
      ...columns('envelopes', {
        id: 'id', title: 'title', message: 'message', language: 'language', connectionId: 'connection_id', status: 'status',
        statusReason: 'status_reason', expiresAt: 'expires_at', externalRef: 'external_ref',
      }),
      ['metadata', json.parse('envelopes.metadata')],
      ...columns('envelopes', { provider: 'provider', providerReference: 'provider_reference' }),
      ['documents', documents],
      ['participants', participants],
      ...columns('envelopes', { createdAt: 'created_at', updatedAt: 'updated_at', createdBy: 'created_by', visibility: 'visibility' }),
    ]),
  );
}
