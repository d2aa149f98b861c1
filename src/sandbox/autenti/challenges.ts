import { createHash } from 'node:crypto';
import { problems } from './problems.js';

/**
 * The challenge–action–assertion model of seed 003 ("The challenge-action-assertion model", "Generic
 * handling of challenges", and the send / sign / reject / withdraw / remind examples): challenges go out
 * base64url-encoded in `X-CHALLENGE` headers, answers come back in `X-ASSERTION` headers.
 * The JSON built here matches the seed's decoded challenges member for member (classifier order included).
 */

export interface Challenge {
  classifiers: string[];
  attributes: Record<string, unknown>;
}

/** Prefix of the classifier naming a challenge's (or an assertion's) unique type. */
export const UNIQUE = 'CHALLENGE_CLASSIFIER-UNIQUE_TYPE:';
const INTERACTION = 'CHALLENGE_CLASSIFIER-USER_INTERACTION_TYPE:';
/** Prefix of event types, and of the ACTION_SELECTION option ids. */
export const EVENT_TYPE = 'EVENT_CLASSIFIER-UNIQUE_TYPE:';

/** What an action ends in: "Actions are described using a language of desired end result: a type of event" (seed 003). */
export type ActionType =
  | 'DOCUMENT_SENT'
  | 'SIGNATURE_APPLICATION'
  | 'SIGNATURE_REJECTION'
  | 'APPROVAL'
  | 'VIEWING'
  | 'DOCUMENT_WITHDRAWAL'
  | 'DOCUMENT_REMINDER_SENT';

const ACTION_DESCRIPTIONS: Record<ActionType, string> = {
  DOCUMENT_SENT: 'Send',
  SIGNATURE_APPLICATION: 'Sign',
  SIGNATURE_REJECTION: 'Reject to sign',
  APPROVAL: 'Approve',
  VIEWING: 'Mark as viewed',
  DOCUMENT_WITHDRAWAL: 'Withdraw document',
  DOCUMENT_REMINDER_SENT: 'Send reminder',
};

/**
 * The option id of an action. Seed 003 "Sending a document" offers DOCUMENT_SENT with its prefix written
 * twice (`EVENT_CLASSIFIER-UNIQUE_TYPE:EVENT_CLASSIFIER-UNIQUE_TYPE:DOCUMENT_SENT`) while its assertion
 * answers with the single prefix. The sandbox offers it exactly as the seed does, and accepts both.
 */
export function actionOptionId(action: ActionType): string {
  return action === 'DOCUMENT_SENT' ? EVENT_TYPE + EVENT_TYPE + action : EVENT_TYPE + action;
}

/** The action an option id names, from either spelling; undefined when it is none of ours. */
export function actionFromOptionId(id: string): ActionType | undefined {
  let rest = id;
  while (rest.startsWith(EVENT_TYPE)) rest = rest.slice(EVENT_TYPE.length);
  return rest !== id && rest in ACTION_DESCRIPTIONS ? (rest as ActionType) : undefined;
}

/** ACTION_SELECTION, classifiers in the seed's order (interaction type first). */
export function actionSelectionChallenge(actions: ActionType[]): Challenge {
  return {
    classifiers: [INTERACTION + 'SELECTION', UNIQUE + 'ACTION_SELECTION'],
    attributes: { options: actions.map((action) => ({ id: actionOptionId(action), description: ACTION_DESCRIPTIONS[action] })) },
  };
}

/** The only signing method the sandbox offers (seed: "Autenti signature"). */
export const AUTENTI_PROVIDER_ID = 'SIGNING_METHOD_PROVIDER:AUTENTI';

/** Seed: the one signing method offered for a basic Autenti signature (`"meta": null` as in the seed). */
export function providerSelectionChallenge(): Challenge {
  return {
    classifiers: [UNIQUE + 'PROVIDER_SELECTION', INTERACTION + 'SELECTION'],
    attributes: { options: [{ id: AUTENTI_PROVIDER_ID, description: 'Autenti signature', meta: null }] },
  };
}

/**
 * The consent text. Seed 003's consent id `CONSENT-CONTENT_MD5_HEX:3b14705c51bd7148f598f3a2ab0304db` is
 * the MD5 of the Polish text below (checked), i.e. the id hashes the consent's own content, not the
 * document. Processes in other languages get the English text, hence another id: a client must echo
 * the id it was offered rather than hard-code the seed's.
 */
