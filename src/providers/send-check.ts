import type { FieldError } from '../domain/errors.js';
import { fileKindOf } from '../domain/file-kinds.js';
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
    problem('documents', `${name} takes at most ${caps.maxDocuments} documents per envelope; this one has ${request.documents.length}.`);
  }
  request.documents.forEach((document, index) => {
    const kind = fileKindOf(document.mediaType);
    if (kind === undefined || !caps.fileKinds.includes(kind)) {
      problem(`documents[${index}]`, `${name} accepts ${list(caps.fileKinds)} files; ${document.filename} is ${kind ?? document.mediaType}.`);
    }
    if (caps.maxFileBytes !== null && document.size > caps.maxFileBytes) {
      problem(`documents[${index}]`, `${name} accepts files up to ${caps.maxFileBytes} bytes; ${document.filename} has ${document.size}.`);
    }
  });
  if (caps.maxParticipants !== null && request.participants.length > caps.maxParticipants) {
    problem('participants', `${name} takes at most ${caps.maxParticipants} participants per envelope; this one has ${request.participants.length}.`);
  }
  if (request.expiresAt !== null && !caps.expiry) {
    problem('expiresAt', `${name} does not take an expiry date; remove it.`);
  }
  if (request.language !== null && caps.languages !== null && !caps.languages.includes(request.language)) {
    problem('language', `${name} supports the languages ${list(caps.languages)}; got "${request.language}".`);
  }

  const steps = new Map<number, number>();
  request.participants.forEach((participant, index) => {
    const path = `participants[${index}]`;
    steps.set(participant.step, (steps.get(participant.step) ?? 0) + 1);
    if (!caps.roles.includes(participant.role)) {
      problem(`${path}.role`, `${name} supports the roles ${list(caps.roles)}; not ${participant.role}.`);
    }
    if (participant.signatureLevel !== null && !caps.signatureLevels.includes(participant.signatureLevel)) {
      problem(`${path}.signatureLevel`, `${name} supports the signature levels ${list(caps.signatureLevels)}; not ${participant.signatureLevel}.`);
    }
    if (participant.authentication.sms === true) {
      if (!caps.smsAuthentication) problem(`${path}.authentication.sms`, `${name} does not send SMS codes through Countersign.`);
      else if (participant.phone === null) problem(`${path}.phone`, 'An SMS code needs a phone number.');
    }
    participant.fields.forEach((field, fieldIndex) => {
      if (!caps.signatureFields.includes(field.kind)) {
        const how = caps.signatureFields.length === 0 ? 'places signatures itself; remove the field' : `takes only ${list(caps.signatureFields)} fields`;
        problem(`${path}.fields[${fieldIndex}]`, `${name} ${how}.`);
      }
    });
  });
  if (!caps.parallelSteps && [...steps.values()].some((count) => count > 1)) {
    problem('participants', `${name} cannot have several participants act in parallel; give each participant their own step.`);
  }
  return problems;
}
