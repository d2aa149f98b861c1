import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBuiltInSandbox, waitForEnvelope as waitForEnvelopeOf } from '../support/built-in-sandbox.js';
import { FIXTURES } from '../support/fixtures.js';
import { apiClient, type ApiClient } from '../support/http.js';
import { inspectPdfSignatures } from '../support/pdf-signatures.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';
import { waitUntil } from '../support/waiting.js';

/**
 * ConsignO Cloud end to end with an office document (issue 11's done-means): a DOCX goes as its
 * LibreOffice PDF rendition (ConsignO signs PDF only) beside a PDF, to two signers in two steps, and
 * completes through the built-in sandbox's webhooks alone (the scheduled sync is off). The rest of
 * ConsignO's lifecycle is test/e2e/consigno-lifecycle.test.ts.
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

const sandboxCall = (method: string, path: string, body?: unknown) => callBuiltInSandbox(sandbox, server.apiKey, method, path, body);
const waitForEnvelope = (id: string, done: (envelope: any) => boolean, what: string) => waitForEnvelopeOf(api, id, done, what);
const statuses = (envelope: any) => envelope.participants.map((participant: any) => participant.status);

async function act(workflowId: string, email: string, action: 'sign' | 'decline') {
  const acted = await sandboxCall('POST', `/_sandbox/workflows/${workflowId}/signers/${encodeURIComponent(email)}/actions`, { action });
  expect(acted.status, JSON.stringify(acted.body)).toBe(200);
}

async function createAndSend(participants: object[], extra: object = {}) {
  const created = await api.post('/api/v1/envelopes', { title: `Agreement ${Math.random()}`, connectionId, documentIds: [pdfId], participants, ...extra });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const accepted = await api.post(`/api/v1/envelopes/${created.body.id}/send`);
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
  const sent = await waitForEnvelope(created.body.id, (envelope) => ['sent', 'failed'].includes(envelope.status), 'sent');
  expect(sent.status, JSON.stringify(sent.statusReason ?? sent.events?.at(-1))).toBe('sent');
  return sent;
}

async function download(envelopeId: string, artifact: { id: string }): Promise<Buffer> {
  const response = await fetch(`${server.url}/api/v1/envelopes/${envelopeId}/artifacts/${artifact.id}/content`, { headers: { authorization: `Bearer ${server.apiKey}` } });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

describe('an office document for ConsignO', () => {
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
});
