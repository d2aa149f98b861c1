import type { Authentication } from '../../domain/participant-options.js';
import type { Participant } from '../../domain/envelope.js';
import { InvalidStateError, NotFoundError } from '../../domain/errors.js';
import { findProvider } from '../../providers/registry.js';
import * as artifactStore from '../../store/artifacts.js';
import { findDocuments } from '../../store/documents.js';
import { findEnvelopeCompletedAt } from '../../store/envelope-sync.js';
import { timestamp, type AppContext } from '../context.js';
import { readEnvelopeView, type EnvelopeWithHistory } from './envelope-view.js';

/**
 * The completion certificate of an envelope (issue 15): who took part, when, how they proved who
 * they are, and which files went in and came out, by SHA-256 — for every provider, whether or not
 * it has an audit proof of its own. Built from what Countersign holds: the envelope as sent, the
 * statuses and instants the provider reported, and the archived files. Rendered as a printable page
 * by certificate-page.ts.
 */
export interface CompletionCertificate {
  envelope: {
    id: string;
    title: string;
    providerName: string;
    providerReference: string | null;
    createdAt: string;
    sentAt: string | null;
    /** When the provider says it completed, else when Countersign learned it. */
    completedAt: string | null;
  };
  participants: CertificateParticipant[];
  /** Each original with the signed file made of it; `signed` null until archived (or when the provider's files could not be paired). */
  documents: Array<{ filename: string; sha256: string; sentAs: { filename: string; sha256: string } | null; signed: { filename: string; sha256: string } | null }>;
  /** Signed files the provider's answer did not tie to one original. */
  otherSignedFiles: Array<{ filename: string; sha256: string }>;
  auditProofs: Array<{ filename: string; sha256: string; mediaType: string }>;
  /** Whether the signed files are stored here yet. */
  archive: { status: string; archivedAt: string | null } | null;
  generatedAt: string;
}

export interface CertificateParticipant {
  name: string;
  email: string;
  role: Participant['role'];
  step: number;
  /** The participant's outcome, as the provider reported it. */
  status: Participant['status'];
  /** When they signed, approved, viewed as asked, or declined. */
  actedAt: string | null;
  notifiedAt: string | null;
  viewedAt: string | null;
  rejectionReason: string | null;
  /** How they proved who they are, in plain words, as the envelope asked the provider to check. */
  authentication: string[];
  signatureLevel: Participant['signatureLevel'];
  /** The provider's own id of this participant, to look them up in its records and audit proof. */
  providerReference: string | null;
}

/**
 * The envelope, once it completed (a completed envelope deleted at its provider later keeps its
 * archive and so its certificate); 409 before, saying when it will be there. The one rule for the
 * certificate and the ZIP of signed files.
 */
export async function completedEnvelope(context: AppContext, envelopeId: string, what: string): Promise<EnvelopeWithHistory> {
  const envelope = await readEnvelopeView(context.db, envelopeId);
  if (!envelope) throw new NotFoundError('envelope', envelopeId);
  if (envelope.status === 'completed' || (envelope.status === 'deleted' && envelope.archive !== null)) return envelope;
  throw new InvalidStateError(
    `Envelope ${envelopeId} is ${envelope.status}; ${what} exists once every participant has acted and the envelope is completed. ${
      envelope.status === 'sent' ? `Sync it (POST /api/v1/envelopes/${envelopeId}/sync) if the provider has completed it.` : 'It will not complete from this status.'
    }`,
    envelope.status,
  );
}

export async function completionCertificate(context: AppContext, envelopeId: string): Promise<CompletionCertificate> {
  const envelope = await completedEnvelope(context, envelopeId, 'a completion certificate');
  const [artifacts, records, completedAt] = await Promise.all([
    artifactStore.listArtifacts(context.db, envelope.id),
    findDocuments(context.db, envelope.documents.map((document) => document.id)),
    findEnvelopeCompletedAt(context.db, envelope.id),
  ]);
  const signed = artifacts.filter((artifact) => artifact.kind === 'signed');
  const file = (artifact: { filename: string; sha256: string }) => ({ filename: artifact.filename, sha256: artifact.sha256 });
  const eventAt = (type: string) => envelope.events.findLast((event) => event.type === type)?.occurredAt ?? null;

  return {
    envelope: {
      id: envelope.id,
      title: envelope.title,
      providerName: (envelope.provider && findProvider(context.providers, envelope.provider)?.name) || envelope.provider || 'the provider',
      providerReference: envelope.providerReference,
      createdAt: envelope.createdAt,
      sentAt: eventAt('envelope-sent'),
      completedAt: completedAt ?? eventAt('envelope-completed'),
    },
    participants: envelope.participants.map((participant) => ({
      name: `${participant.firstName} ${participant.lastName}`.trim(),
      email: participant.email,
      role: participant.role,
      step: participant.step,
      status: participant.status,
      actedAt: participant.status === 'rejected' ? participant.rejectedAt : participant.completedAt,
      notifiedAt: participant.notifiedAt,
      viewedAt: participant.viewedAt,
      rejectionReason: participant.rejectionReason,
      authentication: describeAuthentication(participant),
      signatureLevel: participant.signatureLevel,
      providerReference: participant.providerReference,
    })),
    documents: envelope.documents.map((document) => {
      const rendition = records.find((record) => record.id === document.id)?.rendition;
      const signedFile = signed.find((artifact) => artifact.documentId === document.id);
      return {
        filename: document.filename,
        sha256: document.sha256,
        // An office document went to a PDF-only provider as its PDF rendition: that is what was signed.
        sentAs: rendition?.status === 'ready' && rendition.sha256 && document.mediaType !== 'application/pdf' ? { filename: 'its PDF rendition', sha256: rendition.sha256 } : null,
        signed: signedFile ? file(signedFile) : null,
      };
    }),
    otherSignedFiles: signed.filter((artifact) => !envelope.documents.some((document) => document.id === artifact.documentId)).map(file),
    auditProofs: artifacts.filter((artifact) => artifact.kind === 'audit').map((artifact) => ({ ...file(artifact), mediaType: artifact.mediaType })),
    archive: envelope.archive && { status: envelope.archive.status, archivedAt: envelope.archive.archivedAt },
    generatedAt: timestamp(context),
  };
}

/** The envelope's authentication options in plain words; an embedded signer came through the host's application, not an email link. */
function describeAuthentication(participant: Participant): string[] {
  return participant.authentication.map((method: Authentication) => {
    switch (method.method) {
      case 'email-link':
        return participant.delivery.mode === 'embedded' ? 'Signing page opened from the sender’s application (embedded signing)' : `Link in the invitation sent to ${participant.email}`;
      case 'sms':
        return `One-time code by text message to ${participant.phone ?? 'their phone'}`;
      case 'call':
        return `One-time code by voice call to ${participant.phone ?? 'their phone'}`;
      case 'secret':
        return `Answer to the agreed question “${method.question}”`;
      case 'eid':
        return `Electronic identity (${method.scheme})`;
    }
  });
}
