import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../support/http.js';
import { FIXTURES } from '../support/fixtures.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';
import { callBuiltInSandbox, waitForEnvelope as waitForEnvelopeOf, waitForJob as waitForJobOf } from '../support/built-in-sandbox.js';

/**
 * ConsignO Cloud end to end (issue 11): the built-in ConsignO sandbox connection of a fresh install,
 * driven through the API alone. The scheduled sync is off, so every status an envelope reaches here
 * came through the sandbox's webhooks (`webhooks[].url` of each workflow), never a manual or
 * scheduled sync. Sending a DOCX (as its LibreOffice PDF rendition) with two signers in two steps is
 * in the office suite, test/office/consigno-office.test.ts, since it needs LibreOffice.
 */

let server: ServerProcess;
let api: ApiClient;
let sandbox: string;
let folder: ReturnType<typeof temporaryDataDir>;
let pdfId: string;
let connectionId: string;

const james = { firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', role: 'signer', step: 1 };

beforeAll(async () => {
  folder = temporaryDataDir();
  server = await startServer({ dataDir: folder.dataDir, env: { COUNTERSIGN_SYNC_INTERVAL_MINUTES: '0' } });
  api = apiClient(server.url, server.apiKey);
  sandbox = `${server.url}/sandbox/consigno`;
  pdfId = (await api.upload('/api/v1/documents', FIXTURES.pdf, 'Agreement.pdf')).body.id;
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

describe('a fresh install', () => {
  it('also has a built-in ConsignO sandbox connection, verified', async () => {
    const connections = (await api.get('/api/v1/connections')).body.data;
    const consigno = connections.find((connection: any) => connection.provider === 'consigno');
    expect(consigno).toMatchObject({ environment: 'sandbox', isDefault: false, baseUrl: `${server.url}/sandbox/consigno/api/v1/` });
    expect(consigno.health.status).toBe('ok');
  });
});

describe('sending through the ConsignO sandbox', () => {
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
