import { randomBytes } from 'node:crypto';

/**
 * The sandbox's own record of Autenti's entities, and their rendering in the shapes of seed 003
 * ("Key concepts and entities" → "The document process", "Parties", "Content", "Constraints").
 */

export type ProcessStatus = 'DRAFT' | 'PROCESSING' | 'COMPLETED' | 'REJECTED' | 'WITHDRAWN';
/** Every process status the sandbox uses. The seed shows only DRAFT and PROCESSING; the final three are the careful reading of its actions (complete, refuse, withdraw). */
export const PROCESS_STATUSES: readonly ProcessStatus[] = ['DRAFT', 'PROCESSING', 'COMPLETED', 'REJECTED', 'WITHDRAWN'];

/**
 * Roles a request may give a party (SENDER is implicit; an explicit SENDER party is accepted and read
 * as the sending account). REVIEWER is live Autenti's (the Power Automate connector offers it): the
 * sandbox treats it like VIEWER — completes by viewing, holds nobody up.
 */
export type PartyRole = 'SIGNER' | 'APPROVER' | 'VIEWER' | 'REVIEWER';
export const PARTY_ROLES: readonly PartyRole[] = ['SIGNER', 'APPROVER', 'VIEWER', 'REVIEWER'];

/** Whether a role only looks at the document (completes by viewing and never holds the others up). */
export const isLookingRole = (role: PartyRole): boolean => role === 'VIEWER' || role === 'REVIEWER';

/**
 * The seed shows only PENDING and COMPLETED; REJECTED is the careful addition for a party that refused.
 * Parties that had not acted when a process was withdrawn or rejected stay PENDING (the process status says why).
 */
export type ParticipationStatus = 'PENDING' | 'COMPLETED' | 'REJECTED';

/**
 * SOURCE_FILE and PARTIALLY_SIGNED_CONTENT_FILE are the seed's; SIGNED_CONTENT_FILE is the sandbox's name
 * for the final file; SIGNATURE_CARD (a PDF summary of who signed) and CONTENT_ARCHIVE (a ZIP of the
 * signed files and the card) are live Autenti's, produced on completion.
 */
export type FilePurpose = 'SOURCE_FILE' | 'PARTIALLY_SIGNED_CONTENT_FILE' | 'SIGNED_CONTENT_FILE' | 'SIGNATURE_CARD' | 'CONTENT_ARCHIVE';

/** Which pair of members a process read carries (see faults.ts, ResponseShapes). */
export type ProcessShape = 'both' | 'seed' | 'live';

/** One entry of a party's `participationEvents` (seed: `{"eventType":"SIGNATURE","timestamp":…}`). */
export interface ParticipationEvent {
  eventType: 'SUBMISSION' | 'VIEWING' | 'SIGNATURE' | 'APPROVAL' | 'REJECTION' | 'WITHDRAWAL';
  timestamp: string;
  /** Sandbox addition: a rejection carries its reason here as `comment`, as the event does. */
  attributes?: { comment?: string };
}

/** A constraint as the seed writes it: `{"classifiers":["CONSTRAINT-UNIQUE_TYPE:…"],"attributes":{…}}`. */
export interface Constraint {
  classifiers: string[];
  attributes?: Record<string, unknown>;
  constrainedActions?: string[];
}

/** A party as the sandbox keeps it. */
export interface StoredParty {
  id: string;
  firstName: string;
  lastName: string;
  name: string;
  email: string;
  extIds?: unknown[];
  relationships?: unknown[];
  role: PartyRole;
  constraints: Constraint[];
  /** From PARTICIPATION_PRIORITY; `null` = no priority, acts after every numbered party. */
  priority: number | null;
  participationStatus: ParticipationStatus;
  participationEvents: ParticipationEvent[];
  /** When the invitation went to the mailbox; `null` while it is not this party's turn. */
  invitedAt: string | null;
  /** Secret of the party's signing page `/_sandbox/sign/{token}`. */
  signingToken: string;
  /** DOCUMENT_ACCESS_OTP_AUTHORIZATION: the code last sent to the party's phone, until it is used or expires. */
  otp?: { code: string; expiresAt: string } | null;
  /** When the party proved the OTP (from then on the document is open to it). */
  accessUnlockedAt?: string | null;
}

/** A document process as the sandbox keeps it (rendered by {@link renderProcess}). */
export interface StoredProcess {
  id: string;
  ownerEmail: string;
  /** The client application whose token created the process; its callback URL receives the events. */
  ownerClientId: string;
  title: string;
  description: string | null;
  processLanguage: string;
  status: ProcessStatus;
  /** Incremented by every change; compared with the `version` request header (seed: PATCH example). */
  version: number;
  parties: StoredParty[];
  senderPartyId: string;
  senderEvents: ParticipationEvent[];
  tagIds: string[];
  flags: string[];
  createdAt: string;
  modifiedAt: string;
  /** How many events the process has produced; makes event ids of repeatable actions unique. */
  eventCount: number;
}

/** A file of a process: an upload or a signed output. */
export interface StoredFile {
  id: string;
  processId: string;
  purpose: FilePurpose;
  filename: string;
  mimeType: string;
  version: number;
  size: number;
  etag: string;
  /** Path relative to the sandbox's file folder. */
  storagePath: string;
  sourceFileId: string | null;
  position: number;
  createdAt: string;
  modifiedAt: string;
}

