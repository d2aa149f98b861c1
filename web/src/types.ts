/**
 * The shapes the REST API returns (see src/api/schemas.ts). Written out by hand: the web app calls
 * the API over HTTP like any other client and does not import server code.
 */

export const ENVELOPE_STATUSES = ['draft', 'ready', 'sending', 'sent', 'completed', 'rejected', 'withdrawn', 'expired', 'failed', 'deleted'] as const;
export type EnvelopeStatus = (typeof ENVELOPE_STATUSES)[number];

export const PARTICIPANT_ROLES = ['signer', 'approver', 'viewer', 'receiver'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export type ParticipantStatus = 'pending' | 'waiting' | 'notified' | 'viewed' | 'completed' | 'rejected' | 'skipped';

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface SessionState {
  authenticated: boolean;
  setupRequired: boolean;
  /** Creating the owner needs the one-time code the server printed at start (it is reachable beyond loopback). */
  setupCodeRequired?: boolean;
  account?: { id: string; email: string; role: Role; scopes: Scope[] };
  csrfToken?: string;
}

export interface DocumentRecord {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: string;
  /** Present on /documents (not inside an envelope): pages of a PDF, null for other types. */
  pageCount?: number | null;
  /** Present on /documents: active content found at upload (JavaScript, launch actions, macros). */
  warnings?: Array<{ code: string; message: string }>;
}

export interface Participant {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  role: ParticipantRole;
  step: number;
  /** Optional here until every answer carries them (the API always sends them since issue 8). */
  authentication?: ParticipantAuthentication[];
  signatureLevel?: SignatureLevel | null;
  language?: string | null;
  delivery?: ParticipantDelivery;
  status: ParticipantStatus;
  rejectionReason: string | null;
  signingUrl: string | null;
  notifiedAt: string | null;
  viewedAt: string | null;
  completedAt: string | null;
  rejectedAt: string | null;
}

export interface EnvelopeEvent {
  id: string;
  type: string;
  source: string;
  participantId: string | null;
  detail: Record<string, unknown> | null;
  occurredAt: string;
}

export interface EnvelopeSummary {
  id: string;
  /** The user who created it (null: an installation key). */
  createdBy?: string | null;
  visibility?: 'private' | 'shared';
  title: string;
  message: string | null;
  language: string | null;
  connectionId: string | null;
  status: EnvelopeStatus;
  statusReason: string | null;
  expiresAt: string | null;
  externalRef: string | null;
  metadata: Record<string, string> | null;
  provider: string | null;
  providerReference: string | null;
  documents: DocumentRecord[];
  participants: Participant[];
  createdAt: string;
  updatedAt: string;
}

export interface Envelope extends EnvelopeSummary {
  events: EnvelopeEvent[];
}

export interface Artifact {
  id: string;
  kind: 'signed' | 'audit';
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  documentId: string | null;
  createdAt: string;
}

export interface Job<Progress = unknown> {
  id: string;
  name: string;
  state: 'created' | 'active' | 'retry' | 'completed' | 'dead';
  attempts: number;
  progress: Progress | null;
  result: Progress | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What the sync-all job reports as it goes, and as its result (src/app/envelopes/sync.ts). */
export interface SyncProgress {
  connections: number;
  connectionsDone: number;
  inFlight: number;
  checked: number;
  changed: number;
  providerCalls: number;
  errors: string[];
}

export interface ConnectionHealth {
  status: string;
  detail: string | null;
  checkedAt: string | null;
}

export interface Connection {
  id: string;
  provider: string;
  name: string;
  environment: string;
  baseUrl: string;
  settings: Record<string, string>;
  publicJwk: Record<string, unknown> | null;
  callbackUrl: string | null;
  isDefault: boolean;
  health: ConnectionHealth;
  createdAt: string;
  updatedAt: string;
}

export interface VerifyResult {
  ok: boolean;
  detail: string;
  account: string | null;
  connection: Connection;
}

export interface CredentialField {
  name: string;
  label: string;
  secret: boolean;
  format?: 'email';
}

/** The part of a provider's `capabilities` (src/providers/capabilities.ts) the web app gates actions on. */
export interface ProviderCapabilities {
  expiry?: boolean;
  reminders?: 'none' | 'all-pending' | 'selected';
  withdraw?: boolean;
  expiryChange?: boolean;
  skipPending?: boolean;
  deletion?: boolean;
}

export interface ProviderEntry {
  id: string;
  name: string;
  /** Absent from servers that do not report it: every action is then offered, and the server decides. */
  capabilities?: ProviderCapabilities;
  environments: Record<string, string>;
  credentials: CredentialField[];
  keyPair: boolean;
  sandboxApiPath?: string;
  sandboxPath?: string;
  /** What the provider can do; absent from servers that do not say yet (then nothing beyond the basics is offered). */
  capabilities?: ProviderCapabilities;
}

export type AuthenticationMethod = 'email-link' | 'sms' | 'call' | 'secret' | 'eid';
export type SignatureLevel = 'basic' | 'advanced' | 'qualified';
export type ParticipantAuthentication =
  | { method: 'email-link' | 'sms' | 'call' }
  | { method: 'secret'; question: string; answerSet: boolean }
  | { method: 'eid'; scheme: string };
export type ParticipantDelivery = { mode: 'email' } | { mode: 'embedded'; returnUrl: string };

/** The part of a provider's `capabilities` the participant form reads. */
export interface ProviderCapabilities {
  authenticationMethods?: AuthenticationMethod[];
  eidSchemes?: string[];
  signatureLevels?: SignatureLevel[];
  participantLanguage?: boolean;
  languages?: string[] | null;
  embeddedSigning?: boolean;
}

export type Role = 'owner' | 'admin' | 'member' | 'viewer';
export type Scope =
  | 'envelopes:read'
  | 'envelopes:write'
  | 'envelopes:all'
  | 'documents:read'
  | 'documents:write'
  | 'connections:read'
  | 'connections:admin'
  | 'webhooks:admin'
  | 'keys:admin'
  | 'users:admin'
  | 'owners:admin'
  | 'audit:read'
  | 'sandbox:control';

export interface User {
  id: string;
  email: string;
  role: Role;
  status: 'invited' | 'active';
  createdAt: string;
  lastSignInAt: string | null;
}

export interface InvitedUser {
  user: User;
  invitation: { url: string; expiresAt: string };
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  userId: string | null;
  scopes: Scope[] | null;
}

export interface AuditEntry {
  id: string;
  occurredAt: string;
  actor: { type: 'user' | 'key' | 'environment'; id: string; name: string; accountId: string | null };
  action: string;
  targetId: string | null;
  targetName: string | null;
  requestId: string | null;
}
