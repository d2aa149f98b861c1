import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBuiltInSandbox, waitForEnvelope } from '../support/built-in-sandbox.js';
import { FIXTURES } from '../support/fixtures.js';
import { apiClient, type ApiClient } from '../support/http.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';
import { readZipEntries } from '../support/zip.js';

/**
 * What a completed envelope leaves behind (issue 15, "See"): signed files named after their
 * documents, a ZIP of everything, and the completion certificate, through the real server and the
 * built-in Autenti, Connective and ConsignO sandboxes. Each envelope is signed at its sandbox and
 * synced; the tests read the answers as a client would: the listing, the downloads' headers, the ZIP
 * unzipped and hashed against the listing, the certificate page's text.
 */

let server: ServerProcess;
let api: ApiClient;
let folder: ReturnType<typeof temporaryDataDir>;
let connections: Record<string, string>;

const POLISH_NAME = 'Umowa najmu łodzi.pdf';
const TITLE = 'Boat <rental> & "terms"';
const james = { firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', role: 'signer', step: 1 };

beforeAll(async () => {
  folder = temporaryDataDir();
  server = await startServer({ dataDir: folder.dataDir, env: { COUNTERSIGN_SYNC_INTERVAL_MINUTES: '0' } });
  api = apiClient(server.url, server.apiKey);
  const listed = (await api.get('/api/v1/connections')).body.data as Array<{ id: string; provider: string }>;
  connections = Object.fromEntries(listed.map((connection) => [connection.provider, connection.id]));
});

afterAll(async () => {
  await server?.stop();
  folder?.remove();
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const sandboxCall = (provider: string, method: string, path: string, body?: unknown) => callBuiltInSandbox(`${server.url}/sandbox/${provider}`, server.apiKey, method, path, body);

/** How each sandbox's control route signs for a participant. */
const SIGN: Record<string, (reference: string, email: string) => string> = {
  autenti: (reference, email) => `/_sandbox/document-processes/${reference}/parties/${email}/actions`,
  connective: (reference, email) => `/_sandbox/packages/${reference}/actors/${encodeURIComponent(email)}/actions`,
  consigno: (reference, email) => `/_sandbox/workflows/${reference}/signers/${encodeURIComponent(email)}/actions`,
};

async function upload(name: string): Promise<{ id: string; sha256: string }> {
  const uploaded = await api.upload('/api/v1/documents', FIXTURES.pdf, name);
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
  return uploaded.body;
}

/** Sent through `provider`'s sandbox and signed there; answered once sent, before the sync that completes it here. */
async function sentAndSigned(provider: string, documentIds: string[], participant: object = james) {
  const created = await api.post('/api/v1/envelopes', { title: TITLE, connectionId: connections[provider], documentIds, participants: [participant] });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await api.get(`/api/v1/envelopes/${created.body.id}/certificate`)).status).toBe(409);
  expect((await api.post(`/api/v1/envelopes/${created.body.id}/send`)).status).toBe(202);
  const sent = await waitForEnvelope(api, created.body.id, (envelope) => ['sent', 'failed'].includes(envelope.status), 'sent');
  expect(sent.status, JSON.stringify(sent.statusReason)).toBe('sent');
  const signed = await sandboxCall(provider, 'POST', SIGN[provider]!(sent.providerReference, (participant as { email: string }).email), { action: 'sign' });
  expect(signed.status, JSON.stringify(signed.body)).toBe(200);
  return sent;
}

async function completedAndArchived(provider: string, documentIds: string[], participant: object = james) {
  const sent = await sentAndSigned(provider, documentIds, participant);
  await api.post(`/api/v1/envelopes/${sent.id}/sync`);
  return waitForEnvelope(api, sent.id, (envelope) => envelope.archive?.status === 'archived', 'completed with its files archived');
}

async function artifactsOf(id: string): Promise<Array<{ id: string; kind: string; filename: string; sha256: string; size: number; documentId: string | null }>> {
  return (await api.get(`/api/v1/envelopes/${id}/artifacts`)).body.data;
}

async function download(path: string) {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.apiKey}` } });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** The ZIP of an envelope, unzipped: each entry's name and SHA-256. */
async function zipOf(id: string) {
  const { response, bytes } = await download(`/api/v1/envelopes/${id}/artifacts.zip`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/zip');
  expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
  const entries = await readZipEntries(bytes);
  return { response, entries: entries.map((entry) => ({ name: entry.name, sha256: sha256(entry.content), text: entry.content.toString('utf8') })) };
}

async function certificateOf(id: string) {
  const response = await fetch(`${server.url}/api/v1/envelopes/${id}/certificate`, { headers: { authorization: `Bearer ${server.apiKey}` } });
  return { response, html: await response.text() };
}

describe('an Autenti envelope with a document named beyond ASCII', () => {
  let envelope: any;
  let original: { id: string; sha256: string };

  beforeAll(async () => {
    original = await upload(POLISH_NAME);
    envelope = await completedAndArchived('autenti', [original.id]);
  });

  it('lists the signed file as <name>-signed.pdf, tied to its original, and downloads it under that name', async () => {
    const [signed, ...rest] = await artifactsOf(envelope.id);
    expect(rest).toEqual([]);
    expect(signed).toMatchObject({ kind: 'signed', filename: 'Umowa najmu łodzi-signed.pdf', documentId: original.id });

    const { response, bytes } = await download(`/api/v1/envelopes/${envelope.id}/artifacts/${signed!.id}/content`);
    expect(response.status).toBe(200);
    // RFC 6266: an ASCII fallback, and the real name as RFC 5987 UTF-8 in filename*.
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="Umowa najmu ?odzi-signed.pdf"; filename*=UTF-8''Umowa%20najmu%20%C5%82odzi-signed.pdf`);
    expect(sha256(bytes)).toBe(signed!.sha256);
  });

  it('zips the signed file and the certificate, the signed file byte for byte as archived', async () => {
    const [signed] = await artifactsOf(envelope.id);
    const { response, entries } = await zipOf(envelope.id);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="Boat rental & terms-signed-files.zip"');
    expect(entries.map((entry) => entry.name)).toEqual(['Umowa najmu łodzi-signed.pdf', 'Boat rental & terms-completion-certificate.html']);
    expect(entries[0]!.sha256).toBe(signed!.sha256);
    expect(entries[1]!.text).toContain(signed!.sha256);
  });

  it('certifies who signed when, how, and the original and signed SHA-256, escaped and without script', async () => {
    const [signed] = await artifactsOf(envelope.id);
    const completed = (await api.get(`/api/v1/envelopes/${envelope.id}`)).body;
    const { response, html } = await certificateOf(envelope.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('private, no-store');

    expect(html).toContain('<h1>Boat &lt;rental&gt; &amp; &quot;terms&quot;</h1>');
    expect(html).not.toContain(TITLE);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('@media print');
    expect(html).toContain(`Autenti, reference <code>${completed.providerReference}</code>`);
    expect(html).toContain('James Dawson <span class="muted">&lt;james.dawson@example.com&gt;</span>');
    expect(html).toMatch(/<strong>Signed<\/strong> on <time datetime="[^"]+">/);
    expect(html).toContain('Link in the invitation sent to james.dawson@example.com');
    expect(html).toContain(`<th scope="row">${POLISH_NAME}</th>`);
    expect(html).toContain(original.sha256);
    expect(html).toContain(signed!.sha256);
    expect(html).toContain('Autenti gives no audit proof of its own');
  });

  it('are refused (403 problem) to a key without envelopes:read, like the other artifact routes', async () => {
    const key = (await api.post('/api/v1/keys', { name: 'documents only', scopes: ['documents:read'] })).body.secret;
    const documentsOnly = apiClient(server.url, key);
    for (const path of ['artifacts', 'artifacts.zip', 'certificate']) {
      const refused = await documentsOnly.get(`/api/v1/envelopes/${envelope.id}/${path}`);
      expect(refused.status, path).toBe(403);
      expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(refused.body.detail).toMatch(/envelopes:read/);
    }
  });
});

