/**
 * Connective's call budget under load (issue 10): 100 API calls per 60 s per API user, which the
 * sandbox enforces as Connective does (429 with Retry-After). Countersign is given more work than
 * the budget allows — a queue of sends, every participant signing as soon as invited (callbacks, then
 * fetches and artifact downloads), a sync of everything every 30 s — for `seconds`, and the sandbox's
 * call log says how much of the budget was used and whether it was ever exceeded. Prints figures;
 * asserts nothing.
 *
 *   npx tsx bench/connective-budget.ts [seconds=300] [envelopes=200]
 */
import { apiClient } from '../test/support/http.js';
import { FIXTURES } from '../test/support/fixtures.js';
import { startServer, temporaryDataDir } from '../test/support/server.js';

const seconds = Number(process.argv[2] ?? 300);
const envelopeCount = Number(process.argv[3] ?? 200);
const BUDGET = { calls: 100, perMs: 60_000 };

interface SandboxCall { seq: number; at: string; method: string; path: string; status: number; user: string | null }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const folder = temporaryDataDir();
const server = await startServer({ dataDir: folder.dataDir, env: { COUNTERSIGN_SYNC_INTERVAL_MINUTES: '0', COUNTERSIGN_LOG_LEVEL: 'warn' } });
const api = apiClient(server.url, server.apiKey);
const sandbox = `${server.url}/sandbox/connective/_sandbox`;
const control = { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' };
const sandboxCall = async <T>(method: string, path: string, body?: unknown): Promise<T> =>
  (await fetch(`${sandbox}${path}`, { method, headers: control, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })).json() as Promise<T>;

try {
  const connection = ((await api.get('/api/v1/connections')).body.data as Array<{ id: string; provider: string }>).find((each) => each.provider === 'connective')!;
  const documentId = (await api.upload('/api/v1/documents', FIXTURES.pdf, 'Budget.pdf')).body.id as string;

  // The call log keeps its last 2000 calls; `seq` keeps counting, so polling often sees them all.
  const calls: SandboxCall[] = [];
  let seen = (await sandboxCall<SandboxCall[]>('GET', '/calls')).at(-1)?.seq ?? 0;
  const collect = async () => {
    const fresh = await sandboxCall<SandboxCall[]>('GET', `/calls?since=${seen}`);
    if (fresh.length > 0) seen = fresh.at(-1)!.seq;
    calls.push(...fresh);
  };

  // More sends than the budget can carry in the time given (each costs 4 calls, and 3 more once signed).
  const ids: string[] = [];
  for (let index = 0; index < envelopeCount; index += 1) {
    const created = await api.post('/api/v1/envelopes', {
      title: `Budget ${index}`,
      connectionId: connection.id,
      documentIds: [documentId],
      participants: [{ firstName: 'Pat', lastName: `Signer${index}`, email: `signer${index}@example.com`, role: 'signer', step: 1 }],
    });
    ids.push(created.body.id);
  }
  const startedAt = Date.now();
  for (const id of ids) await api.post(`/api/v1/envelopes/${id}/send`);

  const signed = new Set<string>();
  let lastSync = Date.now();
  while (Date.now() - startedAt < seconds * 1000) {
    await collect();
    // Everyone signs as soon as invited: a callback, a fetch, then the artifacts' downloads.
    const sent = (await api.get('/api/v1/envelopes?status=sent&limit=100')).body.data as Array<{ id: string; providerReference: string; participants: Array<{ email: string }> }>;
    for (const envelope of sent.filter((each) => !signed.has(each.id))) {
      signed.add(envelope.id);
      await sandboxCall('POST', `/packages/${envelope.providerReference}/actors/${encodeURIComponent(envelope.participants[0]!.email)}/actions`, { action: 'sign' });
    }
    if (Date.now() - lastSync >= 30_000) {
      lastSync = Date.now();
      await api.post('/api/v1/envelopes/sync');
    }
    await sleep(1000);
  }
  await collect();

  const api_calls = calls.filter((call) => call.path.includes('/webportalapi/'));
  const times = api_calls.map((call) => Date.parse(call.at)).sort((a, b) => a - b);
  let busiestWindow = 0;
  for (let start = 0, end = 0; end < times.length; end += 1) {
    while (times[end]! - times[start]! >= BUDGET.perMs) start += 1;
    busiestWindow = Math.max(busiestWindow, end - start + 1);
  }
  const throttled = api_calls.filter((call) => call.status === 429).length;
  const elapsedMs = Date.now() - startedAt;
  const statuses = new Map<string, number>();
  for (const id of ids) {
    const status = (await api.get(`/api/v1/envelopes/${id}`)).body.status as string;
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }

  console.log(`Connective call budget: ${BUDGET.calls} calls / ${BUDGET.perMs / 1000} s; ${envelopeCount} envelopes queued, ${(elapsedMs / 1000).toFixed(0)} s of load`);
  console.log(`  API calls the sandbox received     ${api_calls.length}`);
  console.log(`  budget used over the run           ${((api_calls.length / (elapsedMs / BUDGET.perMs) / BUDGET.calls) * 100).toFixed(1)} %`);
  console.log(`  busiest 60 s window                ${busiestWindow} calls (${((busiestWindow / BUDGET.calls) * 100).toFixed(0)} % of the budget)`);
  console.log(`  answered 429 by the sandbox        ${throttled}`);
  console.log(`  envelopes by status                ${[...statuses].map(([status, count]) => `${status} ${count}`).join(', ')}`);
} finally {
  await server.stop();
  folder.remove();
}
