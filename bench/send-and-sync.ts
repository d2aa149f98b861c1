/**
 * Measures what sending and syncing cost against the built-in Autenti sandbox: the provider calls of
 * one send, how long N sends take to reach `sent`, and what a delta sync costs when only M of the N
 * in-flight envelopes changed (it should be a few calls, not one per envelope). Prints figures; asserts nothing.
 *
 *   npx tsx bench/send-and-sync.ts [envelopes=1000] [changed=10]
 */
import { readFileSync } from 'node:fs';
import { apiClient } from '../test/support/http.js';
import { FIXTURES } from '../test/support/fixtures.js';
import { startServer, temporaryDataDir } from '../test/support/server.js';

const envelopeCount = Number(process.argv[2] ?? 1000);
const changedCount = Math.min(Number(process.argv[3] ?? 10), envelopeCount);
const SEND_CONCURRENCY = 8;

interface SandboxCall { seq: number; method: string; path: string; status: number }

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(2);

/** Polls until `check` returns a value; a deadline instead of a hang when something is stuck. */
async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs / 1000} s`);
    await sleep(everyMs);
  }
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** `GET /api/v2/document-processes/5f1c…/files?x=1` → `GET /api/v2/document-processes/{id}/files?x=…`: groups calls that differ only by ids. */
function callPattern(call: SandboxCall): string {
  const [path, query] = call.path.split('?') as [string, string | undefined];
  const segments = path.split('/').map((segment) => (/\d/.test(segment) && segment.length >= 8) || segment.includes('@') || segment.includes('%40') ? '{id}' : segment);
  const params = query ? `?${[...new URLSearchParams(query).keys()].map((key) => `${key}=…`).join('&')}` : '';
  return `${call.method} ${segments.join('/')}${params}`;
}

function summarize(calls: SandboxCall[]): string {
  const counts = new Map<string, number>();
  for (const call of calls) {
    const key = call.status >= 400 ? `${callPattern(call)} [${call.status}]` : callPattern(call);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size === 0) return '    (none)';
  return [...counts].map(([key, count]) => `    ${key} ×${count}`).join('\n') + `\n    total ${calls.length}`;
}

const folder = temporaryDataDir();
// No scheduled sync: the only syncs are the ones this benchmark starts and times.
const server = await startServer({ dataDir: folder.dataDir, env: { COUNTERSIGN_SYNC_INTERVAL_MINUTES: '0', COUNTERSIGN_LOG_LEVEL: 'warn' } });
const api = apiClient(server.url, server.apiKey);
const sandbox = `${server.url}/sandbox/autenti/_sandbox`;
// The mounted sandbox's control routes take the server's API key.
const control = { authorization: `Bearer ${server.apiKey}` };
const sandboxGet = async <T>(path: string): Promise<T> => (await fetch(`${sandbox}${path}`, { headers: control })).json() as Promise<T>;
const callsSince = (seq: number) => sandboxGet<SandboxCall[]>(`/calls?since=${seq}`);
const clearCalls = () => fetch(`${sandbox}/calls`, { method: 'DELETE', headers: control });

/**
 * Collects the call log as it grows. The log keeps only its last 2000 calls, but `seq` keeps counting,
 * so polling often enough sees every call, and a gap in `seq` says how many were missed.
 */
function callCollector() {
  const calls: SandboxCall[] = [];
  let seen = 0;
  let missed = 0;
  return {
    calls,
    missed: () => missed,
    /** Fetches the calls made since the last look; returns how many there were. */
    async collect(): Promise<number> {
      const fresh = await callsSince(seen);
      if (fresh.length > 0) {
        missed += fresh[0]!.seq - seen - 1;
        seen = fresh.at(-1)!.seq;
        calls.push(...fresh);
      }
      return fresh.length;
    },
    /** Forgets what was collected: the next look starts from now. */
    async reset(): Promise<void> {
      await this.collect();
      calls.length = 0;
      missed = 0;
    },
  };
}

/** Waits until the sandbox has had no API call for `quietMs`: callbacks make the server fetch after the fact. */
async function waitForQuiet(collector: ReturnType<typeof callCollector>, quietMs: number, timeoutMs: number): Promise<void> {
  let lastCall = Date.now();
  await waitFor('the sandbox to go quiet', timeoutMs, async () => {
    if ((await collector.collect()) > 0) lastCall = Date.now();
    return Date.now() - lastCall >= quietMs ? true : undefined;
  }, 100);
}

async function getEnvelope(id: string): Promise<any> {
  return (await api.get(`/api/v1/envelopes/${id}`)).body;
}

/** Every envelope with `status`, paging through the list (summaries carry participants). */
async function listAll(status: string): Promise<any[]> {
  const all: any[] = [];
  let cursor: string | null = null;
  do {
    const page: any = await api.get(`/api/v1/envelopes?status=${status}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    all.push(...page.body.data);
    cursor = page.body.nextCursor;
  } while (cursor);
  return all;
}

