import { Type, type TObject, type TSchema } from 'typebox';
import { PARTICIPANT_ROLES } from '../domain/participant-status.js';
import { FILE_KINDS } from '../domain/file-kinds.js';
import { AUTHENTICATION_METHODS, FIELD_TYPES, SIGNATURE_LEVELS } from '../domain/participant-options.js';
import type { Capabilities } from '../providers/capabilities.js';
import { credentialFields, type ProviderDescriptor } from '../providers/descriptor.js';

/**
 * The API shapes that come from the provider registry: `GET /api/v1/providers` and the connection
 * bodies, whose credential fields are each provider's own credentials schema (its descriptor).
 */

const literals = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);

const capabilityProperties = {
  fileKinds: Type.Array(literals(FILE_KINDS), { description: 'Kinds of file the provider signs' }),
  maxDocuments: Nullable(Type.Integer({ description: 'null: the provider documents no limit' })),
  maxParticipants: Nullable(Type.Integer()),
  maxFileBytes: Nullable(Type.Integer()),
  languages: Nullable(Type.Array(Type.String(), { description: 'ISO 639-1 codes for the envelope language; null: not restricted' })),
  roles: Type.Array(literals(PARTICIPANT_ROLES)),
  signatureLevels: Type.Array(literals(SIGNATURE_LEVELS)),
  authenticationMethods: Type.Array(literals(AUTHENTICATION_METHODS), { description: 'How a participant may prove who they are; `email-link` is the default' }),
  eidSchemes: Type.Array(Type.String(), { description: 'Identity schemes for the `eid` method, e.g. itsme' }),
  participantLanguage: Type.Boolean({ description: 'A language per participant, not only per envelope' }),
  signatureFields: Type.Array(literals(['box', 'anchor'] as const), { description: 'Field placements taken; empty: the provider places signatures itself' }),
  fieldTypes: Type.Array(literals(FIELD_TYPES), { description: 'Kinds of field a participant fills' }),
  anchorAdjustments: Type.Boolean({ description: 'A text anchor may name the pages to look on and move the field by offsetX/offsetY' }),
  repeatedParticipants: Type.Boolean({ description: 'One person may act twice in one envelope' }),
  parallelSteps: Type.Boolean(),
  expiry: Type.Boolean({ description: 'An expiry date given at send time' }),
  reminders: literals(['none', 'all-pending', 'selected'] as const),
  withdraw: Type.Boolean(),
  withdrawDeletes: Type.Boolean({ description: 'Withdrawing deletes the envelope at the provider (its only cancellation); ask before doing it' }),
  expiryChange: Type.Boolean({ description: 'Moving the expiry of a sent envelope' }),
  skipPending: Type.Boolean(),
  deletion: Type.Boolean({ description: 'Deleting a sent envelope at the provider (DELETE /envelopes/{id}?confirm=true)' }),
  embeddedSigning: Type.Boolean(),
  auditProof: literals(['none', 'pdf', 'xml', 'json'] as const),
  callbacks: Type.Boolean(),
  deltaListing: Type.Boolean({ description: 'Sync lists only what changed' }),
  rateLimit: Nullable(Type.Object({ calls: Type.Integer(), perMs: Type.Integer() }, { description: 'The documented call budget per connection' })),
  // A capability added to `Capabilities` without a line here fails the typecheck: the API documents every one.
} satisfies Record<keyof Capabilities, TSchema>;

/** The `Capabilities` object (src/providers/capabilities.ts). An action a provider cannot do is refused with 422 naming the capability. */
export const CapabilitiesSchema = Type.Unsafe<Capabilities>(Type.Object(capabilityProperties, { additionalProperties: true }));

export const CredentialFieldSchema = Type.Object({
  name: Type.String({ description: 'The property of the connection body', examples: ['clientId'] }),
  label: Type.String({ description: 'In the provider’s own words', examples: ['Client application ID'] }),
  secret: Type.Boolean({ description: 'Sealed at rest and never returned' }),
  format: Type.Optional(Type.String({ examples: ['email'] })),
  required: Type.Boolean(),
});