const CONSENT_TEXT: Record<string, string> = {
  pl: 'Oświadczam, że znam i akceptuję treść w udostępnionych plikach oraz akceptuję postanowienia [Regulaminu Platformy Autenti](https://autenti.com/regulaminy).',
  en: 'I declare that I know and accept the content of the shared files and accept the provisions of the [Autenti Platform Terms](https://autenti.com/regulaminy).',
};

/** The consent offered for a process language, with its id (MD5 of the text). */
export function consentFor(language: string): { id: string; content: string } {
  const content = CONSENT_TEXT[language] ?? CONSENT_TEXT.en!;
  return { id: 'CONSENT-CONTENT_MD5_HEX:' + createHash('md5').update(content, 'utf8').digest('hex'), content };
}

/** `SIGNATURE_CONSENT` (signing) or `SIGNATURE_REJECTION_CONSENT` (refusing) — the seed offers the same text for both. */
export function consentChallenge(type: 'SIGNATURE_CONSENT' | 'SIGNATURE_REJECTION_CONSENT', language: string): Challenge {
  return { classifiers: [UNIQUE + type, INTERACTION + 'CONSENT'], attributes: { consents: [consentFor(language)] } };
}

/** SIGNATURE_REJECTION_REASON: a USER_INPUT challenge with no attributes, as in the seed. */
export function rejectionReasonChallenge(): Challenge {
  return { classifiers: [UNIQUE + 'SIGNATURE_REJECTION_REASON', INTERACTION + 'USER_INPUT'], attributes: {} };
}

/** Seed 003 "Reminding about a document": `mode: multi`, one option per party still to act. */
export function reminderPartySelectionChallenge(options: { id: string; description: string }[]): Challenge {
  return {
    classifiers: [UNIQUE + 'DOCUMENT_REMINDER_PARTY_SELECTION', INTERACTION + 'SELECTION'],
    attributes: { mode: 'multi', options: options.map((option) => ({ ...option, availability: 'AVAILABLE' })) },
  };
}

const RESTARTABLE = 'CHALLENGE_CLASSIFIER-RESTARTABILITY:RESTARTABLE';

/** DOCUMENT_ACCESS_OTP_AUTHORIZATION: the code texted to the party (masked number), answered as `input`/`userInput`; restartable (a new code). */
export function otpChallenge(maskedPhoneNumber: string): Challenge {
  return {
    classifiers: [UNIQUE + 'DOCUMENT_ACCESS_OTP_AUTHORIZATION', RESTARTABLE, INTERACTION + 'USER_INPUT'],
    attributes: { phoneNumber: maskedPhoneNumber },
  };
}

/** The qualified signing method the sandbox offers (the seed's IVR example: "Press 1 to use Infocert signature"). */
export const INFOCERT_PROVIDER_ID = 'SIGNING_METHOD_PROVIDER:INFOCERT';

/** PROVIDER_SELECTION for a party whose SIGNATURE_TYPE requires QUALIFIED. */
export function qualifiedProviderSelectionChallenge(): Challenge {
  return {
    classifiers: [UNIQUE + 'PROVIDER_SELECTION', INTERACTION + 'SELECTION'],
    attributes: { options: [{ id: INFOCERT_PROVIDER_ID, description: 'Infocert qualified signature', meta: null }] },
  };
}

/**
 * QUALIFIED_SIGNATURE_UI_REDIRECT (seed 003 "User interaction: HTTP_REQUEST"): the way to finish a
 * qualified signature in Autenti's own pages — here the party's signing page. Sent next to the qualified
 * PROVIDER_SELECTION: a client that cannot answer the Infocert challenges opens this instead.
 */
export function qualifiedRedirectChallenge(uri: string): Challenge {
  return {
    classifiers: [UNIQUE + 'QUALIFIED_SIGNATURE_UI_REDIRECT', INTERACTION + 'HTTP_REQUEST'],
    attributes: { 'http-request': { method: 'GET', uri, headers: {}, body: null, 'body-encoding': 'plain' }, 'user-interaction': 'browser' },
  };
}

/** The seed's two Infocert consents (its "User interaction: CONSENT" example). */
export function infocertConsentChallenge(): Challenge {
  return {
    classifiers: [UNIQUE + 'SIGNATURE_CONSENT_INFOCERT', INTERACTION + 'CONSENT'],
    attributes: {
      consents: [
        { id: 'CONSENT-INFOCERT_SIGNATURE_CONSENT_ID:SIG1', content: 'I hereby agree to sign the presented document' },
        { id: 'CONSENT-INFOCERT_SIGNATURE_CONSENT_ID:SIG2', content: 'I confirm the content of the document is known to me' },
      ],
    },
  };
}

