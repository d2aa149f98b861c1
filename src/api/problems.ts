import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_CAPABILITIES } from '../providers/capabilities.js';
import { ProviderError } from '../providers/errors.js';
import { FILE_KINDS_IN_WORDS } from '../domain/file-kinds.js';
import { CountersignError, InvalidRequestError, InvalidStateError, ValidationError, type ErrorCode, type FieldError } from '../domain/errors.js';
import { storageTroubleOf } from '../app/health.js';
import { describeSchemaErrors, type SchemaError } from './schema-errors.js';

/**
 * Every refusal the API makes is one of these RFC 9457 problem types. `type` is a relative URI that
 * this server answers with the description below (GET /api/v1/problems/{slug}).
 */
export const PROBLEM_TYPES = {
  'invalid-request': { status: 400, title: 'The request is malformed', description: 'The body, query or path does not match the schema of the operation. `errors` names each bad field by its path.' },
  'validation-failed': { status: 422, title: 'The request cannot be carried out as given', description: 'The request is well formed but refers to something that does not exist or breaks a rule (e.g. an unknown document id, a past expiry). `errors` names each bad field.' },
  'empty-file': { status: 400, title: 'The file is empty', description: 'An uploaded document has no content.' },
  unauthorized: { status: 401, title: 'Authentication required', description: 'Send a valid API key as `Authorization: Bearer <key>`.' },
  'csrf-token-required': {
    status: 403,
    title: 'CSRF token missing or wrong',
    description:
      'A write authenticated by the session cookie must carry the header `X-CSRF-Token` with the `csrfToken` returned by POST or GET /api/v1/session. API keys (`Authorization: Bearer`) need no token.',
  },
  'setup-code-required': {
    status: 403,
    title: 'The setup code is missing or wrong',
    description:
      'This server is reachable from other machines, so creating its owner account needs the one-time setup code printed where the server was started (or COUNTERSIGN_ADMIN_EMAIL and COUNTERSIGN_ADMIN_PASSWORD at start).',
  },
  forbidden: {
    status: 403,
    title: 'Not allowed',
    description:
      'The request is authenticated but its principal lacks the scope the operation needs (`requiredScope`). A person’s role grants scopes; an API key may use only the scopes it was created with that its person’s role also grants.',
  },
  'not-found': { status: 404, title: 'Not found', description: 'No resource has that id, or no route has that path.' },
  'invalid-state': { status: 409, title: 'Not allowed in the current status', description: 'The resource exists but its status does not allow the operation. `currentStatus` says where it is.' },
  conflict: { status: 409, title: 'Conflict', description: 'The request conflicts with the current state of the resource.' },
  'idempotency-key-in-use': { status: 409, title: 'A request with this Idempotency-Key is in progress', description: 'Retry shortly to receive the first request’s result.' },
  'request-timeout': {
    status: 408,
    title: 'The request took too long',
    description:
      'The request, or the body of an upload, stopped arriving: an upload that sends nothing for COUNTERSIGN_UPLOAD_IDLE_TIMEOUT_SECONDS, or any request not received whole within COUNTERSIGN_REQUEST_TIMEOUT_SECONDS, is cut. Nothing of it is kept; send it again.',
  },
  'payload-too-large': { status: 413, title: 'The file is too large', description: 'The upload exceeds COUNTERSIGN_MAX_UPLOAD_MB.' },
  'uri-too-long': { status: 414, title: 'The URL is too long', description: 'A path segment of the URL is longer than any id this API uses.' },
  'unsupported-media-type': { status: 415, title: 'Unsupported file type', description: `Documents are accepted as ${FILE_KINDS_IN_WORDS}, judged from their content.` },
  // A request's body, not an uploaded document: "file type" would send the client looking at the wrong thing.
  'unsupported-content-type': {
    status: 415,
    title: 'Unsupported Content-Type',
    description: 'The request body is not in a format this route reads: send JSON with Content-Type: application/json, and a document upload as multipart/form-data.',
  },
  'unreadable-document': {
    status: 422,
    title: 'The document cannot be read',
    description:
      'The file is of an accepted type but is broken, cut short, combined with another file, or built to exhaust the reader (a zip bomb); `detail` gives the reason. Save or export it again and upload the new file.',
  },
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key reused with a different request', description: 'A key identifies one request; repeat it only with the same body.' },
  'too-many-sign-in-attempts': {
    status: 429,
    title: 'Too many failed sign-ins',
    description:
      'After 5 wrong passwords in a row for one email, each further attempt waits for a lock that doubles (1 s, 2 s, 4 s … up to 15 minutes). `Retry-After` says how many seconds are left; a successful sign-in clears the count.',
  },
  'too-many-callbacks': {
    status: 429,
    title: 'Too many callbacks for this connection',
    description:
      'A connection’s callback address takes a burst of 60 calls, then one a second. `Retry-After` says when to call again; the scheduled sync picks up any change a refused callback announced.',
  },
  'too-many-uploads': {
    status: 429,
    title: 'Too many uploads at once',
    description: 'One API key or session may upload COUNTERSIGN_MAX_CONCURRENT_UPLOADS documents at the same time. `Retry-After` says when to try again.',
  },
  'header-fields-too-large': { status: 431, title: 'The request headers are too large', description: 'The request line and headers together exceed 16 KB.' },
  'provider-refused': { status: 422, title: 'The provider refused the request', description: 'The e-signature provider answered with an error; `detail` carries its message.' },
  'destination-refused': {
    status: 422,
    title: 'The destination is not allowed',
    description:
      'Countersign calls only public https addresses. A URL with a private, loopback or link-local address (or one whose name resolves to such an address), plain http, or credentials in the URL is refused; an operator opens chosen private hosts and ranges with COUNTERSIGN_ALLOW_PRIVATE_URLS.',
  },
  'provider-unavailable': { status: 503, title: 'The provider is unavailable', description: 'The provider could not be reached or asked us to slow down; retry later.' },
  'provider-error': { status: 502, title: 'The provider answered unexpectedly', description: 'Credentials or the provider’s answer were not as expected; `detail` says what to check.' },
  'storage-unavailable': {
    status: 503,
    title: 'Countersign’s storage is unavailable',
    description:
      'The database or the disk under it cannot take the request now: busy, full, read-only, failing, or (PostgreSQL) unreachable; `detail` says which. Nothing was changed. `Retry-After` says when to try again; an operator may have to act first.',
  },
  'internal-error': { status: 500, title: 'Internal server error', description: 'Something failed on the server. The request id in the response lets an operator find the log line.' },
} as const satisfies Record<string, { status: number; title: string; description: string }>;

