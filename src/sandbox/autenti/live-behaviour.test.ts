import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateSync } from 'node:zlib';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  challengesOf,
  createTestClient,
  encodeHeaderJson,
  postAction,
  postJson,
  samplePdf,
  selectAction,
  sendAs,
  startTestSandbox,
  testKeyPair,
  tokenFor,
  uploadFile,
  type RunningSandbox,
  type TestClient,
} from './test-helpers.js';

/**
 * What live Autenti does beyond seed 003 (issue 9; ../shared/references/README.md, Autenti sections),
 * and the sandbox's choices where neither document says (docs/providers.md, "the sandbox").
 */

const OWNER = 'owner@live.example';
const SIGNER = 'signer@live.example';
let sandbox: RunningSandbox;
let client: TestClient;
let owner: string;

const auth = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });
const api = (path: string) => `${sandbox.api}${path}`;
const UNIQUE = 'CHALLENGE_CLASSIFIER-UNIQUE_TYPE:';

async function setShapes(shapes: Record<string, string>): Promise<void> {
  const response = await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ shapes }) });
  expect(response.status).toBe(200);
}

/** A DRAFT with the given parties and one uploaded PDF; answers its id and the file id. */
async function draft(parties: unknown[], title = 'Live behaviour'): Promise<{ id: string; fileId: string }> {
  const created = (await (await postJson(api('/document-processes'), { title, parties }, auth(owner))).json()) as { id: string; detail?: string };
  expect(created.id, JSON.stringify(created)).toBeDefined();
  const file = (await (await uploadFile(sandbox.api, owner, created.id, { filename: 'contract.pdf', mimeType: 'application/pdf', bytes: await samplePdf() })).json()) as { id: string };
  return { id: created.id, fileId: file.id };
}

const signerParty = (email: string, constraints: unknown[] = [], role = 'SIGNER') => ({ party: { firstName: 'Sam', lastName: 'Signer', email }, role, constraints });
const readProcess = async (id: string, token = owner) => (await (await fetch(api(`/document-processes/${id}`), { headers: auth(token) })).json()) as Record<string, unknown>;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  client = await createTestClient(sandbox);
  owner = await tokenFor(sandbox, client, OWNER);
});
afterAll(async () => sandbox?.close());

