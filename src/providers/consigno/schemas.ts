import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { checkAnswer } from '../answers.js';
import { ProviderError } from '../errors.js';
import { PROVIDER_MESSAGE_LIMIT } from '../http.js';

/**
 * The answers of ConsignO Cloud as the adapter reads them (references README "ConsignO Cloud"; the
 * wire contract of issue 11): every success wrapped `{msg, parameters, response}`, every refusal
 * `{code, msg, parameters?}`. Only what the adapter uses is required; the rest is optional so that a
 * field ConsignO adds or drops does not break a send.
 */

const Opt = <T extends TSchema>(schema: T) => Type.Optional(schema);
const Text = Type.String();
/** Ids and refs come as strings or numbers (`ref: "<n>"` in public integrations). */
const Ref = Type.Union([Type.String(), Type.Number()]);
/** Epoch milliseconds (numbers); some integrations see ISO text. */
const Instant = Type.Union([Type.Number(), Type.String()]);

/** `POST /documents` → `{documentId, name, size, pages, pdfa}`. */
export const UploadedDocumentSchema = Type.Object({
  documentId: Type.String({ minLength: 1 }),
  name: Opt(Text),
  size: Opt(Type.Number()),
  pages: Opt(Type.Number()),
  pdfa: Opt(Type.Boolean()),
});
export type UploadedDocument = Static<typeof UploadedDocumentSchema>;

const SignerSchema = Type.Object({
  type: Opt(Text),
  firstName: Opt(Text),
  lastName: Opt(Text),
  email: Opt(Text),
  phone: Opt(Text),
  amr: Opt(Type.Array(Text)),
  lang: Opt(Text),
  ref: Opt(Ref),
});

const ActionSchema = Type.Object({
  id: Type.String({ minLength: 1 }),
  ref: Opt(Ref),
  step: Opt(Type.Number()),
  mode: Opt(Text),
  signer: SignerSchema,
  status: Opt(Text),
  statusDate: Opt(Instant),
  declineReason: Opt(Text),
  signingUrl: Opt(Text),
});
export type ConsignoAction = Static<typeof ActionSchema>;

const NotificationSchema = Type.Object({
  contact: Opt(Type.Union([Text, Type.Object({ email: Opt(Text), firstName: Opt(Text), lastName: Opt(Text), lang: Opt(Text) })])),
});

/** The workflow view (`POST /workflows`, `GET /workflows/{id}`, `DELETE /workflows/{id}`). */
export const WorkflowSchema = Type.Object({
  id: Type.String({ minLength: 1 }),
  name: Opt(Text),
  status: Type.Number(),
  documents: Opt(Type.Array(Type.Object({ documentId: Opt(Text), name: Opt(Text), pages: Opt(Type.Number()) }))),
  createdOn: Opt(Instant),
  modifiedOn: Opt(Instant),
  expiresOn: Opt(Instant),
  statusDate: Opt(Instant),
  auditTrailDocumentId: Opt(Text),
  notifications: Opt(Type.Array(NotificationSchema)),
  actions: Type.Array(ActionSchema),
});
export type ConsignoWorkflow = Static<typeof WorkflowSchema>;

/** Login → `{username, firstName, lastName, email}` (the token is in the `X-Auth-Token` header). */
export const LoginSchema = Type.Object({ username: Opt(Text), email: Opt(Text), firstName: Opt(Text), lastName: Opt(Text) });
export type ConsignoLogin = Static<typeof LoginSchema>;

const WrappedSchema = Type.Object({ msg: Opt(Text), response: Type.Unknown() });

/** The `ProviderError` for an answer whose shape the wire contract does not describe. */
export function unexpectedShape(what: string, said: string, expected: string): ProviderError {
  return new ProviderError({
    kind: 'unsupported',
    provider: 'consigno',
    feature: 'response-shape',
    retryable: false,
    message: `ConsignO Cloud answered ${what} in a shape Countersign does not know, so it did not guess: ${said}; expected ${expected}. Check the workflow in ConsignO Cloud, and report this answer to the Countersign maintainers.`,
  });
}

/** The `response` of a wrapped answer, checked against `schema`. */
export function readAnswer<T extends TSchema>(schema: T, body: unknown, what: string, expected: string): Static<T> {
  const wrapped = checkAnswer(WrappedSchema, body, (said) => unexpectedShape(what, said, `{msg, parameters, response} with ${expected}`));
  return checkAnswer(schema, wrapped.response, (said) => unexpectedShape(what, `in response ${said}`, expected));
}

const ErrorSchema = Type.Object({ code: Opt(Type.Union([Text, Type.Number()])), msg: Opt(Text), parameters: Opt(Type.Unknown()) });

export type ConsignoRefusal = {
  /** ConsignO's code (`4000`, `4001`, `5004`…), when the body was ConsignO's error. */
  readonly code?: string;
  /** ConsignO's `msg`, cleaned and cut. */
  readonly message?: string;
  /** `parameters.field` of a validation refusal (`actions[0].signer.amr`). */
  readonly field?: string;
};

const clean = (text: string) => {
  const cleaned = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return cleaned.length > PROVIDER_MESSAGE_LIMIT ? `${cleaned.slice(0, PROVIDER_MESSAGE_LIMIT - 1)}…` : cleaned;
};

/**
 * ConsignO's own words from an error body `{code, msg, parameters}`. Anything else (HTML, another JSON
 * shape) gives `{}`: a body that is not ConsignO's error is never repeated.
 */
export function readConsignoError(body: string): ConsignoRefusal {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.trim());
  } catch {
    return {};
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || !Value.Check(ErrorSchema, parsed)) return {};
  const error = parsed as Static<typeof ErrorSchema>;
  const code = error.code === undefined ? undefined : String(error.code);
  const message = typeof error.msg === 'string' && clean(error.msg) !== '' ? clean(error.msg) : undefined;
  const parameters = error.parameters as Record<string, unknown> | null | undefined;
  const field = parameters && typeof parameters === 'object' && typeof parameters['field'] === 'string' && /^[A-Za-z0-9_.[\]-]{1,80}$/.test(parameters['field']) ? parameters['field'] : undefined;
  return {
    ...(code !== undefined && /^\d{3,5}$/.test(code) ? { code } : {}),
    ...(message === undefined ? {} : { message }),
    ...(field === undefined ? {} : { field }),
  };
}
