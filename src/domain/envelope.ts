import type { EnvelopeStatus } from './envelope-status.js';
import type { Authentication, Delivery, SignatureField, SignatureLevel } from './participant-options.js';
import type { ParticipantRole, ParticipantStatus } from './participant-status.js';

/** An uploaded file. Its media type was detected from its content. */
/** 'private': its creator and those who see everything (admins); 'shared': everyone who may read. */
export type Visibility = 'private' | 'shared';

/** Who created an envelope or document (an account id; null for an installation key) and who may see it. */
export interface Ownership {
  createdBy: string | null;
  visibility: Visibility;
}

export interface DocumentRecord extends Partial<Ownership> {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  blobKey: string;
  createdAt: string;
  /** Pages of a PDF, counted when it was uploaded; null for other types. */
  pageCount: number | null;
  /** Active content found at upload (JavaScript, launch actions, macros): flagged, not refused. */
  warnings: DocumentWarning[];
  /** The PDF made of an office document for providers that sign only PDF; null for a PDF (and for rows older than renditions). */
  rendition?: DocumentRendition | null;
}

/**
 * `pending`: being made in the background; `ready`: stored beside the original; `failed`: LibreOffice
 * could not convert it (`error` says why); `unavailable`: no LibreOffice on this server.
 */
export type RenditionStatus = 'pending' | 'ready' | 'failed' | 'unavailable';

export interface DocumentRendition {
  status: RenditionStatus;
  /** Set when ready. */
  pages: number | null;
  size: number | null;
  sha256: string | null;
  blobKey: string | null;
  /** Plain words for a failed or unavailable rendition. */
  error: string | null;
}

export interface DocumentWarning {
  /** Stable: `pdf-javascript`, `pdf-launch-action`, `macros`, `rtf-embedded-object`. */
  code: string;
  /** For people: what was found and what it means. */
  message: string;
}

export interface Participant {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  role: ParticipantRole;
  /** Same step = act in parallel; steps run in ascending order. */
  step: number;
  /** How they prove who they are; never empty (default: the email link). */
  authentication: Authentication[];
  /** `null`: the provider's default level. */
  signatureLevel: SignatureLevel | null;
  /** The language of their invitation and signing page (ISO 639-1); `null`: the envelope's. */
  language: string | null;
  delivery: Delivery;
  /** Where they sign; empty: the provider places signatures (or its documented default). */
  fields: SignatureField[];
  status: ParticipantStatus;
  rejectionReason: string | null;
  signingUrl: string | null;
  providerReference: string | null;
  notifiedAt: string | null;
  viewedAt: string | null;
  completedAt: string | null;
  rejectedAt: string | null;
}

export type EventSource = 'api' | 'ui' | 'cli' | 'callback' | 'sync' | 'system';

/** Who asked for a change: a signed-in person (their email), an API key (its name) or COUNTERSIGN_API_KEY. */
export interface EventActor {
  kind: 'user' | 'key' | 'environment';
  name: string;
}

/** One line of an envelope's append-only history. Types are noun-then-verb: `envelope-created`. */
export interface EnvelopeEvent {
  id: string;
  type: string;
  source: EventSource;
  /** Who asked for it; null for a provider's news, a sync or the server's own step. */
  actor: EventActor | null;
  participantId: string | null;
  detail: Record<string, unknown> | null;
  occurredAt: string;
}

export interface Envelope extends Partial<Ownership> {
  id: string;
  title: string;
  message: string | null;
  language: string | null;
  connectionId: string | null;
  status: EnvelopeStatus;
  /** Why the envelope is in its status when that needs saying (a provider's refusal, a rejection). */
  statusReason: string | null;
  expiresAt: string | null;
  externalRef: string | null;
  metadata: Record<string, string> | null;
  provider: string | null;
  providerReference: string | null;
  documents: Array<Omit<DocumentRecord, 'blobKey' | 'pageCount' | 'warnings'>>;
  participants: Participant[];
  createdAt: string;
  updatedAt: string;
}
