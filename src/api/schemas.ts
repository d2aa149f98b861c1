import { Type, type Static, type TSchema, type TString } from 'typebox';
import { ARCHIVE_STATUSES } from '../domain/archive.js';
import { ENVELOPE_STATUSES } from '../domain/envelope-status.js';
import { ENVELOPE_SORTS, SORT_ORDERS } from '../domain/envelope-list.js';
import { EVENT_TYPES } from '../domain/events.js';
import { PARTICIPANT_ROLES, PARTICIPANT_STATUSES } from '../domain/participant-status.js';
import { FIELD_TYPES, SIGNATURE_LEVELS } from '../domain/participant-options.js';
import { ROLES, SCOPE_DESCRIPTIONS, SCOPES } from '../domain/roles.js';

/**
 * Request and response schemas. They validate requests at the edge and are the source of the OpenAPI
 * document, so the two cannot drift apart.
 */

/**
 * A response field that may be null, as a type list (`type: ['null', 'string']`, which OpenAPI 3.1
 * allows): fast-json-stringify writes it after a `typeof` test, where for an `anyOf` it ran an Ajv
 * validator per field of every row to pick the branch (a GET's serialisation ~25 % faster). A closed
 * set of strings takes null into its `enum` as well. A schema without a single `type` stays a union.
 */
export const Nullable = <T extends TSchema>(schema: T) => {
  const { type, enum: values } = schema as { type?: unknown; enum?: unknown[] };
  if (typeof type !== 'string') return Type.Unsafe<Static<T> | null>(Type.Union([Type.Null(), schema]));
  return Type.Unsafe<Static<T> | null>({ ...schema, type: ['null', type], ...(values ? { enum: [...values, null] } : {}) });
};
/**
 * A request field that may be null. Kept a union so that a refusal lists the same errors as it always
 * has (a type list reports them differently). Null first: query strings are coerced (`limit=10`), and
 * AJV would otherwise coerce a JSON null into "" for the string branch.
 */
export const NullableInput = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);
/** A closed set of strings, as a plain JSON Schema `enum` (also the clearest form in OpenAPI). */
export const literals = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

export const Timestamp = Type.String({ format: 'date-time', examples: ['2026-11-23T10:00:00.000Z'] });
export const Name = Type.String({ minLength: 1, maxLength: 100 });
export const Email = Type.String({ format: 'email', maxLength: 254, examples: ['james.dawson@example.com'] });
export const Phone = Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$', description: 'International format (E.164), e.g. +48722722722' });
export const Language = Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$', description: 'ISO 639-1 code, optionally with a region: en, pl, fr-BE' });
export const Id = (prefix: string) => Type.String({ pattern: `^${prefix}_[0-9A-Z]{26}$`, examples: [`${prefix}_01JD3Q0T2W7M5XKQ1Y9V8B6N4C`] });

export const VisibilitySchema = literals(['private', 'shared'] as const);
/** Who created an envelope or document, and who may see it (members and viewers: their own and shared ones). */
const ownershipFields = {
  createdBy: Type.Optional(Nullable(Type.String({ description: 'The user who created it; null for an installation key' }))),
  visibility: Type.Optional(VisibilitySchema),
};
export const SetVisibilitySchema = Type.Object(
  {
    visibility: Type.Unsafe<'private' | 'shared'>({
      type: 'string',
      enum: ['private', 'shared'],
      description: '`private`: its creator and admins; `shared`: everyone who may read envelopes and documents',
    }),
  },
  { additionalProperties: false },
);

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'A relative URI; GET it for a description of the problem type.' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String({ description: 'What went wrong and what to do about it, for people.' }),
    instance: Type.String(),
    requestId: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
    currentStatus: Type.Optional(Type.String()),
    requiredScope: Type.Optional(Type.String({ description: 'For a 403 `forbidden`: the scope the operation needs' })),
    capability: Type.Optional(Type.String({ description: 'For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers)' })),
  },
  { description: 'RFC 9457 problem details (application/problem+json)' },
);

