import type { EnvelopeStatus } from '../domain/envelope-status.js';
import type { ParticipantRole, ParticipantStatus } from '../domain/participant-status.js';

/**
 * What a provider says about one envelope at one moment, in Countersign's words *and* its own: every
 * status carries the unified value beside the raw one (STYLE point 3), so nothing the provider said is
 * lost and a status this version does not know never crashes a mapping. The app applies a snapshot
 * through the status machine (`advanceEnvelopeTowards`, `advanceParticipantTowards`); a snapshot never
 * moves anything backwards.
 */

/** A provider's own id for an envelope: Autenti `DOCUMENT_PROCESS:…`, Connective package id, ConsignO workflow id. */
export type ProviderReference = string;

/** The envelope statuses a provider can report. `ready` and `sending` are Countersign's own, before the provider has it. */
export type ProviderEnvelopeStatus = Extract<
  EnvelopeStatus,
  'draft' | 'sent' | 'completed' | 'rejected' | 'withdrawn' | 'expired' | 'failed'
>;

/** The participant statuses a provider can report. `pending` (not sent yet) is Countersign's own. */
export type ProviderParticipantStatus = Exclude<ParticipantStatus, 'pending'>;

/**
 * A status in both vocabularies. `unified` is `null` when the provider reported something this
 * version cannot map (a status added after the adapter was written): the app keeps the current status
 * and records `raw` in the envelope's history instead of guessing.
 */
export type StatusPair<Unified extends string> = {
  readonly unified: Unified | null;
  /** Exactly what the provider said, e.g. `{ status: 'PROCESSING' }` or `'Pending'`. JSON-serialisable. */
  readonly raw: unknown;
};

/**
 * How a snapshot participant is tied to a Countersign participant. The app tries, in order:
 * `participantId`, `providerReference` (once learned), then email + role (+ step).
 */
export type ParticipantMatch = {
  /** Countersign's participant id, when the provider echoes our reference back (Connective `ExternalStakeholderReference`). */
  readonly participantId?: string;
  /** The provider's id: Autenti `party.id`, Connective `StakeholderId`, ConsignO the action's signer `ref`. */
  readonly providerReference?: string;
  /** Lower-case email address. */
  readonly email: string;
  readonly role?: ParticipantRole;
  /** Autenti `PARTICIPATION_PRIORITY`, Connective `OrderIndex`, ConsignO `step`, when the provider reports it. */
  readonly step?: number;
};

export type ParticipantSnapshot = {
  readonly match: ParticipantMatch;
  readonly status: StatusPair<ProviderParticipantStatus>;
  /** The participant's own words: Autenti rejection `comment`, Connective actor `Reason`. */
  readonly rejectionReason?: string;
  /** A link the participant can open to act: Connective `ActionUrl`, ConsignO embedded signing URL. */
  readonly signingUrl?: string;
  /** ISO 8601 instants, each present only when the provider reports it. */
  readonly timestamps: {
    readonly notifiedAt?: string;
    readonly viewedAt?: string;
    readonly completedAt?: string;
    readonly rejectedAt?: string;
  };
};

export type ProviderSnapshot = {
  readonly reference: ProviderReference;
  /**
   * `full`: `participants` lists everyone the provider reports for the envelope. `summary`: only the
   * envelope status is known (a list entry such as Connective's `Package { Id, PackageStatus }`,
   * seed 001 "Package List"); `participants` is empty and the app calls `fetch` when it needs more.
   */
  readonly detail: 'full' | 'summary';
  readonly status: StatusPair<ProviderEnvelopeStatus>;
  /** Countersign participants only: Autenti's `SENDER` party and similar bookkeeping entries are left out. */
  readonly participants: readonly ParticipantSnapshot[];
  readonly expiresAt?: string;
  /** When the provider last changed the envelope (Autenti `modifiedAt`); delta sync cursors use it. */
  readonly modifiedAt?: string;
  readonly completedAt?: string;
  /** Why the envelope is in its status when the provider says so (a rejection, a failure). */
  readonly reason?: string;
};