describe('request bodies as live clients send them', () => {
  it('reads null as absent and ignores unknown optional fields', async () => {
    const response = await postJson(
      api('/document-processes'),
      {
        title: 'Nulls',
        description: null,
        tags: null,
        processLanguage: null,
        someFutureField: { nested: true },
        parties: [{ party: { firstName: 'Ann', lastName: 'Null', email: 'ann@live.example', extIds: null, favouriteColour: 'teal' }, role: 'SIGNER', constraints: null, note: 'x' }],
      },
      auth(owner),
    );
    const process = (await response.json()) as { processLanguage: string; tags: unknown[]; description: unknown; parties: { role: string; constraints: unknown[] }[] };
    expect(response.status, JSON.stringify(process)).toBe(200);
    expect(process).toMatchObject({ processLanguage: 'pl', tags: [], description: null });
    expect(process.parties[0]).toMatchObject({ role: 'SIGNER', constraints: [] });
  });

  it('accepts REVIEWER, an explicit SENDER party, the live constraint kinds, and stores an unknown kind as given', async () => {
    const unknownKind = { classifiers: ['CONSTRAINT-UNIQUE_TYPE:SOMETHING_NEW'], attributes: { level: 3, nested: { a: [1, 2] } }, constrainedActions: ['ACTION:FUTURE'] };
    const parties = [
      { party: { id: 'PARTY-TENANT:SELF' }, role: 'SENDER' },
      signerParty('reviewer@live.example', [], 'REVIEWER'),
      signerParty(SIGNER, [
        { classifiers: ['CONSTRAINT-UNIQUE_TYPE:PHONE_NUMBER_VERIFICATION_REQUIRED'], constrainedActions: ['ACTION:SIGNATURE_APPLICATION', 'ACTION:READ_SENSITIVE_METADATA'] },
        { classifiers: ['CONSTRAINT-UNIQUE_TYPE:IDENTITY_VERIFICATION'], attributes: null },
        unknownKind,
      ]),
    ];
    const created = (await (await postJson(api('/document-processes'), { title: 'Kinds', parties }, auth(owner))).json()) as { id: string; parties: { role: string; constraints: unknown[]; party: { id: string } }[] };
    expect(created.parties.map((party) => party.role)).toEqual(['REVIEWER', 'SIGNER', 'SENDER']);
    expect(created.parties[0]!.party.id).toMatch(/^PARTY-PUBLIC_REVIEW_PROCESS_ID:/);
    const constraints = created.parties[1]!.constraints;
    expect(constraints).toHaveLength(3);
    expect(constraints[0]).toEqual({ classifiers: ['CONSTRAINT-UNIQUE_TYPE:PHONE_NUMBER_VERIFICATION_REQUIRED'], constrainedActions: ['ACTION:SIGNATURE_APPLICATION', 'ACTION:READ_SENSITIVE_METADATA'] });
    expect(constraints[1]).toEqual({ classifiers: ['CONSTRAINT-UNIQUE_TYPE:IDENTITY_VERIFICATION'] });
    expect(constraints[2]).toEqual(unknownKind);
    // Echoed the same way when read back.
    expect(((await readProcess(created.id)).parties as { constraints: unknown[] }[])[1]!.constraints[2]).toEqual(unknownKind);
  });

  it('still refuses what is wrong in a kind it checks, naming the field', async () => {
    const response = await postJson(api('/document-processes'), { title: 'Bad', parties: [signerParty(SIGNER, [{ classifiers: ['CONSTRAINT-UNIQUE_TYPE:SIGNATURE_TYPE'], attributes: { requiredClassifiers: ['NOTARISED'] } }])] }, auth(owner));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/parties\[0\]\.constraints\[0\]\.attributes\.requiredClassifiers\[0\]/);
  });

  it('a REVIEWER completes by viewing and holds nobody up', async () => {
    const { id } = await draft([signerParty('rev@live.example', [], 'REVIEWER'), signerParty(SIGNER)]);
    expect((await sendAs(sandbox.api, owner, id)).status).toBe(200);
    const act = (email: string, action: string) => postJson(`${sandbox.url}/_sandbox/document-processes/${id}/parties/${email}/actions`, { action });
    expect((await act(SIGNER, 'sign')).status).toBe(200);
    expect((await readProcess(id)).status).toBe('COMPLETED');
    expect((await act('rev@live.example', 'view')).status).toBe(200);
  });
});

describe('VISUALISATION (signature boxes)', () => {
  const box = (fileId: string, extra: Record<string, unknown> = {}) => ({
    classifiers: ['CONSTRAINT-UNIQUE_TYPE:VISUALISATION'],
    constrainedActions: ['ACTION:SIGNATURE_APPLICATION'],
    attributes: { fileId, page: 1, x: 72, y: 700, width: 180, height: 48, ...extra },
  });

  it('stores and echoes one constraint per box, and sends when every box is on a source file', async () => {
    const { id, fileId } = await draft([signerParty(SIGNER)]);
    const put = await fetch(api(`/document-processes/${id}`), {
      method: 'PUT',
      headers: auth(owner, { 'content-type': 'application/json' }),
      body: JSON.stringify({ title: 'Boxes', parties: [signerParty(SIGNER, [box(fileId), box(fileId, { page: 1, y: 100 })])] }),
    });
    expect(put.status).toBe(200);
    const constraints = ((await put.json()) as { parties: { constraints: unknown[] }[] }).parties[0]!.constraints;
    expect(constraints).toEqual([box(fileId), box(fileId, { y: 100 })]);
    expect((await sendAs(sandbox.api, owner, id)).status).toBe(200);
    // Where it can, the sandbox draws the boxes in the signed PDF (frame and signer's name).
    expect((await postJson(`${sandbox.url}/_sandbox/document-processes/${id}/parties/${SIGNER}/actions`, { action: 'sign' })).status).toBe(200);
    const signed = ((await readProcess(id)).files as { id: string; filePurpose: string }[]).find((file) => file.filePurpose === 'SIGNED_CONTENT_FILE')!;
    const pdf = Buffer.from(await (await fetch(api(`/document-processes/${id}/files/${encodeURIComponent(signed.id)}/content`), { headers: auth(owner) })).arrayBuffer());
    const label = Buffer.from('Signature: Sam Signer', 'latin1').toString('hex').toUpperCase();
    expect(pageTexts(pdf).filter((text) => text.toUpperCase().includes(label))).toHaveLength(1);
  });

  it('refuses to send when a box points at a file that is not a source file of the process', async () => {
    const { id } = await draft([signerParty(SIGNER, [box('FILE-SOURCE_FILE:00000000-0000-0000-0000-000000000000')])]);
    const response = await sendAs(sandbox.api, owner, id);
    expect(response.status).toBe(409);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/VISUALISATION on FILE-SOURCE_FILE:0{8}-.* not a source file of this process/);
  });
});

