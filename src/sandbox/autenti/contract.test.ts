import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerFixtureJson, providerFixtureText } from '../../../test/support/provider-fixtures.js';
import {
  challengesOf,
  createTestClient,
  decodeHeaderJson,
  encodeHeaderJson,
  postJson,
  samplePdf,
  startTestSandbox,
  tokenFor,
  uploadFile,
  type RunningSandbox,
  type TestClient,
} from './test-helpers.js';

/**
 * Replays seed 003's own examples (verbatim in test/fixtures/providers/autenti, shared with the adapter's tests; see its README) against the sandbox over
 * real HTTP: the request bodies are accepted, the seed's X-ASSERTION values drive the flows to the seed's
 * results, and the X-CHALLENGE values the sandbox emits decode to the seed's decoded challenges.
 */

const fixture = (name: string) => providerFixtureText('autenti', name);
const fixtureJson = (name: string) => providerFixtureJson('autenti', name);
const headerValues = (name: string) => fixture(name).split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));

let sandbox: RunningSandbox;
let client: TestClient;
let ownerToken: string;
const OWNER = 'owner@acme.example';
const SIGNER = 'john.smith@acme.example';

const auth = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });

async function newProcess(parties: { email: string; role: string; firstName?: string; lastName?: string }[]): Promise<string> {
  const created = (await (await postJson(`${sandbox.api}/document-processes`, undefined, auth(ownerToken))).json()) as { id: string };
  const response = await fetch(`${sandbox.api}/document-processes/${created.id}`, {
    method: 'PUT',
    headers: auth(ownerToken, { 'content-type': 'application/json' }),
    body: JSON.stringify({
      title: 'Contract test',
      processLanguage: 'pl',
      parties: parties.map((party) => ({ party: { firstName: party.firstName ?? 'John', lastName: party.lastName ?? 'Smith', email: party.email }, role: party.role })),
    }),
  });
  expect(response.status).toBe(200);
  expect((await uploadFile(sandbox.api, ownerToken, created.id, { filename: 'contract.pdf', mimeType: 'application/pdf', bytes: await samplePdf() })).status).toBe(200);
  return created.id;
}

function act(token: string, processId: string, assertions: string[] = []): Promise<Response> {
  const headers = new Headers(auth(token, { 'content-type': 'application/json' }));
  for (const assertion of assertions) headers.append('x-assertion', assertion);
  return fetch(`${sandbox.api}/document-processes/${processId}/actions`, { method: 'POST', headers });
}

async function send(processId: string): Promise<void> {
  expect((await act(ownerToken, processId, headerValues('send.x-assertion.txt'))).status).toBe(200);
}

async function expectChallengeResponse(response: Response, seedChallenges: string) {
  expect(response.status).toBe(403);
  const body = (await response.json()) as Record<string, unknown>;
  const seedProblem = fixtureJson('challenge.problem.json');
  expect(body).toMatchObject({ type: seedProblem.type, title: seedProblem.title, status: seedProblem.status, detail: seedProblem.detail });
  expect(body.instance).toMatch(/^[0-9a-f-]{36}$/);
  expect(challengesOf(response)).toEqual(headerValues(seedChallenges).map(decodeHeaderJson));
}

/** Same members as the seed's event; ids checked by pattern since they are generated. */
function expectSeedEventShape(event: Record<string, unknown>, seedName: string, processId: string) {
  const seed = fixtureJson(seedName);
  expect(Object.keys(event).sort()).toEqual(Object.keys(seed).sort());
  expect(event.object).toEqual({ id: processId, type: (seed.object as { type: string }).type });
  expect(event.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  expect(event.id).toMatch(new RegExp(`^EVENT-AUTENTI:[0-9a-f]{8}-${String(seed.id).split('-').pop()}$`));
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  // The seed's own answers: only contentElements / participationEvents, and the single event object
  // (the live shapes are replayed in reference-contract.test.ts).
  const shapes = await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ shapes: { process: 'seed', actionAnswer: 'object' } }) });
  expect(shapes.status).toBe(200);
  client = await createTestClient(sandbox);
  ownerToken = await tokenFor(sandbox, client, OWNER);
});
afterAll(async () => sandbox?.close());

