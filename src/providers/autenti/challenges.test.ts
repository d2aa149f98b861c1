import { describe, expect, it } from 'vitest';
import { providerFixtureJson, providerFixtureText } from '../../../test/support/provider-fixtures.js';
import { ProviderError } from '../errors.js';
import {
  decodeBase64Url,
  decodeChallenge,
  decodeChallenges,
  encodeAssertion,
  encodeBase64Url,
  performAction,
  selectAction,
  selectReminderParties,
  type ActionAnswer,
} from './challenges.js';

const text = (name: string) => providerFixtureText('autenti', name);
const fixture = <T>(name: string): T => providerFixtureJson<T>('autenti', name);

type Steps = Array<{ challenges?: string[]; assertions?: string[] }>;
const headers = fixture<Record<string, { section: string; steps: Steps }>>('challenge-headers.json');
const steps = (section: string): Steps => headers[section]!.steps;

const problem = fixture<unknown>('challenge.problem.json');
// The seed's decoded party-selection assertion ends before its last `}`: repaired here, as in the sandbox's contract test.
const seedPartiesAssertion = JSON.parse(`${text('remind.assertion-parties.decoded.txt')}}`) as unknown;

/** A scripted Autenti: answers each POST with the next response and records the X-ASSERTION headers sent. */
function scripted(answers: ActionAnswer[]) {
  const requests: Array<readonly string[]> = [];
  return {
    requests,
    post: async (assertions: readonly string[]) => {
      requests.push(assertions);
      const answer = answers[requests.length - 1];
      if (answer === undefined) throw new Error('more requests than scripted');
      return answer;
    },
  };
}

const fail = (answer: ActionAnswer) => new ProviderError({ kind: 'validation', provider: 'autenti', message: `HTTP ${answer.status}` });

describe('decoding the seed\'s X-CHALLENGE values', () => {
  it('decodes every challenge and assertion of seed 003 as JSON with classifiers', () => {
    const values = Object.values(headers)
      .filter((section) => typeof section === 'object')
      .flatMap((section) => section.steps.flatMap((step) => [...(step.challenges ?? []), ...(step.assertions ?? [])]));
    expect(values.length).toBeGreaterThan(20);
    for (const value of values) expect(decodeChallenge(value).classifiers.length).toBeGreaterThan(0);
  });

  it('reads the send challenge as the seed decodes it ("Sending a document")', () => {
    const [challenge] = decodeChallenges(steps('sendingADocument')[0]!.challenges!);
    expect(JSON.parse(decodeBase64Url(steps('sendingADocument')[0]!.challenges![0]!))).toEqual(fixture('send.x-challenge.decoded.json'));
    expect(challenge).toMatchObject({ uniqueType: 'ACTION_SELECTION', interactionType: 'SELECTION' });
  });

  it('reads two challenges of one answer, sent as two headers or folded into one', () => {
    const pair = steps('signingADocument')[2]!.challenges!;
    expect(pair).toHaveLength(2);
    expect(decodeChallenges(pair).map((c) => c.uniqueType)).toEqual(['PROVIDER_SELECTION', 'SIGNATURE_CONSENT']);
    expect(decodeChallenges([pair.join(', ')]).map((c) => c.uniqueType)).toEqual(['PROVIDER_SELECTION', 'SIGNATURE_CONSENT']);
  });

  it('tolerates the garbled classifier of the introduction\'s assertion', () => {
    expect(decodeChallenge(steps('introduction')[1]!.assertions![0]!).uniqueType).toBe('ACTION_SELECTION');
  });
});

