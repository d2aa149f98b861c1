/**
 * What the sandbox keeps of a package (seed 001 and the reference definition's PackageStatus). Stored as
 * one JSON document per package in the sandbox's SQLite file (store.ts).
 */

export const PACKAGE_STATUSES = ['Draft', 'Pending', 'Finished', 'Rejected', 'Revoked', 'Expired', 'Failed'] as const;
export type PackageStatus = (typeof PACKAGE_STATUSES)[number];

export type ActorStatus = 'Draft' | 'Waiting' | 'Available' | 'Finished' | 'Rejected' | 'Skipped' | 'Failed';
export type ActorType = 'Signer' | 'Receiver' | 'Approver';
/** `manual`: a click on the signing page; `SmsOtp`: the click plus a code sent by text message. */
export type SigningType = 'manual' | 'SmsOtp';

/** A signing location: where one signature goes, in PDF points from the page's top-left corner. */
export interface StoredLocation {
  id: string;
  label: string | null;
  pageNumber: number;
  left: number;
  top: number;
  width: number;
  height: number;
  /** Made by the sandbox (Set Process Information on a package without locations), not asked for. */
  implicit?: boolean;
}

export interface StoredDocument {
  id: string;
  name: string;
  language: string | null;
  /** Always `application/pdf`: the only type the sandbox signs. */
  type: string;
  externalReference: string | null;
  correlationId: string | null;
  /** Relative to the store's files folder. */
  sourcePath: string;
  /** Set once the package finished and some signer signed this document. */
  signedPath: string | null;
  bytes: number;
  pages: Array<{ width: number; height: number }>;
  locations: StoredLocation[];
  createdAt: string;
}

export interface StoredActor {
  id: string;
  type: ActorType;
  /** Null for a receiver sent without one. */
  orderIndex: number | null;
  locationIds: string[];
  signingType: SigningType;
  phonenumber: string | null;
  redirectUrl: string | null;
  sendNotifications: boolean;
  status: ActorStatus;
  /** The secret of the actor's signing page link (ActionUrl). */
  token: string;
  completedBy: string | null;
  completedAt: string | null;
  reason: string | null;
  usedSigningType: SigningType | null;
  otp: { code: string; expiresAt: string } | null;
}

export interface StoredStakeholder {
  id: string;
  type: 'Person';
  email: string;
  firstName: string;
  lastName: string;
  language: string | null;
  birthDate: string | null;
  externalReference: string | null;
  actors: StoredActor[];
}

/** One line of the audit trail (audit proof `events`). */
export interface PackageEvent {
  at: string;
  type: string;
  actorId: string | null;
  detail: string | null;
}

/** A proof added by `POST packages/{id}/auditproof/proofs`. */
export interface ExternalProof {
  name: string;
  type: string;
  content: string;
  locationId: string | null;
  description: string | null;
  ipAddress: string | null;
  addedAt: string;
}

export interface StoredPackage {
  id: string;
  /** The API user that created it: packages are seen by their creator only. */
  owner: string;
  name: string;
  initiator: string | null;
  callbackUrl: string | null;
  expiryTimestamp: string | null;
  externalReference: string | null;
  correlationId: string | null;
  status: PackageStatus;
  createdAt: string;
  documents: StoredDocument[];
  stakeholders: StoredStakeholder[];
  events: PackageEvent[];
  proofs: ExternalProof[];
}

/** Every actor of a package, with its stakeholder. */
export function actorsOf(pkg: StoredPackage): Array<{ stakeholder: StoredStakeholder; actor: StoredActor }> {
  return pkg.stakeholders.flatMap((stakeholder) => stakeholder.actors.map((actor) => ({ stakeholder, actor })));
}

/** Signers and approvers: the actors whose action the package waits for (receivers only get copies). */
export const isActing = (actor: StoredActor) => actor.type !== 'Receiver';

export const fullName = (stakeholder: StoredStakeholder) => `${stakeholder.firstName} ${stakeholder.lastName}`.trim();
