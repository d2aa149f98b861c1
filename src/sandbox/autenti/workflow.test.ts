import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectPdfSignatures } from '../../../test/support/pdf-signatures.js';
import {
  challengesOf,
  createTestClient,
  postAction,
  postJson,
  samplePdf,
  selectAction,
  sendAs,
  startTestSandbox,
  tokenFor,
  uploadFile,
  type RunningSandbox,
  type TestClient,
} from './test-helpers.js';

let sandbox: RunningSandbox;
let client: TestClient;
let ownerToken: string;
const OWNER = 'sender@example.com';

interface Party {
  email: string;
  role: 'SIGNER' | 'APPROVER' | 'VIEWER';
  priority?: number;
  name?: [string, string];
}
interface ProcessView {
  status: string;
  parties: { party: { id: string; contacts: { attributes: { email: string } }[] }; role: string; participationStatus: string; participationEvents?: { eventType: string }[] }[];
  contentElements: { id: string; filePurpose: string; filename: string; mimeType: string; version: string }[];
  tags: { id: string }[];
}
interface Mail {
  to: string;
  subject: string;
  link: string | null;
}

const auth = (token = ownerToken) => ({ authorization: `Bearer ${token}` });

async function draft(parties: Party[], files: { filename: string; mimeType: string; bytes: Buffer }[] = []): Promise<string> {
  const { id } = (await (await postJson(`${sandbox.api}/document-processes`, undefined, auth())).json()) as { id: string };
  const response = await fetch(`${sandbox.api}/document-processes/${id}`, {
    method: 'PUT',
    headers: { ...auth(), 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Boat rental',
      processLanguage: 'en',
      parties: parties.map((party) => ({
        party: { firstName: party.name?.[0] ?? 'Pat', lastName: party.name?.[1] ?? 'Party', email: party.email },
        role: party.role,
        constraints: party.priority ? [{ classifiers: ['CONSTRAINT-UNIQUE_TYPE:PARTICIPATION_PRIORITY'], attributes: { priority: party.priority } }] : [],
      })),
    }),
  });
  expect(response.status).toBe(200);
  for (const file of files.length > 0 ? files : [{ filename: 'boat.pdf', mimeType: 'application/pdf', bytes: await samplePdf('Boat rental') }]) {
    expect((await uploadFile(sandbox.api, ownerToken, id, file)).status).toBe(200);
  }
  return id;
}

async function sent(parties: Party[], files?: { filename: string; mimeType: string; bytes: Buffer }[]): Promise<string> {
  const id = await draft(parties, files);
  expect((await sendAs(sandbox.api, ownerToken, id)).status).toBe(200);
  return id;
}

/** What a person reads on a page: its text without the markup (links keep their ids in their addresses). */
const visibleText = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]*>/g, ' ');
const view = async (id: string) => (await (await fetch(`${sandbox.url}/_sandbox/document-processes/${id}`)).json()) as ProcessView;
const mailbox = async (to: string) => (await (await fetch(`${sandbox.url}/_sandbox/mailbox?to=${encodeURIComponent(to)}`)).json()) as Mail[];
const actAs = (id: string, email: string, action: string, reason?: string) => postJson(`${sandbox.url}/_sandbox/document-processes/${id}/parties/${email}/actions`, { action, ...(reason ? { reason } : {}) });

beforeAll(async () => {
  sandbox = await startTestSandbox({ callbackRetryDelaysMs: [20, 20, 20] });
  client = await createTestClient(sandbox);
  ownerToken = await tokenFor(sandbox, client, OWNER);
});
afterAll(async () => sandbox?.close());

