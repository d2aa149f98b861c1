import type { DocumentRecord, Envelope } from '../../domain/envelope.js';
import { CountersignError, NotFoundError, type FieldError } from '../../domain/errors.js';
import { checkParticipantOptions, type Authentication } from '../../domain/participant-options.js';
import type { Capabilities } from '../../providers/capabilities.js';
import { checkSendRequest } from '../../providers/send-check.js';
import type { ParticipantAuthentication, SendDocument, SendRequest, SignatureProvider } from '../../providers/provider.js';
import { findConnection, findDefaultConnection, type StoredConnection } from '../../store/connections.js';
import type { Db } from '../../store/database.js';
import { findDocuments } from '../../store/documents.js';
import { findSealedSecretAnswers } from '../../store/envelopes.js';
import { providerFor } from '../connections.js';
import type { AppContext } from '../context.js';
import { pagesForFields, renditionFilename, renditionProblems, renditionUnusable, stillConverting, usesRendition } from '../documents/renditions.js';

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
    const record = stored.find((candidate) => candidate.id === document.id);
    if (!record) throw new NotFoundError('document', document.id);
    const original: SendDocument = { ...document, open: () => context.blobs.read(record.blobKey) };
    documents.push(await asAccepted(context, original, record, options.capabilities, options.purpose));
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
 * Conversion policy (issues 8 and 11): a document of a kind the provider does not sign is sent as its
 * PDF rendition when the provider signs PDF — the rendition made after upload by the convert-document
 * job (src/app/documents/renditions.ts), never converted here. Not ready yet: a check treats it as the
 * PDF it will be (a failed or impossible one is named by `renditionProblems`), a send waits (409, the
 * send job retries). No rendition at all: the document stays as it is and `checkSendRequest` refuses
 * it, naming it, before any provider call.
 */
async function asAccepted(context: AppContext, document: SendDocument, record: DocumentRecord, capabilities: Capabilities, purpose: RequestPurpose): Promise<SendDocument> {
  if (!usesRendition(record, capabilities)) return document;
  const rendition = record.rendition!;
  const filename = renditionFilename(document.filename);
  if (rendition.status === 'ready' && rendition.blobKey !== null) {
    const blobKey = rendition.blobKey;
    return { id: document.id, filename, mediaType: 'application/pdf', size: rendition.size ?? 0, sha256: rendition.sha256 ?? '', open: () => context.blobs.read(blobKey) };
  }
  if (purpose === 'check') return { ...document, filename, mediaType: 'application/pdf' };
  if (rendition.status === 'pending') throw stillConverting(record);
  throw new CountersignError('VALIDATION_FAILED', renditionUnusable(record, rendition));
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
export async function envelopeProblems(
  context: AppContext,
  db: Db,
  envelope: Envelope,
  provider: SignatureProvider | undefined,
  /** The envelope's documents as stored, when the caller has just read them. */
  stored?: readonly DocumentRecord[],
): Promise<FieldError[]> {
  const documents = stored ?? (await findDocuments(db, envelope.documents.map((document) => document.id)));
  // An office document's pages are its PDF rendition's, once made.
  const problems = envelope.participants.flatMap((participant, index) =>
    checkParticipantOptions(participant, documents.map(pagesForFields), `participants[${index}]`),
  );
  if (provider === undefined) return problems;
  const request = await buildSendRequest(context, db, envelope, { callbackUrl: null, capabilities: provider.capabilities, purpose: 'check', stored: documents });
  return [...problems, ...renditionProblems(envelope.documents, documents, provider.capabilities), ...checkSendRequest(provider, request)];
}

/** The adapter of the envelope's connection for a check, or none when there is no connection or no adapter for its provider yet. */
export async function providerForCheck(context: AppContext, db: Db, envelope: Pick<Envelope, 'connectionId'>): Promise<SignatureProvider | undefined> {
  const connection = await connectionOfEnvelope(db, envelope);
  if (!connection) return undefined;
  try {
    return await providerFor(context, connection);
  } catch (error) {
    // A connection to a provider this build has no adapter for: sending says so; editing stays possible.
    if (CountersignError.is(error) && error.code === 'CONFIGURATION_INVALID') return undefined;
    throw error;
  }
}
