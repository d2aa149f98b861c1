import type { paths } from './schema.js';

/**
 * Names for the API's shapes, taken from the types generated from its OpenAPI document (schema.ts):
 * nothing here is written by hand but the webhook events' union, which splits the feed's one event
 * shape by `type`. The document inlines every schema, so a shape is named by the route that answers it.
 */

export type { paths } from './schema.js';

type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
type SuccessStatus = 200 | 201 | 202;
type JsonContent<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
type Item<List> = List extends ReadonlyArray<infer Element> ? Element : never;

/** The JSON body of an operation's success answer (200, 201 or 202). */
export type ResponseBody<Path extends keyof paths, Method extends HttpMethod> = paths[Path][Method] extends { responses: infer Responses }
  ? { [Status in keyof Responses & SuccessStatus]: JsonContent<Responses[Status]> }[keyof Responses & SuccessStatus]
  : never;

/** The JSON body an operation accepts. */
export type RequestBody<Path extends keyof paths, Method extends HttpMethod> = paths[Path][Method] extends { requestBody?: infer Body }
  ? JsonContent<NonNullable<Body>>
  : never;

export type Envelope = ResponseBody<'/api/v1/envelopes/{envelopeId}', 'get'>;
/** An envelope as GET /api/v1/envelopes lists it. */
export type EnvelopeSummary = Item<ResponseBody<'/api/v1/envelopes', 'get'>['data']>;
export type EnvelopeStatus = Envelope['status'];
export type Participant = Item<Envelope['participants']>;
export type CreateEnvelope = RequestBody<'/api/v1/envelopes', 'post'>;
export type DocumentRecord = ResponseBody<'/api/v1/documents', 'post'>;
export type Artifact = Item<ResponseBody<'/api/v1/envelopes/{envelopeId}/artifacts', 'get'>['data']>;
export type Job = ResponseBody<'/api/v1/jobs/{jobId}', 'get'>;
export type Connection = ResponseBody<'/api/v1/connections/{connectionId}', 'get'>;
/** A webhook endpoint (never its secret), and as its creation or a rotation answers it, once, with the secret. */
export type WebhookEndpoint = Item<ResponseBody<'/api/v1/webhook-endpoints', 'get'>['data']>;
export type WebhookEndpointWithSecret = ResponseBody<'/api/v1/webhook-endpoints', 'post'>;

/** An event of the feed (GET /api/v1/events), as the schema describes every type at once. */
export type FeedEvent = Item<ResponseBody<'/api/v1/events', 'get'>['data']>;
export type EventType = FeedEvent['type'];

/** An RFC 9457 refusal, as every operation answers one (application/problem+json). */
export type Problem = paths['/api/v1/envelopes']['post']['responses'][422]['content']['application/problem+json'];
/** One bad field of a 400 or 422 refusal: its path (`participants[0].email`) and what is wrong with it. */
export type FieldError = Item<NonNullable<Problem['errors']>>;

// The feed's schema has one event shape whose `data` holds the resource under an optional key per
// kind. Which key is there follows from the type's prefix (docs/webhooks.md, "Types"), so the union
// below is built from the schema's own parts: a new field reaches it by regeneration.
type EventData = FeedEvent['data'];
/** An envelope's events carry its externalRef and metadata, to find your own record without a call. */
type EnvelopeContext = { externalRef: Exclude<EventData['externalRef'], undefined>; metadata: Exclude<EventData['metadata'], undefined> };
type EventOf<Type, EnvelopeId, Data> = Omit<FeedEvent, 'type' | 'envelopeId' | 'data'> & { type: Type; envelopeId: EnvelopeId; data: Data };

/** `envelope.sent`, `envelope.completed`…: `data.envelope` is the envelope as that change left it. */
export type EnvelopeWebhookEvent = EventOf<Extract<EventType, `envelope.${string}`>, string, EnvelopeContext & { envelope: NonNullable<EventData['envelope']> }>;
/** `participant.signed`, `participant.rejected`…: `data.participant` is the participant as the envelope lists it. */
export type ParticipantWebhookEvent = EventOf<Extract<EventType, `participant.${string}`>, string, EnvelopeContext & { participant: NonNullable<EventData['participant']> }>;
/** `artifact.archived`: `data.artifact` is the stored file (signed document or audit proof). */
export type ArtifactWebhookEvent = EventOf<Extract<EventType, `artifact.${string}`>, string, EnvelopeContext & { artifact: NonNullable<EventData['artifact']> }>;
/** `connection.healthy`, `connection.unhealthy`: no envelope. */
export type ConnectionWebhookEvent = EventOf<Extract<EventType, `connection.${string}`>, null, { connection: NonNullable<EventData['connection']> }>;
/**
 * What `POST /api/v1/webhook-endpoints/{endpointId}/test` sends: to that endpoint alone, never in the
 * feed, hence not in the document (its shape is src/app/webhooks/deliveries.ts's `sendTestPing`).
 */
export type PingWebhookEvent = { id: string; type: 'ping'; occurredAt: string; envelopeId: null; data: { endpointId: string; message: string } };

/** A webhook delivery's body: an event of the feed, or a ping. Narrow it by `type`. */
export type WebhookEvent = EnvelopeWebhookEvent | ParticipantWebhookEvent | ArtifactWebhookEvent | ConnectionWebhookEvent | PingWebhookEvent;
