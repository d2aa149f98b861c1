import { ProviderError } from '../errors.js';
import { readProviderMessage } from '../http.js';

/**
 * Autenti's challenge–action–assertion model (seed 003 "The challenge-action-assertion model"):
 * an action request is answered `403` with one or more `X-CHALLENGE` headers, each a base64url JSON
 * `{ classifiers, attributes }`; the client repeats the request with an `X-ASSERTION` header for
 * every challenge answered so far, until the action succeeds (`200` with the event) or a challenge
 * comes that the client cannot answer.
 *
 * This engine is generic: it knows challenges by their `CHALLENGE_CLASSIFIER-UNIQUE_TYPE:…`
 * classifier and asks a table of answerers. Anything else (consents, PINs, qualified-signature
 * redirects, new kinds added after this version) becomes `ProviderError` kind `unsupported` naming
 * the challenge, as the seed demands ("Requirements concerning the applications…": never
 * "Unknown error").
 */

/** A decoded `X-CHALLENGE` (seed 003 "Generic handling of challenges based on user interaction type"). */
export type Challenge = {
  readonly classifiers: readonly string[];
  readonly attributes: Readonly<Record<string, unknown>>;
  /** From `CHALLENGE_CLASSIFIER-UNIQUE_TYPE:ACTION_SELECTION` → `ACTION_SELECTION`; `null` when absent. */
  readonly uniqueType: string | null;
  /** From `CHALLENGE_CLASSIFIER-USER_INTERACTION_TYPE:SELECTION` → `SELECTION`. */
  readonly interactionType: string | null;
};

/** An assertion before encoding: the answer to one challenge. */
export type Assertion = {
  readonly classifiers: readonly string[];
  readonly attributes: Readonly<Record<string, unknown>>;
};

/** One option of a SELECTION challenge (`options[]`: `{ id, description, availability? }`). */
export type ChallengeOption = { readonly id: string; readonly description?: string; readonly availability?: string };

/** What one action request answered, as the engine needs it. */
export type ActionAnswer = {
  readonly status: number;
  /** Every `X-CHALLENGE` header value, in order. */
  readonly challenges: readonly string[];
  /** The parsed JSON body: the event on 200, a problem on 403. */
  readonly body: unknown;
};

/** Answers one kind of challenge, or returns `undefined` to leave it unanswered (→ unsupported). */
export type ChallengeAnswerer = (challenge: Challenge) => Assertion | undefined;

const UNIQUE_TYPE_CLASSIFIER = 'CHALLENGE_CLASSIFIER-UNIQUE_TYPE:';
const MAX_ROUNDS = 8;

/** Decodes base64 or base64url (padded or not; the seed's values are unpadded base64url). */
export function decodeBase64Url(value: string): string {
  return Buffer.from(value.trim().replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
}

/** Encodes as base64url without padding, the form of every value in the seed. */
export function encodeBase64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** The part after `UNIQUE_TYPE:` or `USER_INTERACTION_TYPE:`, tolerant of the seed's garbled prefixes (`CHALLENGE-CLASSFIER-:UNIQUE_TYPE:…`). */
function classifierValue(classifiers: readonly string[], kind: 'UNIQUE_TYPE' | 'USER_INTERACTION_TYPE'): string | null {
  for (const classifier of classifiers) {
    const at = classifier.indexOf(`${kind}:`);
    if (at >= 0 && (at === 0 || /[-:_]$/.test(classifier.slice(0, at)))) return classifier.slice(at + kind.length + 1);
  }
  return null;
}

/** Decodes one `X-CHALLENGE` value; a value that is not base64 JSON is `unavailable` (a garbled answer). */
export function decodeChallenge(header: string): Challenge {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeBase64Url(header));
  } catch (error) {
    throw new ProviderError({
      kind: 'unavailable',
      provider: 'autenti',
      message: 'Autenti sent a challenge Countersign cannot read (X-CHALLENGE is not base64url JSON). Countersign retries later.',
      cause: error,
    });
  }
  const record = (parsed ?? {}) as { classifiers?: unknown; attributes?: unknown };
  const classifiers = Array.isArray(record.classifiers) ? record.classifiers.filter((c): c is string => typeof c === 'string') : [];
  const attributes = record.attributes !== null && typeof record.attributes === 'object' ? (record.attributes as Record<string, unknown>) : {};
  return {
    classifiers,
    attributes,
    uniqueType: classifierValue(classifiers, 'UNIQUE_TYPE'),
    interactionType: classifierValue(classifiers, 'USER_INTERACTION_TYPE'),
  };
}

