import type { paths } from './schema.js';

/**
 * Names for the shapes of the REST API, taken from the types generated from its OpenAPI document
 * (schema.ts, `npm run generate:api`). The web app and the CLI use these and write no API shape by
 * hand: a schema change in src/api reaches them through regeneration, and the compiler shows what it
 * breaks. Named by the route that answers them, since the OpenAPI document inlines every schema.
 */

export type { paths } from './schema.js';

type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
type SuccessStatus = 200 | 201 | 202;
type JsonContent<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

/** The JSON body of an operation's success answer (200, 201 or 202). */
export type ResponseBody<Path extends keyof paths, Method extends HttpMethod> = paths[Path][Method] extends { responses: infer Responses }
  ? { [Status in keyof Responses & SuccessStatus]: JsonContent<Responses[Status]> }[keyof Responses & SuccessStatus]
  : never;

/** The JSON body an operation accepts. */
export type RequestBody<Path extends keyof paths, Method extends HttpMethod> = paths[Path][Method] extends {
  requestBody?: infer Body;
}
  ? JsonContent<NonNullable<Body>>
  : never;

type Item<List> = List extends ReadonlyArray<infer Element> ? Element : never;

/** A page of a cursor-paginated list. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export type Envelope = ResponseBody<'/api/v1/envelopes/{envelopeId}', 'get'>;
export type EnvelopeSummary = Item<ResponseBody<'/api/v1/envelopes', 'get'>['data']>;
export type EnvelopeEvent = Item<Envelope['events']>;
/** The archive step of a completed envelope's signed files; null before it completed. */
export type EnvelopeArchive = NonNullable<Envelope['archive']>;
export type EnvelopeStatus = Envelope['status'];
export type Participant = Item<Envelope['participants']>;
export type ParticipantRole = Participant['role'];
export type ParticipantStatus = Participant['status'];
export type CreateEnvelope = RequestBody<'/api/v1/envelopes', 'post'>;
export type ParticipantInput = Item<CreateEnvelope['participants']>;
/** A change to a participant: any of its input fields; an option set to null (or its default) clears it. */
export type ParticipantPatch = RequestBody<'/api/v1/envelopes/{envelopeId}/participants/{participantId}', 'patch'>;

/** A document as GET /documents answers it; inside an envelope it has no page count or warnings. */
export type DocumentRecord = Item<ResponseBody<'/api/v1/documents', 'get'>['data']>;
export type EnvelopeDocument = Item<Envelope['documents']>;

export type Artifact = Item<ResponseBody<'/api/v1/envelopes/{envelopeId}/artifacts', 'get'>['data']>;

type GeneratedJob = ResponseBody<'/api/v1/jobs/{jobId}', 'get'>;
/** A background job; `Progress` is what that job reports (the OpenAPI document leaves it open). */
export type Job<Progress = unknown> = Omit<GeneratedJob, 'progress' | 'result'> & { progress: Progress | null; result: Progress | null };

export type Connection = ResponseBody<'/api/v1/connections/{connectionId}', 'get'>;
/** A new connection: the provider's id, a name, `baseUrl` and that provider's credentials. */
export type CreateConnection = RequestBody<'/api/v1/connections', 'post'>;
export type ConnectionHealth = Connection['health'];
export type VerifyResult = ResponseBody<'/api/v1/connections/{connectionId}/verify', 'post'>;

export type SessionState = ResponseBody<'/api/v1/session', 'get'>;
export type Account = NonNullable<SessionState['account']>;
export type Role = Account['role'];
export type Scope = Item<Account['scopes']>;

export type User = Item<ResponseBody<'/api/v1/users', 'get'>['data']>;
export type InvitedUser = ResponseBody<'/api/v1/users', 'post'>;
export type ApiKey = Item<ResponseBody<'/api/v1/keys', 'get'>['data']>;
export type CreatedApiKey = ResponseBody<'/api/v1/keys', 'post'>;
export type AuditEntry = Item<ResponseBody<'/api/v1/audit-log', 'get'>['data']>;
/** A page of the events feed, and one event of it (envelope.*, participant.*, artifact.archived, connection.*). */
export type EventFeedPage = ResponseBody<'/api/v1/events', 'get'>;
export type FeedEvent = Item<EventFeedPage['data']>;
export type EventType = FeedEvent['type'];
/** A webhook endpoint (never its secret), and as creation or a rotation answers it once, with its secret. */
export type WebhookEndpoint = Item<ResponseBody<'/api/v1/webhook-endpoints', 'get'>['data']>;
export type WebhookEndpointWithSecret = ResponseBody<'/api/v1/webhook-endpoints', 'post'>;
/** One event sent to one endpoint, with its attempts (the delivery log). */
export type WebhookDelivery = Item<ResponseBody<'/api/v1/webhook-endpoints/{endpointId}/deliveries', 'get'>['data']>;
export type WebhookDeliveryAttempt = Item<WebhookDelivery['attempts']>;

/** An entry of GET /api/v1/providers: a provider's environments, credential fields and capabilities. */
export type ProviderEntry = Item<ResponseBody<'/api/v1/providers', 'get'>['data']>;
export type CredentialField = Item<ProviderEntry['credentials']>;
/** What a provider can do; an action it cannot do is refused with 422 naming the capability. */
export type ProviderCapabilities = ProviderEntry['capabilities'];
export type AuthenticationMethod = Item<ProviderCapabilities['authenticationMethods']>;
export type SignatureLevel = Item<ProviderCapabilities['signatureLevels']>;
export type ParticipantAuthentication = Item<Participant['authentication']>;
export type ParticipantDelivery = Participant['delivery'];
/** Where a participant signs or fills in: a box by page and position, or a text anchor in the document. */
export type SignatureField = Item<Participant['fields']>;
export type FieldType = Item<ProviderCapabilities['fieldTypes']>;
/** How a field is placed (`box` or `anchor`), as `capabilities.signatureFields` lists them. */
export type FieldPlacement = Item<ProviderCapabilities['signatureFields']>;

/** An RFC 9457 refusal, as every operation answers one (application/problem+json). */
export type Problem = paths['/api/v1/envelopes']['post']['responses'][422]['content']['application/problem+json'];
/** One bad field of a 422 or 400 refusal: its path (`participants[0].email`) and what is wrong with it. */
export type FieldError = Item<NonNullable<Problem['errors']>>;

/** The sync-all job's `progress` and `result` (declared beside the job: the document leaves job payloads open). */
export type { SyncProgress } from '../app/envelopes/sync-progress.js';

/** A template (roles to fill, documents, fields), and one of its roles. */
export type Template = ResponseBody<'/api/v1/templates/{templateId}', 'get'>;
export type TemplateRole = Item<Template['roles']>;
/** The people filling a template's roles, by role key. */
export type FillTemplate = RequestBody<'/api/v1/templates/{templateId}/envelopes', 'post'>;
/** A bulk send of a template to a CSV's rows, and one row's result. */
export type BulkSend = ResponseBody<'/api/v1/templates/{templateId}/bulk-sends/{bulkSendId}', 'get'>;
export type BulkSendRow = Item<NonNullable<BulkSend['rows']>>;