/** Starts a sync of everything in flight and waits for its job; returns the job and the wall time. */
async function runSync(): Promise<{ job: any; ms: number }> {
  const started = performance.now();
  const { body: accepted } = await api.post('/api/v1/envelopes/sync');
  const job = await waitFor('the sync job', 300_000, async () => {
    const { body } = await api.get(`/api/v1/jobs/${accepted.id}`);
    return body.state === 'completed' || body.state === 'dead' ? body : undefined;
  }, 10);
  return { job, ms: performance.now() - started };
}

const signers = (tag: string) => [
  { firstName: 'James', lastName: 'Dawson', email: `james.${tag}@example.com`, role: 'signer', step: 1 },
  { firstName: 'Anna', lastName: 'Nowak', email: `anna.${tag}@example.com`, role: 'signer', step: 2 },
];

try {
  console.log(`Countersign send-and-sync bench: ${envelopeCount} envelopes in flight, ${changedCount} changed; server pid ${server.pid}\n`);
  // One PDF for every envelope: this measures sending, not uploading.
  const { body: document } = await api.upload('/api/v1/documents', FIXTURES.pdf, 'sample.pdf');
  const createEnvelope = async (tag: string) =>
    (await api.post('/api/v1/envelopes', { title: `Bench ${tag}`, documentIds: [document.id], participants: signers(tag) })).body.id as string;

  // 1. One send, alone, so the call log holds only its calls.
  const single = await createEnvelope('single');
  await clearCalls();
  const sendStarted = performance.now();
  await api.post(`/api/v1/envelopes/${single}/send`);
  const sent = await waitFor('the envelope to be sent', 30_000, async () => {
    const envelope = await getEnvelope(single);
    return envelope.status === 'sent' || envelope.status === 'failed' ? envelope : undefined;
  }, 10);
  const sendSeconds = seconds(sendStarted);
  const log = callCollector();
  await log.collect();
  const untilSent = log.calls.length;
  // The sandbox calls back on the process's events, and each callback makes the server fetch the
  // process: wait for that to settle and show it apart, since it is part of what a send costs too.
  await waitForQuiet(log, 1000, 15_000);
  console.log(`1. One send: ${sent.status}${sent.statusReason ? ` (${sent.statusReason})` : ''} in ${sendSeconds} s; provider calls until sent:`);
  console.log(summarize(log.calls.slice(0, untilSent)));
  console.log('   and after sent (callbacks → the server fetches the process):');
  console.log(summarize(log.calls.slice(untilSent)));
  const deliveries = await sandboxGet<{ eventType: string; status: string; lastStatus: number | null }[]>('/callbacks');
  console.log(`   callbacks the sandbox made: ${deliveries.map((d) => `${d.eventType} → ${d.status} ${d.lastStatus ?? ''}`.trim()).join(', ') || 'none'}`);

  // 2. N envelopes in flight. Creating is not what is measured, so it is timed apart.
  let started = performance.now();
  const ids = new Array<string>(envelopeCount);
  await pool(ids, SEND_CONCURRENCY, async (_, index) => void (ids[index] = await createEnvelope(`e${index}`)));
  console.log(`\n2. ${envelopeCount} in flight: created in ${seconds(started)} s`);
  await log.reset();
  started = performance.now();
  const refused: number[] = [];
  await pool(ids, SEND_CONCURRENCY, async (id) => {
    const response = await api.post(`/api/v1/envelopes/${id}/send`);
    if (response.status !== 202) refused.push(response.status);
  });
  console.log(`   send requests accepted in ${seconds(started)} s (${SEND_CONCURRENCY} at a time)${refused.length ? `; ${refused.length} refused: ${[...new Set(refused)]}` : ''}`);
  let lastReport = 0;
  await waitFor('every envelope to leave sending', 30 * 60_000, async () => {
    await log.collect();
    const sending = await listAll('sending');
    if (performance.now() - lastReport > 15_000) {
      lastReport = performance.now();
      console.log(`   … ${sending.length} still sending after ${seconds(started)} s`);
    }
    return sending.length === 0 ? true : undefined;
  }, 500);
  const allSentSeconds = seconds(started);
  const failed = (await listAll('failed')).length;
  console.log(`   all left sending ${allSentSeconds} s after the first send request (${(envelopeCount / Number(allSentSeconds)).toFixed(1)}/s); failed: ${failed}`);
  await waitForQuiet(log, 2000, 10 * 60_000);
  const missed = log.missed() > 0 ? ` (${log.missed()} more were made but dropped from the log before they were read)` : '';
  console.log(`   provider calls for the ${envelopeCount} sends, callback fetches included (${(log.calls.length / envelopeCount).toFixed(2)} per envelope)${missed}:`);
  console.log(summarize(log.calls));

  // 3. A first full sync brings the connection's delta cursor up to date...
  const first = await runSync();
  console.log(`\n3. First sync (sets the delta cursor): ${first.job.state} in ${(first.ms / 1000).toFixed(2)} s, progress ${JSON.stringify(first.job.progress)}`);
  // ...then M envelopes change at the sandbox. Its callbacks would make the server fetch each one
  // before the sync runs (and the sync would find nothing left to change), so they are switched off
  // at the sandbox client: what is timed below is the delta sync alone finding the M changes.
  for (const client of await sandboxGet<{ clientId: string; callbackUrl: string | null }[]>('/clients')) {
    if (!client.callbackUrl) continue;
    await fetch(`${sandbox}/clients/${encodeURIComponent(client.clientId)}/callback`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...control },
      body: JSON.stringify({ url: null }),
    });
  }
  for (const id of ids.slice(0, changedCount)) {
    const envelope = await getEnvelope(id);
    const firstSigner = envelope.participants.find((participant: any) => participant.step === 1);
    const signed = await fetch(`${sandbox}/document-processes/${envelope.providerReference}/parties/${encodeURIComponent(firstSigner.email)}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...control },
      body: JSON.stringify({ action: 'sign' }),
    });
    if (!signed.ok) console.log(`   signing ${id} at the sandbox: ${signed.status} ${await signed.text()}`);
  }
  await clearCalls();
  const second = await runSync();
  const { checked, changed, providerCalls, errors } = second.job.progress ?? {};
  console.log(`   Sync after ${changedCount} changed: ${second.job.state} in ${(second.ms / 1000).toFixed(2)} s (POST to job completed)`);
  console.log(`   progress: checked ${checked}, changed ${changed}, providerCalls ${providerCalls}${errors?.length ? `, errors ${JSON.stringify(errors)}` : ''}`);
  console.log(`   result: ${JSON.stringify(second.job.result)}`);
  console.log('   sandbox call log for that sync:');
  console.log(summarize(await callsSince(0)));
  const inFlight = await listAll('sent');
  const firstDone = inFlight.filter((envelope) => envelope.participants.find((participant: any) => participant.step === 1)?.status === 'completed');
  const expected = new Set(ids.slice(0, changedCount));
  const unexpected = firstDone.filter((envelope) => !expected.has(envelope.id)).length;
  console.log(`   envelopes whose first participant is now completed: ${firstDone.length} (expected ${changedCount}${unexpected ? `; ${unexpected} not among the signed ones` : ''}), of ${inFlight.length} sent`);

  // 4. Memory.
  console.log(`\n4. Server peak RSS (VmHWM): ${peakRssMb(server.pid).toFixed(0)} MB`);
} finally {
  await server.stop();
  folder.remove();
}
