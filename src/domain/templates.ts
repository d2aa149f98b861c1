import type { FieldError } from './errors.js';
import type { Delivery, SignatureField, SignatureLevel } from './participant-options.js';
import type { ParticipantRole } from './participant-status.js';

/**
 * Templates (issue 15, "Templates"): an envelope's documents, participants as roles to fill and their
 * fields, kept to make envelopes from — one at a time, or one per row of a CSV (a bulk send).
 */

/**
 * How a role's person proves who they are. As an envelope's, except that a secret keeps only its
 * question: the answer is the person's, given when the role is filled (`secretAnswer`).
 */
export type TemplateAuthentication =
  | { method: 'email-link' | 'sms' | 'call' }
  | { method: 'secret'; question: string }
  | { method: 'eid'; scheme: string };

/** A participant to be: everything an envelope's participant has but the person. */
export interface TemplateRole {
  /** Names the role where it is filled: `people.<key>` in the API, `<key>.email` columns in a CSV. */
  key: string;
  /** For people: "Tenant", "Landlord". */
  label: string;
  role: ParticipantRole;
  step: number;
  authentication: TemplateAuthentication[];
  signatureLevel: SignatureLevel | null;
  language: string | null;
  delivery: Delivery;
  fields: SignatureField[];
}

export interface Template {
  id: string;
  name: string;
  /** The title of the envelopes made from it, unless one is given. */
  title: string;
  message: string | null;
  language: string | null;
  /** Envelopes made from it expire this many days after they are made; null: no expiry. */
  expiryDays: number | null;
  documentIds: string[];
  roles: TemplateRole[];
  /** The envelope it was saved from, kept for people to trace it; null when that is unknown. */
  sourceEnvelopeId: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The person who fills a role. */
export interface RolePerson {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string | null;
  /** The answer to the role's secret question, when it has one. */
  secretAnswer?: string | null;
}

/** A role key: lower-case letters and digits, a dash or underscore inside, as a CSV column prefix reads well. */
export const ROLE_KEY_PATTERN = '^[a-z][a-z0-9_-]{0,29}$';

/** The most rows one bulk send takes: said up front (docs/templates.md, the API, the web page). */
export const BULK_SEND_MAX_ROWS = 500;

/** The per-person columns of a bulk send's CSV, after `<role key>.`; `email`, `firstName` and `lastName` are required. */
export const PERSON_COLUMNS = ['firstName', 'lastName', 'email', 'phone', 'secretAnswer'] as const;
export type PersonColumn = (typeof PERSON_COLUMNS)[number];
/** Columns of a bulk send's CSV that are not a role's: each row's own envelope title and host reference. */
export const ENVELOPE_COLUMNS = ['title', 'externalRef'] as const;

/** Keys for roles saved from an envelope's participants: the role and its rank among the same role (`signer1`, `signer2`, `receiver1`). */
export function roleKeysFor(roles: readonly ParticipantRole[]): string[] {
  const seen = new Map<ParticipantRole, number>();
  return roles.map((role) => {
    const rank = (seen.get(role) ?? 0) + 1;
    seen.set(role, rank);
    return `${role}${rank}`;
  });
}

/** The label people read for a role saved from an envelope: "Signer 1". */
export function roleLabelFor(key: string): string {
  const match = /^([a-z]+)(\d+)$/.exec(key);
  return match ? `${match[1]!.charAt(0).toUpperCase()}${match[1]!.slice(1)} ${match[2]}` : key;
}

/**
 * Checks of a template's roles that need nothing stored: keys unique (they name CSV columns), at least
 * one signer (an envelope without one cannot be sent), and fields on the template's documents.
 */
export function checkTemplateRoles(roles: readonly TemplateRole[], documentIds: readonly string[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  const keys = new Set<string>();
  roles.forEach((role, index) => {
    if (keys.has(role.key)) errors.push({ path: `${path}[${index}].key`, message: `${role.key} names another role too; each role needs its own key` });
    keys.add(role.key);
    role.fields.forEach((field, fieldIndex) => {
      if (!documentIds.includes(field.documentId)) {
        errors.push({ path: `${path}[${index}].fields[${fieldIndex}].documentId`, message: `${field.documentId} is not a document of this template` });
      }
    });
  });
  if (!roles.some((role) => role.role === 'signer')) errors.push({ path, message: 'a template needs at least one signer role' });
  return errors;
}

/** The CSV header a template's bulk send reads: each role's person columns it can use, then the envelope's. */
export function bulkSendColumns(roles: readonly TemplateRole[]): string[] {
  return roles.flatMap((role) => personColumnsOf(role).map((column) => `${role.key}.${column}`));
}

/** The person columns a role uses: a phone only where its authentication sends a code, an answer only where it asks a question. */
export function personColumnsOf(role: TemplateRole): PersonColumn[] {
  const methods = new Set(role.authentication.map((method) => method.method));
  return PERSON_COLUMNS.filter(
    (column) => (column !== 'phone' || methods.has('sms') || methods.has('call')) && (column !== 'secretAnswer' || methods.has('secret')),
  );
}