const documentFields = {
  id: Id('doc'),
  filename: Type.String(),
  mediaType: Type.String({ description: 'Detected from the content.' }),
  size: Type.Integer({ description: 'Bytes' }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  createdAt: Timestamp,
  ...ownershipFields,
};

export const DocumentWarningSchema = Type.Object({
  code: Type.String({ description: 'Stable: `pdf-javascript`, `pdf-launch-action`, `macros` or `rtf-embedded-object`.', examples: ['pdf-javascript'] }),
  message: Type.String({ description: 'What was found, for people.' }),
});

export const DocumentRenditionSchema = Type.Object(
    {
      status: Type.Unsafe<'pending' | 'ready' | 'failed' | 'unavailable'>({
        type: 'string',
        enum: ['pending', 'ready', 'failed', 'unavailable'],
        description: '`pending`: being made; `ready`: download it from `/documents/{id}/rendition`; `failed`: LibreOffice could not convert it (`error` says why); `unavailable`: LibreOffice is not installed on the server.',
      }),
      pages: Nullable(Type.Integer({ minimum: 1, description: 'Pages of the PDF, once ready; field pages are checked against it.' })),
      size: Nullable(Type.Integer({ description: 'Bytes of the PDF, once ready' })),
      sha256: Nullable(Type.String({ pattern: '^[0-9a-f]{64}$' })),
      error: Nullable(Type.String({ description: 'Why there is no PDF, for people.' })),
    },
    {
      description:
        'The PDF version of an office document, made in the background after upload and sent to providers that sign only PDF. null for a PDF.',
    },
  );

export const DocumentSchema = Type.Object({
  ...documentFields,
  pageCount: Nullable(Type.Integer({ minimum: 1, description: 'Pages of a PDF, counted at upload; null for other types.' })),
  warnings: Type.Array(DocumentWarningSchema, {
    description: 'Active content found at upload (JavaScript or launch actions in a PDF, macros in an office file). Flagged, not refused.',
  }),
  rendition: Nullable(DocumentRenditionSchema),
});

/** A document as listed inside an envelope: what identifies it, without the upload check's findings. */
export const EnvelopeDocumentSchema = Type.Object(documentFields);

export const method = <M extends string>(name: M) => Type.Unsafe<M>({ type: 'string', const: name });
export const SimpleMethod = Type.Object(
  { method: literals(['email-link', 'sms', 'call'] as const) },
  { additionalProperties: false, description: '`email-link`: the invitation link is the proof (default). `sms`, `call`: a one-time code to `phone` by text or voice call.' },
);
export const SecretQuestion = Type.String({ minLength: 1, maxLength: 200, examples: ['Your customer number?'] });
export const EidScheme = Type.String({ minLength: 1, maxLength: 40, description: 'The provider’s name for the identity scheme (see its `capabilities.eidSchemes`)', examples: ['itsme'] });

export const AuthenticationInputSchema = Type.Union(
  [
    SimpleMethod,
    Type.Object(
      { method: method('secret'), question: SecretQuestion, answer: Type.String({ minLength: 1, maxLength: 200, description: 'Stored encrypted; never returned.' }) },
      { additionalProperties: false, description: 'A question the participant answers with something agreed beforehand.' },
    ),
    Type.Object({ method: method('eid'), scheme: EidScheme }, { additionalProperties: false, description: 'An electronic identity scheme of the provider.' }),
  ],
  { description: 'One way the participant proves who they are.' },
);
export const AuthenticationSchema = Type.Union([
  SimpleMethod,
  Type.Object({ method: method('secret'), question: Type.String(), answerSet: Type.Boolean({ description: 'The answer is stored (encrypted); it is never returned.' }) }),
  Type.Object({ method: method('eid'), scheme: Type.String() }),
]);

export const DeliverySchema = Type.Union(
  [
    Type.Object({ mode: method('email') }, { additionalProperties: false, description: 'The provider invites the participant by email (default).' }),
    Type.Object(
      {
        mode: method('embedded'),
        returnUrl: Type.String({
          minLength: 1,
          maxLength: 2000,
          pattern: '^https?://',
          description: 'Where the provider sends the participant after signing: a page of your application (http or https). Countersign never fetches it.',
        }),
      },
      { additionalProperties: false, description: 'Your application opens the signing page itself: GET …/participants/{participantId}/signing-url once the envelope is sent.' },
    ),
  ],
  { description: 'How the participant is invited. Embedded needs the provider’s `capabilities.embeddedSigning`.' },
);

const Points = (description: string) => Type.Number({ minimum: 0, maximum: 14400, description });
const fieldCommon = {
  type: literals(FIELD_TYPES),
  documentId: Type.String({ minLength: 1, maxLength: 40, description: 'A document of this envelope' }),
};
export const SignatureFieldSchema = Type.Union(
  [
    Type.Object(
      {
        ...fieldCommon,
        page: Type.Integer({ minimum: 1, maximum: 10000, description: '1-based; at most the document’s `pageCount`' }),
        left: Points('PDF points (1/72 inch) from the left edge'),
        top: Points('PDF points from the top edge'),
        width: Type.Number({ exclusiveMinimum: 0, maximum: 14400 }),
        height: Type.Number({ exclusiveMinimum: 0, maximum: 14400 }),
      },
      { additionalProperties: false, description: 'A box at fixed coordinates, in PDF points from the page’s top-left corner.' },
    ),
    Type.Object(
      {
        ...fieldCommon,
        anchor: Type.String({ minLength: 1, maxLength: 100, description: 'Text in the document the box is placed at', examples: ['[[sign-1]]'] }),
        pages: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 10000 }), { maxItems: 100, description: 'Only these pages are searched' })),
        offsetX: Type.Optional(Type.Number({ minimum: -14400, maximum: 14400, description: 'PDF points right of the text' })),
        offsetY: Type.Optional(Type.Number({ minimum: -14400, maximum: 14400, description: 'PDF points below the text' })),
      },
      { additionalProperties: false, description: 'A box placed where a text occurs in the document.' },
    ),
  ],
  { description: 'Where the participant signs or fills in. Needs the provider’s `capabilities.signatureFields` (placement) and `fieldTypes`.' },
);