describe('priorities and invitations', () => {
  it('invites group by group and refuses a later party before the first has acted', async () => {
    const id = await sent([
      { email: 'second@example.com', role: 'SIGNER', priority: 2 },
      { email: 'first@example.com', role: 'APPROVER', priority: 1 },
      { email: 'last.viewer@example.com', role: 'VIEWER' },
    ]);
    expect(await mailbox('first@example.com')).toHaveLength(1);
    expect(await mailbox('second@example.com')).toHaveLength(0);

    const early = await actAs(id, 'second@example.com', 'sign');
    expect(early.status).toBe(409);
    expect(((await early.json()) as { detail: string }).detail).toMatch(/waiting for priority 1 \(first@example\.com\)/);
    const earlyApi = await postAction(sandbox.api, await tokenFor(sandbox, client, 'second@example.com'), id);
    expect(earlyApi.status).toBe(409);

    // The approver approves through the API: APPROVAL needs no challenge beyond the selection.
    const approverToken = await tokenFor(sandbox, client, 'first@example.com');
    const offered = challengesOf(await postAction(sandbox.api, approverToken, id)) as { attributes: { options: { id: string }[] } }[];
    expect(offered[0]!.attributes.options.map((option) => option.id)).toEqual(['EVENT_CLASSIFIER-UNIQUE_TYPE:APPROVAL', 'EVENT_CLASSIFIER-UNIQUE_TYPE:SIGNATURE_REJECTION']);
    expect((await postAction(sandbox.api, approverToken, id, [selectAction('APPROVAL')])).status).toBe(200);
    const invitations = await mailbox('second@example.com');
    expect(invitations).toHaveLength(1);
    expect(invitations[0]!.link).toMatch(new RegExp(`^${sandbox.url}/_sandbox/sign/[\\w-]+$`));
    expect(await mailbox('last.viewer@example.com')).toHaveLength(0);

    expect((await actAs(id, 'second@example.com', 'sign')).status).toBe(200);
    const done = await view(id);
    expect(done.status).toBe('COMPLETED');
    // The viewer (no priority) is invited last and may still view after completion.
    expect((await mailbox('last.viewer@example.com')).map((mail) => mail.subject)).toEqual(['Completed: Boat rental', 'Please view: Boat rental']);
    expect((await actAs(id, 'last.viewer@example.com', 'view')).status).toBe(200);
    expect((await actAs(id, 'last.viewer@example.com', 'view')).status).toBe(409);
  });
});

