import type { FileKind } from '../domain/file-kinds.js';
import { type AuthenticationMethod, type FieldPlacement, type FieldType, type SignatureLevel } from '../domain/participant-options.js';
import type { ParticipantRole } from '../domain/participant-status.js';
import { ProviderError } from './errors.js';
import { PROVIDER_NAMES, type ProviderId } from './ids.js';

// File kinds are the domain's (src/domain/file-kinds.ts); re-exported for adapters and older imports.
export { FILE_KINDS, FILE_KIND_MEDIA_TYPES, fileKindOf, type FileKind } from '../domain/file-kinds.js';

/**
 * What a provider can do, asked by the app instead of `provider.id` (STYLE point 2). An adapter
 * declares only what differs from `DEFAULT_CAPABILITIES` through `defineCapabilities`; every default
 * is the cautious "not supported", so a forgotten line greys a feature out instead of promising it.
 */

export type { SignatureLevel, AuthenticationMethod, FieldType } from '../domain/participant-options.js';
export type AuditProofKind = 'none' | 'pdf' | 'xml' | 'json';
/** How a signature field can be placed: a box by coordinates, or a text anchor in the document. */
export type FieldKind = FieldPlacement;

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
  /** How participants may prove who they are (`sms`: a one-time code by text message, …); `email-link` is the default everywhere. */
  readonly authenticationMethods: readonly AuthenticationMethod[];
  /** Electronic identity schemes for the `eid` method (e.g. `itsme`), in the provider's own names. */
  readonly eidSchemes: readonly string[];
  /** A language per participant (their invitation and signing page), beside the envelope's. */
  readonly participantLanguage: boolean;
  /** Field placements the provider takes; empty: it places signatures itself and fields are refused. */
  readonly signatureFields: readonly FieldKind[];
  /** Kinds of field the provider takes (signature, text, date, initials), when it takes fields at all. */
  readonly fieldTypes: readonly FieldType[];
  /** A text anchor may name the `pages` to look on and move the field by `offsetX`/`offsetY`. */
  readonly anchorAdjustments: boolean;
  /**
   * One person (email) in several roles of one envelope that each need them to act (e.g. approve,
   * then sign). A receiver who also has another role is always allowed: where this is false the
   * adapter sends that person once, and the receiver completes with the envelope.
   */
  readonly repeatedParticipants: boolean;
  /** Several participants in one step, acting in parallel. */
  readonly parallelSteps: boolean;
  /** An expiry given at send time. */
  readonly expiry: boolean;
  /** `all-pending`: one call reminds everyone who has not acted; `selected`: chosen participants. */
  readonly reminders: 'none' | 'all-pending' | 'selected';
  readonly withdraw: boolean;
  /**
   * Withdrawing deletes the envelope at the provider (ConsignO's only cancellation is `DELETE`): the
   * web app and CLI say so before they do it.
   */
  readonly withdrawDeletes: boolean;
  /** Moving the expiry of a sent envelope. */
  readonly expiryChange: boolean;
  readonly skipPending: boolean;
  /** Deleting a sent (or finished) envelope at the provider (the adapter's `delete`). */
  readonly deletion: boolean;
  /**
   * A signing URL the host application can open or frame instead of the provider's email: participants
   * with `delivery.mode` `embedded`, and the adapter's `signingUrl` method.
   */
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
  authenticationMethods: Object.freeze(['email-link'] as const),
  eidSchemes: Object.freeze([]),
  participantLanguage: false,
  signatureFields: Object.freeze([]),
  fieldTypes: Object.freeze([]),
  anchorAdjustments: false,
  repeatedParticipants: false,
  parallelSteps: false,
  expiry: false,
  reminders: 'none',
  withdraw: false,
  withdrawDeletes: false,
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
  | 'participantLanguage'
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
  participantLanguage: 'a language per participant',
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