export type ProblemSlug = keyof typeof PROBLEM_TYPES;

const SLUG_BY_CODE: Record<ErrorCode, ProblemSlug> = {
  VALIDATION_FAILED: 'validation-failed',
  NOT_FOUND: 'not-found',
  INVALID_STATE: 'invalid-state',
  CONFLICT: 'conflict',
  UNSUPPORTED_MEDIA_TYPE: 'unsupported-media-type',
  PAYLOAD_TOO_LARGE: 'payload-too-large',
  EMPTY_FILE: 'empty-file',
  UNREADABLE_DOCUMENT: 'unreadable-document',
  UNAUTHORIZED: 'unauthorized',
  FORBIDDEN: 'forbidden',
  CSRF_TOKEN_REQUIRED: 'csrf-token-required',
  SETUP_CODE_REQUIRED: 'setup-code-required',
  SIGN_IN_THROTTLED: 'too-many-sign-in-attempts',
  IDEMPOTENCY_KEY_REUSED: 'idempotency-key-reused',
  IDEMPOTENCY_KEY_IN_USE: 'idempotency-key-in-use',
  CONFIGURATION_INVALID: 'internal-error',
  PROVIDER_AUTHENTICATION: 'provider-error',
  PROVIDER_VALIDATION: 'provider-refused',
  PROVIDER_NOT_FOUND: 'provider-error',
  PROVIDER_CONFLICT: 'conflict',
  PROVIDER_RATE_LIMITED: 'provider-unavailable',
  PROVIDER_UNAVAILABLE: 'provider-unavailable',
  PROVIDER_UNSUPPORTED: 'provider-refused',
  PROVIDER_DESTINATION_REFUSED: 'destination-refused',
  PROVIDER_OUTCOME_UNKNOWN: 'conflict',
  PROVIDER_GONE: 'conflict',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
  currentStatus?: string;
  /** For `forbidden`: the scope that was missing. */
  requiredScope?: string;
  /** For a provider that cannot do what was asked: the capability it lacks (`withdraw`, `expiryChange`, …). */
  capability?: string;
}

