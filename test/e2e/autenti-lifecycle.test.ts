import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../support/http.js';
import { FIXTURES } from '../support/fixtures.js';
import { inspectPdfSignatures } from '../support/pdf-signatures.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';
import { callBuiltInSandbox, waitForJob as waitForJobOf } from '../support/built-in-sandbox.js';
import { waitUntil } from '../support/waiting.js';

let server: ServerProcess;
let api: ApiClient;
let sandbox: string;
let folder: ReturnType<typeof temporaryDataDir>;
let documentId: string;

const james = { firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', role: 'signer', step: 1 };
const anna = { firstName: 'Anna', lastName: 'Nowak', email: 'anna.nowak@example.com', role: 'signer', step: 2 };

beforeAll(async () => {
  folder = temporaryDataDir();
  server = await startServer({ dataDir: folder.dataDir });
  api = apiClient(server.url, server.apiKey);
  sandbox = `${server.url}/sandbox/autenti`;
  documentId = (await api.upload('/api/v1/documents', FIXTURES.pdf, 'Agreement.pdf')).body.id;
});

afterAll(async () => {
  await server?.stop();
  folder?.remove();
});

/** The built-in sandbox's control routes, which take the installation's API key. */
const sandboxCall = (method: string, path: string, body?: unknown) => callBuiltInSandbox(sandbox, server.apiKey, method, path, body);

async function createAndSend(participants: object[], extra: object = {}) {
  const created = await api.post('/api/v1/envelopes', { title: `Agreement ${Math.random()}`, documentIds: [documentId], participants, ...extra });
  expect(created.status).toBe(201);
  const accepted = await api.post(`/api/v1/envelopes/${created.body.id}/send`);
  expect(accepted.status).toBe(202);
  expect(accepted.body.status).toBe('sending');
  return waitForStatus(created.body.id, ['sent', 'failed']);
}

function waitForStatus(id: string, statuses: string[]) {
  return waitUntil(
    async () => (await api.get(`/api/v1/envelopes/${id}`)).body,
    (envelope) => statuses.includes(envelope.status),
    { what: `envelope ${id} to be ${statuses.join(' or ')}` },
  );
}

const waitForJob = (id: string) => waitForJobOf(api, id);

/**
 * The calls the sandbox has received since its log was cleared, but reads: a sync that the sandbox's
 * own callbacks about the send asked for may still read the envelope (GET) after it shows `sent`,
 * the later the busier the machine. What a refusal must never do is act at the provider.
 */
async function callsActingAtAutenti(): Promise<unknown[]> {
  return ((await sandboxCall('GET', '/_sandbox/calls')).body as Array<{ method: string }>).filter((call) => call.method !== 'GET');
}

async function syncAll() {
  const started = await api.post('/api/v1/envelopes/sync');
  expect(started.status).toBe(202);
  return waitUntil(
    async () => (await api.get(`/api/v1/jobs/${started.body.id}`)).body,
    (job) => job.state === 'completed' || job.state === 'dead',
    { what: 'the sync job' },
  );
}

describe('a fresh install', () => {
  it('has a default connection to the built-in Autenti sandbox that verifies', async () => {
    const connections = await api.get('/api/v1/connections');
    // One built-in connection per provider with a sandbox; Autenti's, made first, is the default.
    expect(connections.body.data.map((connection: any) => connection.provider)).toEqual(['autenti', 'connective', 'consigno']);
    const [connection] = connections.body.data;
    expect(connection).toMatchObject({ provider: 'autenti', environment: 'sandbox', isDefault: true });
    expect(connection.baseUrl).toBe(`${server.url}/sandbox/autenti/api/v2/`);
    // Set up and checked at first start, as an administrator would.
    expect(connection.health.status).toBe('ok');
    const verified = await api.post(`/api/v1/connections/${connection.id}/verify`);
    expect(verified.body).toMatchObject({ ok: true });
    expect(verified.body.connection.health.status).toBe('ok');
  });
});

describe('sending through the sandbox', () => {
  it('runs two signers in two steps to completed, and the signed PDF carries both valid signatures', async () => {
    const sent = await createAndSend([james, anna]);
    expect(sent.status).toBe('sent');
    expect(sent.provider).toBe('autenti');
    expect(sent.providerReference).toMatch(/^DOCUMENT_PROCESS:/);
    expect(sent.participants.map((participant: any) => participant.status)).toEqual(['notified', 'waiting']);
    const process = sent.providerReference;

    // The second step cannot sign before the first.
    const early = await sandboxCall('POST', `/_sandbox/document-processes/${process}/parties/${anna.email}/actions`, { action: 'sign' });
    expect(early.status).toBe(409);

    expect((await sandboxCall('POST', `/_sandbox/document-processes/${process}/parties/${james.email}/actions`, { action: 'sign' })).status).toBe(200);
    expect((await sandboxCall('POST', `/_sandbox/document-processes/${process}/parties/${anna.email}/actions`, { action: 'sign' })).status).toBe(200);
    const job = await syncAll();
    expect(job.state).toBe('completed');

    const completed = await waitUntil(
      async () => (await api.get(`/api/v1/envelopes/${sent.id}`)).body,
      (envelope) => envelope.status === 'completed' && envelope.events.some((event: any) => event.type === 'artifacts-archived'),
      { what: 'completion and archived artifacts' },
    );
    expect(completed.participants.map((participant: any) => participant.status)).toEqual(['completed', 'completed']);
    expect(completed.participants.every((participant: any) => participant.completedAt)).toBe(true);

    const artifacts = await api.get(`/api/v1/envelopes/${sent.id}/artifacts`);
    expect(artifacts.body.data).toHaveLength(1);
    const [artifact] = artifacts.body.data;
    expect(artifact).toMatchObject({ kind: 'signed', mediaType: 'application/pdf' });
    const download = await fetch(`${server.url}/api/v1/envelopes/${sent.id}/artifacts/${artifact.id}/content`, {
      headers: { authorization: `Bearer ${server.apiKey}` },
    });
    expect(download.status).toBe(200);
    const report = await inspectPdfSignatures(Buffer.from(await download.arrayBuffer()));
    expect(report.signatures, report.tool).toMatchObject([
      { signerCommonName: 'James Dawson', valid: true, coversWholeDocument: false },
      { signerCommonName: 'Anna Nowak', valid: true, coversWholeDocument: true },
    ]);
  });

  it('shows a rejection with its reason', async () => {
    const sent = await createAndSend([james]);
    await sandboxCall('POST', `/_sandbox/document-processes/${sent.providerReference}/parties/${james.email}/actions`, {
      action: 'reject',
      reason: 'The price is not what we agreed',
    });
    const synced = await api.post(`/api/v1/envelopes/${sent.id}/sync`);
    expect(synced.status).toBe(200);
    expect(synced.body.status).toBe('rejected');
    expect(synced.body.participants[0]).toMatchObject({ status: 'rejected', rejectionReason: 'The price is not what we agreed' });
    expect(synced.body.statusReason).toContain('The price is not what we agreed');
    expect(synced.body.events.map((event: any) => event.type)).toContain('participant-rejected');
  });

  it('withdraws at the sandbox through a job', async () => {
    const sent = await createAndSend([james]);
    const accepted = await api.post(`/api/v1/envelopes/${sent.id}/withdraw`, { reason: 'Sent by mistake' });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ name: 'envelope-action' });
    const job = await waitForJob(accepted.body.id);
    expect(job).toMatchObject({ state: 'completed', result: { envelopeId: sent.id, action: 'withdraw', status: 'withdrawn' } });
    const withdrawn = (await api.get(`/api/v1/envelopes/${sent.id}`)).body;
    expect(withdrawn).toMatchObject({ status: 'withdrawn', statusReason: 'Sent by mistake' });
    // The job records who asked; the send's own steps and the provider's news name nobody.
    const actors = Object.fromEntries(withdrawn.events.map((event: any) => [event.type, event.actor]));
    expect(actors).toMatchObject({
      'envelope-sending': { kind: 'environment', name: 'COUNTERSIGN_API_KEY' },
      'envelope-sent': null,
      'participant-notified': null,
      'envelope-withdrawn': { kind: 'environment', name: 'COUNTERSIGN_API_KEY' },
    });
    const atSandbox = await sandboxCall('GET', `/_sandbox/document-processes/${sent.providerReference}`);
    expect(atSandbox.body.status).toBe('WITHDRAWN');
    // Checked before any job: the wrong status is a 409 at once.
    const again = await api.post(`/api/v1/envelopes/${sent.id}/withdraw`, {});
    expect(again.status).toBe(409);
    expect(again.body.currentStatus).toBe('withdrawn');
  });

  it('reminds the participant whose turn it is, through a job and the sandbox mailbox', async () => {
    const sent = await createAndSend([{ ...james, email: 'remind.me@example.com' }]);
    const before = (await sandboxCall('GET', '/_sandbox/mailbox?to=remind.me@example.com')).body.length;
    const accepted = await api.post(`/api/v1/envelopes/${sent.id}/remind`);
    expect(accepted.status).toBe(202);
    expect((await waitForJob(accepted.body.id)).state).toBe('completed');
    const reminded = (await api.get(`/api/v1/envelopes/${sent.id}`)).body;
    const event = reminded.events.find((candidate: any) => candidate.type === 'envelope-reminded');
    expect(event.detail).toEqual({ participants: ['remind.me@example.com'] });
    const after = (await sandboxCall('GET', '/_sandbox/mailbox?to=remind.me@example.com')).body.length;
    expect(after).toBe(before + 1);
  });

  it('acts once on a double click: the same action asked again while its job runs returns that job', async () => {
    const sent = await createAndSend([{ ...james, email: 'double.click@example.com' }]);
    const before = (await sandboxCall('GET', '/_sandbox/mailbox?to=double.click@example.com')).body.length;
    // A slow provider keeps the first job running while the second request arrives.
    await sandboxCall('PUT', '/_sandbox/faults', { latencyMs: 1_000 });
    try {
      const first = await api.post(`/api/v1/envelopes/${sent.id}/remind`);
      const second = await api.post(`/api/v1/envelopes/${sent.id}/remind`);
      expect([first.status, second.status]).toEqual([202, 202]);
      expect(second.body.id).toBe(first.body.id);
      expect((await waitForJob(first.body.id)).state).toBe('completed');
    } finally {
      await sandboxCall('DELETE', '/_sandbox/faults');
    }
    expect((await sandboxCall('GET', '/_sandbox/mailbox?to=double.click@example.com')).body.length).toBe(before + 1);
  });

  it.each([
    ['extend-expiry', { expiresAt: '2099-01-01T00:00:00Z' }, 'expiryChange'],
    ['skip-pending', undefined, 'skipPending'],
  ])('refuses %s with 422 naming the capability Autenti lacks, before any provider call', async (action, body, capability) => {
    const sent = await createAndSend([james]);
    await sandboxCall('DELETE', '/_sandbox/calls');
    const refused = await api.post(`/api/v1/envelopes/${sent.id}/${action}`, body);
    expect(refused.status).toBe(422);
    expect(refused.body.status).toBe(422);
    expect(refused.body.detail).toContain(`"${capability}"`);
    expect(await callsActingAtAutenti()).toEqual([]);
  });

  it('refuses extend-expiry and skip-pending on an envelope that is not sent with 409', async () => {
    const draft = await api.post('/api/v1/envelopes', { title: 'Not sent', documentIds: [documentId], participants: [james] });
    const extend = await api.post(`/api/v1/envelopes/${draft.body.id}/extend-expiry`, { expiresAt: '2099-01-01T00:00:00Z' });
    expect(extend.status).toBe(409);
    expect(extend.body.detail).toContain('only a sent envelope');
    expect((await api.post(`/api/v1/envelopes/${draft.body.id}/skip-pending`)).status).toBe(409);
  });

  it('refuses to send a draft or resend a sent envelope, naming the status', async () => {
    const draft = await api.post('/api/v1/envelopes', { title: 'No signer', documentIds: [documentId], participants: [] });
    const refused = await api.post(`/api/v1/envelopes/${draft.body.id}/send`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/draft.*document and one signer/);
    const sent = await createAndSend([james]);
    expect((await api.post(`/api/v1/envelopes/${sent.id}/send`)).status).toBe(409);
  });

  it('refuses what Autenti cannot take before calling it (an expiry date) when the envelope is created', async () => {
    const refused = await api.post('/api/v1/envelopes', { title: 'Expiring', documentIds: [documentId], participants: [james], expiresAt: '2099-01-01T00:00:00Z' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ path: 'expiresAt', message: 'Autenti does not take an expiry date; remove it (capability "expiry").' }]);
  });
});