/**
 * Every challenge in a response's `X-CHALLENGE` headers. A server or proxy may fold repeated headers
 * into one comma-separated value; base64url has no commas, so splitting is safe.
 */
export function decodeChallenges(headers: readonly string[]): Challenge[] {
  return headers
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '')
    .map(decodeChallenge);
}

/** An assertion for a challenge of `uniqueType`, as the seed writes them: only the unique-type classifier. */
export function assertion(uniqueType: string, attributes: Record<string, unknown>): Assertion {
  return { classifiers: [`${UNIQUE_TYPE_CLASSIFIER}${uniqueType}`], attributes };
}

export function encodeAssertion(value: Assertion): string {
  return encodeBase64Url(JSON.stringify(value));
}

/** The options of a SELECTION challenge; malformed entries are dropped. */
export function challengeOptions(challenge: Challenge): ChallengeOption[] {
  const options = challenge.attributes['options'];
  if (!Array.isArray(options)) return [];
  return options.filter((option): option is ChallengeOption => option !== null && typeof option === 'object' && typeof (option as ChallengeOption).id === 'string');
}

/**
 * The last segment of an action id: the seed writes the send option as
 * `EVENT_CLASSIFIER-UNIQUE_TYPE:EVENT_CLASSIFIER-UNIQUE_TYPE:DOCUMENT_SENT` and asserts
 * `EVENT_CLASSIFIER-UNIQUE_TYPE:DOCUMENT_SENT` ("Sending a document"); both name `DOCUMENT_SENT`.
 */
export function actionName(id: string): string {
  return id.slice(id.lastIndexOf(':') + 1);
}

/**
 * Answers `ACTION_SELECTION` with `action` (e.g. `DOCUMENT_SENT`), asserted as
 * `selectedIds: ["EVENT_CLASSIFIER-UNIQUE_TYPE:DOCUMENT_SENT"]`, the seed's own assertion: an array
 * (the seed also shows a bare string and a `select` key; the array form is the one in most examples
 * and in the send example). When the action is not among the options, the process is in a state
 * that does not allow it: `conflict`, listing what Autenti offered.
 */
export function selectAction(action: string): ChallengeAnswerer {
  return (challenge) => {
    const options = challengeOptions(challenge);
    if (!options.some((option) => actionName(option.id) === action)) {
      const offered = options.map((option) => option.description ?? actionName(option.id)).join(', ') || 'nothing';
      throw new ProviderError({
        kind: 'conflict',
        provider: 'autenti',
        feature: action,
        message: `Autenti does not offer ${describeAction(action)} for this document process now (it offers: ${offered}); it may already be completed, rejected or withdrawn.`,
      });
    }
    return assertion('ACTION_SELECTION', { selectedIds: [`EVENT_CLASSIFIER-UNIQUE_TYPE:${action}`] });
  };
}

/**
 * Answers `DOCUMENT_REMINDER_PARTY_SELECTION` (mode multi, seed 003 "Reminding about a document…")
 * with `partyIds`, or with every option not marked unavailable when none are given. A party id that
 * is not offered (already signed, or not in this process) is a `validation` error naming it.
 */
export function selectReminderParties(partyIds: readonly string[] | undefined): ChallengeAnswerer {
  return (challenge) => {
    const options = challengeOptions(challenge);
    const available = options.filter((option) => option.availability === undefined || option.availability === 'AVAILABLE');
    let selected: string[];
    if (partyIds === undefined || partyIds.length === 0) {
      selected = available.map((option) => option.id);
    } else {
      const missing = partyIds.filter((id) => !available.some((option) => option.id === id));
      if (missing.length > 0) {
        throw new ProviderError({
          kind: 'validation',
          provider: 'autenti',
          message: `Autenti cannot remind ${missing.join(', ')}: only participants who have not acted yet can be reminded (Autenti offers ${available.map((o) => o.description ?? o.id).join(', ') || 'nobody'}).`,
        });
      }
      selected = [...partyIds];
    }
    if (selected.length === 0) {
      throw new ProviderError({ kind: 'conflict', provider: 'autenti', message: 'Autenti has nobody to remind in this document process: every participant has acted.' });
    }
    return assertion('DOCUMENT_REMINDER_PARTY_SELECTION', { selectedIds: selected });
  };
}

