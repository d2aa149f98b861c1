import type { FieldError } from './errors.js';

/**
 * What a participant can be asked beyond name and role (issue 8, "The envelope model carries what
 * providers can do"): how they prove who they are, at which signature level, in which language, how
 * they are invited, and where they sign. Provider-neutral; whether the envelope's provider can do it
 * is a capability question (src/providers/capabilities.ts `checkSendRequest`).
 */

export const AUTHENTICATION_METHODS = ['email-link', 'sms', 'call', 'secret', 'eid'] as const;
/**
 * - `email-link`: the invitation link itself is the proof (the default);
 * - `sms`, `call`: a one-time code to the participant's `phone`, by text message or voice call;
 * - `secret`: a question the participant answers with something agreed beforehand;
 * - `eid`: a provider-defined electronic identity scheme (e.g. itsme, Connective's `SigningType`).
 */
export type AuthenticationMethod = (typeof AUTHENTICATION_METHODS)[number];

/** One method as given by a client. The secret's answer travels only inward: it is sealed at rest and never returned. */
export type AuthenticationInput =
  | { method: 'email-link' | 'sms' | 'call' }
  | { method: 'secret'; question: string; answer: string }
  | { method: 'eid'; scheme: string };

/** One method as stored and shown: a secret keeps its question and only says that an answer is set. */
export type Authentication =
  | { method: 'email-link' | 'sms' | 'call' }
  | { method: 'secret'; question: string; answerSet: boolean }
  | { method: 'eid'; scheme: string };

/** What a participant gets when they ask for nothing. */
export const DEFAULT_AUTHENTICATION: readonly Authentication[] = Object.freeze([{ method: 'email-link' }]);

export const SIGNATURE_LEVELS = ['basic', 'advanced', 'qualified'] as const;
export type SignatureLevel = (typeof SIGNATURE_LEVELS)[number];

export const DELIVERY_MODES = ['email', 'embedded'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];
/**
 * `email`: the provider invites the participant by email (the default). `embedded`: the host
 * application opens the signing page itself (a fresh URL from GET …/signing-url) and the provider
 * sends the participant back to `returnUrl` when done. `returnUrl` is only handed to the provider;
 * Countersign never fetches it.
 */
export type Delivery = { mode: 'email' } | { mode: 'embedded'; returnUrl: string };
export const DEFAULT_DELIVERY: Delivery = Object.freeze({ mode: 'email' });

export const FIELD_TYPES = ['signature', 'text', 'date', 'initials'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** A box at fixed coordinates: PDF points (1/72 inch) from the page's top-left corner; `page` is 1-based. */
export type BoxField = {
  type: FieldType;
  documentId: string;
  page: number;
  left: number;
  top: number;
  width: number;
  height: number;
};

/**
 * A box placed where a text occurs in the document (often white on white), e.g. `[[sign-1]]`:
 * Connective `MarkerOrFieldId`, ConsignO anchor tag. `pages` limits the search; the offsets move the
 * box from the text's top-left corner, in PDF points.
 */
export type AnchorField = {
  type: FieldType;
  documentId: string;
  anchor: string;
  pages?: number[];
  offsetX?: number;
  offsetY?: number;
};

export type SignatureField = BoxField | AnchorField;

/** How a field is placed; providers say which placements they take (`capabilities.signatureFields`). */
export type FieldPlacement = 'box' | 'anchor';

export function fieldPlacementOf(field: SignatureField): FieldPlacement {
  return 'anchor' in field ? 'anchor' : 'box';
}

/** The participant options a client may set; each is optional and falls back to the default. */
export interface ParticipantOptionsInput {
  phone?: string | null;
  authentication?: AuthenticationInput[];
  signatureLevel?: SignatureLevel | null;
  language?: string | null;
  delivery?: Delivery;
  fields?: SignatureField[];
}

/** What `checkParticipantOptions` reads: an input, or a stored participant. */
type CheckedOptions = {
  phone?: string | null;
  authentication?: ReadonlyArray<AuthenticationInput | Authentication>;
  delivery?: Delivery;
  fields?: readonly SignatureField[];
};

/**
 * Checks that need no provider: methods that need a phone have one, no method twice, an http(s)
 * return URL, and fields on documents of the envelope within their page count (`pageCount` null:
 * not a PDF, or counted before page counts existed — pages are then not checked).
 */
export function checkParticipantOptions(
  participant: CheckedOptions,
  documents: ReadonlyArray<{ id: string; pageCount: number | null }>,
  path: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const at = (suffix: string) => (path === '' ? suffix : `${path}.${suffix}`);
  const seen = new Set<string>();
  (participant.authentication ?? []).forEach((method, index) => {
    if (seen.has(method.method)) errors.push({ path: at(`authentication[${index}]`), message: `${method.method} is listed twice` });
    seen.add(method.method);
    if ((method.method === 'sms' || method.method === 'call') && !participant.phone) {
      errors.push({ path: at('phone'), message: `authentication by ${method.method} needs the participant's phone number (E.164, e.g. +48722722722)` });
    }
  });
  if (participant.delivery?.mode === 'embedded' && !isHttpUrl(participant.delivery.returnUrl)) {
    errors.push({ path: at('delivery.returnUrl'), message: 'must be an http or https URL of your application, where the provider sends the participant back' });
  }
  (participant.fields ?? []).forEach((field, index) => {
    const fieldPath = at(`fields[${index}]`);
    const document = documents.find((candidate) => candidate.id === field.documentId);
    if (!document) {
      errors.push({ path: `${fieldPath}.documentId`, message: `${field.documentId} is not a document of this envelope; add it to documentIds first` });
      return;
    }
    const pages = 'anchor' in field ? (field.pages ?? []) : [field.page];
    for (const page of pages) {
      if (document.pageCount !== null && page > document.pageCount) {
        errors.push({
          path: `${fieldPath}.${'anchor' in field ? 'pages' : 'page'}`,
          message: `page ${page} is beyond the end of document ${document.id}, which has ${document.pageCount} page${document.pageCount === 1 ? '' : 's'}`,
        });
      }
    }
  });
  return errors;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * One person may take part twice in different roles (e.g. sign, and receive the signed copy): each
 * role is its own participant row with its own status. The same person twice in the same role is a
 * mistake.
 */
export function checkDistinctParticipants(participants: ReadonlyArray<{ email: string; role: string }>, path: string): FieldError[] {
  const seen = new Map<string, number>();
  const errors: FieldError[] = [];
  participants.forEach((participant, index) => {
    const key = `${participant.email.toLowerCase()} ${participant.role}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({
        path: `${path}[${index}].email`,
        message: `${participant.email} is already a ${participant.role} at ${path}[${first}]; a person takes each role once (two different roles are fine)`,
      });
    } else {
      seen.set(key, index);
    }
  });
  return errors;
}
