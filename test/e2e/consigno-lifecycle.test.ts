import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../support/http.js';
import { FIXTURES } from '../support/fixtures.js';
import { inspectPdfSignatures } from '../support/pdf-signatures.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';
import { callBuiltInSandbox, waitForEnvelope as waitForEnvelopeOf, waitForJob as waitForJobOf } from '../support/built-in-sandbox.js';
import { waitUntil } from '../support/waiting.js';

/**
 * ConsignO Cloud end to end (issue 11): the built-in ConsignO sandbox connection of a fresh install,
 * driven through the API alone. The scheduled sync is off, so every status an envelope reaches here
 * came through the sandbox's webhooks (`webhooks[].url` of each workflow), never a manual or
 * scheduled sync. A DOCX goes as its LibreOffice PDF rendition (ConsignO signs PDF only).
 */

let server: ServerProcess;
let api: ApiClient;
let sandbox: string;
let folder: ReturnType<typeof temporaryDataDir>;
let pdfId: string;
let docxId: string;
let connectionId: string;

const MINUTE_MS = 60 * 1000;
// sample.pdf's second line of text: an anchor field puts the signature where the text is.
const ANCHOR = 'Please sign below.';

const james = { firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', role: 'signer', step: 1 };
const anna = { firstName: 'Anna', lastName: 'Nowak', email: 'anna.nowak@example.com', role: 'signer', step: 2 };
const carol = { firstName: 'Carol', lastName: 'Reed', email: 'carol.reed@example.com', role: 'receiver', step: 2 };

beforeAll(async () => {
  folder = temporaryDataDir();
  server = await startServer({ dataDir: folder.dataDir, env: { COUNTERSIGN_SYNC_INTERVAL_MINUTES: '0' } });
  api = apiClient(server.url, server.apiKey);
  sandbox = `${server.url}/sandbox/consigno`;
  pdfId = (await api.upload('/api/v1/documents', FIXTURES.pdf, 'Agreement.pdf')).body.id;
  docxId = (await api.upload('/api/v1/documents', FIXTURES.docx, 'Terms.docx')).body.id;
  const connections = (await api.get('/api/v1/connections')).body.data as Array<{ id: string; provider: string }>;
  connectionId = connections.find((connection) => connection.provider === 'consigno')!.id;
});

afterAll(async () => {
  await server?.stop();
  folder?.remove();
});

/** The built-in sandbox's control routes, which take the installation's API key. */
const sandboxCall = (method: string, path: string, body?: unknown) => callBuiltInSandbox(sandbox, server.apiKey, method, path, body);

async function act(workflowId: string, email: string, action: 'sign' | 'decline', reason?: string) {
  const acted = await sandboxCall('POST', `/_sandbox/workflows/${workflowId}/signers/${encodeURIComponent(email)}/actions`, { action, ...(reason ? { reason } : {}) });
  expect(acted.status, JSON.stringify(acted.body)).toBe(200);
  return acted.body;
}

async function createAndSend(participants: object[], extra: object = {}, through = connectionId) {
  const created = await api.post('/api/v1/envelopes', { title: `Agreement ${Math.random()}`, connectionId: through, documentIds: [pdfId], participants, ...extra });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const accepted = await api.post(`/api/v1/envelopes/${created.body.id}/send`);
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
  const sent = await waitForEnvelope(created.body.id, (envelope) => ['sent', 'failed'].includes(envelope.status), 'sent');
  expect(sent.status, JSON.stringify(sent.statusReason ?? sent.events?.at(-1))).toBe('sent');
  return sent;
}

const waitForEnvelope = (id: string, done: (envelope: any) => boolean, what: string) => waitForEnvelopeOf(api, id, done, what);
const waitForJob = (id: string) => waitForJobOf(api, id);

async function download(envelopeId: string, artifact: { id: string }): Promise<Buffer> {
  const response = await fetch(`${server.url}/api/v1/envelopes/${envelopeId}/artifacts/${artifact.id}/content`, { headers: { authorization: `Bearer ${server.apiKey}` } });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

const statuses = (envelope: any) => envelope.participants.map((participant: any) => participant.status);

describe('a fresh install', () => {
  it('also has a built-in ConsignO sandbox connection, verified', async () => {
    const connections = (await api.get('/api/v1/connections')).body.data;
    const consigno = connections.find((connection: any) => connection.provider === 'consigno');
    expect(consigno).toMatchObject({ environment: 'sandbox', isDefault: false, baseUrl: `${server.url}/sandbox/consigno/api/v1/` });
    expect(consigno.health.status).toBe('ok');
  });

  it('makes a PDF rendition of an uploaded DOCX in the background, with its page count', async () => {
    const document = await waitUntil(
      async () => (await api.get(`/api/v1/documents/${docxId}`)).body,
      (body) => body.rendition?.status !== 'pending',
      { what: 'the DOCX rendition' },
    );
    expect(document.rendition).toMatchObject({ status: 'ready', pages: 1, error: null });
    const rendition = await fetch(`${server.url}/api/v1/documents/${docxId}/rendition`, { headers: { authorization: `Bearer ${server.apiKey}` } });
    expect(rendition.status).toBe(200);
    expect(rendition.headers.get('content-type')).toMatch(/application\/pdf/);
    expect(Buffer.from(await rendition.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

describe('sending through the ConsignO sandbox', () => {
  it('sends a DOCX and a PDF to two signers in two steps (SMS second factor, one anchor field) and completes through webhooks alone', async () => {
    const sent = await createAndSend(
      [
        { ...james, phone: '+15145550100', authentication: [{ method: 'sms' }] },
        { ...anna, phone: '+15145550101', authentication: [{ method: 'sms' }], fields: [{ type: 'signature', documentId: pdfId, anchor: ANCHOR }] },
        carol,
      ],
      { documentIds: [docxId, pdfId] },
    );
    expect(sent.provider).toBe('consigno');
    expect(statuses(sent)).toEqual(['notified', 'waiting', 'waiting']);
    const workflowId = sent.providerReference;

    // What ConsignO holds: the DOCX went as a PDF; Anna's zone is where the anchor text is; SMS second factors; Carol is notified at the end.
    const held = (await sandboxCall('GET', `/_sandbox/workflows/${workflowId}`)).body;
    expect(held.documents).toHaveLength(2);
    expect(held.documents[0].name).toMatch(/\.pdf$/);
    expect(held.actions.map((action: any) => [action.signer.email, action.step, action.signer.amr])).toEqual([
      [james.email, 1, ['link', 'sms']],
      [anna.email, 2, ['link', 'sms']],
    ]);
    const annaRef = String(held.actions[1].signer.ref ?? held.actions[1].ref);
    const annaZones = held.documents[1].fields.filter((field: any) => String(field.assignedTo) === annaRef);
    expect(annaZones).toHaveLength(1);
    expect(annaZones[0].y).toBeLessThan(200); // the anchor is the document's second line, near the top
    expect(JSON.stringify(held.notifications)).toContain(carol.email);

    // The second step cannot sign before the first.
    const early = await sandboxCall('POST', `/_sandbox/workflows/${workflowId}/signers/${encodeURIComponent(anna.email)}/actions`, { action: 'sign' });
    expect(early.status).toBe(409);

    // Countersign's ConsignO token dies after 30 idle minutes: the webhook's fetch logs in again.
    expect((await sandboxCall('POST', '/_sandbox/clock', { advanceMs: 31 * MINUTE_MS })).status).toBe(200);
    await act(workflowId, james.email, 'sign');
    const afterFirst = await waitForEnvelope(sent.id, (envelope) => statuses(envelope)[1] === 'notified', 'Anna notified after James signed');
    expect(statuses(afterFirst)).toEqual(['completed', 'notified', 'waiting']);

    await act(workflowId, anna.email, 'sign');
    const completed = await waitForEnvelope(
      sent.id,
      (envelope) => envelope.status === 'completed' && envelope.events.some((event: any) => event.type === 'artifacts-archived'),
      'completed with its artifacts archived',
    );
    expect(statuses(completed)).toEqual(['completed', 'completed', 'completed']);
    const fromProvider = completed.events.filter((event: any) => /^(envelope|participant)-completed$/.test(event.type));
    expect(fromProvider.length).toBeGreaterThanOrEqual(3);
    expect(fromProvider.map((event: any) => event.source)).toEqual(fromProvider.map(() => 'callback'));

    // One signed PDF per document, each signature valid; the audit trail names both signers and the SMS factor.
    const artifacts = (await api.get(`/api/v1/envelopes/${sent.id}/artifacts`)).body.data;
    const signed = artifacts.filter((artifact: any) => artifact.kind === 'signed');
    expect(signed).toHaveLength(2);
    for (const artifact of signed) {
      expect(artifact.mediaType).toBe('application/pdf');
      const report = await inspectPdfSignatures(await download(sent.id, artifact), { tool: 'pdfsig' });
      expect(report.signatures.length).toBeGreaterThanOrEqual(1);
      expect(report.signatures.every((signature) => signature.valid)).toBe(true);
    }
    const audit = artifacts.find((artifact: any) => artifact.kind === 'audit');
    expect(audit.mediaType).toBe('application/pdf');
    const auditBytes = await download(sent.id, audit);
    expect(auditBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('shows a decline with its reason', async () => {
    const sent = await createAndSend([james]);
    await act(sent.providerReference, james.email, 'decline', 'The price is not what we agreed');
    const rejected = await waitForEnvelope(sent.id, (envelope) => envelope.status === 'rejected', 'rejected');
    expect(rejected.participants[0]).toMatchObject({ status: 'rejected', rejectionReason: 'The price is not what we agreed' });
    expect(rejected.statusReason).toContain('The price is not what we agreed');
  });

  it('deletes the workflow at ConsignO when withdrawn, and says beforehand that withdrawing deletes', async () => {
    const providers = (await api.get('/api/v1/providers')).body.data;
    expect(providers.find((provider: any) => provider.id === 'consigno').capabilities).toMatchObject({ withdraw: true, withdrawDeletes: true, deletion: true });
    const sent = await createAndSend([james]);
    const accepted = await api.post(`/api/v1/envelopes/${sent.id}/withdraw`, { reason: 'Sent by mistake' });
    expect(accepted.status).toBe(202);
    expect(await waitForJob(accepted.body.id)).toMatchObject({ state: 'completed' });
    expect((await sandboxCall('GET', `/_sandbox/workflows/${sent.providerReference}`)).body.status).toBe(6);
    expect((await api.get(`/api/v1/envelopes/${sent.id}`)).body.status).toBe('withdrawn');
  });

  it('gives an embedded signer the workflow signing URL; after signing, the return page syncs and passes the outcome on', async () => {
    const embedded = { ...james, email: 'embedded.signer@example.com', delivery: { mode: 'embedded', returnUrl: 'https://crm.example.com/deals/7/signed' } };
    const sent = await createAndSend([embedded]);
    const participantId = sent.participants[0].id;
    const answer = await api.get(`/api/v1/envelopes/${sent.id}/participants/${participantId}/signing-url`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.url.startsWith(`${sandbox}/`)).toBe(true);
    expect((await sandboxCall('GET', `/_sandbox/mailbox?to=${encodeURIComponent(embedded.email)}`)).body).toEqual([]);

    // ConsignO returns the signer to Countersign's own page, never straight to the host application.
    const held = (await sandboxCall('GET', `/_sandbox/workflows/${sent.providerReference}`)).body;
    const returnUrl = new URL(held.actions[0].returnUrl);
    expect(returnUrl.origin).toBe(server.url);
    expect(returnUrl.pathname).toBe(`/signing/return/${sent.id}/${participantId}`);

    await act(sent.providerReference, embedded.email, 'sign');
    returnUrl.searchParams.set('status', 'success');
    const page = await fetch(returnUrl, { redirect: 'manual' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/signed/i);
    expect(html).toContain('https://crm.example.com/deals/7/signed?status=success');
    await waitForEnvelope(sent.id, (envelope) => envelope.status === 'completed', 'completed after the embedded signature');

    // A return link with a forged signature is not a page anyone can make.
    const forged = new URL(returnUrl);
    forged.searchParams.set('sig', 'forged');
    expect((await fetch(forged)).status).toBeGreaterThanOrEqual(400);
  });

  it('keeps working when ConsignO rotates the token and refuses the old one at once', async () => {
    const user = await sandboxCall('POST', '/_sandbox/api-users', { name: 'Rotation', secondFactorRequired: false });
    expect(user.status).toBe(201);
    const connection = await api.post('/api/v1/connections', { provider: 'consigno', name: 'Rotation', baseUrl: 'sandbox', username: user.body.username, password: user.body.password });
    expect(connection.status, JSON.stringify(connection.body)).toBe(201);
    expect(JSON.stringify(connection.body)).not.toContain(user.body.password);
    const sent = await createAndSend([james], {}, connection.body.id);

    expect((await sandboxCall('PUT', '/_sandbox/faults', { rotatedTokenFails: true })).status).toBe(200);
    try {
      expect((await sandboxCall('PATCH', `/_sandbox/api-users/${user.body.username}`, { lang: 'fr' })).status).toBe(200);
      // The next calls carry the old token once, adopt the new one from that answer, and go on with it.
      const first = await api.post(`/api/v1/envelopes/${sent.id}/sync`);
      expect(first.status, JSON.stringify(first.body)).toBeLessThan(300);
      await act(sent.providerReference, james.email, 'sign');
      const completed = await waitForEnvelope(sent.id, (envelope) => envelope.status === 'completed' && envelope.events.some((event: any) => event.type === 'artifacts-archived'), 'completed after the rotation');
      expect(completed.events.map((event: any) => event.type)).not.toContain('envelope-failed');
    } finally {
      await sandboxCall('DELETE', '/_sandbox/faults');
    }
  });

  it('refuses a signer with only the email link when the ConsignO account requires a second factor, and says how to fix it', async () => {
    const user = await sandboxCall('POST', '/_sandbox/api-users', { name: 'Two factors' });
    const connection = await api.post('/api/v1/connections', { provider: 'consigno', name: 'Two factors', baseUrl: 'sandbox', username: user.body.username, password: user.body.password });
    const created = await api.post('/api/v1/envelopes', { title: 'Two factors', connectionId: connection.body.id, documentIds: [pdfId], participants: [james] });
    await api.post(`/api/v1/envelopes/${created.body.id}/send`);
    const failed = await waitForEnvelope(created.body.id, (envelope) => ['sent', 'failed'].includes(envelope.status), 'refused');
    expect(failed.status).toBe('failed');
    expect(failed.statusReason).toMatch(/sms|call|secret/i);
  });
});
