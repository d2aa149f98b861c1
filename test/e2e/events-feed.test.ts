import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBuiltInSandbox } from '../support/built-in-sandbox.js';
import { FIXTURES } from '../support/fixtures.js';
import { apiClient, type ApiClient } from '../support/http.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';
import { waitUntil } from '../support/waiting.js';

/**
 * The events feed end to end: the real server, the built-in Autenti sandbox, a participant signing
 * there, and a host polling GET /api/v1/events from its cursor as a CRM would.
 */

let server: ServerProcess;
let api: ApiClient;
let folder: ReturnType<typeof temporaryDataDir>;

beforeAll(async () => {
  folder = temporaryDataDir();
  server = await startServer({ dataDir: folder.dataDir });
  api = apiClient(server.url, server.apiKey);
});

afterAll(async () => {
  await server?.stop();
  folder?.remove();
});

type FeedEvent = { id: string; type: string; envelopeId: string | null; data: Record<string, any> };

describe('the events feed', () => {
  it('tells a polling host that an envelope was sent, signed, completed and archived, in that order', async () => {
    // Where the host starts: the end of the feed as it is (the built-in connection's first verify is in it).
    const start = await api.get('/api/v1/events?limit=1000');
    expect(start.status).toBe(200);
    let cursor: string | null = start.body.nextCursor;

    const documentId = (await api.upload('/api/v1/documents', FIXTURES.pdf, 'Agreement.pdf')).body.id;
    const signer = { firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', role: 'signer', step: 1 };
    const created = await api.post('/api/v1/envelopes', { title: 'Boat rental', documentIds: [documentId], participants: [signer], externalRef: 'crm-4711', metadata: { dealId: 'D-9' } });
    expect(created.status).toBe(201);
    const envelopeId = created.body.id;
    expect((await api.post(`/api/v1/envelopes/${envelopeId}/send`)).status).toBe(202);
    const sent = await waitUntil(async () => (await api.get(`/api/v1/envelopes/${envelopeId}`)).body, (envelope) => envelope.status === 'sent', { what: 'the envelope to be sent' });

    const signed = await callBuiltInSandbox(`${server.url}/sandbox/autenti`, server.apiKey, 'POST', `/_sandbox/document-processes/${sent.providerReference}/parties/${signer.email}/actions`, { action: 'sign' });
    expect(signed.status).toBe(200);

    // Poll as a host does: from the cursor, until the archived file is heard of.
    const heard: FeedEvent[] = [];
    await waitUntil(
      async () => {
        // The sandbox's callback or the next sync brings the signature; ask for a sync so as not to wait for either.
        if (!heard.some((event) => event.type === 'envelope.completed')) await api.post(`/api/v1/envelopes/${envelopeId}/sync`);
        const page = await api.get(`/api/v1/events?limit=2${cursor ? `&after=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        heard.push(...page.body.data);
        cursor = page.body.nextCursor;
        return heard;
      },
      (events) => events.some((event) => event.type === 'artifact.archived'),
      { what: 'artifact.archived in the feed' },
    );

    const ofEnvelope = heard.filter((event) => event.envelopeId === envelopeId);
    expect(ofEnvelope.map((event) => event.type)).toEqual(['envelope.sending', 'envelope.sent', 'participant.notified', 'participant.signed', 'envelope.completed', 'artifact.archived']);
    expect(new Set(heard.map((event) => event.id)).size).toBe(heard.length);
    for (const event of ofEnvelope) expect(event.data).toMatchObject({ externalRef: 'crm-4711', metadata: { dealId: 'D-9' } });
    const byType = Object.fromEntries(ofEnvelope.map((event) => [event.type, event]));
    expect(byType['participant.signed']!.data.participant).toMatchObject({ email: signer.email, status: 'completed' });
    expect(byType['envelope.completed']!.data.envelope).toMatchObject({ id: envelopeId, status: 'completed' });
    expect(byType['artifact.archived']!.data.artifact).toMatchObject({ kind: 'signed', mediaType: 'application/pdf' });

    // The same events, filtered, for a host that wants only outcomes.
    const outcomes = await api.get(`/api/v1/events?envelopeId=${envelopeId}&types=envelope.completed,participant.signed`);
    expect(outcomes.body.data.map((event: FeedEvent) => event.id)).toEqual([byType['participant.signed']!.id, byType['envelope.completed']!.id]);
  });
});
