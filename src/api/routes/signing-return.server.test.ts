import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../test/support/fixtures.js';
import { apiClient, type ApiClient } from '../../../test/support/http.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../../../test/support/server.js';
import { waitUntil } from '../../../test/support/waiting.js';

/**
 * The signing return page end to end: the real server, its built-in Connective sandbox, an embedded
 * signer who signs on the sandbox's page and is sent back through Countersign to the host's address.
 */

let server: ServerProcess;
let folder: ReturnType<typeof temporaryDataDir>;
let api: ApiClient;

beforeAll(async () => {
  folder = temporaryDataDir();
  server = await startServer({ dataDir: folder.dataDir, env: { COUNTERSIGN_SYNC_INTERVAL_MINUTES: '0' } });
  api = apiClient(server.url, server.apiKey);
});

afterAll(async () => {
  await server?.stop();
  folder?.remove();
});

const HOST_RETURN = 'https://crm.example.com/deals/7/signed';

describe('an embedded signer back from the provider', () => {
  it('lands on the Countersign page, which says what happened and leads on to the host application', async () => {
    const documentId = (await api.upload('/api/v1/documents', FIXTURES.pdf, 'Agreement.pdf')).body.id;
    const connectionId = ((await api.get('/api/v1/connections')).body.data as Array<{ id: string; provider: string }>).find((connection) => connection.provider === 'connective')!.id;
    const created = await api.post('/api/v1/envelopes', {
      title: 'Framed lease',
      connectionId,
      documentIds: [documentId],
      participants: [{ firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', role: 'signer', delivery: { mode: 'embedded', returnUrl: HOST_RETURN } }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await api.post(`/api/v1/envelopes/${created.body.id}/send`)).status).toBe(202);
    const sent = await waitUntil(async () => (await api.get(`/api/v1/envelopes/${created.body.id}`)).body, (envelope) => envelope.status !== 'sending', { what: 'sent' });
    expect(sent.status, sent.statusReason).toBe('sent');

    const signingUrl = (await api.get(`/api/v1/envelopes/${sent.id}/participants/${sent.participants[0].id}/signing-url`)).body.url as string;
    const signed = await fetch(`${signingUrl}/sign`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '', redirect: 'manual' });
    expect(signed.status).toBe(303);
    const back = signed.headers.get('location')!;
    // The provider sends the signer to Countersign, not straight to the host.
    expect(back).toMatch(new RegExp(`^${server.url}/signing/return/${sent.id}/${sent.participants[0].id}\\?sig=[A-Za-z0-9_-]{43}`));

    const page = await fetch(back, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Framed lease');
    expect(html).toContain(`<a class="button" href="${HOST_RETURN}">Continue</a>`);

    const forged = await fetch(back.replace(/sig=[^&]+/, `sig=${'B'.repeat(43)}`));
    expect(forged.status).toBe(404);
    expect(forged.headers.get('content-type')).toContain('application/problem+json');

    await waitUntil(async () => (await api.get(`/api/v1/envelopes/${sent.id}`)).body, (envelope) => envelope.status === 'completed', { what: 'completed' });
  });
});
