import type { FieldError } from '../domain/errors.js';
import type { ParticipantRole } from '../domain/participant-status.js';
import { ProviderError } from './errors.js';
import { PROVIDER_NAMES, type ProviderId, type SendRequest } from './provider.js';

/**
 * What a provider can do, asked by the app instead of `provider.id` (STYLE point 2). An adapter
 * declares only what differs from `DEFAULT_CAPABILITIES` through `defineCapabilities`; every default
 * is the cautious "not supported", so a forgotten line greys a feature out instead of promising it.
 */

export const FILE_KINDS = ['pdf', 'doc', 'docx', 'odt', 'ods', 'xls', 'xlsx'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/**
 * Media types as stored on documents. Same values as src/app/documents/media-type.ts, which resolves
 * a compound file (`application/x-cfb`) to `doc` or `xls` at upload; providers/ may not import app/.
 */
export const FILE_KIND_MEDIA_TYPES: Readonly<Record<FileKind, string>> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function fileKindOf(mediaType: string): FileKind | undefined {
  return FILE_KINDS.find((kind) => FILE_KIND_MEDIA_TYPES[kind] === mediaType);
}

export type SignatureLevel = 'basic' | 'advanced' | 'qualified';
export type AuditProofKind = 'none' | 'pdf' | 'xml' | 'json';
/** How a signature field can be placed: a box by coordinates, or a text anchor in the document. */
export type FieldKind = 'box' | 'anchor';

export type Capabilities = {
  /** Kinds of file the provider signs. */
  readonly fileKinds: readonly FileKind[];
  /** Limits; `null` where the provider documents none. */
  readonly maxDocuments: number | null;
  readonly maxParticipants: number | null;
  readonly maxFileBytes: number | null;
  /** ISO 639-1 codes the provider accepts for the envelope language; `null`: not restricted. */
  readonly languages: readonly string[] | null;
  readonly roles: readonly ParticipantRole[];
  /** Levels a participant may ask for; a participant without one gets the provider's default. */
  readonly signatureLevels: readonly SignatureLevel[];
  /** A one-time SMS code before signing. */
  readonly smsAuthentication: boolean;
  /** Field placements the provider takes; empty: it places signatures itself and fields are refused. */
  readonly signatureFields: readonly FieldKind[];
  /** Several participants in one step, acting in parallel. */
  readonly parallelSteps: boolean;
  /** An expiry given at send time. */
  readonly expiry: boolean;
  /** `all-pending`: one call reminds everyone who has not acted; `selected`: chosen participants. */
  readonly reminders: 'none' | 'all-pending' | 'selected';
  readonly withdraw: boolean;
  /** Moving the expiry of a sent envelope. */
  readonly expiryChange: boolean;
  readonly skipPending: boolean;
  /** Deleting a sent (or finished) envelope at the provider (`ProviderAdapter.delete`). */
  readonly deletion: boolean;
  /** A signing URL the host application can open or frame instead of the provider's email. */
  readonly embeddedSigning: boolean;
  readonly auditProof: AuditProofKind;
  /** The provider calls Countersign back when an envelope changes. */
  readonly callbacks: boolean;
  /** `changesSince` is implemented. */
  readonly deltaListing: boolean;
  /** The provider's documented call budget per connection, honoured by the shared HTTP client. */
  readonly rateLimit: { readonly calls: number; readonly perMs: number } | null;
};

export const DEFAULT_CAPABILITIES: Capabilities = Object.freeze({
  fileKinds: Object.freeze(['pdf'] as const),
  maxDocuments: null,
  maxParticipants: null,
  maxFileBytes: null,
  languages: null,
  roles: Object.freeze(['signer'] as const),
  signatureLevels: Object.freeze([]),
  smsAuthentication: false,
  signatureFields: Object.freeze([]),
  parallelSteps: false,
  expiry: false,
  reminders: 'none',
  withdraw: false,
  expiryChange: false,
  skipPending: false,
  deletion: false,
  embeddedSigning: false,
  auditProof: 'none',
  callbacks: false,
  deltaListing: false,
  rateLimit: null,
});

/** A provider's capabilities: the defaults with `partial` laid over them, frozen. */
export function defineCapabilities(partial: Partial<Capabilities>): Capabilities {
  const merged: Record<string, unknown> = { ...DEFAULT_CAPABILITIES };
  for (const [name, value] of Object.entries(partial)) {
    // An explicit `undefined` means "not stated", so the default stands.
    if (value !== undefined) merged[name] = Array.isArray(value) ? Object.freeze([...value]) : value;
  }
  return Object.freeze(merged) as Capabilities;
}

/** Capabilities that switch an operation on or off (limits and lists are checked by `checkSendRequest`). */
export type Feature =
  | 'smsAuthentication'
  | 'parallelSteps'
  | 'expiry'
  | 'reminders'
  | 'withdraw'
  | 'expiryChange'
  | 'skipPending'
  | 'deletion'
  | 'embeddedSigning'
  | 'auditProof'
  | 'callbacks'
  | 'deltaListing';

const FEATURE_DESCRIPTIONS: Readonly<Record<Feature, string>> = {
  smsAuthentication: 'SMS codes for participants',
  parallelSteps: 'several participants signing in parallel in one step',
  expiry: 'an expiry date on envelopes',
  reminders: 'reminders',
  withdraw: 'withdrawing a sent envelope',
  expiryChange: 'changing the expiry of a sent envelope',
  skipPending: 'skipping participants who have not acted',
  deletion: 'deleting envelopes that were sent to it',
  embeddedSigning: 'embedded signing',
  auditProof: 'downloading an audit proof',
  callbacks: 'status callbacks',
  deltaListing: 'listing envelopes changed since the last sync',
};

export function supports(capabilities: Capabilities, feature: Feature): boolean {
  const value = capabilities[feature];
  return value === true || (typeof value === 'string' && value !== 'none');
}

/** Throws `ProviderError` of kind `unsupported` (PROVIDER_UNSUPPORTED, a 422) naming the feature and provider. */
export function requireCapability(
  provider: { readonly id: ProviderId; readonly capabilities: Capabilities },
  feature: Feature,
): void {
  if (supports(provider.capabilities, feature)) return;
  const name = PROVIDER_NAMES[provider.id];
  throw ProviderError.unsupported(
    provider.id,
    feature,
    `${name} does not support ${FEATURE_DESCRIPTIONS[feature]} (capability "${feature}"). Do it in ${name} directly, or use a connection to a provider that supports it.`,
  );
}

/**
 * Everything in `request` the provider cannot take, as field errors for a 422, before any provider
 * call. Empty when the request fits. Adapters may rely on it having been checked.
 */
export function checkSendRequest(
  provider: { readonly id: ProviderId; readonly capabilities: Capabilities },
  request: SendRequest,
): FieldError[] {
  const caps = provider.capabilities;
  const name = PROVIDER_NAMES[provider.id];
  const problems: FieldError[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  const list = (values: readonly string[]) => (values.length === 0 ? 'none' : values.join(', '));

  if (caps.maxDocuments !== null && request.documents.length > caps.maxDocuments) {
    problem('documents', `${name} takes at most ${caps.maxDocuments} documents per envelope; this one has ${request.documents.length}.`);
  }
  request.documents.forEach((document, index) => {
    const kind = fileKindOf(document.mediaType);
    if (kind === undefined || !caps.fileKinds.includes(kind)) {
      problem(`documents[${index}]`, `${name} accepts ${list(caps.fileKinds)} files; ${document.filename} is ${kind ?? document.mediaType}.`);
    }
    if (caps.maxFileBytes !== null && document.size > caps.maxFileBytes) {
      problem(`documents[${index}]`, `${name} accepts files up to ${caps.maxFileBytes} bytes; ${document.filename} has ${document.size}.`);
    }
  });
  if (caps.maxParticipants !== null && request.participants.length > caps.maxParticipants) {
    problem('participants', `${name} takes at most ${caps.maxParticipants} participants per envelope; this one has ${request.participants.length}.`);
  }
  if (request.expiresAt !== null && !caps.expiry) {
    problem('expiresAt', `${name} does not take an expiry date; remove it.`);
  }
  if (request.language !== null && caps.languages !== null && !caps.languages.includes(request.language)) {
    problem('language', `${name} supports the languages ${list(caps.languages)}; got "${request.language}".`);
  }

  const steps = new Map<number, number>();
  request.participants.forEach((participant, index) => {
    const path = `participants[${index}]`;
    steps.set(participant.step, (steps.get(participant.step) ?? 0) + 1);
    if (!caps.roles.includes(participant.role)) {
      problem(`${path}.role`, `${name} supports the roles ${list(caps.roles)}; not ${participant.role}.`);
    }
    if (participant.signatureLevel !== null && !caps.signatureLevels.includes(participant.signatureLevel)) {
      problem(`${path}.signatureLevel`, `${name} supports the signature levels ${list(caps.signatureLevels)}; not ${participant.signatureLevel}.`);
    }
    if (participant.authentication.sms === true) {
      if (!caps.smsAuthentication) problem(`${path}.authentication.sms`, `${name} does not send SMS codes through Countersign.`);
      else if (participant.phone === null) problem(`${path}.phone`, 'An SMS code needs a phone number.');
    }
    participant.fields.forEach((field, fieldIndex) => {
      if (!caps.signatureFields.includes(field.kind)) {
        const how = caps.signatureFields.length === 0 ? 'places signatures itself; remove the field' : `takes only ${list(caps.signatureFields)} fields`;
        problem(`${path}.fields[${fieldIndex}]`, `${name} ${how}.`);
      }
    });
  });
  if (!caps.parallelSteps && [...steps.values()].some((count) => count > 1)) {
    problem('participants', `${name} cannot have several participants act in parallel; give each participant their own step.`);
  }
  return problems;
}