/** The party's certificates, as the seed's INFOCERT_ALIAS_SELECTION shows them (two, derived from the party id). */
export function infocertAliasChallenge(partyId: string): Challenge {
  const hex = partyId.slice(partyId.lastIndexOf(':') + 1);
  const aliases = [`KT_${hex.toUpperCase()}1`, `KT_${hex.toUpperCase()}2`];
  return {
    classifiers: [UNIQUE + 'INFOCERT_ALIAS_SELECTION', INTERACTION + 'SELECTION'],
    attributes: { mode: 'single', options: aliases.map((alias) => ({ id: `INFOCERT_ALIAS:${alias}`, description: alias })) },
  };
}

/** The PIN of every sandbox Infocert certificate: the seed's example input. */
export const SANDBOX_INFOCERT_PIN = '12345678';

/** INFOCERT_PIN (seed: restartable USER_INPUT with no attributes). */
export function infocertPinChallenge(): Challenge {
  return { classifiers: [UNIQUE + 'INFOCERT_PIN', RESTARTABLE, INTERACTION + 'USER_INPUT'], attributes: {} };
}

/** The header value of a challenge: base64url without padding, as every seed example. */
export function encodeChallenge(challenge: Challenge): string {
  return Buffer.from(JSON.stringify(challenge), 'utf8').toString('base64url');
}

/** The unique type of a challenge or assertion (`ACTION_SELECTION`). */
export function uniqueTypeOf(classifiers: unknown): string | undefined {
  if (!Array.isArray(classifiers)) return undefined;
  const unique = classifiers.find((c): c is string => typeof c === 'string' && c.startsWith(UNIQUE));
  return unique?.slice(UNIQUE.length);
}

/** One decoded `X-ASSERTION`, with the seed's alternative spellings folded together. */
export interface Assertion {
  type: string;
  /** `selectedIds` as an array or a single string, or `select` (seed's rejection example). */
  selectedIds: string[];
  /** `consentedIds`, or `consents` as a list of ids (seed's rejection example). */
  consentedIds: string[];
  /** `userInput` (rejection reason), or `input` (seed's generic INPUT example). */
  userInput: string | undefined;
  /** CHALLENGE_RESTART: the unique type of the challenge to restart (from `attributes.challenge`, base64 JSON). */
  restarts?: string;
}

const idList = (value: unknown): string[] => {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return value.map((item) => (typeof item === 'string' ? item : (item as { id?: unknown } | null)?.id)).filter((id): id is string => typeof id === 'string');
};

/**
 * Reads the `X-ASSERTION` headers: several headers (Node joins them with ", ") or one comma-separated
 * value; base64url or base64, padded or not. A value that is not base64-encoded JSON is a 400 naming it.
 */
export function decodeAssertions(header: string | string[] | undefined): Assertion[] {
  if (header === undefined) return [];
  const values = (Array.isArray(header) ? header : [header]).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
  return values.map((value, index) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
    } catch {
      throw problems.badRequest(`X-ASSERTION #${index + 1} is not base64url-encoded JSON: ${value.slice(0, 40)}…`);
    }
    const object = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { classifiers?: unknown; attributes?: Record<string, unknown> };
    const type = uniqueTypeOf(object.classifiers);
    if (!type) {
      throw problems.badRequest(`X-ASSERTION #${index + 1} has no "${UNIQUE}…" classifier naming the challenge it answers.`);
    }
    const attributes = typeof object.attributes === 'object' && object.attributes !== null ? object.attributes : {};
    const input = attributes.userInput ?? attributes.input;
    let restarts: string | undefined;
    if (type === 'CHALLENGE_RESTART') {
      try {
        const named = JSON.parse(Buffer.from(String(attributes.challenge ?? ''), 'base64').toString('utf8')) as { classifiers?: unknown };
        restarts = uniqueTypeOf(named.classifiers);
      } catch {
        restarts = undefined;
      }
      if (!restarts) throw problems.badRequest(`X-ASSERTION #${index + 1} (CHALLENGE_RESTART) needs attributes.challenge: the base64-encoded challenge to restart.`);
    }
    return {
      type,
      ...(restarts ? { restarts } : {}),
      selectedIds: idList(attributes.selectedIds ?? attributes.select),
      consentedIds: idList(attributes.consentedIds ?? attributes.consents),
      userInput: typeof input === 'string' ? input : undefined,
    };
  });
}