const participantOptionFields = {
  authentication: Type.Optional(
    Type.Array(AuthenticationInputSchema, { minItems: 1, maxItems: 4, description: 'Default `[{"method":"email-link"}]`. Methods beyond it need the provider’s `capabilities.authenticationMethods`.' }),
  ),
  signatureLevel: Type.Optional(NullableInput(literals(SIGNATURE_LEVELS))),
  language: Type.Optional(NullableInput(Language)),
  delivery: Type.Optional(DeliverySchema),
  fields: Type.Optional(Type.Array(SignatureFieldSchema, { maxItems: 50 })),
};

const participantFields = {
  firstName: Name,
  lastName: Name,
  email: Email,
  phone: Type.Optional(NullableInput(Phone)),
  role: literals(PARTICIPANT_ROLES),
  ...participantOptionFields,
};
const STEP_WORDS = 'Same step = in parallel; steps run in ascending order.';

export const ParticipantInputSchema = Type.Object(
  { ...participantFields, step: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 1, description: STEP_WORDS })) },
  {
    additionalProperties: false,
    description: 'One person in one role. The same person may take part again in another role (e.g. sign, and receive the signed copy); each keeps its own status.',
  },
);
export type ParticipantInputBody = Static<typeof ParticipantInputSchema>;

/** Only what it names changes: no default, or a step left out would be put back to 1. */
export const ParticipantPatchSchema = Type.Partial(Type.Object({ ...participantFields, step: Type.Integer({ minimum: 1, maximum: 100, description: STEP_WORDS }) }), {
  additionalProperties: false,
  minProperties: 1,
});

export const ParticipantSchema = Type.Object(
  {
    id: Id('par'),
    firstName: Type.String(),
    lastName: Type.String(),
    email: Type.String(),
    phone: Nullable(Type.String()),
    role: literals(PARTICIPANT_ROLES),
    step: Type.Integer(),
    authentication: Type.Array(AuthenticationSchema),
    signatureLevel: Nullable(literals(SIGNATURE_LEVELS)),
    language: Nullable(Type.String()),
    delivery: Type.Union([
      Type.Object({ mode: method('email') }),
      Type.Object({ mode: method('embedded'), returnUrl: Type.String() }),
    ]),
    fields: Type.Array(SignatureFieldSchema),
    status: literals(PARTICIPANT_STATUSES),
    rejectionReason: Nullable(Type.String()),
    signingUrl: Nullable(Type.String()),
    notifiedAt: Nullable(Timestamp),
    viewedAt: Nullable(Timestamp),
    completedAt: Nullable(Timestamp),
    rejectedAt: Nullable(Timestamp),
  }
);

export const SigningUrlSchema = Type.Object({
  url: Type.String({ description: 'The provider’s signing page for this participant; it carries a secret, hand it to that participant only.' }),
  expiresAt: Nullable(Timestamp),
});

export const Metadata = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 500 }), {
  maxProperties: 50,
  description: 'Up to 50 string pairs of your own; returned as given.',
});

export const envelopeFields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  message: Type.Optional(NullableInput(Type.String({ maxLength: 2000 }))),
  language: Type.Optional(NullableInput(Language)),
  connectionId: Type.Optional(NullableInput(Type.String({ minLength: 1, maxLength: 40 }))),
  documentIds: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 50 }),
  expiresAt: Type.Optional(NullableInput(Timestamp)),
  externalRef: Type.Optional(NullableInput(Type.String({ minLength: 1, maxLength: 200 }))),
  metadata: Type.Optional(NullableInput(Metadata)),
};

