import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectPdfSignatures } from '../../../test/support/pdf-signatures.js';
import { readPdfText } from '../pdf-text.js';
import { control, controlJson, createApiClient, samplePdf, startTestSandbox, upload, workflowBody, type ApiClient, type RunningSandbox, type WorkflowView } from './test-helpers.js';

/**
 * A workflow's life over real HTTP: steps (sequential and parallel), the signing page with its second
 * factor (SMS and call codes in the outbox, the secret question), decline, delete, expiry on the
 * sandbox clock, webhooks to a loopback receiver, embedded signing with its returnUrl, the downloads
 * (token as a request parameter, PDF or ZIP), the audit trail, notifications and owner emails.
 */

let sandbox: RunningSandbox;
let client: ApiClient;
let receiver: Server;
let hookUrl: string;
/** The receiver answers 500 to the next `failFirst` deliveries (to exercise retries). */
let failFirst = 0;
const received: Array<{ eventType: string; workflowId: string; actionId: string | null; workflowStatus: number; timestamp: number }> = [];

beforeAll(async () => {
  sandbox = await startTestSandbox();
  client = await createApiClient(sandbox);
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (failFirst > 0) {
        failFirst -= 1;
        response.writeHead(500).end();
        return;
      }
      received.push(JSON.parse(body) as (typeof received)[number]);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/consigno`;
});
afterAll(async () => {
  await sandbox?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

const view = (id: string) => client.json<WorkflowView>('GET', `workflows/${id}`);
const statuses = (workflow: WorkflowView) => workflow.actions.map((action) => action.status);
const act = (id: string, email: string, action: 'sign' | 'decline', reason?: string) =>
  control(sandbox, 'POST', `workflows/${id}/signers/${encodeURIComponent(email)}/actions`, { action, ...(reason ? { reason } : {}) });
const mailTo = async (to: string) => controlJson<Array<{ subject: string; link: string | null; text: string }>>(sandbox, 'GET', `mailbox?to=${encodeURIComponent(to)}`);
const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' as const });

async function waitForHooks(predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`webhooks not received: ${JSON.stringify(received)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const downloadOf = async (id: string) =>
  Buffer.from(await (await fetch(`${sandbox.api}/workflows/${id}/documents`, { method: 'POST', body: new URLSearchParams({ 'X-Auth-Token': client.token }) })).arrayBuffer());
const eventsOf = (id: string) => received.filter((hook) => hook.workflowId === id).map((hook) => hook.eventType);

function zipNames(zip: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error);
      const names: string[] = [];
      file.on('entry', (entry: { fileName: string }) => {
        names.push(entry.fileName);
        file.readEntry();
      });
      file.on('end', () => resolve(names));
      file.readEntry();
    });
  });
}

/** The signatures of a PDF, checked by pdfsig where it is installed, else by the tests' own verifier. */
const signaturesOf = async (pdf: Buffer) => (await inspectPdfSignatures(pdf)).signatures;

