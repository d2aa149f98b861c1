import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBuiltInSandbox } from '../support/built-in-sandbox.js';
import { FIXTURES } from '../support/fixtures.js';
import { apiClient, type ApiClient } from '../support/http.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';
import { waitUntil } from '../support/waiting.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

/**
 * Webhooks end to end: the real server, the built-in Autenti sandbox, a participant signing there,
 * and a host's receiver on loopback (opened with COUNTERSIGN_ALLOW_PRIVATE_URLS) that verifies every
 * delivery with the Standard Webhooks library, as a CRM would.
 */

let server: ServerProcess;
let api: ApiClient;
let folder: ReturnType<typeof temporaryDataDir>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  folder = temporaryDataDir();
  receiver = await startWebhookReceiver();
  server = await startServer({ dataDir: folder.dataDir, env: { COUNTERSIGN_ALLOW_PRIVATE_URLS: '127.0.0.1' } });
  api = apiClient(server.url, server.apiKey);
});

afterAll(async () => {
  await server?.stop();
  await receiver?.close();
  folder?.remove();
});

describe('webhooks', () => {
  it('pushes signed envelope.sent, participant.signed and envelope.completed to the host, in order, each verified by its library', async () => {
    const created = await api.post('/api/v1/webhook-endpoints', { url: receiver.url, events: ['envelope.sent', 'participant.signed', 'envelope.completed'], description: 'CRM' });
    expect(created.status).toBe(201);
    const endpoint = created.body;
    const verifier = new Webhook(endpoint.secret);

    const documentId = (await api.upload('/api/v1/documents', FIXTURES.pdf, 'Agreement.pdf')).body.id;
    const signer = { firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', role: 'signer', step: 1 };
    const envelope = await api.post('/api/v1/envelopes', { title: 'Boat rental', documentIds: [documentId], participants: [signer], externalRef: 'crm-4711' });
    expect(envelope.status).toBe(201);
    const envelopeId = envelope.body.id;
    expect((await api.post(`/api/v1/envelopes/${envelopeId}/send`)).status).toBe(202);
    const sent = await waitUntil(async () => (await api.get(`/api/v1/envelopes/${envelopeId}`)).body, (body) => body.status === 'sent', { what: 'the envelope to be sent' });
    const signed = await callBuiltInSandbox(`${server.url}/sandbox/autenti`, server.apiKey, 'POST', `/_sandbox/document-processes/${sent.providerReference}/parties/${signer.email}/actions`, { action: 'sign' });
    expect(signed.status).toBe(200);

    await waitUntil(
      async () => {
        if (!receiver.received.some((request) => request.event.type === 'envelope.completed')) await api.post(`/api/v1/envelopes/${envelopeId}/sync`);
        return receiver.received.map((request) => request.event.type);
      },
      (types) => types.includes('envelope.completed'),
      { what: 'envelope.completed at the receiver' },
    );

    const ofEnvelope = receiver.received.filter((request) => request.event.envelopeId === envelopeId);
    expect(ofEnvelope.map((request) => request.event.type)).toEqual(['envelope.sent', 'participant.signed', 'envelope.completed']);
    for (const request of ofEnvelope) {
      expect(verifier.verify(request.body, request.headers)).toEqual(request.event);
      expect(request.headers['webhook-id']).toBe(request.event.id);
      expect(request.event.data).toMatchObject({ externalRef: 'crm-4711' });
    }
    // The bodies are the feed's events, the same ids.
    const feed = await api.get(`/api/v1/events?envelopeId=${envelopeId}&types=envelope.sent,participant.signed,envelope.completed`);
    expect(ofEnvelope.map((request) => request.event)).toEqual(feed.body.data);

    // The delivery log and the envelope's view of it say the same.
    const log = await waitUntil(
      async () => (await api.get(`/api/v1/envelopes/${envelopeId}/webhook-deliveries`)).body.data as Array<{ eventType: string; status: string; attempts: Array<{ statusCode: number }> }>,
      (deliveries) => deliveries.length === 3 && deliveries.every((delivery) => delivery.status === 'delivered'),
      { what: 'the three deliveries recorded as delivered' },
    );
    expect(log.map((delivery) => [delivery.eventType, delivery.attempts.map((attempt) => attempt.statusCode)])).toEqual([
      ['envelope.completed', [200]],
      ['participant.signed', [200]],
      ['envelope.sent', [200]],
    ]);
  });
});