/**
 * `ASSERTION_STORE` (interaction NONE, seed 003 "Client side assertion store"): Autenti hands the
 * client assertions to send back. The engine keeps them for the rest of this action (the
 * CONTINUATION scope, the longest one a server-side connector has) and drops invalidated ones.
 */
function storeAssertions(challenge: Challenge, sent: Map<string, string>): void {
  const invalidations = challenge.attributes['invalidations'];
  if (Array.isArray(invalidations)) {
    for (const invalidated of invalidations) {
      if (typeof invalidated === 'string') sent.delete(classifierValue([invalidated], 'UNIQUE_TYPE') ?? invalidated);
    }
  }
  const assertions = challenge.attributes['assertions'];
  if (Array.isArray(assertions)) {
    for (const value of assertions) {
      if (typeof value !== 'string') continue;
      const stored = decodeChallenge(value);
      sent.set(stored.uniqueType ?? value, value);
    }
  }
}

/** The message for a challenge Countersign cannot answer (seed 003's "Correct way" wording). */
export function unsupportedChallenge(challenge: Challenge): ProviderError {
  const name = challenge.uniqueType ?? challenge.classifiers.join(', ');
  return ProviderError.unsupported(
    'autenti',
    `CHALLENGE:${name}`,
    `Unsupported feature detected in this document process (challenge ${name || 'without a type'}); continue in Autenti.`,
  );
}

/**
 * Runs one action to completion: calls `post` with no assertion, answers each round of challenges
 * through `answerers` (by unique type), and repeats with every assertion so far until a 2xx, which
 * is returned. A 403 without challenges, or any other status, is handed to `fail`, which turns it
 * into the right `ProviderError`.
 */
export async function performAction(options: {
  readonly post: (assertions: readonly string[]) => Promise<ActionAnswer>;
  readonly answerers: Readonly<Record<string, ChallengeAnswerer>>;
  readonly fail: (answer: ActionAnswer) => Promise<ProviderError> | ProviderError;
  readonly maxRounds?: number;
}): Promise<unknown> {
  // Insertion order is the order the seed sends them in: the action selection first.
  const sent = new Map<string, string>();
  const answered = new Set<string>();
  const maxRounds = options.maxRounds ?? MAX_ROUNDS;
  for (let round = 1; ; round += 1) {
    const answer = await options.post([...sent.values()]);
    if (answer.status >= 200 && answer.status < 300) return answer.body;
    if (answer.status !== 403 || answer.challenges.length === 0) throw await options.fail(answer);
    if (round >= maxRounds) {
      throw new ProviderError({
        kind: 'unavailable',
        provider: 'autenti',
        message: `Autenti kept asking for more after ${maxRounds} rounds of challenges; Countersign stopped. Try again later or continue in Autenti.`,
      });
    }
    for (const challenge of decodeChallenges(answer.challenges)) {
      if (challenge.uniqueType === 'ASSERTION_STORE') {
        storeAssertions(challenge, sent);
        continue;
      }
      const answerer = challenge.uniqueType === null ? undefined : options.answerers[challenge.uniqueType];
      const value = answerer?.(challenge);
      if (value === undefined) throw unsupportedChallenge(challenge);
      if (answered.has(challenge.uniqueType!)) {
        // The same challenge again after it was answered: Autenti refused the answer.
        throw new ProviderError({
          kind: 'validation',
          provider: 'autenti',
          message: `Autenti asked again for ${challenge.uniqueType} after Countersign answered it; continue in Autenti.`,
          providerMessage: readProviderMessage(answer.body),
        });
      }
      answered.add(challenge.uniqueType!);
      sent.set(challenge.uniqueType!, encodeAssertion(value));
    }
  }
}

function describeAction(action: string): string {
  const words: Record<string, string> = {
    DOCUMENT_SENT: 'sending',
    DOCUMENT_WITHDRAWAL: 'withdrawing',
    DOCUMENT_REMINDER_SENT: 'reminders',
  };
  return words[action] ?? action;
}