export const CreateEnvelopeSchema = Type.Object(
  { ...envelopeFields, participants: Type.Array(ParticipantInputSchema, { maxItems: 50 }) },
  { additionalProperties: false },
);
export type CreateEnvelopeBody = Static<typeof CreateEnvelopeSchema>;

export const UpdateEnvelopeSchema = Type.Partial(Type.Object(envelopeFields), { additionalProperties: false, minProperties: 1 });

export const CloneEnvelopeSchema = Type.Object(
  {
    title: Type.Optional(envelopeFields.title),
    connectionId: Type.Optional(
      NullableInput(Type.String({ minLength: 1, maxLength: 40, description: 'The connection the copy is sent through; absent: the source’s; null: the default connection.' })),
    ),
  },
  { additionalProperties: false },
);
export type UpdateEnvelopeBody = Static<typeof UpdateEnvelopeSchema>;

export const EventSchema = Type.Object(
  {
    id: Id('evt'),
    type: Type.String({ examples: ['envelope-created'] }),
    source: Type.String(),
    actor: Nullable(
      Type.Object(
        {
          kind: literals(['user', 'key', 'environment'] as const),
          name: Type.String({ description: 'The person’s email, the API key’s name, or COUNTERSIGN_API_KEY' }),
        },
        { description: 'Who asked for the change; null for a provider’s news, a sync or a step the server took itself' },
      ),
    ),
    participantId: Nullable(Type.String()),
    detail: Nullable(Type.Record(Type.String(), Type.Unknown())),
    occurredAt: Timestamp,
  }
);

const envelopeResponseFields = {
  id: Id('env'),
  title: Type.String(),
  message: Nullable(Type.String()),
  language: Nullable(Type.String()),
  connectionId: Nullable(Type.String()),
  status: literals(ENVELOPE_STATUSES),
  statusReason: Nullable(Type.String()),
  expiresAt: Nullable(Timestamp),
  externalRef: Nullable(Type.String()),
  metadata: Nullable(Type.Record(Type.String(), Type.String())),
  provider: Nullable(Type.String()),
  providerReference: Nullable(Type.String()),
  documents: Type.Array(EnvelopeDocumentSchema),
  participants: Type.Array(ParticipantSchema),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

/** Set while a send's outcome is unknown (the provider may or may not have created it): POST …/send-decision. */
export const SendDecisionNeededSchema = Type.Object(
  {
    needed: Type.Literal(true),
    reason: Type.String({ description: 'What is known: the provider adapter’s account of the lost outcome' }),
    since: Timestamp,
  },
  { description: 'A person must choose: resend, or mark sent with the id the provider has (POST /api/v1/envelopes/{envelopeId}/send-decision)' },
);

/** The archive step of a completed envelope's signed files (src/domain/archive.ts). */
export const EnvelopeArchiveSchema = Type.Object(
  {
    status: literals(ARCHIVE_STATUSES),
    attemptCount: Type.Integer({ description: 'Attempts made so far, a person’s “try again” included' }),
    lastError: Nullable(Type.String({ description: 'Why the last attempt failed, and what to do; null before a failure and once archived' })),
    nextAttemptAt: Nullable(Type.String({ format: 'date-time', description: 'When the next attempt is due; null once archived or failed' })),
    archivedAt: Nullable(Type.String({ format: 'date-time', description: 'When every signed file (and the audit proof) was stored' })),
  },
  {
    description:
      'Whether the signed files are stored here (GET /api/v1/envelopes/{envelopeId}/artifacts). `pending`: not yet, retried on a schedule of about 4 days (`nextAttemptAt`); `archived`: stored; `failed`: the schedule ran out, `lastError` says why — fix it, then POST /api/v1/envelopes/{envelopeId}/archive',
  },
);

export const EnvelopeSchema = Type.Object({
  ...envelopeResponseFields,
  ...ownershipFields,
  events: Type.Array(EventSchema),
  sendDecision: Nullable(SendDecisionNeededSchema),
  archive: Nullable(EnvelopeArchiveSchema),
});
export const EnvelopeSummarySchema = Type.Object({ ...envelopeResponseFields, ...ownershipFields });

export const PageQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);