describe('steps', () => {
  it('runs actions without step in order and same-step actions in parallel, with webhooks for every event', async () => {
    const body = await workflowBody(
      [
        { email: 'first@example.com', step: 1 },
        { email: 'second@example.com', step: 1 },
        { email: 'third@example.com', step: 2 },
      ],
      { webhooks: [{ url: hookUrl }] },
    );
    const created = await client.json<WorkflowView>('POST', 'workflows', body);
    expect(created.id).toMatch(/^[0-9a-f]{24}$/);
    expect(created).toMatchObject({ status: 1, totalActions: 3, remainingActions: 3, workflowOwnerEmailsEnabled: false });
    expect(statuses(created)).toEqual(['STARTED', 'STARTED', 'NOT_STARTED']);
    expect(created.actions.every((action) => action.signingUrl === null)).toBe(true);
    expect((await mailTo('first@example.com'))[0]!.link).toMatch(new RegExp(`^${sandbox.url}/_sandbox/sign/`));
    expect(await mailTo('third@example.com')).toEqual([]);

    expect((await act(created.id, 'second@example.com', 'sign')).status).toBe(200);
    expect(statuses(await view(created.id))).toEqual(['STARTED', 'COMPLETED', 'NOT_STARTED']);
    await act(created.id, 'first@example.com', 'sign');
    const middle = await view(created.id);
    expect(statuses(middle)).toEqual(['COMPLETED', 'COMPLETED', 'STARTED']);
    expect(middle.actions[0]!.secondFactorUsed).toEqual(['sms']);
    expect(await mailTo('third@example.com')).toHaveLength(1);
    // Before completion the download is the current state: the two signatures made so far.
    expect(await signaturesOf(await downloadOf(created.id))).toHaveLength(2);
    await act(created.id, 'third@example.com', 'sign');
    const done = await view(created.id);
    const final = await signaturesOf(await downloadOf(created.id));
    expect(final.map((signature) => signature.valid)).toEqual([true, true, true]);
    expect(final[2]!.signerCommonName).toContain('Signer 3');
    expect(done).toMatchObject({ status: 2, remainingActions: 0 });
    expect(done.auditTrailDocumentId).toMatch(/^[0-9a-f]{24}$/);

    await waitForHooks(() => eventsOf(created.id).includes('WORKFLOW_COMPLETED'));
    expect(eventsOf(created.id)).toEqual([
      'WORKFLOW_LAUNCHED',
      'ACTION_STARTED',
      'ACTION_STARTED',
      'ACTION_COMPLETED',
      'ACTION_COMPLETED',
      'ACTION_STARTED',
      'ACTION_COMPLETED',
      'WORKFLOW_COMPLETED',
    ]);
    const completed = received.find((hook) => hook.workflowId === created.id && hook.eventType === 'WORKFLOW_COMPLETED')!;
    expect(completed).toMatchObject({ actionId: null, workflowStatus: 2 });
    expect(typeof completed.timestamp).toBe('number');
    const third = received.filter((hook) => hook.workflowId === created.id && hook.eventType === 'ACTION_STARTED').at(-1)!;
    expect(third.actionId).toBe(done.actions[2]!.id);
    // An owner with webhooks gets no emails by default (seed 002).
    expect(await mailTo(created.ownerEmail)).toEqual([]);
  });

  it('refuses a control action for a signer whose step has not started (409 problem)', async () => {
    const created = await client.json<WorkflowView>('POST', 'workflows', await workflowBody([{ email: 'one@example.com' }, { email: 'two@example.com' }]));
    expect(statuses(created)).toEqual(['STARTED', 'NOT_STARTED']);
    const early = await act(created.id, 'two@example.com', 'sign');
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('the signing page', () => {
  it('asks a code sent by SMS before signing, records it, and signs the PDF in the zone (pdfsig)', async () => {
    const created = await client.json<WorkflowView>('POST', 'workflows', await workflowBody([{ email: 'sms@example.com', phone: '+1 (514) 555-0142' }], { notifications: [{ contact: 'notify@example.com' }] }));
    const link = (await mailTo('sms@example.com'))[0]!.link!;
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Text me a code');
    expect((await view(created.id)).actions[0]!.status).toBe('IN_PROGRESS');
    expect((await fetch(`${link}/sign`, form({}))).status).toBe(403);
    expect((await fetch(`${link}/code`, form({ channel: 'sms' }))).status).toBe(200);
    const [sms] = await controlJson<Array<{ to: string; channel: string; code: string }>>(sandbox, 'GET', 'sms?to=%2B15145550142');
    expect(sms).toMatchObject({ to: '+15145550142', channel: 'sms' });
    expect((await fetch(`${link}/verify`, form({ factor: 'sms', code: sms!.code === '000000' ? '111111' : '000000' }))).status).toBe(400);
    const outbox = await (await fetch(`${sandbox.url}/_sandbox/sms?to=%2B15145550142`, { headers: { ...sandbox.controlHeaders, accept: 'text/html' } })).text();
    expect(outbox).toContain('<h2>Text message to +15145550142</h2>');
    expect(outbox).toContain(`<dd class="code">${sms!.code}</dd>`);
    const verified = await (await fetch(`${link}/verify`, form({ factor: 'sms', code: sms!.code }))).text();
    expect(verified).toContain('Decline');
    // Words, not ConsignO's codes (status 1, IN_PROGRESS, esig).
    expect(verified).toContain('asked to sign electronically.');
    expect(verified).toContain('<dt>Documents</dt><dd>Waiting for signatures</dd><dt>Your part</dt><dd>Waiting for you</dd>');
    expect(verified).not.toMatch(/IN_PROGRESS|Workflow status|\besig\b/);
    expect((await fetch(`${link}/sign`, form({}))).status).toBe(200);
    const done = await view(created.id);
    expect(done.status).toBe(2);
    expect(done.actions[0]!.secondFactorUsed).toEqual(['sms']);

    const token = client.token;
    const pdf = await fetch(`${sandbox.api}/workflows/${created.id}/documents`, { method: 'POST', body: new URLSearchParams({ 'X-Auth-Token': token }) });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const report = await signaturesOf(Buffer.from(await pdf.arrayBuffer()));
    expect(report.map((signature) => signature.valid)).toEqual([true]);
    const [mail] = await mailTo('notify@example.com');
    expect(mail!.subject).toContain('Completed');
    const final = await fetch(mail!.link!);
    expect(final.headers.get('content-type')).toBe('application/pdf');
  });

  it('offers a phone call code and the secret question, and does not accept a wrong answer', async () => {
    const created = await client.json<WorkflowView>(
      'POST',
      'workflows',
      await workflowBody([{ email: 'secret@example.com', amr: ['link', 'call', 'secret'], secretQuestion: 'First pet?', secretAnswer: 'Whiskers' }]),
    );
    const link = (await mailTo('secret@example.com'))[0]!.link!;
    const page = await (await fetch(link)).text();
    expect(page).toContain('First pet?');
    expect(page).toContain('Call me with a code');
    expect(page).not.toContain('Whiskers');
    await fetch(`${link}/code`, form({ channel: 'call' }));
    const [call] = await controlJson<Array<{ channel: string }>>(sandbox, 'GET', 'sms?to=15145550100');
    expect(call!.channel).toBe('call');
    expect((await fetch(`${link}/verify`, form({ factor: 'secret', answer: 'Rex' }))).status).toBe(400);
    expect((await fetch(`${link}/verify`, form({ factor: 'secret', answer: ' whiskers ' }))).status).toBe(200);
    const declined = await fetch(`${link}/decline`, form({ reason: 'Wrong rent amount' }));
    expect(declined.status).toBe(200);
    const after = await view(created.id);
    expect(after.status).toBe(5);
    expect(after.actions[0]).toMatchObject({ status: 'DECLINED', declineReason: 'Wrong rent amount', secondFactorUsed: ['secret'] });
  });

  it('offers Sign at once when the signer has no second factor (organisation with one factor), and refuses a decline without a reason', async () => {
    const relaxed = await createApiClient(sandbox, { secondFactorRequired: false });
    const created = await relaxed.json<WorkflowView>('POST', 'workflows', await workflowBody([{ email: 'onefactor@example.com', amr: ['link'], type: 'certifio' }]));
    const link = (await mailTo('onefactor@example.com'))[0]!.link!;
    const page = await (await fetch(link)).text();
    expect(page).toContain('Decline');
    expect(page).not.toContain('Confirm who you are');
    expect((await fetch(`${link}/decline`, form({ reason: '  ' }))).status).toBe(400);
    expect((await fetch(`${link}/sign`, form({}))).status).toBe(200);
    const done = await relaxed.json<WorkflowView>('GET', `workflows/${created.id}`);
    expect(done.status).toBe(2);
    expect(done.actions[0]!.secondFactorUsed).toEqual([]);
    const pdf = await fetch(`${sandbox.api}/workflows/${created.id}/documents?X-Auth-Token=${encodeURIComponent(relaxed.token)}`, { method: 'POST' });
    const signed = Buffer.from(await pdf.arrayBuffer());
    expect((await signaturesOf(signed)).map((signature) => signature.valid)).toEqual([true]);
    // The signature's /Reason says the certifio signature was emulated.
    expect(signed.toString('latin1')).toContain('certifio emulated as esig');
  });

  it('sends an embedded signer back to its returnUrl with ?status= (appended with & to a query)', async () => {
    const created = await client.json<WorkflowView>(
      'POST',
      'workflows',
      await workflowBody([
        { email: 'embedded@example.com', mode: 'embedded', returnUrl: 'https://app.example.com/back?env=9', amr: ['link', 'sms'] },
        { email: 'later@example.com', mode: 'embedded', returnUrl: 'https://app.example.com/later' },
      ]),
    );
    const signingUrl = created.actions[0]!.signingUrl!;
    expect(signingUrl).toMatch(new RegExp(`^${sandbox.url}/_sandbox/sign/`));
    expect(await mailTo('embedded@example.com')).toEqual([]);
    await fetch(`${signingUrl}/code`, form({ channel: 'sms' }));
    const [sms] = await controlJson<Array<{ code: string }>>(sandbox, 'GET', 'sms?to=15145550100');
    await fetch(`${signingUrl}/verify`, form({ factor: 'sms', code: sms!.code }));
    const signed = await fetch(`${signingUrl}/sign`, form({}));
    expect(signed.status).toBe(303);
    expect(signed.headers.get('location')).toBe('https://app.example.com/back?env=9&status=success');
    const second = (await view(created.id)).actions[1]!.signingUrl!;
    await fetch(`${second}/code`, form({ channel: 'sms' }));
    const [code] = await controlJson<Array<{ code: string }>>(sandbox, 'GET', 'sms?to=15145550100');
    await fetch(`${second}/verify`, form({ factor: 'sms', code: code!.code }));
    const declined = await fetch(`${second}/decline`, form({ reason: 'No' }));
    expect(declined.headers.get('location')).toBe('https://app.example.com/later?status=decline');
  });
});

describe('webhook delivery', () => {
  it('retries a delivery the receiver refused, and records the attempts in the control view', async () => {
    failFirst = 1;
    const created = await client.json<WorkflowView>('POST', 'workflows', await workflowBody([{ email: 'retry@example.com' }], { webhooks: [{ url: hookUrl, insecure: false }] }));
    type Deliveries = { webhookDeliveries: Array<{ body: { eventType: string }; attempts: number; status: string }> };
    // Wait for the sandbox to record both deliveries as done (a deadline, never a fixed sleep).
    const deadline = Date.now() + 5000;
    let state = await controlJson<Deliveries>(sandbox, 'GET', `workflows/${created.id}`);
    while (state.webhookDeliveries.length < 2 || state.webhookDeliveries.some((delivery) => delivery.status === 'pending')) {
      if (Date.now() > deadline) throw new Error(`deliveries not done: ${JSON.stringify(state.webhookDeliveries)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      state = await controlJson<Deliveries>(sandbox, 'GET', `workflows/${created.id}`);
    }
    expect(state.webhookDeliveries.map((delivery) => delivery.status)).toEqual(['delivered', 'delivered']);
    expect(eventsOf(created.id).sort()).toEqual(['ACTION_STARTED', 'WORKFLOW_LAUNCHED']);
    expect(state.webhookDeliveries.some((delivery) => delivery.attempts === 2)).toBe(true);
  });
});

describe('delete, expiry, downloads', () => {
  it('deletes a workflow: status 6, links dead, a second delete 409, downloads 404', async () => {
    const created = await client.json<WorkflowView>('POST', 'workflows', await workflowBody([{ email: 'gone@example.com' }], { webhooks: [{ url: hookUrl }] }));
    const link = (await mailTo('gone@example.com'))[0]!.link!;
    const deleted = await client.json<WorkflowView>('DELETE', `workflows/${created.id}`);
    expect(deleted.status).toBe(6);
    expect((await view(created.id)).status).toBe(6);
    expect((await fetch(link)).status).toBe(404);
    const again = await client.call('DELETE', `workflows/${created.id}`);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe('4009');
    const download = await fetch(`${sandbox.api}/workflows/${created.id}/documents?X-Auth-Token=${client.token}`, { method: 'POST' });
    expect(download.status).toBe(404);
    await waitForHooks(() => eventsOf(created.id).includes('WORKFLOW_DELETED'));
  });

  it('expires a workflow at the end of its expiresOn day on the sandbox clock, with a webhook and expired for embedded links', async () => {
    const now = (await controlJson<{ now: number }>(sandbox, 'GET', 'clock')).now;
    const tomorrow = new Date(now + 24 * 3600 * 1000).toISOString().slice(0, 10);
    const created = await client.json<WorkflowView>(
      'POST',
      'workflows',
      await workflowBody([{ email: 'late@example.com', mode: 'embedded', returnUrl: 'https://app.example.com/r' }], { expiresOn: tomorrow, webhooks: [{ url: hookUrl }] }),
    );
    expect(created.expiresOn).toBe(Date.parse(`${tomorrow}T23:59:59.999Z`));
    await controlJson(sandbox, 'POST', 'clock', { advanceMs: 2 * 24 * 3600 * 1000 });
    await waitForHooks(() => eventsOf(created.id).includes('WORKFLOW_EXPIRED'));
    expect((await view(created.id)).status).toBe(3);
    const link = await fetch(created.actions[0]!.signingUrl!, { redirect: 'manual' });
    expect(link.headers.get('location')).toBe('https://app.example.com/r?status=expired');
  });

  it('downloads one PDF or a ZIP by POST with the token as a form field (multipart too), never by header alone; audit after completion only', async () => {
    const first = ((await (await upload(client, await samplePdf('One'), 'One.pdf')).json()) as { response: { documentId: string } }).response.documentId;
    const body = await workflowBody([{ email: 'zip@example.com' }]);
    const inline = (body.documents as Array<Record<string, unknown>>)[0]!;
    body.documents = [inline, { documentId: first, fields: [{ x: 40, y: 100, page: 1, assignedTo: '1' }] }];
    const created = await client.json<WorkflowView>('POST', 'workflows', body);
    const headerOnly = await fetch(`${sandbox.api}/workflows/${created.id}/documents`, { method: 'POST', headers: { 'x-auth-token': client.token } });
    expect(headerOnly.status).toBe(401);
    expect(await headerOnly.json()).toEqual({ code: '4001', msg: 'the auth token must be passed as a request parameter for this call' });
    const early = await fetch(`${sandbox.api}/workflows/${created.id}/audit`, { method: 'POST', body: new URLSearchParams({ 'X-Auth-Token': client.token }) });
    expect(early.status).toBe(409);
    await act(created.id, 'zip@example.com', 'sign');
    const multipart = new FormData();
    multipart.set('X-Auth-Token', client.token);
    const zip = await fetch(`${sandbox.api}/workflows/${created.id}/documents`, { method: 'POST', body: multipart });
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    expect(await zipNames(Buffer.from(await zip.arrayBuffer()))).toEqual(['Lease.pdf', 'One.pdf']);
    const audit = await fetch(`${sandbox.api}/workflows/${created.id}/audit`, { method: 'POST', body: new URLSearchParams({ 'X-Auth-Token': client.token }) });
    expect(audit.status).toBe(200);
    expect(audit.headers.get('content-type')).toBe('application/pdf');
    const trail = Buffer.from(await audit.arrayBuffer());
    expect(trail.subarray(0, 5).toString()).toBe('%PDF-');
    const folder = await mkdtemp(join(tmpdir(), 'consigno-audit-'));
    try {
      await writeFile(join(folder, 'audit.pdf'), trail);
      const text = (await readPdfText(join(folder, 'audit.pdf'))).flatMap((page) => page.lines.map((line) => line.text)).join('\n');
      expect(text).toContain(created.id);
      expect(text).toContain('zip@example.com');
      expect(text).toMatch(/Signed/);
      expect(text).toMatch(/sms/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    const state = await controlJson<{ documents: Array<{ sha256: string; signed: boolean }>; auditTrail: { sha256: string } }>(sandbox, 'GET', `workflows/${created.id}`);
    expect(state.documents.map((document) => document.signed)).toEqual([true, true]);
    expect(state.documents[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(state.auditTrail.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('emails the owner on completion when there are no webhooks (the default), not with workflowOwnerEmailsEnabled false', async () => {
    const withMail = await client.json<WorkflowView>('POST', 'workflows', await workflowBody([{ email: 'owner-a@example.com' }]));
    expect(withMail.workflowOwnerEmailsEnabled).toBe(true);
    const before = (await mailTo(withMail.ownerEmail)).length;
    await act(withMail.id, 'owner-a@example.com', 'sign');
    expect((await mailTo(withMail.ownerEmail)).length).toBe(before + 1);
    const quiet = await client.json<WorkflowView>('POST', 'workflows', await workflowBody([{ email: 'owner-b@example.com' }], { workflowOwnerEmailsEnabled: false }));
    await act(quiet.id, 'owner-b@example.com', 'sign');
    expect((await mailTo(withMail.ownerEmail)).length).toBe(before + 1);
  });
});