describe('a Connective envelope', () => {
  it('names the XML audit proof after the envelope, zips it beside the signed file, and certifies it', async () => {
    const original = await upload('Agreement.pdf');
    const envelope = await completedAndArchived('connective', [original.id]);
    const artifacts = await artifactsOf(envelope.id);
    expect(artifacts.map(({ kind, filename, documentId }) => ({ kind, filename, documentId })).sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'audit', filename: 'Boat rental & terms-audit-proof.xml', documentId: null },
      { kind: 'signed', filename: 'Agreement-signed.pdf', documentId: original.id },
    ]);

    const { entries } = await zipOf(envelope.id);
    expect(entries).toHaveLength(3);
    for (const artifact of artifacts) expect(entries.find((entry) => entry.name === artifact.filename)?.sha256).toBe(artifact.sha256);
    expect(entries.at(-1)!.name).toBe('Boat rental & terms-completion-certificate.html');

    const { html } = await certificateOf(envelope.id);
    const audit = artifacts.find((artifact) => artifact.kind === 'audit')!;
    expect(html).toContain('Connective eSignatures, reference');
    expect(html).toContain(`Boat rental &amp; terms-audit-proof.xml (application/xml)<br><code class="hash">${audit.sha256}</code>`);
    expect(html).toContain(artifacts.find((artifact) => artifact.kind === 'signed')!.sha256);
  });
});

