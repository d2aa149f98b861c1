/**
 * What the sandbox keeps (seed 002 and the reference facts): API users, uploaded documents, and
 * workflows stored as one JSON document each in the sandbox's SQLite file (store.ts).
 */
import type { Zone } from './anchors.js';

/** Workflow status numbers of ConsignO Cloud (4, "from template", is never produced here). */
export const WORKFLOW_STATUS = { created: 0, launched: 1, completed: 2, expired: 3, declined: 5, deleted: 6 } as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUS)[keyof typeof WORKFLOW_STATUS];

export type ActionStatus = 'NOT_STARTED' | 'STARTED' | 'IN_PROGRESS' | 'COMPLETED' | 'DECLINED';
export type SignerType = 'esig' | 'certifio' | 'certifiocloud' | 'approver' | 'freezone';
export type Amr = 'link' | 'sms' | 'call' | 'secret';
export type SecondFactor = 'sms' | 'call' | 'secret';

export interface ApiUserRecord {
  username: string;
  /** SHA-256 hex of the password (32 random bytes, so a plain digest is enough). */
  passwordHash: string;
  firstName: string;
  lastName: string;
  email: string;
  /** ConsignO's default is two factors; Notarius can turn the second off per organisation (seed 002, AMR). */
  secondFactorRequired: boolean;
  /** Embedded signing needs a tenant configured for it (seed 002, Embedded Signing). */
  embeddedAllowed: boolean;
  lang: 'en' | 'fr';
  /** Bumped on every change of a mutable claim; a token carrying an older `ver` is rotated. */
  ver: number;
  createdAt: string;
}

export interface UploadedDocument {
  id: string;
  owner: string;
  name: string;
  size: number;
  pages: number;
  pdfa: boolean;
  /** Relative to the store's files folder. */
  path: string;
  /** The workflow that took it: a document serves one workflow only (seed 002, /documents). */
  workflowId: string | null;
  createdAt: number;
}

export interface StoredSigner {
  type: SignerType;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  amr: Amr[];
  lang: 'en' | 'fr';
  clientUserId: string | null;
  ref: string | null;
  secretQuestion: string | null;
  /** Kept to check the page's answer; never shown in a view or the call log. */
  secretAnswer: string | null;
}

export interface StoredAction {
  id: string;
  ref: string | null;
  step: number;
  mode: 'remote' | 'embedded';
  returnUrl: string | null;
  zoneLabel: string | null;
  signer: StoredSigner;
  status: ActionStatus;
  statusDate: number;
  secondFactorUsed: SecondFactor[];
  declineReason: string | null;
  /** The secret of the action's signing page link. */
  token: string;
  /** The second factor passed on the signing page, once it is (null until then). */
  factorPassed: SecondFactor | 'none' | null;
  otp: { code: string; channel: 'sms' | 'call'; expiresAt: number } | null;
  completedAt: number | null;
}

export interface StoredDocument {
  documentId: string;
  originalDocumentId: string;
  name: string;
  pages: number;
  /** The file as uploaded, relative to the files folder. */
  sourcePath: string;
  /** The current file: the source until someone signed, then the latest signed version. */
  currentPath: string;
  zones: Zone[];
}

export interface StoredEvent {
  at: number;
  /** `Name <email>` or `system`. */
  actor: string;
  event: string;
  secondFactor: string | null;
  detail: string | null;
}

export interface StoredWorkflow {
  id: string;
  version: number;
  owner: string;
  ownerEmail: string;
  name: string;
  status: WorkflowStatus;
  statusDate: number;
  createdOn: number;
  modifiedOn: number;
  /** The instant it expires (end of the given day UTC for a date). */
  expiresOn: number | null;
  pdfaPolicy: number;
  returnUrl: string | null;
  workflowOwnerEmailsEnabled: boolean;
  documents: StoredDocument[];
  actions: StoredAction[];
  notifications: Array<{ contact: { firstName: string | null; lastName: string | null; email: string; phone: string | null; lang: string | null } }>;
  webhooks: Array<{ url: string; insecure: boolean }>;
  auditTrail: { documentId: string; path: string; sha256: string } | null;
  /** The link of the notification emails (final documents). */
  finalToken: string;
  events: StoredEvent[];
}

export const fullName = (signer: { firstName: string | null; lastName: string | null }) => `${signer.firstName ?? ''} ${signer.lastName ?? ''}`.trim();
export const actorOf = (signer: StoredSigner) => `${fullName(signer) || signer.email} <${signer.email}>`;
/** Signer types that sign the PDF (an approver approves, a freezone signer fills text zones). */
export const signsPdf = (type: SignerType) => type === 'esig' || type === 'certifio' || type === 'certifiocloud';
/** The second factors an action asks, in the order the page offers them. */
export const secondFactorsOf = (signer: StoredSigner): SecondFactor[] => signer.amr.filter((amr): amr is SecondFactor => amr !== 'link');