/** What a list of envelopes and its counts are narrowed to (`GET /envelopes`, `GET /envelopes/counts`). */
const envelopeScopeQuery = {
  // One status stays a plain string, as it always was (typed clients keep passing one); several are
  // the parameter repeated, which the validator gathers into an array.
  status: Type.Optional(
    Type.Union([literals(ENVELOPE_STATUSES), Type.Array(literals(ENVELOPE_STATUSES), { minItems: 1, maxItems: ENVELOPE_STATUSES.length })], {
      description: 'One status, or several as repeated parameters (`status=sending&status=sent`): envelopes in any of them',
    }),
  ),
  externalRef: Type.Optional(Type.String({ maxLength: 200 })),
  updatedSince: Type.Optional(
    Type.String({ format: 'date-time', description: 'Only envelopes changed at or after this moment (ISO 8601), e.g. completed this week with `status=completed`' }),
  ),
  expiresBefore: Type.Optional(
    Type.String({ format: 'date-time', description: 'Only envelopes with an expiry before this moment (ISO 8601), e.g. expiring within 7 days with `status=sent`' }),
  ),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Text in the title or a participant’s name or email' })),
};

export const EnvelopeListQuerySchema = Type.Object(
  {
    ...PageQuerySchema.properties,
    ...envelopeScopeQuery,
    sort: Type.Optional(
      Type.Unsafe<(typeof ENVELOPE_SORTS)[number]>({
        type: 'string',
        enum: [...ENVELOPE_SORTS],
        default: 'created',
        description: '`created` (the default), `updated` (last change), `title` (ignoring case) or `status` (by its name); ties by creation',
      }),
    ),
    order: Type.Optional(Type.Unsafe<(typeof SORT_ORDERS)[number]>({ type: 'string', enum: [...SORT_ORDERS], default: 'desc', description: '`desc` (the default: newest, last or Z first) or `asc`' })),
  },
  { additionalProperties: false },
);

export const EnvelopeCountsQuerySchema = Type.Object(envelopeScopeQuery, { additionalProperties: false });

export const EnvelopeCountsSchema = Type.Object({
  total: Type.Integer({ description: 'Every envelope in the scope' }),
  byStatus: Type.Object(
    Object.fromEntries(ENVELOPE_STATUSES.map((status) => [status, Type.Integer()])) as Record<(typeof ENVELOPE_STATUSES)[number], ReturnType<typeof Type.Integer>>,
    { description: 'How many are in each status, every status present (0 for none)' },
  ),
});

export const pageOf = (item: TSchema) => Type.Object({ data: Type.Array(item), nextCursor: Nullable(Type.String()) });

export const RoleSchema = Type.Unsafe<(typeof ROLES)[number]>({
  type: 'string',
  enum: [...ROLES],
  description: 'owner: everything, including owners · admin: connections, keys, webhooks, users, every envelope · member: own and shared envelopes and documents, send · viewer: read own and shared',
});
export const ScopeSchema = Type.Unsafe<(typeof SCOPES)[number]>({
  type: 'string',
  enum: [...SCOPES],
  description: Object.entries(SCOPE_DESCRIPTIONS)
    .map(([scope, text]) => `\`${scope}\`: ${text}`)
    .join(' · '),
});

export const ApiKeySchema = Type.Object(
  {
    id: Id('key'),
    name: Type.String(),
    prefix: Type.String({ description: 'The first characters of the key, to tell keys apart' }),
    createdAt: Timestamp,
    lastUsedAt: Nullable(Timestamp),
    revokedAt: Nullable(Timestamp),
    userId: Nullable(Type.String({ description: 'The user the key acts for; null for an installation key (owner-level)' })),
    scopes: Nullable(
      Type.Array(ScopeSchema, {
        description: 'What the key may do, further limited to what its user’s role grants at the time of each request. null: everything its role grants.',
      }),
    ),
  }
);
export const CreatedApiKeySchema = Type.Object({ ...ApiKeySchema.properties, secret: Type.String({ description: 'Shown once; store it now.' }) });
export const CreateApiKeySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Optional(
      Type.Array(ScopeSchema, { minItems: 1, uniqueItems: true, description: 'Defaults to every scope you have. Never more than you have.' }),
    ),
  },
  { additionalProperties: false },
);

