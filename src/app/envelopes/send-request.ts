import type { DocumentRecord, Envelope } from '../../domain/envelope.js';
import { CountersignError, NotFoundError, type FieldError } from '../../domain/errors.js';
import { checkParticipantOptions, type Authentication } from '../../domain/participant-options.js';
import { fileKindOf, type Capabilities } from '../../providers/capabilities.js';
import { checkSendRequest } from '../../providers/send-check.js';
import type { ParticipantAuthentication, SendDocument, SendRequest, SignatureProvider } from '../../providers/provider.js';
import { findConnection, findDefaultConnection, type StoredConnection } from '../../store/connections.js';
import type { Db } from '../../store/database.js';
import { findDocuments } from '../../store/documents.js';
import { findSealedSecretAnswers } from '../../store/envelopes.js';
import { providerFor } from '../connections.js';
import type { AppContext } from '../context.js';

/**
 * The provider-neutral request built from a stored envelope, and the one check of an envelope
 * against what its provider can do — used when it is created or edited (where its connection is
 * known) and again before it is sent, always before any provider call.
 */

/**
 * `check`: only to see whether the provider can take it — secret answers stay sealed and documents
 * are not converted. `send`: what the adapter gets.
 */
export type RequestPurpose = 'check' | 'send';

/** The provider-neutral request; document bytes are streamed from the blob store when the adapter opens them. */
export async function buildSendRequest(
  context: AppContext,
  db: Db,
  envelope: Envelope,
  options: {
    callbackUrl: string | null;
    capabilities: Capabilities;
    purpose: RequestPurpose;
    /** The envelope's documents as stored, when the caller has just read them. */
    stored?: readonly DocumentRecord[];
    /**
     * Countersign's signing return page for an embedded participant (app/envelopes/signing-return.ts),
     * given to the provider instead of the host's `returnUrl`, which that page sends the person on to.
     */
    returnPageFor?: (participantId: string) => string | null;
  },
): Promise<SendRequest> {
  const stored = options.stored ?? (await findDocuments(db, envelope.documents.map((document) => document.id)));
  const answers = options.purpose === 'send' ? await findSealedSecretAnswers(db, envelope.id) : new Map<string, string>();
  const documents: SendDocument[] = [];
  for (const document of envelope.documents) {
    const blobKey = stored.find((candidate) => candidate.id === document.id)?.blobKey;
    if (!blobKey) throw new NotFoundError('document', document.id);
    const original: SendDocument = { ...document, open: () => context.blobs.read(blobKey) };
    documents.push(await asAccepted(context, original, options.capabilities, options.purpose));
  }
  return {
    envelopeId: envelope.id,
    title: envelope.title,
    message: envelope.message,
    language: envelope.language,
    expiresAt: envelope.expiresAt,
    externalRef: envelope.externalRef,
    callbackUrl: options.callbackUrl,
    documents,
    participants: envelope.participants.map((participant) => ({
      id: participant.id,
      firstName: participant.firstName,
      lastName: participant.lastName,
      email: participant.email,
      phone: participant.phone,
      role: participant.role,
      step: participant.step,
      signatureLevel: participant.signatureLevel,
      authentication: participant.authentication.map((method) => forProvider(context, participant.id, method, answers)),
      language: participant.language,
      delivery: participant.delivery.mode === 'embedded' ? { ...participant.delivery, returnUrl: options.returnPageFor?.(participant.id) ?? participant.delivery.returnUrl } : participant.delivery,
      fields: participant.fields,
    })),
  };
}

function forProvider(context: AppContext, participantId: string, method: Authentication, answers: Map<string, string>): ParticipantAuthentication {
  if (method.method !== 'secret') return method;
  const sealed = answers.get(participantId);
  // The answer is opened only for the adapter; a check never needs it.
  return { method: 'secret', question: method.question, answer: sealed === undefined ? '' : context.secrets.open(sealed, participantId) };
}

/**
 * Conversion policy (issue 8): a document of a kind the provider does not sign is sent as a PDF
 * rendition when the provider signs PDF and a converter is installed (`AppContext.converter`);
 * otherwise it stays as it is and `checkSendRequest` refuses it, naming it, before any provider call.
 */
async function asAccepted(context: AppContext, document: SendDocument, capabilities: Capabilities, purpose: RequestPurpose): Promise<SendDocument> {
  const kind = fileKindOf(document.mediaType);
  if (kind !== undefined && capabilities.fileKinds.includes(kind)) return document;
  const converter = context.converter;
  if (!capabilities.fileKinds.includes('pdf') || !converter?.canConvert(document.mediaType)) return document;
  const filename = `${document.filename.replace(/\.[^.]*$/, '')}.pdf`;
  if (purpose === 'check') return { ...document, filename, mediaType: 'application/pdf' };
  const pdf = await converter.toPdf(document);
  return { id: document.id, filename, mediaType: 'application/pdf', size: pdf.size, sha256: pdf.sha256, open: pdf.open };
}

/** The connection an envelope would send through (its own or the default), or none yet. Reads through `db` so it works inside a transaction. */
export async function connectionOfEnvelope(db: Db, envelope: Pick<Envelope, 'connectionId'>): Promise<StoredConnection | undefined> {
  return envelope.connectionId === null ? findDefaultConnection(db) : findConnection(db, envelope.connectionId);
}

/**
 * Everything that keeps `envelope` from being sent through `provider` (or, without one, what needs
 * no provider): fields on documents it does not hold or beyond their pages, then every capability
 * the provider lacks, each naming the capability. Paths are the envelope's (`participants[1].delivery`).
 */
export async function envelopeProblems(context: AppContext, db: Db, envelope: Envelope, provider: SignatureProvider | undefined): Promise<FieldError[]> {
  const documents = await findDocuments(db, envelope.documents.map((document) => document.id));
  const problems = envelope.participants.flatMap((participant, index) =>
    checkParticipantOptions(participant, documents, `participants[${index}]`),
  );
  if (provider === undefined) return problems;
  const request = await buildSendRequest(context, db, envelope, { callbackUrl: null, capabilities: provider.capabilities, purpose: 'check', stored: documents });
  return [...problems, ...checkSendRequest(provider, request)];
}

/** The adapter of the envelope's connection for a check, or none when there is no connection or no adapter for its provider yet. */
export async function providerForCheck(context: AppContext, db: Db, envelope: Pick<Envelope, 'connectionId'>): Promise<SignatureProvider | undefined> {
  const connection = await connectionOfEnvelope(db, envelope);
  if (!connection) return undefined;
  try {
    return providerFor(context, connection);
  } catch (error) {
    // A connection to a provider this build has no adapter for: sending says so; editing stays possible.
    if (CountersignError.is(error) && error.code === 'CONFIGURATION_INVALID') return undefined;
    throw error;
  }
}
