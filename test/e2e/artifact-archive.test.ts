import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../support/http.js';
import { FIXTURES } from '../support/fixtures.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';
import { callBuiltInSandbox, waitForEnvelope } from '../support/built-in-sandbox.js';

/**
 * The archive step of a completed envelope through the real server and the built-in Autenti sandbox,
 * whose fault knob refuses every file download (403) while the rest of its API works: the envelope is
 * completed, its `archive` shows each failed attempt with the reason and the next time, and the
 * archive recovers on its own once downloads work again — or, after the schedule ran out, on a
 * person's "try again". The schedule is shortened to seconds (COUNTERSIGN_ARCHIVE_RETRY_SCHEDULE).
 */

let server: ServerProcess;
let api: ApiClient;
let sandbox: string;
let folder: ReturnType<typeof temporaryDataDir>;
let documentId: string;

const RETRIES = 8;

beforeAll(async () => {
  folder = temporaryDataDir();
  server = await startServer({ dataDir: folder.dataDir, env: { COUNTERSIGN_ARCHIVE_RETRY_SCHEDULE: Array(RETRIES).fill('1s').join(',') } });
  api = apiClient(server.url, server.apiKey);
  sandbox = `${server.url}/sandbox/autenti`;
  documentId = (await api.upload('/api/v1/documents', FIXTURES.pdf, 'Agreement.pdf')).body.id;
});

afterAll(async () => {
  await server?.stop();
  folder?.remove();
});

const sandboxCall = (method: string, path: string, body?: unknown) => callBuiltInSandbox(sandbox, server.apiKey, method, path, body);
const signer = { firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', role: 'signer', step: 1 };

/** An envelope sent, signed at the sandbox and synced: completed here, its archive under way. */
async function completedEnvelope(): Promise<string> {
  const created = await api.post('/api/v1/envelopes', { title: `Agreement ${Math.random()}`, documentIds: [documentId], participants: [signer] });
  expect(created.status).toBe(201);
  expect((await api.post(`/api/v1/envelopes/${created.body.id}/send`)).status).toBe(202);
  const sent = await waitForEnvelope(api, created.body.id, (envelope) => envelope.status === 'sent', 'sent');
  expect(sent.archive).toBeNull();
  expect((await sandboxCall('POST', `/_sandbox/document-processes/${sent.providerReference}/parties/${signer.email}/actions`, { action: 'sign' })).status).toBe(200);
  expect((await api.post(`/api/v1/envelopes/${sent.id}/sync`)).body.status).toBe('completed');
  return sent.id;
}

describe('the archive of a completed envelope whose files the provider refuses for a while', () => {
  it('shows each failed attempt with its reason and next time, and recovers on its own schedule', async () => {
    expect((await sandboxCall('PUT', '/_sandbox/faults', { downloadsRefused: true })).status).toBe(200);
    try {
      const id = await completedEnvelope();
      const failing = await waitForEnvelope(api, id, (envelope) => envelope.archive?.attemptCount >= 2, 'two failed archive attempts');
      expect(failing.status).toBe('completed');
      expect(failing.archive).toMatchObject({ status: 'pending', archivedAt: null });
      expect(failing.archive.lastError).toMatch(/403/);
      expect(Date.parse(failing.archive.nextAttemptAt)).not.toBeNaN();
      expect((await api.get(`/api/v1/envelopes/${id}/artifacts`)).body.data).toEqual([]);

      await sandboxCall('PUT', '/_sandbox/faults', { downloadsRefused: false });
      const archived = await waitForEnvelope(api, id, (envelope) => envelope.archive?.status !== 'pending', 'the archive to end');
      expect(archived.archive).toMatchObject({ status: 'archived', lastError: null, nextAttemptAt: null });
      expect(archived.archive.attemptCount).toBeGreaterThan(2);
      expect((await api.get(`/api/v1/envelopes/${id}/artifacts`)).body.data).toHaveLength(1);
    } finally {
      await sandboxCall('DELETE', '/_sandbox/faults');
    }
  });

  it('is failed with the reason once the schedule ran out; "try again" archives it, and a second is refused', async () => {
    expect((await sandboxCall('PUT', '/_sandbox/faults', { downloadsRefused: true })).status).toBe(200);
    let id: string;
    try {
      id = await completedEnvelope();
      const failed = await waitForEnvelope(api, id, (envelope) => envelope.archive?.status === 'failed', 'the archive to fail');
      expect(failed.archive).toMatchObject({ attemptCount: RETRIES + 1, nextAttemptAt: null, archivedAt: null });
      expect(failed.archive.lastError).toMatch(/Autenti refused downloading .*HTTP 403/);
    } finally {
      await sandboxCall('DELETE', '/_sandbox/faults');
    }

    const retried = await api.post(`/api/v1/envelopes/${id}/archive`);
    expect(retried.status).toBe(202);
    expect(retried.body.archive).toMatchObject({ status: 'pending', attemptCount: RETRIES + 1 });
    const archived = await waitForEnvelope(api, id, (envelope) => envelope.archive?.status === 'archived', 'the archive after "try again"');
    expect(archived.archive).toMatchObject({ attemptCount: RETRIES + 2, lastError: null });
    expect((await api.get(`/api/v1/envelopes/${id}/artifacts`)).body.data).toHaveLength(1);

    const again = await api.post(`/api/v1/envelopes/${id}/archive`);
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(again.body.detail).toMatch(/archived at .*nothing to try again.*GET \/api\/v1\/envelopes\/.*\/artifacts/);
  });
});