export const UserSchema = Type.Object({
  id: Id('acc'),
  email: Type.String(),
  role: RoleSchema,
  status: Type.Unsafe<'invited' | 'active'>({ type: 'string', enum: ['invited', 'active'], description: '`invited` until the person sets a password through their link' }),
  createdAt: Timestamp,
  lastSignInAt: Nullable(Timestamp),
});
export const InviteUserSchema = Type.Object({ email: Email, role: RoleSchema }, { additionalProperties: false });
export const UpdateUserSchema = Type.Object({ role: RoleSchema }, { additionalProperties: false });
export const InvitationSchema = Type.Object({
  url: Type.String({ description: 'The one-time link to hand to the invitee (no mail is sent). Shown this once; only its hash is kept.' }),
  expiresAt: Timestamp,
});
export const InvitedUserSchema = Type.Object({ user: UserSchema, invitation: InvitationSchema });

export const AuditEntrySchema = Type.Object({
  id: Type.String(),
  occurredAt: Timestamp,
  actor: Type.Object({
    type: Type.Unsafe<'user' | 'key' | 'environment'>({ type: 'string', enum: ['user', 'key', 'environment'] }),
    id: Type.String({ description: 'A user id, a key id, or `env` (COUNTERSIGN_API_KEY)' }),
    name: Type.String({ description: 'The email or key name at the time' }),
    accountId: Nullable(Type.String({ description: 'For a key: the user it acts for' })),
  }),
  action: Type.String({ examples: ['connection.created', 'key.revoked', 'user.invited', 'envelope.sent'] }),
  targetId: Nullable(Type.String()),
  targetName: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
});

export const IdParams = <N extends string>(name: N, prefix: string) =>
  Type.Object({ [name]: Type.String({ minLength: 1, maxLength: 40, examples: [`${prefix}_…`] }) } as Record<N, TString>);


