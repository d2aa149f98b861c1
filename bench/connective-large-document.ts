/**
 * Memory while a large document is sent to Connective (issue 10: a 200 MB PDF sends with server RSS
 * growth < 50 MB). The adapter streams the document as base64 inside the JSON body. Measured twice:
 * to a Connective sandbox in its own process (`countersign sandbox connective`), as a real Connective
 * is, so the server's figure is Countersign's alone; and to the built-in sandbox, mounted in the
 * server's process, whose own work on the received file then counts too. The server's peak RSS is
 * reset (/proc/<pid>/clear_refs) after the upload, so only the send counts. Prints figures; asserts nothing.
 *
 *   npx tsx bench/connective-large-document.ts [megabytes=200]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startChild, type RunningChild } from './child-process.js';
import { writeLargePdf } from './large-pdf.js';
import { apiClient } from '../test/support/http.js';
import { startServer, temporaryDataDir } from '../test/support/server.js';
import { waitUntil } from '../test/support/waiting.js';

const megabytes = Number(process.argv[2] ?? 200);

const rssMb = (pid: number, field: 'VmRSS' | 'VmHWM') => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** `countersign sandbox connective` on a free port. */
function startStandaloneSandbox(dataDir: string): Promise<RunningChild> {
  return startChild(['--import', 'tsx', 'src/cli/main.ts', 'sandbox', 'connective', '--port', '0', '--data-dir', dataDir], /(http:\/\/127\.0\.0\.1:\d+)/, 'the Connective sandbox');
}

const folder = temporaryDataDir();
const standalone = await startStandaloneSandbox(join(folder.dataDir, 'standalone-sandbox'));
const server = await startServer({
  dataDir: folder.dataDir,
  env: { COUNTERSIGN_SYNC_INTERVAL_MINUTES: '0', COUNTERSIGN_LOG_LEVEL: 'warn', COUNTERSIGN_MAX_UPLOAD_MB: String(megabytes + 10), COUNTERSIGN_ALLOW_PRIVATE_URLS: '127.0.0.1' },
});
const api = apiClient(server.url, server.apiKey);
try {
  // In the data folder, removed with it.
  const path = join(folder.dataDir, `large-${megabytes}.pdf`);
  await writeLargePdf(path, megabytes);
  const builtIn = ((await api.get('/api/v1/connections')).body.data as Array<{ id: string; provider: string }>).find((each) => each.provider === 'connective')!;
  const user = (await (await fetch(`${standalone.url}/_sandbox/api-users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"bench"}' })).json()) as { username: string; password: string };
  const own = await api.post('/api/v1/connections', { provider: 'connective', name: 'Standalone sandbox', baseUrl: `${standalone.url}/webportalapi/v3/`, ...user });
  if (own.status !== 201) throw new Error(`connection refused: ${JSON.stringify(own.body)}`);
  for (const [label, connectionId] of [['its own process', own.body.id], ['the server’s own process (the built-in one)', builtIn.id]] as const) {
    await measure(label, connectionId);
  }

  async function measure(label: string, connectionId: string) {
    const connection = { id: connectionId };
    const upload = await api.upload('/api/v1/documents', path, 'Large.pdf');
    if (upload.status !== 201) throw new Error(`upload refused: ${JSON.stringify(upload.body)}`);
    const created = await api.post('/api/v1/envelopes', {
      title: 'Large document',
      connectionId: connection.id,
      documentIds: [upload.body.id],
      participants: [{ firstName: 'Pat', lastName: 'Large', email: 'pat.large@example.com', role: 'signer', step: 1 }],
    });

    // Let the upload's garbage go, then count from here.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    writeFileSync(`/proc/${server.pid}/clear_refs`, '5');
    const before = rssMb(server.pid, 'VmRSS');
    const started = performance.now();
    await api.post(`/api/v1/envelopes/${created.body.id}/send`);
    const sent = await waitUntil(
      async () => (await api.get(`/api/v1/envelopes/${created.body.id}`)).body,
      (envelope) => envelope.status === 'sent' || envelope.status === 'failed',
      { timeoutMs: 600_000, what: 'the large envelope to be sent' },
    );
    const peak = rssMb(server.pid, 'VmHWM');

    console.log(`A ${megabytes} MB PDF sent to a Connective sandbox in ${label} (base64 in JSON, ${((megabytes * 4) / 3).toFixed(0)} MB on the wire)`);
    console.log(`  envelope status                    ${sent.status}${sent.statusReason ? ` (${sent.statusReason})` : ''}`);
    console.log(`  send time                          ${((performance.now() - started) / 1000).toFixed(1)} s`);
    console.log(`  server RSS before the send         ${before.toFixed(0)} MB`);
    console.log(`  server peak RSS during the send    ${peak.toFixed(0)} MB`);
    console.log(`  growth                             ${(peak - before).toFixed(0)} MB (${((peak - before) / megabytes).toFixed(2)} × the document)`);
  }
} finally {
  await server.stop();
  await standalone.stop();
  folder.remove();
}