describe('process reads and the shape knob', () => {
  it('carries both shapes by default, only the seed or only the live pair when asked, and the single event object', async () => {
    const { id } = await draft([signerParty(SIGNER)]);
    const both = await readProcess(id);
    expect(both.files).toEqual(both.contentElements);
    try {
      await setShapes({ process: 'live' });
      const liveOnly = await readProcess(id);
      expect(liveOnly.files).toHaveLength(1);
      expect(liveOnly).not.toHaveProperty('contentElements');
      await setShapes({ process: 'seed', actionAnswer: 'object' });
      const seedOnly = await readProcess(id);
      expect(seedOnly.contentElements).toHaveLength(1);
      expect(seedOnly).not.toHaveProperty('files');
      const sent = (await (await sendAs(sandbox.api, owner, id)).json()) as { eventType: string };
      expect(Array.isArray(sent)).toBe(false);
      expect(sent.eventType).toBe('EVENT_CLASSIFIER-UNIQUE_TYPE:DOCUMENT_SENT');
      const sender = ((await readProcess(id)).parties as { role: string; participationEvents?: unknown[]; events?: unknown[] }[]).find((party) => party.role === 'SENDER')!;
      expect(sender.participationEvents).toHaveLength(1);
      expect(sender).not.toHaveProperty('events');
    } finally {
      await setShapes({ process: 'both', actionAnswer: 'array' });
    }
  });

  it('refuses an unknown shape with a detail naming the choices', async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ shapes: { process: 'xml' } }) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/"both", "seed" or "live"/);
  });
});

