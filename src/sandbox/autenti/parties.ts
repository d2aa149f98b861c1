import { PARTY_ROLES, isEmail, newPartyId, newToken, type Constraint, type PartyRole, type StoredParty } from './model.js';
import { problems, type FieldProblem } from './problems.js';

/**
 * Reading the parties of a PUT or PATCH body (seed 003, "Creating & sending a document via API": parties
 * carry `party.email`; "Parties", "Constraints" for the rest). Every refusal names the field
 * (`parties[1].constraints[0].attributes.priority`).
 */

const CONSTRAINT = 'CONSTRAINT-UNIQUE_TYPE:';
const SIGNATURE_TYPE_PREFIX = 'SIGNATURE_PROVIDER-SIGNATURE_TYPE:';
const SIGNATURE_TYPES = ['BASIC', 'ADVANCED', 'QUALIFIED'];
/**
 * Kinds the sandbox checks. Live Autenti also knows kinds the seed never shows; the seed asks clients to
 * expect new ones, so any other kind is stored and echoed as given, never refused.
 */
const CHECKED_CONSTRAINTS = ['PARTICIPATION_PRIORITY', 'SIGNATURE_TYPE', 'DOCUMENT_ACCESS_OTP_AUTHORIZATION', 'PHONE_NUMBER', 'VISUALISATION'];
/** Kinds a party may carry several of (one VISUALISATION per signature box); the others once each. */
const REPEATABLE_CONSTRAINTS = new Set(['VISUALISATION']);
const MAX_PRIORITY = 1000;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Members of a request object with `null` values dropped: live clients send `null` for "absent". */
export function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== null));
}

/**
 * VISUALISATION (where a signature goes; the shape is the project's choice, docs/providers.md):
 * `attributes: {fileId, page (1-based), x, y, width, height}` in PDF points from the page's top-left
 * corner. The fileId is checked against the process's files when it is sent.
 */
function checkVisualisation(attributes: Record<string, unknown>, at: string, errors: FieldProblem[]): void {
  if (typeof attributes.fileId !== 'string' || attributes.fileId === '') errors.push({ field: `${at}.fileId`, message: 'is required: the id of a source file of this process' });
  const page = attributes.page;
  if (typeof page !== 'number' || !Number.isInteger(page) || page < 1) errors.push({ field: `${at}.page`, message: `must be a page number from 1; got ${JSON.stringify(page)}` });
  for (const name of ['x', 'y'] as const) {
    const value = attributes[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) errors.push({ field: `${at}.${name}`, message: `must be a number of points from the page's top-left corner (0 or more); got ${JSON.stringify(value)}` });
  }
  for (const name of ['width', 'height'] as const) {
    const value = attributes[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) errors.push({ field: `${at}.${name}`, message: `must be a positive number of points; got ${JSON.stringify(value)}` });
  }
}

/** The VISUALISATION boxes of a party (validated when the parties were read). */
export function visualisationsOf(party: StoredParty): { fileId: string; page: number; x: number; y: number; width: number; height: number }[] {
  return party.constraints
    .filter((constraint) => constraintType(constraint) === 'VISUALISATION')
    .map((constraint) => constraint.attributes as { fileId: string; page: number; x: number; y: number; width: number; height: number });
}

/** The unique type of a constraint (`PARTICIPATION_PRIORITY`), from its classifiers. */
export function constraintType(constraint: Constraint): string | undefined {
  const classifier = constraint.classifiers.find((c) => c.startsWith(CONSTRAINT));
  return classifier?.slice(CONSTRAINT.length);
}

/** The email of a request party: `party.email` (the seed's PUT) or an EMAIL contact (the seed's GET shape). */
function emailOf(party: Record<string, unknown>): unknown {
  if (party.email !== undefined) return party.email;
  if (Array.isArray(party.contacts)) {
    const contact = party.contacts.find((c) => isObject(c) && c.type === 'CONTACT-TYPE:EMAIL') as Record<string, unknown> | undefined;
    if (contact && isObject(contact.attributes)) return contact.attributes.email;
  }
  return undefined;
}