/** An event in the seed's shape (seed 003, the 200 answers of "Sending a document" and after). */
export interface SandboxEvent {
  timestamp: string;
  id: string;
  eventType: string;
  classifiers?: string[];
  actor: { id: string };
  object: { id: string; type: 'EVENT_OBJECT-TYPE:DOCUMENT_PROCESS' };
  attributes: Record<string, unknown>;
}

/** Process ids are `DOCUMENT_PROCESS:<uuid>` (seed). */
export const PROCESS_ID_PREFIX = 'DOCUMENT_PROCESS:';

/** The party id prefixes of seed 003: SIGNING / APPROVAL appear in the process example, REVIEW in the reminder one. */
const PARTY_ID_PREFIX: Record<PartyRole | 'SENDER', string> = {
  SIGNER: 'PARTY-PUBLIC_SIGNING_PROCESS_ID:',
  APPROVER: 'PARTY-PUBLIC_APPROVAL_PROCESS_ID:',
  VIEWER: 'PARTY-PUBLIC_REVIEW_PROCESS_ID:',
  REVIEWER: 'PARTY-PUBLIC_REVIEW_PROCESS_ID:',
  // The send event shows PARTY-PUBLIC_SENDER_PROCESS_ID, the withdrawal event PARTY-PUBLIC_SENDER_ID;
  // the sandbox uses the first one everywhere.
  SENDER: 'PARTY-PUBLIC_SENDER_PROCESS_ID:',
};

/** A new party id: the role's prefix and 8 hex digits, as in the seed. */
export function newPartyId(role: PartyRole | 'SENDER'): string {
  return PARTY_ID_PREFIX[role] + randomBytes(4).toString('hex');
}

/** A random URL-safe secret (signing links). */
export function newToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** A loose email check: something@domain.tld without spaces. */
export function isEmail(value: unknown): value is string {
  return typeof value === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/** A display name for an account known only by its email: `john.smith@acme.com` → John Smith. */
export function nameFromEmail(email: string): { firstName: string; lastName: string; name: string } {
  const words = (email.split('@')[0] ?? email).split(/[._-]+/).filter(Boolean).map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  const firstName = words[0] ?? email;
  const lastName = words.slice(1).join(' ');
  return { firstName, lastName, name: [firstName, lastName].filter(Boolean).join(' ') };
}

/** A file as a `contentElements` entry and as the files routes answer it. */
export function fileElement(file: StoredFile) {
  // Seed 003 "Content": description and modificationTime are null in every example; version is a string.
  return {
    id: file.id,
    filename: file.filename,
    description: null,
    version: String(file.version),
    modificationTime: null,
    filePurpose: file.purpose,
    mimeType: file.mimeType,
    // Live file answers carry the size in bytes (the seed's do not).
    size: file.size,
  };
}

const contact = (email: string) => [{ type: 'CONTACT-TYPE:EMAIL', attributes: { email } }];

/**
 * The process as `GET /document-processes/{id}` answers it (seed 003 "The document process"), seen by
 * `viewerEmail` (which sets `currentUser`). The SENDER party is implicit: it is added last, as in the seed.
 */
export function renderProcess(
  process: StoredProcess,
  files: StoredFile[],
  tags: { id: string; name: string; type: string }[],
  viewerEmail: string | null,
  shape: ProcessShape = 'both',
) {
  const seed = shape !== 'live';
  const live = shape !== 'seed';
  // Seed 003 names a party's history participationEvents, live Autenti events: the same entries.
  const history = (events: ParticipationEvent[]) =>
    events.length === 0
      ? {}
      : { ...(seed ? { participationEvents: [...events].reverse() } : {}), ...(live ? { events: [...events].reverse() } : {}) };
  const parties: unknown[] = process.parties.map((party) => ({
    party: {
      id: party.id,
      firstName: party.firstName,
      lastName: party.lastName,
      name: party.name,
      contacts: contact(party.email),
      ...(party.extIds ? { extIds: party.extIds } : {}),
      ...(party.relationships ? { relationships: party.relationships } : {}),
    },
    role: party.role,
    participationStatus: party.participationStatus,
    constraints: party.constraints,
    currentUser: viewerEmail !== null && party.email === viewerEmail,
    // The seed omits participationEvents for a party that has none (Maurice Chevallier).
    ...history(party.participationEvents),
  }));
  const sender = nameFromEmail(process.ownerEmail);
  parties.push({
    party: { id: process.senderPartyId, ...sender, contacts: contact(process.ownerEmail) },
    role: 'SENDER',
    participationStatus: process.status === 'DRAFT' ? 'PENDING' : 'COMPLETED',
    currentUser: viewerEmail === process.ownerEmail,
    ...history(process.senderEvents),
  });
  return {
    id: process.id,
    title: process.title,
    description: process.description,
    processLanguage: process.processLanguage,
    status: process.status,
    parties,
    ...(seed ? { contentElements: files.map(fileElement) } : {}),
    ...(live ? { files: files.map(fileElement) } : {}),
    tags,
    flags: process.flags,
    createdAt: process.createdAt,
    modifiedAt: process.modifiedAt,
  };
}