export function problemTypeUri(slug: ProblemSlug): string {
  return `/api/v1/problems/${slug}`;
}

export function buildProblem(
  request: FastifyRequest,
  slug: ProblemSlug,
  detail: string,
  extra: Partial<Pick<Problem, 'errors' | 'currentStatus' | 'requiredScope' | 'capability'>> = {},
): Problem {
  const { status, title } = PROBLEM_TYPES[slug];
  return { type: problemTypeUri(slug), title, status, detail, instance: request.url.split('?')[0]!, requestId: request.id, ...extra };
}

/** A problem about a request that reached no route: it names no `instance`, so nothing of the URL is repeated. */
export type EdgeProblem = Omit<Problem, 'instance'>;

export function edgeProblem(slug: ProblemSlug, detail: string, requestId: string): EdgeProblem {
  const { status, title } = PROBLEM_TYPES[slug];
  return { type: problemTypeUri(slug), title, status, detail, requestId };
}

export function sendProblem(reply: FastifyReply, problem: Problem | EdgeProblem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

/** Turns anything thrown by a route into a problem. Internals never leave the server: only our own messages do. */
export function problemFromError(request: FastifyRequest, error: unknown): Problem {
  if (error instanceof InvalidRequestError) {
    return buildProblem(request, 'invalid-request', error.message, { errors: error.errors });
  }
  if (error instanceof ValidationError) {
    return buildProblem(request, 'validation-failed', error.message, { errors: error.errors });
  }
  if (error instanceof InvalidStateError) {
    return buildProblem(request, 'invalid-state', error.message, { currentStatus: error.currentStatus });
  }
  if (CountersignError.is(error) && 'requiredScope' in error && typeof error.requiredScope === 'string') {
    return buildProblem(request, 'forbidden', error.message, { requiredScope: error.requiredScope });
  }
  // A provider that cannot do what was asked: `capability` names it (e.g. `withdraw`), for clients to grey it out.
  if (ProviderError.is(error, 'unsupported') && error.feature !== null && error.feature in DEFAULT_CAPABILITIES) {
    return buildProblem(request, SLUG_BY_CODE[error.code], error.message, { capability: error.feature });
  }
  if (CountersignError.is(error)) {
    return buildProblem(request, SLUG_BY_CODE[error.code], error.message);
  }
  const fastifyError = error as Partial<FastifyError> & { validation?: SchemaError[]; validationContext?: string };
  if (Array.isArray(fastifyError.validation)) {
    const { detail, errors } = describeSchemaErrors(fastifyError.validation, fastifyError.validationContext);
    return buildProblem(request, 'invalid-request', detail, { errors });
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return buildProblem(request, 'invalid-request', 'The body is not valid JSON. Send a JSON object with Content-Type: application/json.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      // The header is not repeated back: a problem never echoes what the client sent.
      return buildProblem(
        request,
        'unsupported-content-type',
        `${request.headers['content-type'] ? 'This Content-Type' : 'A body without Content-Type'} is not accepted here. Send application/json (or multipart/form-data for uploads).`,
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return buildProblem(request, 'payload-too-large', 'The request body is too large.');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return buildProblem(request, 'invalid-request', 'Send the file as multipart/form-data with a field named "file".');
  }
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return buildProblem(request, 'invalid-request', fastifyError.message ?? 'The request is malformed.');
  }
  const trouble = storageTroubleOf(error);
  if (trouble) return buildProblem(request, 'storage-unavailable', trouble.detail);
  return buildProblem(request, 'internal-error', `Something went wrong on the server. Quote request id ${request.id} to your operator.`);
}