function readConstraints(value: unknown, role: PartyRole, at: string, errors: FieldProblem[]): { constraints: Constraint[]; priority: number | null } {
  if (value === undefined || value === null) return { constraints: [], priority: null };
  if (!Array.isArray(value)) {
    errors.push({ field: `${at}.constraints`, message: 'must be an array' });
    return { constraints: [], priority: null };
  }
  const constraints: Constraint[] = [];
  const seen = new Set<string>();
  let priority: number | null = null;
  value.forEach((raw, index) => {
    const where = `${at}.constraints[${index}]`;
    if (!isObject(raw) || !Array.isArray(raw.classifiers) || raw.classifiers.some((c) => typeof c !== 'string')) {
      errors.push({ field: `${where}.classifiers`, message: 'must be an array of classifier strings' });
      return;
    }
    // Stored as given (members the sandbox does not know included), so that it is echoed unchanged.
    const constraint = { ...withoutNulls(raw), classifiers: raw.classifiers as string[] } as Constraint;
    if (constraint.attributes !== undefined && !isObject(constraint.attributes)) errors.push({ field: `${where}.attributes`, message: 'must be an object' });
    if (constraint.constrainedActions !== undefined && (!Array.isArray(constraint.constrainedActions) || constraint.constrainedActions.some((a) => typeof a !== 'string'))) {
      errors.push({ field: `${where}.constrainedActions`, message: 'must be an array of action strings such as "ACTION:SIGNATURE_APPLICATION"' });
    }
    const type = constraintType(constraint);
    constraints.push(constraint);
    if (!type || !CHECKED_CONSTRAINTS.includes(type)) return;
    if (seen.has(type) && !REPEATABLE_CONSTRAINTS.has(type)) errors.push({ field: `${where}.classifiers`, message: `${type} is given twice for this party` });
    seen.add(type);
    const attributes = (isObject(constraint.attributes) ? constraint.attributes : {}) as Record<string, unknown>;
    if (type === 'PARTICIPATION_PRIORITY') {
      const p = attributes.priority;
      if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > MAX_PRIORITY) {
        errors.push({ field: `${where}.attributes.priority`, message: `must be an integer from 1 to ${MAX_PRIORITY}; got ${JSON.stringify(p)}` });
      } else priority = p;
    } else if (type === 'SIGNATURE_TYPE') {
      if (role !== 'SIGNER') errors.push({ field: `${where}.classifiers`, message: `SIGNATURE_TYPE applies to SIGNER parties only, not ${role}` });
      const required = attributes.requiredClassifiers;
      if (!Array.isArray(required) || required.length === 0) {
        errors.push({ field: `${where}.attributes.requiredClassifiers`, message: `must be a non-empty array such as ["${SIGNATURE_TYPE_PREFIX}BASIC"]` });
      } else {
        required.forEach((c, i) => {
          if (typeof c !== 'string' || !c.startsWith(SIGNATURE_TYPE_PREFIX) || !SIGNATURE_TYPES.includes(c.slice(SIGNATURE_TYPE_PREFIX.length))) {
            errors.push({ field: `${where}.attributes.requiredClassifiers[${i}]`, message: `must be ${SIGNATURE_TYPES.map((t) => SIGNATURE_TYPE_PREFIX + t).join(', ')}; got ${JSON.stringify(c)}` });
          }
        });
      }
    } else if (type === 'PHONE_NUMBER') {
      const phone = attributes.phoneNumber;
      if (typeof phone !== 'string' || !/^\+?\d{9,15}$/.test(phone)) {
        errors.push({ field: `${where}.attributes.phoneNumber`, message: `must be 9 to 15 digits with the country code, e.g. "48722722722"; got ${JSON.stringify(phone)}` });
      }
    } else if (type === 'VISUALISATION') {
      checkVisualisation(attributes, `${where}.attributes`, errors);
    }
  });
  if (seen.has('DOCUMENT_ACCESS_OTP_AUTHORIZATION') && !seen.has('PHONE_NUMBER')) {
    errors.push({ field: `${at}.constraints`, message: 'DOCUMENT_ACCESS_OTP_AUTHORIZATION needs a PHONE_NUMBER constraint with attributes.phoneNumber (where the code is sent)' });
  }
  return { constraints, priority };
}

/**
 * Validates the `parties` of a request into stored parties. A party whose email was already in the
 * process keeps its id, status and signing link, so a PATCH that re-sends the list does not reset them.
 */