describe('a ConsignO envelope whose signer proves who they are by SMS', () => {
  it('certifies the SMS check and the audit trail PDF, and zips both files', async () => {
    const original = await upload('Lease.pdf');
    const envelope = await completedAndArchived('consigno', [original.id], { ...james, phone: '+48722722722', authentication: [{ method: 'sms' }] });
    const artifacts = await artifactsOf(envelope.id);
    expect(artifacts.map((artifact) => artifact.filename).sort()).toEqual(['Boat rental & terms-audit-proof.pdf', 'Lease-signed.pdf']);
    expect(artifacts.find((artifact) => artifact.kind === 'signed')!.documentId).toBe(original.id);

    const { entries } = await zipOf(envelope.id);
    expect(entries.map((entry) => entry.name).sort()).toEqual([...artifacts.map((artifact) => artifact.filename), 'Boat rental & terms-completion-certificate.html'].sort());
    for (const artifact of artifacts) expect(entries.find((entry) => entry.name === artifact.filename)?.sha256).toBe(artifact.sha256);

    const { html } = await certificateOf(envelope.id);
    expect(html).toContain('One-time code by text message to +48722722722');
    expect(html).toContain('ConsignO');
    expect(html).toContain(artifacts.find((artifact) => artifact.kind === 'audit')!.sha256);
  });
});

describe('before the files are here', () => {
  it('refuses the ZIP (409 problem) while the envelope is sent, and while its files are still being fetched; the certificate says they are not fetched yet', async () => {
    const original = await upload('Pending.pdf');
    const created = await api.post('/api/v1/envelopes', { title: 'Pending', documentIds: [original.id], participants: [james] });
    await api.post(`/api/v1/envelopes/${created.body.id}/send`);
    const sent = await waitForEnvelope(api, created.body.id, (envelope) => envelope.status === 'sent', 'sent');

    const early = await api.get(`/api/v1/envelopes/${sent.id}/artifacts.zip`);
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(early.body.detail).toMatch(/is sent; a ZIP of its signed files exists once .* completed\. Sync it/);
    const certificate = await api.get(`/api/v1/envelopes/${sent.id}/certificate`);
    expect(certificate.status).toBe(409);
    expect(certificate.body.detail).toMatch(/is sent; a completion certificate exists once/);

    expect((await sandboxCall('autenti', 'PUT', '/_sandbox/faults', { downloadsRefused: true })).status).toBe(200);
    try {
      await sandboxCall('autenti', 'POST', SIGN.autenti!(sent.providerReference, james.email), { action: 'sign' });
      expect((await api.post(`/api/v1/envelopes/${sent.id}/sync`)).body.status).toBe('completed');
      await waitForEnvelope(api, sent.id, (envelope) => envelope.archive?.lastError !== null, 'a failed archive attempt');
      const waiting = await api.get(`/api/v1/envelopes/${sent.id}/artifacts.zip`);
      expect(waiting.status).toBe(409);
      expect(waiting.body.detail).toMatch(/signed files are still being fetched from the provider .*download them once its archive.status is archived/);
      const { response, html } = await certificateOf(sent.id);
      expect(response.status).toBe(200);
      expect(html).toContain('not fetched from the provider yet');
    } finally {
      await sandboxCall('autenti', 'DELETE', '/_sandbox/faults');
    }
  });
});