describe('performAction', () => {
  it('sends a document as in the seed: the assertion decodes to the seed\'s DOCUMENT_SENT assertion', async () => {
    const [challenge, assertion] = steps('sendingADocument');
    const event = fixture<unknown>('send.response.json');
    const autenti = scripted([
      { status: 403, challenges: challenge!.challenges!, body: problem },
      { status: 200, challenges: [], body: event },
    ]);
    const result = await performAction({ post: autenti.post, answerers: { ACTION_SELECTION: selectAction('DOCUMENT_SENT') }, fail });
    expect(result).toEqual(event);
    expect(autenti.requests[0]).toEqual([]);
    expect(autenti.requests[1]).toHaveLength(1);
    const sent = JSON.parse(decodeBase64Url(autenti.requests[1]![0]!)) as unknown;
    expect(sent).toEqual(JSON.parse(decodeBase64Url(assertion!.assertions![0]!)));
    expect(sent).toEqual(fixture('send.x-assertion.decoded.json'));
    // base64url without padding, like every value in the seed.
    expect(autenti.requests[1]![0]).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('withdraws as in the seed ("Withdrawing a document…")', async () => {
    const [challenge, assertion] = steps('withdrawingADocument');
    const autenti = scripted([
      { status: 403, challenges: challenge!.challenges!, body: problem },
      { status: 200, challenges: [], body: fixture('withdraw.response.json') },
    ]);
    await performAction({ post: autenti.post, answerers: { ACTION_SELECTION: selectAction('DOCUMENT_WITHDRAWAL') }, fail });
    expect(JSON.parse(decodeBase64Url(autenti.requests[1]![0]!))).toEqual(JSON.parse(decodeBase64Url(assertion!.assertions![0]!)));
  });

  it('reminds as in the seed: action, then party selection, then every assertion so far', async () => {
    const actionChallenge = encodeBase64Url(
      JSON.stringify({
        classifiers: ['CHALLENGE_CLASSIFIER-USER_INTERACTION_TYPE:SELECTION', 'CHALLENGE_CLASSIFIER-UNIQUE_TYPE:ACTION_SELECTION'],
        attributes: { options: [{ id: 'EVENT_CLASSIFIER-UNIQUE_TYPE:DOCUMENT_REMINDER_SENT', description: 'Remind' }] },
      }),
    );
    // The seed's party-selection challenge has a trailing comma in its options (a conversion artifact).
    const partyChallenge = encodeBase64Url(text('remind.challenge-parties.decoded.txt').replace(/,(\s*\])/g, '$1'));
    const autenti = scripted([
      { status: 403, challenges: [actionChallenge], body: problem },
      { status: 403, challenges: [partyChallenge], body: problem },
      { status: 200, challenges: [], body: {} },
    ]);
    await performAction({
      post: autenti.post,
      answerers: {
        ACTION_SELECTION: selectAction('DOCUMENT_REMINDER_SENT'),
        DOCUMENT_REMINDER_PARTY_SELECTION: selectReminderParties(['PARTY-PUBLIC_REVIEW_PROCESS_ID:cd671140']),
      },
      fail,
    });
    expect(autenti.requests.map((request) => request.map((value) => JSON.parse(decodeBase64Url(value)) as unknown))).toEqual([
      [],
      [fixture('remind.assertion-action.decoded.json')],
      [fixture('remind.assertion-action.decoded.json'), seedPartiesAssertion],
    ]);
  });

  it('reminds every offered party when none is chosen', () => {
    const challenge = decodeChallenge(encodeBase64Url(text('remind.challenge-parties.decoded.txt').replace(/,(\s*\])/g, '$1')));
    expect(selectReminderParties(undefined)(challenge)?.attributes).toEqual({
      selectedIds: ['PARTY-PUBLIC_SIGNING_PROCESS_ID:404869e2', 'PARTY-PUBLIC_REVIEW_PROCESS_ID:cd671140', 'PARTY-PUBLIC_APPROVE_PROCESS_ID:cd671140'],
    });
    expect(() => selectReminderParties(['PARTY:gone'])(challenge)).toThrow(/cannot remind PARTY:gone/);
  });

  it('turns a challenge it cannot answer into unsupported, naming it (seed "User interaction: CONSENT")', async () => {
    const consent = encodeBase64Url(
      JSON.stringify({
        classifiers: ['CHALLENGE_CLASSIFIER-UNIQUE_TYPE:SIGNATURE_CONSENT_INFOCERT', 'CHALLENGE_CLASSIFIER-USER_INTERACTION_TYPE:CONSENT'],
        attributes: { consents: [{ id: 'CONSENT-INFOCERT_SIGNATURE_CONSENT_ID:SIG1', content: 'I hereby agree to sign the presented document' }] },
      }),
    );
    const autenti = scripted([
      { status: 403, challenges: steps('sendingADocument')[0]!.challenges!, body: problem },
      { status: 403, challenges: [consent], body: problem },
    ]);
    const error = await performAction({ post: autenti.post, answerers: { ACTION_SELECTION: selectAction('DOCUMENT_SENT') }, fail }).catch((e: unknown) => e);
    expect(ProviderError.is(error, 'unsupported')).toBe(true);
    expect((error as ProviderError).message).toBe(
      'Unsupported feature detected in this document process (challenge SIGNATURE_CONSENT_INFOCERT); continue in Autenti.',
    );
    expect((error as ProviderError).feature).toBe('CHALLENGE:SIGNATURE_CONSENT_INFOCERT');
    expect((error as ProviderError).message).not.toMatch(/unknown error/i);
  });

  it('says plainly when the wanted action is not offered (a completed process cannot be withdrawn)', async () => {
    const autenti = scripted([{ status: 403, challenges: steps('signingADocument')[0]!.challenges!, body: problem }]);
    const error = await performAction({ post: autenti.post, answerers: { ACTION_SELECTION: selectAction('DOCUMENT_WITHDRAWAL') }, fail }).catch((e: unknown) => e);
    expect(ProviderError.is(error, 'conflict')).toBe(true);
    expect((error as ProviderError).message).toContain('it offers: Sign, Reject to sign');
  });

  it('keeps assertions handed over by an ASSERTION_STORE challenge ("Client side assertion store")', async () => {
    const stored = 'eyJjbGFzc2lmaWVycyI6WyJDSEFMTEVOR0VfT1JfQVNTRVJUSU9OX0NMQVNTXFw6VU5JUVVFX1RZUEU6SU5GT0NFUlRfQUNDRVNTX1RPS0VOIl0sImF0dHJpYnV0ZXMiOnsidmFsdWUiOiJzb21lYWNjZXNzdG9rZW52YWx1ZXRvYmV1c2VkdXNlbGF0ZXIifX0';
    const store = encodeBase64Url(
      JSON.stringify({
        classifiers: ['CHALLENGE_CLASSIFIER-UNIQUE_TYPE:ASSERTION_STORE', 'CHALLENGE_CLASSIFIER-USER_INTERACTION_TYPE:NONE'],
        attributes: { assertions: [stored], invalidations: [], replacements: [] },
      }),
    );
    const autenti = scripted([
      { status: 403, challenges: [steps('sendingADocument')[0]!.challenges![0]!, store], body: problem },
      { status: 200, challenges: [], body: {} },
    ]);
    await performAction({ post: autenti.post, answerers: { ACTION_SELECTION: selectAction('DOCUMENT_SENT') }, fail });
    expect(autenti.requests[1]).toContain(stored);
    expect(autenti.requests[1]).toHaveLength(2);
  });

  it('hands any other answer to fail, and stops when a challenge returns after being answered', async () => {
    const failed = await performAction({ post: scripted([{ status: 404, challenges: [], body: {} }]).post, answerers: {}, fail }).catch((e: unknown) => e);
    expect((failed as Error).message).toBe('HTTP 404');
    const send = steps('sendingADocument')[0]!.challenges!;
    const looping = scripted([
      { status: 403, challenges: send, body: problem },
      { status: 403, challenges: send, body: problem },
    ]);
    const error = await performAction({ post: looping.post, answerers: { ACTION_SELECTION: selectAction('DOCUMENT_SENT') }, fail }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('asked again for ACTION_SELECTION');
  });

  it('encodes assertions the way the engine decodes them', () => {
    const value = selectAction('DOCUMENT_SENT')(decodeChallenge(steps('sendingADocument')[0]!.challenges![0]!))!;
    expect(decodeChallenge(encodeAssertion(value)).uniqueType).toBe('ACTION_SELECTION');
  });
});