export const ConnectionSchema = Type.Object({
  id: Id('con'),
  provider: Type.String({ examples: ['autenti'] }),
  name: Type.String(),
  environment: Type.String({ description: 'production, test, sandbox, or custom' }),
  baseUrl: Type.String(),
  settings: Type.Record(Type.String(), Type.String(), { description: 'The non-secret credentials, e.g. clientId and accountEmail' }),
  publicJwk: Nullable(Type.Record(Type.String(), Type.Unknown(), { description: 'Register this public key at the provider (Autenti: Integration settings → Public key)' })),
  callbackUrl: Nullable(
    Type.String({
      description:
        'Where the provider calls back for immediate status updates; it carries a secret token. Autenti connections subscribe it themselves when the API client has the notification_management scope (see callbackSubscription); otherwise register it at the provider (Autenti: Integration settings → URL)',
    }),
  ),
  callbackSubscription: Nullable(
    Type.Object(
      {
        status: literals(['subscribed', 'manual', 'pending', 'error'] as const),
        id: Nullable(Type.String({ description: 'The provider’s subscription id, e.g. CALLBACK:…' })),
        detail: Type.String({ description: 'What the status means for the admin' }),
      },
      {
        description:
          'Whether Countersign subscribed the provider account to its events (Autenti /applications/callbacks, on a healthy verify and again after a key rotation or settings change). subscribed: nothing to paste; manual: paste callbackUrl at the provider (the client lacks the scope); pending: subscribes at the next verify; error: the last attempt failed, retried at the next verify. null: the provider takes the callback URL per envelope or has no callbacks',
      },
    ),
  ),
  isDefault: Type.Boolean(),
  health: Type.Object({ status: Type.String({ examples: ['ok', 'error', 'unknown'] }), detail: Nullable(Type.String()), checkedAt: Nullable(Timestamp) }),
  usage: Type.Object(
    {
      calls: Type.Integer({ description: 'HTTP requests made to the provider for this connection (each retry counts)' }),
      failures: Type.Integer({ description: 'Of those, the ones that got no answer, a 429 or a 5xx' }),
      since: Timestamp,
    },
    { description: 'Provider calls counted in memory since `since` (the server’s start or the first call): they restart with the server' },
  ),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

// The connection bodies (POST, PATCH) come from the provider registry: src/api/provider-schemas.ts.

export const VerifyResultSchema = Type.Object({
  ok: Type.Boolean(),
  detail: Type.String({ description: 'What works, or in plain words what is wrong' }),
  account: Nullable(Type.String()),
  connection: ConnectionSchema,
});

export const ArtifactSchema = Type.Object({
  id: Id('art'),
  kind: literals(['signed', 'audit'] as const),
  filename: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  documentId: Nullable(Type.String()),
  createdAt: Timestamp,
});

/** A connection as its events carry it: no callback URL (it carries a secret token), no in-memory call counts. */
const EventConnectionSchema = Type.Omit(ConnectionSchema, ['callbackUrl', 'usage']);

/** An event of the events feed (`GET /api/v1/events`), and the body of its webhook deliveries. */
export const FeedEventSchema = Type.Object(
  {
    id: Id('ev'),
    type: literals(EVENT_TYPES),
    occurredAt: Type.String({ format: 'date-time', description: 'When Countersign recorded the change (it committed at this moment)' }),
    envelopeId: Nullable(Type.String({ description: 'The envelope the event is about; null for connection.* events' })),
    data: Type.Object(
      {
        externalRef: Type.Optional(Nullable(Type.String({ description: 'The envelope’s externalRef (envelope.*, participant.*, artifact.*)' }))),
        metadata: Type.Optional(Nullable(Type.Record(Type.String(), Type.String(), { description: 'The envelope’s metadata (envelope.*, participant.*, artifact.*)' }))),
        envelope: Type.Optional({ ...EnvelopeSchema, description: 'envelope.*: the envelope as GET /api/v1/envelopes/{envelopeId} answers it once the change committed' }),
        participant: Type.Optional({ ...ParticipantSchema, description: 'participant.*: the participant as the envelope lists it once the change committed' }),
        artifact: Type.Optional({ ...ArtifactSchema, description: 'artifact.archived: the stored file, as GET /api/v1/envelopes/{envelopeId}/artifacts lists it' }),
        connection: Type.Optional({ ...EventConnectionSchema, description: 'connection.*: the connection as GET /api/v1/connections/{connectionId} answers it, without callbackUrl and usage' }),
      },
      { description: 'The resource the event is about, as the API answers it, and for an envelope’s events its externalRef and metadata' },
    ),
  },
);

export const EventFeedQuerySchema = Type.Object(
  {
    after: Type.Optional(Type.String({ maxLength: 40, pattern: '^ev_[0-9A-Z]{26}$', description: 'An event id (the nextCursor of the previous answer): only the events after it' })),
    types: Type.Optional(Type.String({ maxLength: 1000, description: `Comma-separated event types, e.g. envelope.completed,participant.signed. One of: ${EVENT_TYPES.join(', ')}` })),
    envelopeId: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'Only the events of this envelope' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  },
  { additionalProperties: false },
);

export const EventFeedPageSchema = Type.Object({
  data: Type.Array(FeedEventSchema),
  nextCursor: Nullable(Type.String({ description: 'Pass as `after` next time: the last event returned, or your `after` when nothing was new; null only before the first event' })),
  hasMore: Type.Boolean({ description: 'More events are waiting: ask again at once. false: you are at the end; poll again later' }),
});

export const JobSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  state: literals(['created', 'active', 'retry', 'completed', 'dead'] as const),
  attempts: Type.Integer(),
  progress: Type.Unknown(),
  result: Type.Unknown(),
  lastError: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const WithdrawSchema = Type.Object({ reason: Type.Optional(NullableInput(Type.String({ maxLength: 500 }))) }, { additionalProperties: false });

const resendDecision = Type.Object(
  { decision: Type.Unsafe<'resend'>({ type: 'string', const: 'resend', enum: ['resend'] }) },
  { additionalProperties: false, title: 'Resend', description: 'Forget the last attempt and send again' },
);
const markSentDecision = Type.Object(
  {
    decision: Type.Unsafe<'mark-sent'>({ type: 'string', const: 'mark-sent', enum: ['mark-sent'] }),
    providerReference: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'The id of the envelope the provider did create (ConsignO Cloud: the workflow id)' }),
  },
  { additionalProperties: false, title: 'Mark sent', description: 'The provider has it: record it as sent under this id, then sync it' },
);
/** `POST /envelopes/{id}/send-decision`: told apart by `decision` (OpenAPI `discriminator`), so a refusal names the right fields. */
export const SendDecisionSchema = Type.Unsafe<Static<typeof resendDecision> | Static<typeof markSentDecision>>({
  type: 'object',
  oneOf: [resendDecision, markSentDecision],
  discriminator: { propertyName: 'decision' },
  required: ['decision'],
});

export const ExtendExpirySchema = Type.Object({ expiresAt: Timestamp }, { additionalProperties: false });

const WebhookEventTypesSchema = Type.Array(literals(EVENT_TYPES), {
  minItems: 1,
  uniqueItems: true,
  description: `The event types sent to this endpoint; null or absent: every type, present and future. One of: ${EVENT_TYPES.join(', ')}`,
});
const WebhookUrl = Type.String({
  minLength: 1,
  maxLength: 2048,
  examples: ['https://crm.example.com/hooks/countersign'],
  description:
    'Where deliveries are POSTed: https to a public address. Private, loopback and link-local addresses, `localhost`, credentials in the URL and plain http are refused (422) unless the operator opened them with COUNTERSIGN_ALLOW_PRIVATE_URLS; the address is checked again at every delivery.',
});
const webhookEndpointBodyFields = {
  events: Type.Optional(NullableInput(WebhookEventTypesSchema)),
  description: Type.Optional(NullableInput(Type.String({ maxLength: 500, description: 'For people: what the endpoint is for' }))),
};

