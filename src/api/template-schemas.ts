import { Type, type Static } from 'typebox';
import { PARTICIPANT_ROLES } from '../domain/participant-status.js';
import { SIGNATURE_LEVELS } from '../domain/participant-options.js';
import { BULK_SEND_MAX_ROWS, ROLE_KEY_PATTERN } from '../domain/templates.js';
import {
  DeliverySchema,
  EidScheme,
  Email,
  envelopeFields,
  Id,
  Language,
  literals,
  method,
  Name,
  Nullable,
  NullableInput,
  Phone,
  SecretQuestion,
  SignatureFieldSchema,
  SimpleMethod,
  Timestamp,
} from './schemas.js';

/** Templates and bulk sends (docs/templates.md): request and response schemas, the OpenAPI document's source. */

const TemplateAuthenticationSchema = Type.Union(
  [
    SimpleMethod,
    Type.Object(
      { method: method('secret'), question: SecretQuestion },
      { additionalProperties: false, description: 'A question the person answers; the answer is given with each person (`secretAnswer`).' },
    ),
    Type.Object({ method: method('eid'), scheme: EidScheme }, { additionalProperties: false }),
  ],
  { description: 'One way the role’s person proves who they are.' },
);

export const TemplateRoleSchema = Type.Object(
  {
    key: Type.String({ pattern: ROLE_KEY_PATTERN, description: 'Names the role where it is filled: `people.<key>`, and the CSV columns `<key>.email`…', examples: ['signer1'] }),
    label: Type.String({ minLength: 1, maxLength: 100, description: 'For people', examples: ['Tenant'] }),
    role: literals(PARTICIPANT_ROLES),
    step: Type.Integer({ minimum: 1, maximum: 100 }),
    authentication: Type.Array(TemplateAuthenticationSchema, { minItems: 1, maxItems: 4 }),
    signatureLevel: NullableInput(literals(SIGNATURE_LEVELS)),
    language: NullableInput(Language),
    delivery: DeliverySchema,
    fields: Type.Array(SignatureFieldSchema, { maxItems: 50, description: 'Where this role signs; each on a document of the template.' }),
  },
  { additionalProperties: false, description: 'A participant to be: everything but the person.' },
);

const ExpiryDays = Type.Integer({ minimum: 1, maximum: 3650, description: 'Envelopes made from it expire this many days after they are made.' });

export const TemplateSchema = Type.Object({
  id: Id('tpl'),
  name: Type.String(),
  title: Type.String({ description: 'The title of envelopes made from it, unless one is given.' }),
  message: Nullable(Type.String()),
  language: Nullable(Type.String()),
  expiryDays: Nullable(Type.Integer()),
  documentIds: Type.Array(Type.String()),
  roles: Type.Array(TemplateRoleSchema),
  sourceEnvelopeId: Nullable(Type.String({ description: 'The envelope it was saved from.' })),
  createdBy: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const TemplateName = Type.String({ minLength: 1, maxLength: 200 });

export const SaveTemplateSchema = Type.Object(
  {
    name: TemplateName,
    envelopeId: Type.String({ minLength: 1, maxLength: 40, description: 'The envelope (any status) whose documents, participants as roles, fields, message and expiry it keeps.' }),
  },
  { additionalProperties: false },
);

export const UpdateTemplateSchema = Type.Object(
  {
    name: Type.Optional(TemplateName),
    title: Type.Optional(envelopeFields.title),
    message: Type.Optional(NullableInput(Type.String({ maxLength: 2000 }))),
    language: Type.Optional(NullableInput(Language)),
    expiryDays: Type.Optional(NullableInput(ExpiryDays)),
    documentIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { minItems: 1, maxItems: 50 })),
    roles: Type.Optional(Type.Array(TemplateRoleSchema, { minItems: 1, maxItems: 50, description: 'Replaces the roles.' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateTemplateBody = Static<typeof UpdateTemplateSchema>;

/** One person filling a role; the same rules as an envelope's participant. A bulk send checks each CSV row's people with it. */
export const RolePersonSchema = Type.Object(
  {
    firstName: Name,
    lastName: Name,
    email: Email,
    phone: Type.Optional(NullableInput(Phone)),
    secretAnswer: Type.Optional(NullableInput(Type.String({ minLength: 1, maxLength: 200, description: 'The answer to the role’s secret question; stored encrypted, never returned.' }))),
  },
  { additionalProperties: false },
);

export const FillTemplateSchema = Type.Object(
  {
    people: Type.Record(Type.String({ pattern: ROLE_KEY_PATTERN }), RolePersonSchema, { description: 'The person of each role, by its key: every role needs one.' }),
    title: Type.Optional(envelopeFields.title),
    connectionId: envelopeFields.connectionId,
    externalRef: envelopeFields.externalRef,
    metadata: envelopeFields.metadata,
  },
  { additionalProperties: false },
);

export const StartBulkSendSchema = Type.Object(
  {
    csv: Type.String({
      minLength: 1,
      maxLength: 512 * 1024,
      description: `The CSV text (docs/templates.md): a header row, then one row per envelope, at most ${BULK_SEND_MAX_ROWS} rows. GET …/bulk-send.csv gives the template's header with example rows.`,
    }),
    connectionId: envelopeFields.connectionId,
  },
  { additionalProperties: false },
);

const FieldErrorSchema = Type.Object({ path: Type.String(), message: Type.String() });
const ROW_STATUSES = ['pending', 'created', 'sent', 'failed'] as const;

export const BulkSendRowSchema = Type.Object({
  row: Type.Integer({ description: 'The row’s number among the CSV’s data rows, from 1.' }),
  status: literals(ROW_STATUSES),
  cells: Type.Record(Type.String(), Type.String(), { description: 'The row’s values, secret answers left out.' }),
  envelopeId: Nullable(Type.String()),
  detail: Nullable(Type.String({ description: 'Why the row failed: the refusal its envelope met.' })),
  errors: Type.Array(FieldErrorSchema),
});

export const BulkSendSchema = Type.Object({
  id: Id('bks'),
  templateId: Type.String(),
  connectionId: Nullable(Type.String()),
  status: literals(['running', 'completed'] as const),
  rowCount: Type.Integer(),
  counts: Type.Object({ pending: Type.Integer(), created: Type.Integer(), sent: Type.Integer(), failed: Type.Integer() }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  rows: Type.Optional(Type.Array(BulkSendRowSchema)),
});
