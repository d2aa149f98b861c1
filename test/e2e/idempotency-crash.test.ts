import { afterAll, expect, it } from 'vitest';
import { apiClient } from '../support/http.js';
import { randomApiKey, startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';
import { queryServerDatabase } from '../support/server-database.js';

/**
 * The server dies (SIGKILL, as a power cut would) after a request's action committed and before its
 * answer was saved: the client got no answer, and retries with the same Idempotency-Key. The retry
 * must get what the first request made, never a second one.
 */
const folder = temporaryDataDir();
const apiKey = randomApiKey();
let server: ServerProcess | undefined;
const ENV = { COUNTERSIGN_SYNC_INTERVAL_MINUTES: '0' };
const OWN_SERVERS_TIMEOUT_MS = 180_000;

afterAll(async () => {
  await server?.stop();
  folder.remove();
});

it(
  'answers a retry after the crash with the envelope the killed request made, and makes no second one',
  async () => {
    const lease = { title: 'Crash lease', documentIds: [], participants: [] };
    const key = { 'Idempotency-Key': 'crash-lease-1' };
    server = await startServer({ dataDir: folder.dataDir, apiKey, env: { ...ENV, COUNTERSIGN_TEST_KILL_AT: 'idempotent-answer-unsaved' } });
    await expect(apiClient(server.url, apiKey).post('/api/v1/envelopes', lease, key)).rejects.toThrow();
    await server.kill('SIGKILL'); // already dead: this waits for its exit

    server = await startServer({ dataDir: folder.dataDir, apiKey, env: ENV });
    const api = apiClient(server.url, apiKey);
    const made = await queryServerDatabase<{ id: string }>(server, 'SELECT id FROM envelopes WHERE title = ?', [lease.title]);
    expect(made).toHaveLength(1);

    // Within a minute of the claim the first request might still answer: the retry is asked to wait.
    const early = await api.post('/api/v1/envelopes', lease, key);
    expect(early.status).toBe(409);
    expect(early.body.type).toContain('idempotency-key-in-use');

    // A minute on (the claim aged here rather than waited for), the retry gets the envelope.
    await queryServerDatabase(server, 'UPDATE idempotency_keys SET created_at = ? WHERE key = ?', [new Date(Date.now() - 61_000).toISOString(), key['Idempotency-Key']]);
    const retry = await api.post('/api/v1/envelopes', lease, key);
    expect(retry.status, retry.text).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toMatchObject({ id: made[0]!.id, title: lease.title, status: 'draft' });
    expect(await queryServerDatabase(server, 'SELECT id FROM envelopes WHERE title = ?', [lease.title])).toHaveLength(1);
  },
  OWN_SERVERS_TIMEOUT_MS,
);
