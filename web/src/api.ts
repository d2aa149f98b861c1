/**
 * The one way the web app talks to the server: an openapi-fetch client typed by the generated
 * OpenAPI `paths`, so that each call's path, parameters, body and answer are the server's own. It
 * sends the session cookie, the CSRF token on every write, and turns problem+json refusals into an
 * `ApiError` that carries `detail` and the field `errors`, so pages can show the server's own words.
 */
import createClient, { type ClientPathsWithMethod, type FetchResponse, type MaybeOptionalInit, type Middleware } from 'openapi-fetch';
import type { FieldError, paths, Problem } from '../../src/api-client/types';
import { describeSchemaErrors, ENGLISH_SCHEMA_WORDS, type SchemaWords } from '../../src/api/schema-errors';
import { currentLocale, i18n } from './i18n';

export type { FieldError };

export class ApiError extends Error {
  readonly status: number;
  /** What went wrong and what to do, for people: the problem's `detail`. */
  readonly detail: string;
  readonly errors: FieldError[];
  readonly currentStatus: string | undefined;

  constructor(status: number, detail: string, errors: FieldError[] = [], currentStatus?: string) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.detail = detail;
    this.errors = errors;
    this.currentStatus = currentStatus;
  }

  /**
   * Field errors by path (`participants[0].email`), for showing each one next to its field. The
   * server's messages are fragments ("must not be empty"): under a field they start with a capital.
   */
  fieldErrors(): Record<string, string> {
    const byPath: Record<string, string> = {};
    for (const error of this.errors) byPath[error.path] ??= error.message.charAt(0).toUpperCase() + error.message.slice(1);
    return byPath;
  }
}

/** The sentence to show for anything a call threw (a refusal's detail is the server's, in English). */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof Error && error.message) return error.message;
  return i18n.t('errors.unknown');
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

// Kept in memory only: the session cookie is httpOnly, and the token must never outlive the page.
let csrfToken: string | undefined;
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

type Listener = () => void;
const sessionEndedListeners = new Set<Listener>();
/** Called when an API call answers 401: the session expired or was ended elsewhere. */
export function onSessionEnded(listener: Listener): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

/**
 * A server that cannot be reached, a refusal, and a success that is not JSON (a proxy's page, say,
 * which openapi-fetch would fail to parse) all become an `ApiError` here. An abort stays an abort.
 */
const answersAsErrors: Middleware = {
  onError({ error }) {
    if (!isAbort(error)) return new ApiError(0, i18n.t('errors.unreachable'));
  },
  async onResponse({ response, options }) {
    if (response.status === 204) return;
    // A file asked for as bytes (`parseAs: 'arrayBuffer'`, a document's PDF): only a refusal is read here.
    if (response.ok && options.parseAs !== 'json') return;
    const text = await response.clone().text();
    const type = response.headers.get('Content-Type') ?? '';
    const parsed: unknown = type.includes('json') && text ? safeParse(text) : undefined;
    if (!response.ok) throw toApiError(response, parsed);
    if (parsed === undefined) throw new ApiError(response.status, i18n.t('errors.unreadableAnswer'));
  },
};