export const CreateWebhookEndpointSchema = Type.Object(
  { url: WebhookUrl, ...webhookEndpointBodyFields, enabled: Type.Optional(Type.Boolean({ default: true })) },
  { additionalProperties: false },
);
export const UpdateWebhookEndpointSchema = Type.Object(
  {
    url: Type.Optional(WebhookUrl),
    ...webhookEndpointBodyFields,
    enabled: Type.Optional(Type.Boolean({ description: 'true enables a disabled endpoint again (clearing disabledReason); false disables it and gives up on its pending deliveries' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const WebhookEndpointSchema = Type.Object({
  id: Id('whe'),
  url: Type.String(),
  description: Nullable(Type.String()),
  events: Nullable(Type.Array(literals(EVENT_TYPES), { description: 'The event types sent; null: every type' })),
  enabled: Type.Boolean(),
  disabledReason: Nullable(Type.String({ description: 'Why it is disabled, for its owner: a 410 Gone, every attempt failing for 5 days, or a request. null while enabled' })),
  disabledAt: Nullable(Timestamp),
  failingSince: Nullable(Type.String({ format: 'date-time', description: 'When its current run of failed attempts began; null when the last attempt was delivered' })),
  previousSecretExpiresAt: Nullable(
    Type.String({ format: 'date-time', description: 'After a rotation: until when deliveries are signed with the replaced secret too; null outside that overlap' }),
  ),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export const WebhookEndpointWithSecretSchema = Type.Object({
  ...WebhookEndpointSchema.properties,
  secret: Type.String({
    pattern: '^whsec_[A-Za-z0-9+/]+={0,2}$',
    description: 'The signing secret (Standard Webhooks: whsec_ and base64 of 32 random bytes). Shown this once; store it now. Verify deliveries with it (docs/webhooks.md).',
  }),
});

export const WebhookDeliveryAttemptSchema = Type.Object({
  number: Type.Integer({ minimum: 1 }),
  attemptedAt: Timestamp,
  durationMs: Type.Integer({ description: 'From the request to the end of the answer (or the failure)' }),
  statusCode: Nullable(Type.Integer({ description: 'The answer’s HTTP status; null when there was no answer' })),
  error: Nullable(Type.String({ description: 'Why there was no answer: a timeout, a refused connection, the outbound guard' })),
  responseSnippet: Nullable(Type.String({ description: 'The first 2 KiB of the answer’s body' })),
});

export const WebhookDeliverySchema = Type.Object({
  id: Id('whd'),
  endpointId: Id('whe'),
  eventId: Type.String({ description: 'The event sent, and the `webhook-id` header of every attempt: the same on retries and redeliveries' }),
  eventType: Type.String({ examples: ['envelope.completed', 'ping'] }),
  envelopeId: Nullable(Type.String()),
  status: Type.Unsafe<'pending' | 'delivered' | 'failed'>({
    type: 'string',
    enum: ['pending', 'delivered', 'failed'],
    description: '`pending`: not delivered yet, attempts left (`nextAttemptAt`); `delivered`: a 2xx came back; `failed`: given up on (`lastError` says why); redeliver it to try again',
  }),
  attemptCount: Type.Integer(),
  nextAttemptAt: Nullable(Type.String({ format: 'date-time', description: 'When the next attempt is due (later if an earlier event of the same envelope is still pending); null once finished' })),
  lastAttemptAt: Nullable(Timestamp),
  lastStatusCode: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  deliveredAt: Nullable(Timestamp),
  redeliveryOf: Nullable(Type.String({ description: 'The delivery this one sends again, when made by a redeliver' })),
  createdAt: Timestamp,
  attempts: Type.Array(WebhookDeliveryAttemptSchema),
});

export const WebhookDeliveryQuerySchema = Type.Object(
  {
    ...PageQuerySchema.properties,
    status: Type.Optional(Type.Unsafe<'pending' | 'delivered' | 'failed'>({ type: 'string', enum: ['pending', 'delivered', 'failed'] })),
    envelopeId: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'Only the deliveries of this envelope’s events' })),
  },
  { additionalProperties: false },
);
