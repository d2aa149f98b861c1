import type { Participant } from '../../domain/envelope.js';
import type { AuthenticationInput } from '../../domain/participant-options.js';
import { findSealedSecretAnswers } from '../../store/envelopes.js';
import type { AppContext } from '../context.js';
import type { ActionRequest } from '../action-request.js';
import { createEnvelope, getEnvelope, type AsPerson, type CreateEnvelopeInput, type EnvelopeWithHistory, type ParticipantInput } from './envelopes.js';
import type { Actor } from './history.js';

export interface CloneInput {
  /** The copy's title; absent: the source's. */
  title?: string;
  /** The connection the copy goes through; absent: the source's; null: the default connection. */
  connectionId?: string | null;
}

/**
 * A new envelope made of another one's content — title, message, language, documents, participants
 * with their options and fields, and an expiry still ahead — for "Duplicate" and for "Correct and
 * resend" after a rejection, a withdrawal or a failed send. Any status may be copied: the source is
 * only read. It is created exactly as POST /api/v1/envelopes creates one (the same checks, against
 * the copy's connection, so cloning to another provider refuses what that provider cannot do),
 * draft or ready by its content, and its history names the source (`clonedFrom`). The host's own
 * `externalRef` and `metadata` stay with the source: they identify that envelope in the host's records.
 */
export async function cloneEnvelope(
  context: AppContext,
  sourceId: string,
  input: CloneInput,
  actor: Actor,
  as: AsPerson = {},
  apiRequest?: ActionRequest,
): Promise<EnvelopeWithHistory> {
  const source = await getEnvelope(context, sourceId);
  // A secret answer is sealed to its participant's id: opened here, sealed again to the copy's.
  const sealedAnswers = await findSealedSecretAnswers(context.db, sourceId);
  const answerOf = (participantId: string) => {
    const sealed = sealedAnswers.get(participantId);
    return sealed === undefined ? '' : context.secrets.open(sealed, participantId);
  };
  const expiresAt = source.expiresAt !== null && Date.parse(source.expiresAt) > context.now().getTime() ? source.expiresAt : null;
  const copy: CreateEnvelopeInput = {
    title: input.title ?? source.title,
    message: source.message,
    language: source.language,
    connectionId: input.connectionId === undefined ? source.connectionId : input.connectionId,
    documentIds: source.documents.map((document) => document.id),
    participants: source.participants.map((participant) => participantCopy(participant, answerOf)),
    expiresAt,
  };
  return createEnvelope(context, copy, actor, as, { origin: { clonedFrom: sourceId }, apiRequest });
}

/** What a participant was asked to do, without what happened to them (status, provider ids, times). */
function participantCopy(participant: Participant, answerOf: (participantId: string) => string): ParticipantInput {
  return {
    firstName: participant.firstName,
    lastName: participant.lastName,
    email: participant.email,
    phone: participant.phone,
    role: participant.role,
    step: participant.step,
    authentication: participant.authentication.map(
      (method): AuthenticationInput => (method.method === 'secret' ? { method: 'secret', question: method.question, answer: answerOf(participant.id) } : method),
    ),
    signatureLevel: participant.signatureLevel,
    language: participant.language,
    delivery: participant.delivery,
    fields: participant.fields,
  };
}