describe('parties and action links', () => {
  it('GET …/parties lists them with the sender last; POST adds one; a duplicate is a 409', async () => {
    const { id } = await draft([signerParty(SIGNER)]);
    const added = await postJson(api(`/document-processes/${id}/parties`), { party: { firstName: 'Vic', lastName: 'Viewer', contacts: [{ type: 'CONTACT-TYPE:EMAIL', attributes: { email: 'vic@live.example' } }] }, role: 'VIEWER' }, auth(owner));
    expect(added.status).toBe(200);
    expect(await added.json()).toMatchObject({ role: 'VIEWER', participationStatus: 'PENDING', party: { contacts: [{ attributes: { email: 'vic@live.example' } }] } });
    const listed = (await (await fetch(api(`/document-processes/${id}/parties`), { headers: auth(owner) })).json()) as { role: string }[];
    expect(listed.map((party) => party.role)).toEqual(['SIGNER', 'VIEWER', 'SENDER']);
    expect((await postJson(api(`/document-processes/${id}/parties`), signerParty(SIGNER), auth(owner))).status).toBe(409);
  });

  it('POST …/parties/PARTY-EMAIL:{email}/action-links answers the party signing link once sent', async () => {
    const { id } = await draft([signerParty(SIGNER)]);
    const path = api(`/document-processes/${id}/parties/${encodeURIComponent(`PARTY-EMAIL:${SIGNER}`)}/action-links`);
    expect((await postJson(path, undefined, auth(owner))).status).toBe(409);
    await sendAs(sandbox.api, owner, id);
    const link = (await (await postJson(path, undefined, auth(owner))).json()) as { url: string; email: string };
    expect(link.email).toBe(SIGNER);
    const page = await fetch(link.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sam Signer');
  });
});

describe('completion files', () => {
  it('adds a SIGNATURE_CARD and a CONTENT_ARCHIVE that is a real ZIP of the signed file and the card', async () => {
    const { id } = await draft([signerParty(SIGNER)], 'Archive me');
    await sendAs(sandbox.api, owner, id);
    expect((await postJson(`${sandbox.url}/_sandbox/document-processes/${id}/parties/${SIGNER}/actions`, { action: 'sign' })).status).toBe(200);
    const files = (await readProcess(id)).files as { id: string; filePurpose: string; filename: string; mimeType: string; size: number }[];
    expect(files.map((file) => file.filePurpose)).toEqual(['SOURCE_FILE', 'SIGNED_CONTENT_FILE', 'SIGNATURE_CARD', 'CONTENT_ARCHIVE']);
    const archive = files.find((file) => file.filePurpose === 'CONTENT_ARCHIVE')!;
    expect(archive).toMatchObject({ mimeType: 'application/zip', filename: 'Archive me.zip' });
    const bytes = Buffer.from(await (await fetch(api(`/document-processes/${id}/files/${encodeURIComponent(archive.id)}/content`), { headers: auth(owner) })).arrayBuffer());
    expect(bytes.length).toBe(archive.size);
    const entries = await zipEntries(bytes);
    expect([...entries.keys()]).toEqual(['contract.pdf', 'signature-card.pdf']);
    expect(entries.get('contract.pdf')!.subarray(0, 4).toString()).toBe('%PDF');
    const signed = files.find((file) => file.filePurpose === 'SIGNED_CONTENT_FILE')!;
    expect(entries.get('contract.pdf')!.length).toBe(signed.size);
  });
});

/** The decompressed streams of a PDF (where pdf-lib writes page content), as text. */
function pageTexts(pdf: Buffer): string[] {
  const texts: string[] = [];
  const source = pdf.toString('latin1');
  for (const match of source.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = source.indexOf('endstream', start);
    if (end < 0) continue;
    try {
      texts.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not a deflated stream (or not one that ends cleanly): not page content we drew
    }
  }
  return texts;
}

function zipEntries(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('challenges live clients meet', () => {
  const otpParty = (email: string) =>
    signerParty(email, [
      { classifiers: ['CONSTRAINT-UNIQUE_TYPE:DOCUMENT_ACCESS_OTP_AUTHORIZATION'], constrainedActions: ['CONSTRAINED_ACTION:VIEW'] },
      { classifiers: ['CONSTRAINT-UNIQUE_TYPE:PHONE_NUMBER'], attributes: { phoneNumber: '48722722722' } },
    ]);
  const latestCode = async () => {
    const sms = (await (await fetch(`${sandbox.url}/_sandbox/sms?to=48722722722`)).json()) as { text: string }[];
    return /is (\d{6})\./.exec(sms[0]?.text ?? '')?.[1];
  };

  it('OTP through the API: a USER_INPUT challenge, the code in the SMS outbox, CHALLENGE_RESTART sends a new one', async () => {
    const signer = 'otp.api@live.example';
    const { id } = await draft([otpParty(signer)]);
    await sendAs(sandbox.api, owner, id);
    const token = await tokenFor(sandbox, client, signer);
    const first = await postAction(sandbox.api, token, id, [selectAction('SIGNATURE_APPLICATION')]);
    expect(first.status).toBe(403);
    const [challenge] = challengesOf(first) as { classifiers: string[]; attributes: { phoneNumber: string } }[];
    expect(challenge!.classifiers).toContain(`${UNIQUE}DOCUMENT_ACCESS_OTP_AUTHORIZATION`);
    expect(challenge!.attributes.phoneNumber).toBe('********722');
    const code = await latestCode();
    expect(code).toMatch(/^\d{6}$/);
    const otp = (input: string) => ({ classifiers: [`${UNIQUE}DOCUMENT_ACCESS_OTP_AUTHORIZATION`], attributes: { input } });
    const wrong = await postAction(sandbox.api, token, id, [selectAction('SIGNATURE_APPLICATION'), otp(code === '000000' ? '111111' : '000000')]);
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { detail: string }).detail).toMatch(/does not match/);
    const restart = { classifiers: [`${UNIQUE}CHALLENGE_RESTART`], attributes: { challenge: encodeHeaderJson(challenge) } };
    expect((await postAction(sandbox.api, token, id, [selectAction('SIGNATURE_APPLICATION'), restart])).status).toBe(403);
    const second = await latestCode();
    const sms = (await (await fetch(`${sandbox.url}/_sandbox/sms?to=48722722722`)).json()) as unknown[];
    expect(sms.length).toBeGreaterThanOrEqual(2);
    // The old code no longer opens the document; the new one does, then the ordinary signing challenges follow.
    if (second !== code) expect((await postAction(sandbox.api, token, id, [selectAction('SIGNATURE_APPLICATION'), otp(code!)])).status).toBe(403);
    const opened = await postAction(sandbox.api, token, id, [selectAction('SIGNATURE_APPLICATION'), otp(second!)]);
    expect(opened.status).toBe(403);
    expect((challengesOf(opened) as { classifiers: string[] }[]).map((c) => c.classifiers.find((k) => k.startsWith(UNIQUE)))).toEqual([`${UNIQUE}PROVIDER_SELECTION`, `${UNIQUE}SIGNATURE_CONSENT`]);
  });

  it('OTP on the signing page: the page asks for the code and shows the sandbox SMS outbox; the code opens the document', async () => {
    const signer = 'otp.page@live.example';
    const { id } = await draft([otpParty(signer)]);
    await sendAs(sandbox.api, owner, id);
    const mail = (await (await fetch(`${sandbox.url}/_sandbox/mailbox?to=${signer}`)).json()) as { link: string }[];
    const gate = await (await fetch(mail[0]!.link)).text();
    expect(gate).toContain('Code from the text message');
    expect(gate).not.toContain('contract.pdf');
    const code = /is (\d{6})\./.exec(gate)?.[1];
    expect(code).toBe(await latestCode());
    // The outbox as a page, for a person in a browser.
    const outbox = await fetch(`${sandbox.url}/_sandbox/sms?to=%2B48722722722`, { headers: { accept: 'text/html' } });
    expect(outbox.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const outboxPage = await outbox.text();
    expect(outboxPage).toContain('<h2>Text message to +48722722722</h2>');
    expect(outboxPage).toContain(`is ${code}.`);
    const refused = await fetch(mail[0]!.link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=otp&otp=abc' });
    expect(refused.status).toBe(400);
    const opened = await fetch(mail[0]!.link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `action=otp&otp=${code}` });
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('contract.pdf');
  });

  it('QUALIFIED: the Infocert provider with a UI redirect to the signing page, then consent, alias and PIN; a wrong PIN is asked again', async () => {
    const signer = 'qualified@live.example';
    const { id } = await draft([signerParty(signer, [{ classifiers: ['CONSTRAINT-UNIQUE_TYPE:SIGNATURE_TYPE'], attributes: { requiredClassifiers: ['SIGNATURE_PROVIDER-SIGNATURE_TYPE:QUALIFIED'] } }])]);
    await sendAs(sandbox.api, owner, id);
    const token = await tokenFor(sandbox, client, signer);
    const typeOf = (challenge: unknown) => (challenge as { classifiers: string[] }).classifiers.find((k) => k.startsWith(UNIQUE));
    const first = await postAction(sandbox.api, token, id, [selectAction('SIGNATURE_APPLICATION')]);
    expect(first.status).toBe(403);
    const offered = challengesOf(first) as { classifiers: string[]; attributes: Record<string, unknown> }[];
    expect(offered.map(typeOf)).toEqual([`${UNIQUE}PROVIDER_SELECTION`, `${UNIQUE}QUALIFIED_SIGNATURE_UI_REDIRECT`]);
    expect(offered[0]!.attributes.options).toEqual([expect.objectContaining({ id: 'SIGNING_METHOD_PROVIDER:INFOCERT' })]);
    const redirect = offered[1]!.attributes['http-request'] as { method: string; uri: string };
    const page = await fetch(redirect.uri);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Infocert PIN');

    const provider = { classifiers: [`${UNIQUE}PROVIDER_SELECTION`], attributes: { selectedIds: ['SIGNING_METHOD_PROVIDER:INFOCERT'] } };
    const second = await postAction(sandbox.api, token, id, [selectAction('SIGNATURE_APPLICATION'), provider]);
    const infocert = challengesOf(second) as { classifiers: string[]; attributes: { options?: { id: string }[]; consents?: { id: string }[] } }[];
    expect(infocert.map(typeOf)).toEqual([`${UNIQUE}SIGNATURE_CONSENT_INFOCERT`, `${UNIQUE}INFOCERT_ALIAS_SELECTION`, `${UNIQUE}INFOCERT_PIN`]);
    expect(infocert[2]!.classifiers).toContain('CHALLENGE_CLASSIFIER-RESTARTABILITY:RESTARTABLE');
    const answers = (pin: string) => [
      selectAction('SIGNATURE_APPLICATION'),
      provider,
      { classifiers: [`${UNIQUE}SIGNATURE_CONSENT_INFOCERT`], attributes: { consentedIds: infocert[0]!.attributes.consents!.map((consent) => consent.id) } },
      { classifiers: [`${UNIQUE}INFOCERT_ALIAS_SELECTION`], attributes: { selectedIds: [infocert[1]!.attributes.options![1]!.id] } },
      { classifiers: [`${UNIQUE}INFOCERT_PIN`], attributes: { input: pin } },
    ];
    const wrong = await postAction(sandbox.api, token, id, answers('00000000'));
    expect(wrong.status).toBe(403);
    expect((challengesOf(wrong) as unknown[]).map(typeOf)).toEqual([`${UNIQUE}INFOCERT_PIN`]);
    // CHALLENGE_RESTART of the PIN: its answer in the same request is not read, the PIN is asked again.
    const restart = { classifiers: [`${UNIQUE}CHALLENGE_RESTART`], attributes: { challenge: encodeHeaderJson(infocert[2]) } };
    const restarted = await postAction(sandbox.api, token, id, [...answers('12345678'), restart]);
    expect((challengesOf(restarted) as unknown[]).map(typeOf)).toEqual([`${UNIQUE}INFOCERT_PIN`]);
    const signed = await postAction(sandbox.api, token, id, answers('12345678'));
    expect(signed.status).toBe(200);
    expect(((await signed.json()) as { eventType: string }[])[0]!.eventType).toBe('EVENT_CLASSIFIER-UNIQUE_TYPE:SIGNATURE_APPLICATION');
  });
});

describe('subscriptions next to the client-level callback URL', () => {
  it('the client-level URL still gets one seed event object per POST while a subscription gets the JSON array', async () => {
    const received: { path: string; body: unknown }[] = [];
    let done: () => void = () => undefined;
    const both = new Promise<void>((resolve) => (done = resolve));
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ path: request.url ?? '', body: JSON.parse(body) });
        response.writeHead(204).end();
        if (received.length === 2) done();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const created = (await (await postJson(`${sandbox.url}/_sandbox/clients`, { name: 'Both channels', scopes: ['full', 'notification_management'] })).json()) as { clientId: string; clientSecret: string; scopes: string[] };
      expect(created.scopes).toEqual(['full', 'notification_management']);
      const { publicJwk, privateKey } = await testKeyPair();
      await fetch(`${sandbox.url}/_sandbox/clients/${created.clientId}/public-key`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(publicJwk) });
      await fetch(`${sandbox.url}/_sandbox/clients/${created.clientId}/callback`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: `${base}/client-level` }) });
      const token = await tokenFor(sandbox, { ...created, privateKey, publicJwk }, 'both@live.example');
      const subscribed = await postJson(api('/applications/callbacks'), { callbackAdapterId: 'CALLBACK_ADAPTER:API_V2', callbackParameters: { callbackUrl: `${base}/subscription` } }, auth(token));
      expect(subscribed.status).toBe(201);
      // Integration settings shows the subscription, its URL masked like the callback URL.
      const settings = (await (await fetch(`${sandbox.url}/_sandbox/clients/${created.clientId}`)).json()) as { subscriptions: { callbackUrl: string }[] };
      expect(settings.subscriptions.map((subscription) => subscription.callbackUrl)).toEqual([`${base}/••••••`]);
      const created2 = (await (await postJson(api('/document-processes'), { title: 'Two channels', parties: [signerParty(SIGNER)] }, auth(token))).json()) as { id: string };
      await uploadFile(sandbox.api, token, created2.id, { filename: 'c.pdf', mimeType: 'application/pdf', bytes: await samplePdf() });
      expect((await sendAs(sandbox.api, token, created2.id)).status).toBe(200);
      await both;
      const byPath = Object.fromEntries(received.map((entry) => [entry.path, entry.body]));
      expect(byPath['/client-level']).toMatchObject({ eventType: 'EVENT_CLASSIFIER-UNIQUE_TYPE:DOCUMENT_SENT', object: { id: created2.id } });
      expect(byPath['/subscription']).toEqual([
        { id: expect.stringMatching(/^EVENT:[0-9a-f-]{36}$/), actor: { id: expect.any(String), type: expect.any(String) }, eventType: 'EVENT_CLASSIFIER-UNIQUE_TYPE:DOCUMENT_SENT', object: { id: created2.id, type: 'EVENT_OBJECT-TYPE:DOCUMENT_PROCESS' }, timestamp: expect.any(String) },
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('the Integration settings page grants and withdraws notification_management with a checkbox', async () => {
    const created = (await (await postJson(`${sandbox.url}/_sandbox/clients`, { name: 'Page grant' })).json()) as { clientId: string; scopes: string[] };
    expect(created.scopes).toEqual(['full']);
    const post = (form: string) =>
      fetch(`${sandbox.url}/integration-settings/clients/${created.clientId}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    expect((await post('notificationsShown=1&notifications=on')).status).toBe(200);
    const scopes = async () => ((await (await fetch(`${sandbox.url}/_sandbox/clients/${created.clientId}`)).json()) as { scopes: string[] }).scopes;
    expect(await scopes()).toEqual(['full', 'notification_management']);
    expect((await post('notificationsShown=1')).status).toBe(200);
    expect(await scopes()).toEqual(['full']);
  });

  it('POST /api/v2/clients still cannot grant notification_management (reserved), only an administrator can', async () => {
    const bootstrap = (await (await postJson(api('/auth/token'), { grant_type: 'password', client_id: 'autenti', client_secret: 'autenti', username: 'admin@live.example', password: 'x' })).json()) as { access_token: string };
    const registered = (await (await postJson(api('/clients'), { client_name: 'Self-made', scopes: ['full', 'notification_management'] }, auth(bootstrap.access_token))).json()) as { scopes: string[] };
    expect(registered.scopes).toEqual(['full']);
  });
});

describe('CHALLENGE_RESTART', () => {
  it('a CHALLENGE_RESTART without the challenge to restart is a 400 naming what is missing', async () => {
    const { id } = await draft([signerParty(SIGNER)]);
    const response = await postAction(sandbox.api, owner, id, [selectAction('DOCUMENT_SENT'), { classifiers: [`${UNIQUE}CHALLENGE_RESTART`], attributes: {} }]);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/needs attributes\.challenge/);
  });
});