export const ProviderEntrySchema = Type.Object({
  id: Type.String({ examples: ['autenti'] }),
  name: Type.String({ examples: ['Autenti'] }),
  environments: Type.Record(Type.String(), Type.String(), {
    description: 'API roots by name; `sandbox` is `builtin:sandbox`, the emulator built into this server (at `sandboxApiPath`)',
  }),
  urlExample: Type.String({ description: 'An API root as an administrator would type it (a custom URL’s example)', examples: ['https://api.autenti.com/api/v2/'] }),
  credentials: Type.Array(CredentialFieldSchema, { description: 'The connection’s credential fields, from the provider’s credentials schema' }),
  keyPair: Type.Boolean({ description: 'Countersign generates an RSA key pair whose public key is registered at the provider' }),
  capabilities: CapabilitiesSchema,
  sandboxPath: Type.Optional(Type.String({ examples: ['/sandbox/autenti'] })),
  sandboxApiPath: Type.Optional(Type.String({ examples: ['/sandbox/autenti/api/v2/'] })),
  sandboxPages: Type.Optional(
    Type.Record(Type.String(), Type.String(), {
      description: 'The built-in sandbox’s pages worth a link, by name, as paths on this server',
      examples: [{ integrationSettings: '/sandbox/autenti/integration-settings', mailbox: '/sandbox/autenti/_sandbox/mailbox?to=EMAIL' }],
    }),
  ),
});

const connectionFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  baseUrl: Type.String({ minLength: 1, maxLength: 500, description: 'production, test, sandbox, or the API root URL', examples: ['sandbox'] }),
  makeDefault: Type.Boolean(),
};

export type ConnectionBody = { provider: string; name: string; baseUrl: string; makeDefault?: boolean } & Record<string, string | boolean | undefined>;
export type ConnectionPatchBody = { name?: string; baseUrl?: string; makeDefault?: boolean } & Record<string, string | boolean | undefined>;

/**
 * `POST /connections`: one object per provider, told apart by `provider` (OpenAPI `discriminator`),
 * each with its credentials schema's properties beside the common fields.
 */
export function createConnectionSchema(registry: readonly ProviderDescriptor[]) {
  const branches: TObject[] = registry.map((descriptor) =>
    Type.Object(
      {
        provider: Type.Unsafe<string>({ type: 'string', const: descriptor.id, enum: [descriptor.id] }),
        name: connectionFields.name,
        baseUrl: connectionFields.baseUrl,
        ...descriptor.credentials.properties,
        makeDefault: Type.Optional(connectionFields.makeDefault),
      },
      { additionalProperties: false, title: `${descriptor.name} connection` },
    ),
  );
  return Type.Unsafe<ConnectionBody>({ type: 'object', oneOf: branches, discriminator: { propertyName: 'provider' }, required: ['provider'] });
}

/**
 * `PATCH /connections/{id}`: the common fields and every provider's credential names, each a string
 * here; the connection's own provider's schema checks them in full (a 422 names the field).
 */
export function updateConnectionSchema(registry: readonly ProviderDescriptor[]) {
  const owners = new Map<string, { label: string; secret: boolean; providers: string[] }>();
  for (const descriptor of registry) {
    for (const field of credentialFields(descriptor.credentials)) {
      const owner = owners.get(field.name) ?? { label: field.label, secret: false, providers: [] };
      owner.secret ||= field.secret;
      owner.providers.push(descriptor.id);
      owners.set(field.name, owner);
    }
  }
  const credentials = Object.fromEntries(
    [...owners].map(([name, owner]) => [
      name,
      Type.Optional(Type.String({ maxLength: 2000, description: `${owner.label} (${owner.providers.join(', ')})`, ...(owner.secret ? { writeOnly: true } : {}) })),
    ]),
  );
  return Type.Unsafe<ConnectionPatchBody>(
    Type.Object(
      {
        name: Type.Optional(connectionFields.name),
        baseUrl: Type.Optional(connectionFields.baseUrl),
        makeDefault: Type.Optional(connectionFields.makeDefault),
        ...credentials,
      },
      { additionalProperties: false, minProperties: 1 },
    ),
  );
}