function toApiError(response: Response, parsed: unknown): ApiError {
  // Checked member by member: an answer from a proxy in between may be any JSON, or none.
  const problem = (parsed ?? {}) as { [Member in keyof Problem]?: unknown };
  const errors = Array.isArray(problem.errors)
    ? problem.errors.filter((item): item is FieldError => typeof item?.path === 'string' && typeof item?.message === 'string')
    : [];
  const detail =
    typeof problem.detail === 'string'
      ? problem.detail
      : typeof problem.title === 'string'
        ? problem.title
        : `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}. Try again in a moment.`;
  return new ApiError(response.status, detail, errors, typeof problem.currentStatus === 'string' ? problem.currentStatus : undefined);
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// No Content-Type is set here: openapi-fetch sets it for a JSON body only, and the browser sets a
// multipart one with its boundary; the server refuses an empty JSON body.
const client = createClient<paths>({ credentials: 'same-origin', headers: { Accept: 'application/json' } });
client.use(answersAsErrors);

type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';

/** The paths that answer `M`, written as templates: `/api/v1/envelopes/{envelopeId}`. */
export type ApiPath<M extends Method> = ClientPathsWithMethod<typeof client, M>;

interface CallOptions {
  /** Makes a retried create or send return the first result instead of doing it twice. */
  idempotencyKey?: string;
  /** Session routes answer 401 for a wrong password: that is not a session that ended. */
  ignoreUnauthorized?: boolean;
}

/** openapi-fetch's options for the operation (`params`, `body`, `signal`…) and ours; the headers are set here. */
type ApiInit<M extends Method, P extends ApiPath<M>> = Omit<NonNullable<MaybeOptionalInit<paths[P], M>>, 'headers'> & CallOptions;

/** The options argument: optional when the operation needs no path parameter and no body. */
export type ApiInitArgument<M extends Method, P extends ApiPath<M>> =
  undefined extends MaybeOptionalInit<paths[P], M> ? [init?: ApiInit<M, P>] : [init: ApiInit<M, P>];

/** The success answer's JSON body; undefined for a 204. */
export type ApiAnswer<M extends Method, P extends ApiPath<M>> =
  paths[P][M] extends infer Operation extends Record<string, unknown>
    ? Exclude<FetchResponse<Operation, object, `${string}/${string}`>, { error: unknown }>['data']
    : never;

const WRITES: ReadonlySet<Method> = new Set(['put', 'post', 'patch', 'delete']);

/** Calls of one method that resolve to the answer's data and throw an `ApiError` for a refusal. */
function caller<M extends Method>(method: M) {
  // The generic signature below is the checked one; openapi-fetch's own cannot be forwarded generically.
  const send = client.request as (method: M, path: string, init?: object) => Promise<{ data?: unknown }>;
  return async <P extends ApiPath<M>>(path: P, ...[init]: ApiInitArgument<M, P>): Promise<ApiAnswer<M, P>> => {
    const { idempotencyKey, ignoreUnauthorized, ...options } = init ?? {};
    if ('body' in options && options.body !== undefined && !('bodySerializer' in options)) await refuseAsTheServerWould(method, path, options.body);
    const headers: Record<string, string> = {};
    if (WRITES.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    try {
      const { data } = await send(method, path, { ...options, headers });
      return data as ApiAnswer<M, P>;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401 && !ignoreUnauthorized) sessionEndedListeners.forEach((listener) => listener());
      throw error;
    }
  };
}

/** A route as the generated validators name it: `POST /api/v1/envelopes/{envelopeId}/participants`. */
export type ApiRoute = { [M in Method]: `${Uppercase<M>} ${ApiPath<M>}` }[Method];

/** A route's body check: the refusal the server would answer for `body`, or undefined when it would take it. */
export type BodyCheck = (body: unknown) => ApiError | undefined;

/**
 * The server's own check of a route's JSON body, for use before it leaves the browser: validators
 * generated from the routes' schemas with the server's Ajv options (scripts/request-validators.ts),
 * and the server's wording of what they find (src/api/schema-errors.ts), in the page's language.
 * Loaded at the first form or write, so that reading pages never downloads it.
 */
export async function bodyCheckOf(route: ApiRoute): Promise<BodyCheck> {
  const { validatorsByRoute } = await import('../../src/api-client/request-validators.js');
  const validate = validatorsByRoute[route];
  return (body) => {
    // Checked as the server receives it, as JSON: the validator's defaults and coercions change the copy.
    if (!validate || validate(JSON.parse(JSON.stringify(body)))) return undefined;
    const { detail, errors } = describeSchemaErrors(validate.errors ?? [], 'body', schemaWordsInLanguage());
    return new ApiError(400, detail, errors);
  };
}

/** A bad field is refused at once, with the path and the words the server would have answered, and nothing is sent. */
async function refuseAsTheServerWould(method: Method, path: string, body: unknown): Promise<void> {
  const check = await bodyCheckOf(`${method.toUpperCase()} ${path}` as ApiRoute);
  const refusal = check(body);
  if (refusal) throw refusal;
}

/**
 * The server's words for a schema's refusal (src/api/schema-errors.ts), in the page's language: a form
 * refused before sending speaks the language of its labels. A refusal the server sends stays in its
 * English, the API's language.
 */
function schemaWordsInLanguage(): SchemaWords {
  const t = i18n.t;
  return {
    detail: (field, message, more) => t('validation.detail', { field, message, more }),
    noMatch: t('validation.noMatch'),
    required: t('validation.required'),
    unknownField: t('validation.unknownField'),
    unknownProvider: t('validation.unknownProvider'),
    email: t('validation.email'),
    dateTime: t('validation.dateTime'),
    uri: t('validation.uri'),
    otherFormat: (format) => t('validation.otherFormat', { format }),
    oneOf: (values) => t('validation.oneOf', { values }),
    notEmpty: t('validation.notEmpty'),
    minLength: (limit) => t('validation.minLength', { limit }),
    maxLength: (limit) => t('validation.maxLength', { limit }),
    phone: t('validation.phone'),
    language: t('validation.language'),
    roleKey: t('validation.roleKey'),
    // Ajv words the other keywords (`must be >= 1`) in English only: kept in English, said generally elsewhere.
    invalid: (ajvMessage) => (currentLocale() === 'en' ? ENGLISH_SCHEMA_WORDS.invalid(ajvMessage) : t('validation.invalid')),
  };
}

const post = caller('post');

/** A multipart body as the browser sends it, with its boundary (openapi-fetch leaves Content-Type to it). */
function asFormData(body: Record<string, Blob>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) form.append(name, value);
  return form;
}

export const api = {
  GET: caller('get'),
  PUT: caller('put'),
  POST: post,
  PATCH: caller('patch'),
  DELETE: caller('delete'),
  /**
   * A document's file as bytes (its content, or its PDF rendition), for the preview; a refusal is an
   * `ApiError` as for any call. The document describes the answer as a binary string, hence the cast.
   */
  readDocumentFile: async (
    path: '/api/v1/documents/{documentId}/content' | '/api/v1/documents/{documentId}/rendition',
    documentId: string,
    signal?: AbortSignal,
  ): Promise<ArrayBuffer> => (await caller('get')(path, { params: { path: { documentId } }, parseAs: 'arrayBuffer', signal })) as unknown as ArrayBuffer,
  /** Uploads a document as multipart/form-data (one part, `file`, with its name), streamed by the browser. */
  uploadDocument: (file: File) => post('/api/v1/documents', { body: { file }, bodySerializer: asFormData }),
};

/**
 * api.GET without its types, for the hooks that take a path and its parameters (useApiData,
 * useCursorList): their own signatures check each call as api.GET does, but the compiler cannot
 * follow a generic path through api.GET's types (the union of every path is too large for it).
 */
export const getByGenericPath = api.GET as unknown as (path: string, init: object) => Promise<unknown>;

/**
 * A fresh Idempotency-Key. crypto.randomUUID exists only in secure contexts, and a self-hosted
 * server is often reached over plain http on a LAN; getRandomValues works everywhere.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