export function readParties(value: unknown, existing: StoredParty[]): StoredParty[] {
  const errors: FieldProblem[] = [];
  if (!Array.isArray(value)) throw problems.badRequest('parties must be an array.', [{ field: 'parties', message: 'must be an array' }]);
  const parties: StoredParty[] = [];
  const emails = new Map<string, number>();
  value.forEach((raw, index) => {
    const at = `parties[${index}]`;
    if (isObject(raw) && raw.role === 'SENDER' && (raw.party === undefined || raw.party === null)) return;
    if (!isObject(raw) || !isObject(raw.party)) {
      errors.push({ field: `${at}.party`, message: 'is required (an object with firstName, lastName, email)' });
      return;
    }
    const party = withoutNulls(raw.party);
    // An explicit sender party ({"party":{"id":"PARTY-TENANT:SELF"},"role":"SENDER"}, as live clients send
    // it) names the sending account, which the process already has: accepted and not stored as a party.
    if (raw.role === 'SENDER') return;
    const email = emailOf(party);
    if (email === undefined || email === '') errors.push({ field: `${at}.party.email`, message: 'is required' });
    else if (!isEmail(email)) errors.push({ field: `${at}.party.email`, message: `is not an email address: ${JSON.stringify(email)}` });
    for (const name of ['firstName', 'lastName'] as const) {
      if (typeof party[name] !== 'string' || (party[name] as string).trim() === '') errors.push({ field: `${at}.party.${name}`, message: 'is required' });
    }
    const role = raw.role;
    if (typeof role !== 'string' || !PARTY_ROLES.includes(role as PartyRole)) {
      errors.push({ field: `${at}.role`, message: `must be one of ${PARTY_ROLES.join(', ')}; got ${JSON.stringify(role)}` });
    }
    const { constraints, priority } = readConstraints(raw.constraints, role as PartyRole, at, errors);
    if (typeof email !== 'string' || !isEmail(email) || typeof role !== 'string' || !PARTY_ROLES.includes(role as PartyRole)) return;
    const normalized = email.toLowerCase();
    const first = emails.get(normalized);
    if (first !== undefined) errors.push({ field: `${at}.party.email`, message: `${normalized} is already parties[${first}]; one person takes one role` });
    emails.set(normalized, index);
    const before = existing.find((p) => p.email === normalized && p.role === role);
    const firstName = String(party.firstName ?? '').trim();
    const lastName = String(party.lastName ?? '').trim();
    parties.push({
      id: before?.id ?? newPartyId(role as PartyRole),
      firstName,
      lastName,
      name: typeof party.name === 'string' && party.name.trim() !== '' ? party.name.trim() : `${firstName} ${lastName}`,
      email: normalized,
      ...(Array.isArray(party.extIds) ? { extIds: party.extIds } : {}),
      ...(Array.isArray(party.relationships) ? { relationships: party.relationships } : {}),
      role: role as PartyRole,
      constraints,
      priority,
      participationStatus: before?.participationStatus ?? 'PENDING',
      participationEvents: before?.participationEvents ?? [],
      invitedAt: before?.invitedAt ?? null,
      signingToken: before?.signingToken ?? newToken(),
    });
  });
  if (errors.length > 0) throw problems.badRequest(errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
  return parties;
}

/** Title, description and language of a PUT/PATCH/POST body. */
export function readTitle(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw problems.badRequest('title is required (a non-empty string).', [{ field: 'title', message: 'is required' }]);
  if (value.length > 255) throw problems.badRequest('title is longer than 255 characters.', [{ field: 'title', message: 'at most 255 characters' }]);
  return value;
}

/** A description: a string of at most 4000 characters, or null. */
export function readDescription(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw problems.badRequest('description must be a string or null.', [{ field: 'description', message: 'must be a string or null' }]);
  if (value.length > 4000) throw problems.badRequest('description is longer than 4000 characters.', [{ field: 'description', message: 'at most 4000 characters' }]);
  return value;
}

/** A process language: two lower-case letters (the seed uses `pl` and `en`). */
export function readLanguage(value: unknown): string {
  if (typeof value !== 'string' || !/^[a-z]{2}$/.test(value)) {
    throw problems.badRequest(`processLanguage must be a two-letter lower-case language code such as "pl" or "en"; got ${JSON.stringify(value)}.`, [
      { field: 'processLanguage', message: 'two-letter language code' },
    ]);
  }
  return value;
}
