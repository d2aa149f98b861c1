import type { FieldError } from '../domain/errors.js';
import { fileKindOf } from '../domain/file-kinds.js';
import { fieldPlacementOf } from '../domain/participant-options.js';
import type { Capabilities } from './capabilities.js';
import { PROVIDER_NAMES, type ProviderId } from './ids.js';
import type { SendRequest } from './provider.js';

/**
 * Everything in `request` the provider cannot take, as field errors for a 422, before any provider
 * call. Empty when the request fits. Adapters may rely on it having been checked.
 */
export function checkSendRequest(
  provider: { readonly id: ProviderId; readonly capabilities: Capabilities },
  request: SendRequest,
): FieldError[] {
  const caps = provider.capabilities;
  const name = PROVIDER_NAMES[provider.id];
  const problems: FieldError[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  const list = (values: readonly string[]) => (values.length === 0 ? 'none' : values.join(', '));

  if (caps.maxDocuments !== null && request.documents.length > caps.maxDocuments) {
    problem('documents', `${name} takes at most ${caps.maxDocuments} documents per envelope; this one has ${request.documents.length} (capability "maxDocuments").`);
  }
  request.documents.forEach((document, index) => {
    const kind = fileKindOf(document.mediaType);
    if (kind === undefined || !caps.fileKinds.includes(kind)) {
      // No converter made a PDF of it (the app converts before this check where it can): say how to fix it.
      const fix = caps.fileKinds.includes('pdf') ? ' Convert it to PDF and upload that instead.' : '';
      problem(`documents[${index}]`, `${name} accepts ${list(caps.fileKinds)} files; ${document.filename} is ${kind ?? document.mediaType} (capability "fileKinds").${fix}`);
    }
    if (caps.maxFileBytes !== null && document.size > caps.maxFileBytes) {
      problem(`documents[${index}]`, `${name} accepts files up to ${caps.maxFileBytes} bytes; ${document.filename} has ${document.size} (capability "maxFileBytes").`);
    }
  });
  if (caps.maxParticipants !== null && request.participants.length > caps.maxParticipants) {
    problem('participants', `${name} takes at most ${caps.maxParticipants} participants per envelope; this one has ${request.participants.length} (capability "maxParticipants").`);
  }
  if (request.expiresAt !== null && !caps.expiry) {
    problem('expiresAt', `${name} does not take an expiry date; remove it (capability "expiry").`);
  }
  if (request.language !== null && caps.languages !== null && !caps.languages.includes(request.language)) {
    problem('language', `${name} supports the languages ${list(caps.languages)}; got "${request.language}" (capability "languages").`);
  }

  const steps = new Map<number, number>();
  request.participants.forEach((participant, index) => {
    const path = `participants[${index}]`;
    steps.set(participant.step, (steps.get(participant.step) ?? 0) + 1);
    if (!caps.roles.includes(participant.role)) {
      problem(`${path}.role`, `${name} supports the roles ${list(caps.roles)}; not ${participant.role} (capability "roles").`);
    }
    if (participant.signatureLevel !== null && !caps.signatureLevels.includes(participant.signatureLevel)) {
      problem(
        `${path}.signatureLevel`,
        `${name} supports the signature levels ${list(caps.signatureLevels)}; not ${participant.signatureLevel} (capability "signatureLevels").`,
      );
    }
    participant.authentication.forEach((method, methodIndex) => {
      const methodPath = `${path}.authentication[${methodIndex}]`;
      if (!caps.authenticationMethods.includes(method.method)) {
        problem(methodPath, `${name} supports the authentication methods ${list(caps.authenticationMethods)}; not ${method.method} (capability "authenticationMethods").`);
      } else if ((method.method === 'sms' || method.method === 'call') && participant.phone === null) {
        problem(`${path}.phone`, `Authentication by ${method.method} needs the participant's phone number.`);
      } else if (method.method === 'eid' && !caps.eidSchemes.includes(method.scheme)) {
        problem(`${methodPath}.scheme`, `${name} supports the eID schemes ${list(caps.eidSchemes)}; not ${method.scheme} (capability "eidSchemes").`);
      }
    });
    if (participant.language !== null && participant.language !== request.language) {
      if (!caps.participantLanguage) {
        problem(`${path}.language`, `${name} has one language per envelope, not per participant; set the envelope's language instead (capability "participantLanguage").`);
      } else if (caps.languages !== null && !caps.languages.includes(participant.language)) {
        problem(`${path}.language`, `${name} supports the languages ${list(caps.languages)}; got "${participant.language}" (capability "languages").`);
      }
    }
    if (participant.delivery.mode === 'embedded' && !caps.embeddedSigning) {
      problem(`${path}.delivery`, `${name} does not support embedded signing; its participants are invited by email (capability "embeddedSigning").`);
    }
    participant.fields.forEach((field, fieldIndex) => {
      const fieldPath = `${path}.fields[${fieldIndex}]`;
      const placement = fieldPlacementOf(field);
      if (caps.signatureFields.length === 0) {
        problem(fieldPath, `${name} places signatures itself; remove the field (capability "signatureFields").`);
      } else if (!caps.signatureFields.includes(placement)) {
        problem(fieldPath, `${name} takes only ${list(caps.signatureFields)} fields, not ${placement} (capability "signatureFields").`);
      } else if (!caps.fieldTypes.includes(field.type)) {
        problem(`${fieldPath}.type`, `${name} takes ${list(caps.fieldTypes)} fields; not ${field.type} (capability "fieldTypes").`);
      } else if ('anchor' in field && !caps.anchorAdjustments) {
        for (const member of ['pages', 'offsetX', 'offsetY'] as const) {
          if (field[member] !== undefined) {
            problem(`${fieldPath}.${member}`, `${name} places a text anchor at the text's first occurrence: remove ${member}, or use a box (page, left, top, width, height) instead (capability "anchorAdjustments").`);
          }
        }
      }
    });
  });
  if (!caps.repeatedParticipants) {
    const acting = new Map<string, number>();
    request.participants.forEach((participant, index) => {
      if (participant.role === 'receiver') return;
      const email = participant.email.trim().toLowerCase();
      const first = acting.get(email);
      if (first === undefined) acting.set(email, index);
      else problem(`participants[${index}].email`, `${name} takes each person once; ${participant.email} already acts as participants[${first}]. Keep one role (a receiver role beside it is fine) (capability "repeatedParticipants").`);
    });
  }
  if (!caps.parallelSteps && [...steps.values()].some((count) => count > 1)) {
    problem('participants', `${name} cannot have several participants act in parallel; give each participant their own step (capability "parallelSteps").`);
  }
  return problems;
}
