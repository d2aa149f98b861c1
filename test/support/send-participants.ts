import type { SendParticipant } from '../../src/providers/provider.js';

/**
 * What a participant who asked for nothing optional brings to a send request: invited by email, no
 * phone, signature level, language or fields. Tests spread it under a person and a step:
 * `{ id, firstName, lastName, email, step: 1, ...NOTHING_ASKED, ...overrides }`.
 */
export const NOTHING_ASKED: Readonly<Omit<SendParticipant, 'id' | 'firstName' | 'lastName' | 'email' | 'step'>> = {
  phone: null,
  role: 'signer',
  signatureLevel: null,
  authentication: [{ method: 'email-link' }],
  language: null,
  delivery: { mode: 'email' },
  fields: [],
};

/** A signer in step 1 named after `id` (`<id>@example.test`), with nothing optional unless `overrides` asks. */
export function participantNamed(id: string, overrides: Partial<SendParticipant> = {}): SendParticipant {
  return { id, firstName: 'Ann', lastName: id, email: `${id}@example.test`, step: 1, ...NOTHING_ASKED, ...overrides };
}