describe('deleting an envelope', () => {
  it('deletes a draft here at once, with its participants; its document stays', async () => {
    const draft = await api.post('/api/v1/envelopes', { title: 'Scrap this', documentIds: [documentId], participants: [james] });
    const deleted = await api.delete(`/api/v1/envelopes/${draft.body.id}`);
    expect(deleted.status).toBe(204);
    expect((await api.get(`/api/v1/envelopes/${draft.body.id}`)).status).toBe(404);
    expect((await api.get(`/api/v1/documents/${documentId}`)).status).toBe(200);
  });

  it('refuses to delete a sent envelope at Autenti, naming the capability, with or without confirmation', async () => {
    const sent = await createAndSend([james]);
    await sandboxCall('DELETE', '/_sandbox/calls');
    for (const query of ['', '?confirm=true']) {
      const refused = await api.delete(`/api/v1/envelopes/${sent.id}${query}`);
      expect(refused.status).toBe(422);
      expect(refused.body.detail).toContain('"deletion"');
    }
    expect(await callsActingAtAutenti()).toEqual([]);
    expect((await api.get(`/api/v1/envelopes/${sent.id}`)).body.status).toBe('sent');
  });
});

describe('connections', () => {
  it('keeps secrets and private keys out of every answer, and verifies in plain words', async () => {
    const client = await sandboxCall('POST', '/_sandbox/clients', { name: 'Second client' });
    const created = await api.post('/api/v1/connections', {
      provider: 'autenti',
      name: 'Second',
      baseUrl: 'sandbox',
      clientId: client.body.clientId,
      clientSecret: client.body.clientSecret,
      accountEmail: 'second@example.com',
    });
    expect(created.status).toBe(201);
    expect(created.body.publicJwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String), n: expect.any(String), e: 'AQAB' });
    expect(created.body.publicJwk).not.toHaveProperty('d');
    expect(created.body.isDefault).toBe(false);
    expect(created.body.callbackUrl).toMatch(new RegExp(`^${server.url}/api/v1/callbacks/${created.body.id}/[A-Za-z0-9_-]{32}$`));
    const listing = (await api.get('/api/v1/connections')).text;
    expect(listing).not.toContain(client.body.clientSecret);
    expect(listing).not.toContain('PRIVATE KEY');

    const unregistered = await api.post(`/api/v1/connections/${created.body.id}/verify`);
    expect(unregistered.body.ok).toBe(false);
    expect(unregistered.body.detail).toMatch(/public key/i);

    await sandboxCall('PUT', `/_sandbox/clients/${client.body.clientId}/public-key`, created.body.publicJwk);
    expect((await api.post(`/api/v1/connections/${created.body.id}/verify`)).body.ok).toBe(true);

    // Making it the default changes no setting: it stays verified, and the former default is no longer.
    const madeDefault = await api.patch(`/api/v1/connections/${created.body.id}`, { makeDefault: true });
    expect(madeDefault.body).toMatchObject({ isDefault: true, health: { status: 'ok' } });
    const defaults = (await api.get('/api/v1/connections')).body.data.filter((connection: any) => connection.isDefault);
    expect(defaults.map((connection: any) => connection.id)).toEqual([created.body.id]);

    await api.patch(`/api/v1/connections/${created.body.id}`, { clientSecret: 'wrong-secret' });
    const wrongSecret = await api.post(`/api/v1/connections/${created.body.id}/verify`);
    expect(wrongSecret.body.ok).toBe(false);
    expect(wrongSecret.body.detail).toMatch(/secret/i);
    expect(wrongSecret.body.connection.health.status).toBe('error');

    const builtIn = (await api.get('/api/v1/connections')).body.data.find((connection: any) => connection.provider === 'autenti' && connection.environment === 'sandbox' && connection.name.includes('built-in'));
    await api.patch(`/api/v1/connections/${builtIn.id}`, { makeDefault: true });
  });

  it('fails a send refused by the provider with its reason, and sends again once corrected', async () => {
    const client = await sandboxCall('POST', '/_sandbox/clients', { name: 'Third client' });
    const connection = await api.post('/api/v1/connections', {
      provider: 'autenti',
      name: 'Third',
      baseUrl: 'sandbox',
      clientId: client.body.clientId,
      clientSecret: client.body.clientSecret,
      accountEmail: 'third@example.com',
    });
    // The public key is not registered yet: Autenti refuses the assertion.
    const failed = await createAndSend([james], { connectionId: connection.body.id });
    expect(failed.status).toBe('failed');
    expect(failed.statusReason).toMatch(/public key/i);

    await sandboxCall('PUT', `/_sandbox/clients/${client.body.clientId}/public-key`, connection.body.publicJwk);
    expect((await api.post(`/api/v1/envelopes/${failed.id}/send`)).status).toBe(202);
    const sent = await waitForStatus(failed.id, ['sent', 'failed']);
    expect(sent.status).toBe('sent');
    expect(sent.events.map((event: any) => event.type)).toEqual(expect.arrayContaining(['envelope-failed', 'envelope-sending', 'envelope-sent']));

    const deleted = await api.delete(`/api/v1/connections/${connection.body.id}`);
    expect(deleted.status).toBe(409);
    expect(deleted.body.detail).toMatch(/in flight/);
  });
});