describe('signed output', () => {
  it('keeps a partially signed PDF while signing and ends with a SIGNED_CONTENT_FILE with two valid signatures', async () => {
    const id = await sent([
      { email: 'ann@example.com', role: 'SIGNER', priority: 1, name: ['Ann', 'Alpha'] },
      { email: 'bob@example.com', role: 'SIGNER', priority: 1, name: ['Bob', 'Beta'] },
    ]);
    expect((await actAs(id, 'ann@example.com', 'sign')).status).toBe(200);
    const halfway = await view(id);
    const partial = halfway.contentElements.find((element) => element.filePurpose === 'PARTIALLY_SIGNED_CONTENT_FILE')!;
    expect(partial.id).toMatch(/^FILE-DTBS:[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
    const partialBytes = Buffer.from(await (await fetch(`${sandbox.api}/document-processes/${id}/files/${encodeURIComponent(partial.id)}/content`, { headers: auth() })).arrayBuffer());
    const partialReport = await inspectPdfSignatures(partialBytes);
    expect(partialReport.signatures, partialReport.tool).toMatchObject([{ signerCommonName: 'Ann Alpha', valid: true, coversWholeDocument: true }]);

    expect((await actAs(id, 'bob@example.com', 'sign')).status).toBe(200);
    const done = await view(id);
    expect(done.status).toBe('COMPLETED');
    expect(done.contentElements.map((element) => element.filePurpose)).toEqual(['SOURCE_FILE', 'SIGNED_CONTENT_FILE', 'SIGNATURE_CARD', 'CONTENT_ARCHIVE']);
    const signed = done.contentElements[1]!;
    // Unencoded slash in the id works too.
    const bytes = Buffer.from(await (await fetch(`${sandbox.api}/document-processes/${id}/files/${signed.id}/content`, { headers: auth() })).arrayBuffer());
    const report = await inspectPdfSignatures(bytes);
    // The final file is the partial one plus Bob's signature appended: Ann's no longer reaches the end.
    expect(report.signatures, report.tool).toMatchObject([
      { signerCommonName: 'Ann Alpha', valid: true, coversWholeDocument: false },
      { signerCommonName: 'Bob Beta', valid: true, coversWholeDocument: true },
    ]);
    // The control view names each file by its SHA-256, as the API serves it.
    const control = (await (await fetch(`${sandbox.url}/_sandbox/document-processes/${encodeURIComponent(id)}`)).json()) as { fileSha256: Record<string, string> };
    expect(control.fileSha256[signed.id]).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('signs a placeholder PDF for a DOCX source', async () => {
    const docx = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(200, 7)]);
    const id = await sent([{ email: 'docx.signer@example.com', role: 'SIGNER' }], [
      { filename: 'terms.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: docx },
    ]);
    expect((await actAs(id, 'docx.signer@example.com', 'sign')).status).toBe(200);
    const signed = (await view(id)).contentElements.find((element) => element.filePurpose === 'SIGNED_CONTENT_FILE')!;
    expect(signed).toMatchObject({ filename: 'terms.pdf', mimeType: 'application/pdf' });
    const bytes = Buffer.from(await (await fetch(`${sandbox.api}/document-processes/${id}/files/${encodeURIComponent(signed.id)}/content`, { headers: auth() })).arrayBuffer());
    expect(bytes.subarray(0, 4).toString()).toBe('%PDF');
    const report = await inspectPdfSignatures(bytes);
    expect(report.signatures, report.tool).toMatchObject([{ signerCommonName: 'Pat Party', valid: true, coversWholeDocument: true }]);
  });
});

describe('sender actions', () => {
  it('reminds only the selected parties still to act', async () => {
    const id = await sent([
      { email: 'remind.me@example.com', role: 'SIGNER', priority: 1 },
      { email: 'not.me@example.com', role: 'SIGNER', priority: 1 },
    ]);
    const first = await postAction(sandbox.api, ownerToken, id, [selectAction('DOCUMENT_REMINDER_SENT')]);
    const [challenge] = challengesOf(first) as { attributes: { options: { id: string; description: string }[] } }[];
    const target = challenge!.attributes.options.find((option) => option.description.endsWith('remind.me@example.com'))!;
    const reminded = await postAction(sandbox.api, ownerToken, id, [
      selectAction('DOCUMENT_REMINDER_SENT'),
      { classifiers: ['CHALLENGE_CLASSIFIER-UNIQUE_TYPE:DOCUMENT_REMINDER_PARTY_SELECTION'], attributes: { selectedIds: [target.id] } },
    ]);
    expect(reminded.status).toBe(200);
    expect((await mailbox('remind.me@example.com')).map((mail) => mail.subject)).toEqual(['Reminder: please sign Boat rental', 'Please sign: Boat rental']);
    expect(await mailbox('not.me@example.com')).toHaveLength(1);
  });

  it('withdraws: WITHDRAWN, invited parties told, nobody may act any more', async () => {
    const id = await sent([{ email: 'withdrawn@example.com', role: 'SIGNER' }]);
    expect((await postAction(sandbox.api, ownerToken, id, [selectAction('DOCUMENT_WITHDRAWAL')])).status).toBe(200);
    expect((await view(id)).status).toBe('WITHDRAWN');
    expect((await mailbox('withdrawn@example.com'))[0]!.subject).toBe('Withdrawn: Boat rental');
    const late = await actAs(id, 'withdrawn@example.com', 'sign');
    expect(late.status).toBe(409);
    expect(((await late.json()) as { detail: string }).detail).toMatch(/the document process is WITHDRAWN/);
    expect((await postAction(sandbox.api, ownerToken, id)).status).toBe(409);
  });

  it('refuses to send without a signer or approver, and adds the implicit tag on sending', async () => {
    const viewersOnly = await draft([{ email: 'just.viewing@example.com', role: 'VIEWER' }]);
    const refused = await sendAs(sandbox.api, ownerToken, viewersOnly);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/add at least one SIGNER or APPROVER/);
    const id = await sent([{ email: 'tagged@example.com', role: 'SIGNER' }]);
    expect((await view(id)).tags.map((tag) => tag.id)).toEqual(['TAG:a1744c47235ff2bd81333333']);
  });

  it('answers an unknown action with the ACTION_SELECTION challenge again', async () => {
    const id = await draft([{ email: 'x@example.com', role: 'SIGNER' }]);
    const response = await postAction(sandbox.api, ownerToken, id, [selectAction('SIGNATURE_APPLICATION')]);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/SIGNATURE_APPLICATION is not offered/);
    expect(challengesOf(response)).toHaveLength(1);
  });
});

describe('signing through the API', () => {
  it('offers the consent of the process language and repeats only the challenge still unanswered', async () => {
    const id = await sent([{ email: 'api.signer@example.com', role: 'SIGNER' }]);
    const signerToken = await tokenFor(sandbox, client, 'api.signer@example.com');
    const provider = { classifiers: ['CHALLENGE_CLASSIFIER-UNIQUE_TYPE:PROVIDER_SELECTION'], attributes: { selectedIds: ['SIGNING_METHOD_PROVIDER:AUTENTI'] } };
    // The seed's consent id is the MD5 of the Polish text; this process is in English.
    const seedConsent = { classifiers: ['CHALLENGE_CLASSIFIER-UNIQUE_TYPE:SIGNATURE_CONSENT'], attributes: { consentedIds: ['CONSENT-CONTENT_MD5_HEX:3b14705c51bd7148f598f3a2ab0304db'] } };
    const wrong = await postAction(sandbox.api, signerToken, id, [selectAction('SIGNATURE_APPLICATION'), provider, seedConsent]);
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { detail: string }).detail).toMatch(/SIGNATURE_CONSENT must consent to CONSENT-CONTENT_MD5_HEX:/);
    const [consent] = challengesOf(wrong) as { classifiers: string[]; attributes: { consents: { id: string; content: string }[] } }[];
    expect(consent!.classifiers[0]).toBe('CHALLENGE_CLASSIFIER-UNIQUE_TYPE:SIGNATURE_CONSENT');
    expect(consent!.attributes.consents[0]!.content).toMatch(/^I declare that I know and accept/);
    const offeredId = consent!.attributes.consents[0]!.id;
    const ok = await postAction(sandbox.api, signerToken, id, [
      selectAction('SIGNATURE_APPLICATION'),
      provider,
      { classifiers: ['CHALLENGE_CLASSIFIER-UNIQUE_TYPE:SIGNATURE_CONSENT'], attributes: { consentedIds: [offeredId] } },
    ]);
    expect(ok.status).toBe(200);
  });

  it('refuses an assertion that is not base64 JSON with a 400 naming it', async () => {
    const id = await draft([{ email: 'garbled@example.com', role: 'SIGNER' }]);
    const response = await fetch(`${sandbox.api}/document-processes/${id}/actions`, { method: 'POST', headers: { ...auth(), 'x-assertion': 'not base64 json' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/X-ASSERTION #1 is not base64url-encoded JSON/);
  });
});

describe('participants', () => {
  it('signs through the mailed HTML page, with friendly messages before and after', async () => {
    const id = await sent([
      { email: 'page.first@example.com', role: 'SIGNER', priority: 1 },
      { email: 'page.second@example.com', role: 'SIGNER', priority: 2 },
    ]);
    const [invitation] = await mailbox('page.first@example.com');
    const page = await fetch(invitation!.link!);
    const html = await page.text();
    expect(html).toContain('Boat rental');
    expect(html).toContain('value="sign"');
    expect(html).toContain('boat.pdf');
    // Words, not Autenti's codes: the role, the process status and the file's purpose.
    expect(html).toContain('asked to sign');
    expect(html).toContain('Status: <strong>Waiting for you</strong>');
    expect(html).toContain('(Document to sign, ');
    for (const code of ['SIGNER', 'PROCESSING', 'SOURCE_FILE', 'PENDING']) expect(visibleText(html)).not.toContain(code);
    const form = await fetch(invitation!.link!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=sign&reason=' });
    expect(await form.text()).toContain('You have signed');
    const after = await (await fetch(invitation!.link!)).text();
    expect(after).toContain('You have already signed this document');
    expect(after).toContain('Status: <strong>Waiting for others</strong>');
    expect(after).toContain('(Signed so far, ');
    // The sandbox's own page of the process, for a browser, speaks the same words.
    const processPage = await (await fetch(`${sandbox.url}/_sandbox/document-processes/${id}`, { headers: { accept: 'text/html' } })).text();
    expect(processPage).toContain('<strong>Waiting for signatures</strong>');
    expect(processPage).toContain('<td data-label="Done">Signed</td>');
    expect(processPage).toContain('<td data-label="Done">Not yet</td>');
    for (const code of ['SIGNER', 'PROCESSING', 'SOURCE_FILE', 'PENDING', 'COMPLETED']) expect(visibleText(processPage)).not.toContain(code);
    const events = (await view(id)).parties[0]!.participationEvents!.map((event) => event.eventType);
    expect(events).toEqual(['SIGNATURE', 'VIEWING']);
  });

  it('tells a party whose turn has not come, and records a rejection with its reason', async () => {
    const id = await sent([
      { email: 'rej.first@example.com', role: 'SIGNER', priority: 1 },
      { email: 'rej.second@example.com', role: 'SIGNER', priority: 2 },
    ]);
    // The second party has no mail yet; its link is in the process seen by the sandbox.
    const rejected = await actAs(id, 'rej.first@example.com', 'reject', 'Wrong price');
    expect(rejected.status).toBe(200);
    expect(await rejected.json()).toMatchObject({ eventType: 'EVENT_CLASSIFIER-UNIQUE_TYPE:SIGNATURE_REJECTION', attributes: { comment: 'Wrong price' } });
    expect((await view(id)).status).toBe('REJECTED');
    expect((await mailbox(OWNER)).find((mail) => mail.subject === 'Rejected: Boat rental')).toBeDefined();
    expect((await actAs(id, 'rej.first@example.com', 'reject')).status).toBe(409);
    expect((await actAs(id, 'nobody@example.com', 'sign')).status).toBe(404);
    expect((await actAs(id, 'rej.second@example.com', 'approve')).status).toBe(400);
  });
});

describe('callbacks', () => {
  let server: Server;
  const received: { eventType: string; id: string }[] = [];
  let failuresLeft = 1;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          response.writeHead(500).end();
          return;
        }
        received.push(JSON.parse(body) as { eventType: string; id: string });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  it('POSTs every event of the client\'s processes to its callback URL, retrying failures', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/autenti-events`;
    const configured = await fetch(`${sandbox.url}/_sandbox/clients/${client.clientId}/callback`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url }) });
    expect(configured.status).toBe(200);
    const id = await sent([{ email: 'callback.signer@example.com', role: 'SIGNER' }]);
    expect((await actAs(id, 'callback.signer@example.com', 'sign')).status).toBe(200);
    const deadline = Date.now() + 10_000;
    while (received.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(received.map((event) => event.eventType).sort()).toEqual(
      ['EVENT_CLASSIFIER-UNIQUE_TYPE:DOCUMENT_COMPLETED', 'EVENT_CLASSIFIER-UNIQUE_TYPE:DOCUMENT_SENT', 'EVENT_CLASSIFIER-UNIQUE_TYPE:SIGNATURE_APPLICATION'].sort(),
    );
    const log = (await (await fetch(`${sandbox.url}/_sandbox/callbacks`)).json()) as { status: string; attempts: number }[];
    expect(log.every((delivery) => delivery.status === 'delivered')).toBe(true);
    expect(Math.max(...log.map((delivery) => delivery.attempts))).toBe(2);
    await fetch(`${sandbox.url}/_sandbox/clients/${client.clientId}/callback`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"url":null}' });
  });
});