describe('seed 003 "Bootstrap client"', () => {
  it('answers the bootstrap password grant and registers the seed client', async () => {
    const tokenResponse = await postJson(`${sandbox.api}/auth/token`, fixtureJson('bootstrap-token.request.json'));
    expect(tokenResponse.status).toBe(200);
    const token = (await tokenResponse.json()) as Record<string, unknown>;
    expect(token).toMatchObject({ scope: 'client_management', token_type: 'bearer', expires_in: 1770 });
    // Seed: "Please ensure at least 1500 characters reserved to store tokens." — and the seed's header.
    expect(String(token.access_token).length).toBeGreaterThanOrEqual(1200);
    expect(String(token.access_token).length).toBeLessThanOrEqual(1500);
    expect(String(token.access_token)).toMatch(/^eyJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiZGlyIn0\.\./);
    expect(typeof token.refresh_token).toBe('string');

    const request = fixtureJson('register-client.request.json');
    const registered = await postJson(`${sandbox.api}/clients`, request, auth(String(token.access_token)));
    expect(registered.status).toBe(200);
    const body = (await registered.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ client_secret_expires_at: 0, redirect_uris: request.redirect_uris, client_name: request.client_name, scopes: request.scopes });
    expect(body.client_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.client_secret).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('seed 003 "Creating & sending a document via API"', () => {
  it('creates the placeholder process, then accepts the seed PUT and PATCH bodies', async () => {
    const created = await postJson(`${sandbox.api}/document-processes`, undefined, auth(ownerToken));
    expect(created.status).toBe(200);
    const process = (await created.json()) as Record<string, unknown>;
    const seed = fixtureJson('create-document-process.response.json');
    // Every member of the seed's answer; live Autenti answers the whole process (status included).
    expect(Object.keys(process)).toEqual(expect.arrayContaining(Object.keys(seed)));
    expect(process.status).toBe('DRAFT');
    expect(process).toMatchObject({ title: seed.title, processLanguage: seed.processLanguage });
    expect(process.id).toMatch(/^DOCUMENT_PROCESS:[0-9a-f-]{36}$/);
    const url = `${sandbox.api}/document-processes/${String(process.id)}`;

    const put = await fetch(url, { method: 'PUT', headers: auth(ownerToken, { 'content-type': 'application/json', accept: 'application/json' }), body: fixture('put-document-process.request.json') });
    expect(put.status).toBe(200);
    const afterPut = (await put.json()) as { parties: { party: Record<string, unknown>; role: string }[]; tags: unknown[]; title: string };
    expect(afterPut.title).toBe('Boat rental agreement');
    expect(afterPut.parties[0]!.party.id).toMatch(/^PARTY-PUBLIC_SIGNING_PROCESS_ID:[0-9a-f]{8}$/);
    expect(afterPut.parties[0]!.party.contacts).toEqual([{ type: 'CONTACT-TYPE:EMAIL', attributes: { email: 'marcin.niegodziwy@fake.autenti.com' } }]);
    expect(afterPut.parties.at(-1)!.role).toBe('SENDER');
    expect(afterPut.tags).toEqual([{ id: 'TAG:5f744c47223ddf2bd8133306', name: 'Acme Co. - under NDA', type: 'ORGANIZATION_SHARED', description: expect.any(String) }]);
    expect(put.headers.get('version')).toBe('1');

    // The seed's PATCH: merge-patch+json with `version: 1`.
    const patch = await fetch(url, {
      method: 'PATCH',
      headers: auth(ownerToken, { accept: 'application/json', 'content-type': 'application/merge-patch+json', version: '1' }),
      body: fixture('patch-document-process.request.json'),
    });
    expect(patch.status).toBe(200);
    const patched = (await patch.json()) as { title: string; description: unknown; parties: { role: string; party: { name: string }; constraints?: unknown[] }[] };
    expect(patched.title).toBe('Agrrement of evil intent');
    expect(patched.description).toBeNull();
    expect(patched.parties.map((party) => party.role)).toEqual(['SIGNER', 'APPROVER', 'VIEWER', 'SENDER']);
    expect(patched.parties[2]!.constraints).toEqual((fixtureJson('patch-document-process.request.json').parties as { constraints: unknown[] }[])[2]!.constraints);

    // The GET answer has the members of the seed's example process.
    const got = (await (await fetch(url, { headers: auth(ownerToken) })).json()) as Record<string, unknown>;
    const example = fixtureJson('document-process.example.json');
    expect(Object.keys(got).sort()).toEqual(Object.keys(example).sort());
    const exampleParty = (example.parties as Record<string, unknown>[])[1]!;
    const gotSigner = (got.parties as Record<string, unknown>[])[0]!;
    expect(Object.keys(gotSigner).filter((key) => key !== 'participationEvents').sort()).toEqual(Object.keys(exampleParty).filter((key) => key !== 'participationEvents').sort());
  });

  it('accepts the seed tags PUT with its version header', async () => {
    const created = (await (await postJson(`${sandbox.api}/document-processes`, undefined, auth(ownerToken))).json()) as { id: string };
    await fetch(`${sandbox.api}/document-processes/${created.id}`, { method: 'PUT', headers: auth(ownerToken, { 'content-type': 'application/json' }), body: JSON.stringify({ title: 'Tags' }) });
    const response = await fetch(`${sandbox.api}/document-processes/${created.id}/tags`, {
      method: 'PUT',
      headers: auth(ownerToken, { accept: 'application/json', 'content-type': 'application/merge-patch+json', version: '1' }),
      body: fixture('put-tags.request.json'),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([{ id: 'TAG:5f744c47223ddf2bd8133306', name: 'Acme Co. - under NDA', type: 'ORGANIZATION_SHARED', description: expect.any(String) }]);
  });

  it('accepts the seed multipart upload (file part without a filename)', async () => {
    const created = (await (await postJson(`${sandbox.api}/document-processes`, undefined, auth(ownerToken))).json()) as { id: string };
    // The converted seed lost the blank line between each part's headers and its content, and closes the
    // multipart (`--WebAppBoundary--`) before the file part: those two kinds of damage are repaired.
    const lines = fixture('upload-file.multipart.txt').trimEnd().split('\n');
    lines[lines.indexOf('--WebAppBoundary--')] = '--WebAppBoundary';
    lines.splice(lines.indexOf('{'), 0, '');
    lines.splice(lines.indexOf('[some file content as stream of bytes]'), 0, '');
    const [before, after] = lines.join('\r\n').split('[some file content as stream of bytes]');
    const body = Buffer.concat([Buffer.from(before!), await samplePdf('plan'), Buffer.from(after!), Buffer.from('\r\n')]);
    const response = await fetch(`${sandbox.api}/document-processes/${created.id}/files`, {
      method: 'POST',
      headers: auth(ownerToken, { 'content-type': 'multipart/form-data; boundary=WebAppBoundary', accept: 'application/json' }),
      body,
    });
    const element = (await response.json()) as Record<string, unknown>;
    expect(response.status, JSON.stringify(element)).toBe(200);
    expect(element).toMatchObject({ filename: 'plan_zaglady.pdf', description: null, version: '1', modificationTime: null, filePurpose: 'SOURCE_FILE', mimeType: 'application/pdf' });
    expect(element.id).toMatch(/^FILE-SOURCE_FILE:[0-9a-f-]{36}$/);
  });
});

describe('seed 003 challenge–action–assertion examples', () => {
  it('"Sending a document": emits the seed challenge and sends on the seed assertion', async () => {
    const id = await newProcess([{ email: SIGNER, role: 'SIGNER' }]);
    await expectChallengeResponse(await act(ownerToken, id), 'send.x-challenge.txt');
    const response = await act(ownerToken, id, headerValues('send.x-assertion.txt'));
    expect(response.status).toBe(200);
    const event = (await response.json()) as Record<string, unknown>;
    const seed = fixtureJson('send.response.json');
    expectSeedEventShape(event, 'send.response.json', id);
    expect(event).toMatchObject({ eventType: seed.eventType, classifiers: seed.classifiers, attributes: {} });
    expect((event.actor as { id: string }).id).toMatch(/^PARTY-PUBLIC_SENDER_PROCESS_ID:[0-9a-f]{8}$/);
    const process = (await (await fetch(`${sandbox.api}/document-processes/${id}`, { headers: auth(ownerToken) })).json()) as { status: string };
    expect(process.status).toBe('PROCESSING');
  });

  it('"Signing": the seed challenges, then the seed\'s 3 assertions sign', async () => {
    const id = await newProcess([{ email: SIGNER, role: 'SIGNER' }]);
    await send(id);
    const signerToken = await tokenFor(sandbox, client, SIGNER);
    await expectChallengeResponse(await act(signerToken, id), 'sign.x-challenge-action.txt');
    await expectChallengeResponse(await act(signerToken, id, headerValues('sign.x-assertion-action.txt')), 'sign.x-challenge-followup.txt');
    const response = await act(signerToken, id, headerValues('sign.x-assertions.txt'));
    expect(response.status).toBe(200);
    const event = (await response.json()) as Record<string, unknown>;
    expectSeedEventShape(event, 'sign.response.json', id);
    // The seed's 200 says eventType SIGNATURE_REJECTION under an id ending in SIGNATURE_APPLICATION (copy-paste
    // damage); the sandbox answers the action that was taken.
    expect(event).toMatchObject({ eventType: 'EVENT_CLASSIFIER-UNIQUE_TYPE:SIGNATURE_APPLICATION', classifiers: fixtureJson('sign.response.json').classifiers });
    const process = (await (await fetch(`${sandbox.api}/document-processes/${id}`, { headers: auth(signerToken) })).json()) as { status: string; parties: { party: { id: string }; participationStatus: string; currentUser: boolean }[] };
    expect(process.status).toBe('COMPLETED');
    expect(process.parties[0]).toMatchObject({ participationStatus: 'COMPLETED', currentUser: true, party: { id: (event.actor as { id: string }).id } });
  });

  it('"Signing": the 3 assertions also work comma-separated in one header', async () => {
    const id = await newProcess([{ email: SIGNER, role: 'SIGNER' }]);
    await send(id);
    const signerToken = await tokenFor(sandbox, client, SIGNER);
    expect((await act(signerToken, id, [headerValues('sign.x-assertions.txt').join(', ')])).status).toBe(200);
  });

  it('"Refusing to sign": the seed challenges, then the seed\'s 3 assertions (select, consents, userInput) reject', async () => {
    const id = await newProcess([{ email: SIGNER, role: 'SIGNER' }]);
    await send(id);
    const signerToken = await tokenFor(sandbox, client, SIGNER);
    await expectChallengeResponse(await act(signerToken, id), 'reject.x-challenge-action.txt');
    await expectChallengeResponse(await act(signerToken, id, headerValues('reject.x-assertion-action.txt')), 'reject.x-challenge-followup.txt');
    const response = await act(signerToken, id, headerValues('reject.x-assertions.txt'));
    expect(response.status).toBe(200);
    const event = (await response.json()) as Record<string, unknown>;
    const seed = fixtureJson('reject.response.json');
    expectSeedEventShape(event, 'reject.response.json', id);
    expect(event).toMatchObject({ eventType: seed.eventType, classifiers: seed.classifiers, attributes: { comment: 'The document is not as agreed before' } });
    const process = (await (await fetch(`${sandbox.api}/document-processes/${id}`, { headers: auth(ownerToken) })).json()) as { status: string; parties: { participationStatus: string; participationEvents: unknown[] }[] };
    expect(process.status).toBe('REJECTED');
    expect(process.parties[0]!.participationStatus).toBe('REJECTED');
    expect(process.parties[0]!.participationEvents[0]).toMatchObject({ eventType: 'REJECTION', attributes: { comment: 'The document is not as agreed before' } });
  });

  it('"Withdrawing": a sender who is also a signer gets the seed options (plus the reminder) and withdraws', async () => {
    const id = await newProcess([{ email: OWNER, role: 'SIGNER', firstName: 'Olga', lastName: 'Owner' }]);
    await send(id);
    const challengeResponse = await act(ownerToken, id);
    expect(challengeResponse.status).toBe(403);
    const [challenge] = challengesOf(challengeResponse) as { classifiers: string[]; attributes: { options: unknown[] } }[];
    const seed = decodeHeaderJson(headerValues('withdraw.x-challenge-action.txt')[0]!) as { classifiers: string[]; attributes: { options: unknown[] } };
    expect(challenge!.classifiers).toEqual(seed.classifiers);
    // The seed's reminder section lists DOCUMENT_REMINDER_SENT for the same situation; it comes after the seed's three.
    expect(challenge!.attributes.options.slice(0, 3)).toEqual(seed.attributes.options);
    expect(challenge!.attributes.options[3]).toEqual({ id: 'EVENT_CLASSIFIER-UNIQUE_TYPE:DOCUMENT_REMINDER_SENT', description: 'Send reminder' });

    const response = await act(ownerToken, id, headerValues('withdraw.x-assertion-action.txt'));
    expect(response.status).toBe(200);
    const event = (await response.json()) as Record<string, unknown>;
    expectSeedEventShape(event, 'withdraw.response.json', id);
    expect(event).not.toHaveProperty('classifiers');
    expect(event.eventType).toBe(fixtureJson('withdraw.response.json').eventType);
    const process = (await (await fetch(`${sandbox.api}/document-processes/${id}`, { headers: auth(ownerToken) })).json()) as { status: string };
    expect(process.status).toBe('WITHDRAWN');
  });

  it('"Reminding": the seed assertions drive the party selection challenge', async () => {
    const id = await newProcess([{ email: SIGNER, role: 'SIGNER' }]);
    await send(id);
    const action = encodeHeaderJson(fixtureJson('remind.assertion-action.decoded.json'));
    const first = await act(ownerToken, id, [action]);
    expect(first.status).toBe(403);
    // The seed's decoded challenge has a trailing comma after the last option; without it, it is JSON.
    const seedChallenge = JSON.parse(fixture('remind.challenge-parties.decoded.txt').replace(/,\s*\]/, ']')) as { classifiers: string[]; attributes: { mode: string; options: Record<string, unknown>[] } };
    const [challenge] = challengesOf(first) as (typeof seedChallenge)[];
    expect(challenge!.classifiers).toEqual(seedChallenge.classifiers);
    expect(challenge!.attributes.mode).toBe(seedChallenge.attributes.mode);
    expect(Object.keys(challenge!.attributes.options[0]!).sort()).toEqual(Object.keys(seedChallenge.attributes.options[0]!).sort());
    expect(challenge!.attributes.options[0]).toMatchObject({ description: `John Smith / ${SIGNER}`, availability: 'AVAILABLE' });

    // The seed's party assertion (its last "}" is missing in the seed) names a party of another process: refused.
    const seedParties = JSON.parse(fixture('remind.assertion-parties.decoded.txt') + '}') as Record<string, unknown>;
    const refused = await act(ownerToken, id, [action, encodeHeaderJson(seedParties)]);
    expect(refused.status).toBe(403);
    const chosen = { ...seedParties, attributes: { selectedIds: [challenge!.attributes.options[0]!.id] } };
    const reminded = await act(ownerToken, id, [action, encodeHeaderJson(chosen)]);
    expect(reminded.status).toBe(200);
    expect(((await reminded.json()) as { eventType: string }).eventType).toBe('EVENT_CLASSIFIER-UNIQUE_TYPE:DOCUMENT_REMINDER_SENT');
    const mail = (await (await fetch(`${sandbox.url}/_sandbox/mailbox?to=${SIGNER}`)).json()) as { subject: string }[];
    expect(mail[0]!.subject).toMatch(/^Reminder: /);
  });
});
