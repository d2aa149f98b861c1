import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAutentiSandbox } from '../../src/sandbox/autenti/index.js';
import { startConnectiveSandbox } from '../../src/sandbox/connective/index.js';
import { FIXTURES } from '../support/fixtures.js';
import { apiClient, type ApiClient } from '../support/http.js';
import { randomApiKey, startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';
import { waitUntil } from '../support/waiting.js';
import { createTestDatabase, TEST_DATABASE_SERVER } from '../support/postgres.js';

/**
 * Three Countersign instances on one PostgreSQL database (issue 13), the providers' sandboxes in this
 * process: 1,000 Autenti envelopes and 30 Connective ones created and sent through all three at once,
 * while one instance is SIGKILLed and started again twice. What the sandboxes saw is the truth:
 * every envelope sent exactly once, none stuck, the scheduled sync once per interval cluster-wide,
 * and Connective's 100 calls / 60 s never exceeded although three instances share the budget.
 */

const AUTENTI_ENVELOPES = 1000;
const CONNECTIVE_ENVELOPES = 30;

type Call = { seq: number; method: string; path: string; status: number };

let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
const apiKey = randomApiKey();
const masterKey = randomBytes(32).toString('base64');
const folders = [0, 1, 2].map(() => temporaryDataDir());
const sandboxFolders = [temporaryDataDir(), temporaryDataDir()];
let autenti: Awaited<ReturnType<typeof startAutentiSandbox>>;
let connective: Awaited<ReturnType<typeof startConnectiveSandbox>>;
const instances: Array<ServerProcess | undefined> = [undefined, undefined, undefined];

const startInstance = (index: number) =>
  startServer({
    dataDir: folders[index]!.dataDir,
    apiKey,
    env: {
      COUNTERSIGN_DATABASE_URL: database!.url,
      COUNTERSIGN_MASTER_KEY: masterKey,
      COUNTERSIGN_SANDBOXES: 'off',
      COUNTERSIGN_SYNC_INTERVAL_MINUTES: '1',
      COUNTERSIGN_ALLOW_PRIVATE_URLS: '127.0.0.1',
      COUNTERSIGN_LOG_LEVEL: 'warn',
    },
  });

/** Collects a sandbox's call log as it goes (it keeps only its last 2,000 calls). */
function callCollector(baseUrl: string) {
  const calls: Call[] = [];
  let seen = 0;
  let stopped = false;
  const fetchNew = async () => {
    const fresh = (await (await fetch(`${baseUrl}/_sandbox/calls?since=${seen}`)).json()) as Call[];
    calls.push(...fresh);
    seen = fresh.at(-1)?.seq ?? seen;
  };
  const poll = async () => {
    while (!stopped) {
      // A busy machine may cut a poll; the next one picks up from the last call seen.
      await fetchNew().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const running = poll();
  return {
    calls,
    async stop() {
      stopped = true;
      await running;
      await fetchNew();
    },
  };
}

beforeAll(async () => {
  database = await createTestDatabase('cluster');
  [autenti, connective] = await Promise.all([
    startAutentiSandbox({ port: 0, dataDir: sandboxFolders[0]!.dataDir }),
    startConnectiveSandbox({ port: 0, dataDir: sandboxFolders[1]!.dataDir }),
  ]);
  // One at a time: the first migrates; the others find the schema current.
  for (const index of [0, 1, 2]) instances[index] = await startInstance(index);
}, 180_000);

afterAll(async () => {
  for (const instance of instances) await instance?.stop();
  await autenti?.close();
  await connective?.close();
  for (const folder of [...folders, ...sandboxFolders]) folder.remove();
  await database?.drop();
});

/** The API of the live instances, taken in turn. */
let turn = 0;
function nextApi(): ApiClient {
  const live = instances.filter((instance): instance is ServerProcess => instance !== undefined && instance.exitCode() === null);
  turn += 1;
  return apiClient(live[turn % live.length]!.url, apiKey);
}

/**
 * A POST that survives the death of the instance it went to: sent again to another one with the same
 * Idempotency-Key, as a client behind a load balancer would, so that it takes effect once. The dead
 * instance's claim on the key holds a repeat off (409) until it counts as abandoned (a minute).
 */
async function postOnce(path: string, body?: unknown): Promise<{ status: number; text: string; body: any }> {
  const key = randomBytes(12).toString('hex');
  const deadline = Date.now() + 3 * 60_000;
  for (let cut = false; ; ) {
    const response = await nextApi()
      .post(path, body, { 'idempotency-key': key })
      .catch((error: unknown) => ({ status: 0, text: String(error), body: undefined }));
    if (response.status === 0 && !cut) {
      cut = true;
      requestsCut += 1;
    }
    const retry = response.status === 0 || (response.status === 409 && /still being processed/.test(response.text));
    if (!retry || Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Requests whose instance died before it answered (each sent again by `postOnce`). */
let requestsCut = 0;

/** SIGKILLs instance `index` and starts it again; no request goes to it meanwhile. */
async function killAndRestart(index: number): Promise<void> {
  const victim = instances[index]!;
  instances[index] = undefined;
  await victim.kill('SIGKILL');
  instances[index] = await startInstance(index);
}

async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function countWithStatus(status: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page: { body: { data: unknown[]; nextCursor: string | null } } = await nextApi().get(`/api/v1/envelopes?status=${status}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    count += page.body.data.length;
    cursor = page.body.nextCursor;
  } while (cursor);
  return count;
}

describe.runIf(TEST_DATABASE_SERVER)('three instances on one PostgreSQL database', () => {
  it('send every envelope exactly once through kills, sync once per interval and share the provider budget', async () => {
    const started = Date.now();
    const autentiCalls = callCollector(autenti.url);
    const connectiveCalls = callCollector(connective.url);

    // Connections made through one instance are everyone's.
    const client = (await (await fetch(`${autenti.url}/_sandbox/clients`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"cluster"}' })).json()) as { clientId: string; clientSecret: string };
    const autentiConnection = await nextApi().post('/api/v1/connections', {
      provider: 'autenti',
      name: 'Autenti',
      baseUrl: `${autenti.url}/api/v2/`,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      accountEmail: 'cluster@example.com',
    });
    expect(autentiConnection.status, autentiConnection.text).toBe(201);
    await fetch(`${autenti.url}/_sandbox/clients/${client.clientId}/public-key`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(autentiConnection.body.publicJwk) });
    const user = (await (await fetch(`${connective.url}/_sandbox/api-users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"cluster"}' })).json()) as { username: string; password: string };
    const connectiveConnection = await nextApi().post('/api/v1/connections', { provider: 'connective', name: 'Connective', baseUrl: `${connective.url}/webportalapi/v3/`, ...user });
    expect(connectiveConnection.status, connectiveConnection.text).toBe(201);

    const documentId = (await nextApi().upload('/api/v1/documents', FIXTURES.pdf, 'contract.pdf')).body.id as string;
    const plan = [
      ...Array.from({ length: AUTENTI_ENVELOPES }, (_, index) => ({ index, connectionId: autentiConnection.body.id as string })),
      ...Array.from({ length: CONNECTIVE_ENVELOPES }, (_, index) => ({ index: AUTENTI_ENVELOPES + index, connectionId: connectiveConnection.body.id as string })),
    ];
    let sentCount = 0;
    let kills = 0;
    let killing: Promise<void> | undefined;
    await inParallel(plan, 12, async ({ index, connectionId }) => {
      const created = await postOnce('/api/v1/envelopes', {
        title: `Cluster ${index}`,
        connectionId,
        documentIds: [documentId],
        participants: [{ firstName: 'Ann', lastName: `Signer ${index}`, email: `signer${index}@example.com`, role: 'signer' }],
      });
      expect(created.status, created.text).toBe(201);
      const sent = await postOnce(`/api/v1/envelopes/${(created.body as { id: string }).id}/send`);
      // A send whose instance died after it took effect, but before it stored its answer for the
      // Idempotency-Key, runs again when repeated a minute later, and finds the envelope on its way.
      if (sent.status !== 202) expect([sent.status, sent.body?.currentStatus], sent.text).toSatisfy(([status, current]: [number, string]) => status === 409 && ['sending', 'sent'].includes(current));
      sentCount += 1;
      // Instance 1 dies twice while the sends go on (after 300 and 650 were asked for), and comes back.
      if (!killing && ((kills === 0 && sentCount >= 300) || (kills === 1 && sentCount >= 650))) {
        kills += 1;
        killing = killAndRestart(1).finally(() => (killing = undefined));
      }
    });
    await killing;
    expect(kills).toBe(2);

    const settled = await waitUntil(
      async () => ({ sent: await countWithStatus('sent'), sending: await countWithStatus('sending'), failed: await countWithStatus('failed') }),
      (counts) => counts.sending === 0 && counts.failed === 0 && counts.sent === plan.length,
      { what: 'every envelope sent', timeoutMs: 10 * 60_000 },
    );
    expect(settled).toEqual({ sent: plan.length, sending: 0, failed: 0 });
    // A create that committed on an instance killed before it stored its idempotent answer runs again
    // when the client repeats it a minute later (docs/deployment.md): at most one envelope per cut
    // request, never sent, since the client never learned of it.
    expect(await countWithStatus('ready')).toBeLessThanOrEqual(requestsCut);
    // Two sync intervals at least, so that the schedule has had its chances to run too often.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + 2.5 * 60_000 - Date.now())));
    await autentiCalls.stop();
    await connectiveCalls.stop();
    const minutes = (Date.now() - started) / 60_000;

    // Exactly once at Autenti: one process per envelope, each sent by one successful action.
    const autentiSends = autentiCalls.calls.filter((call) => call.method === 'POST' && /\/document-processes\/[^/]+\/actions$/.test(call.path) && call.status === 200);
    expect(autentiSends).toHaveLength(AUTENTI_ENVELOPES);
    expect(new Set(autentiSends.map((call) => call.path)).size).toBe(AUTENTI_ENVELOPES);
    // A kill between "create the process" and the checkpoint that records its id leaves a draft that
    // the resumed send finds by its title and adopts (issue 16): one process per envelope, no more.
    const processesCreated = autentiCalls.calls.filter((call) => call.method === 'POST' && /\/document-processes$/.test(call.path) && call.status < 300);
    expect(processesCreated).toHaveLength(AUTENTI_ENVELOPES);

    // The scheduled sync lists changes once per interval for the whole cluster, not once per instance.
    // (A resumed send's search for its draft lists with status=DRAFT: not a sync.)
    const syncRuns = autentiCalls.calls.filter((call) => call.method === 'GET' && /\/document-processes\?/.test(call.path) && !/offset=[1-9]|status=DRAFT/.test(call.path));
    expect(syncRuns.length).toBeGreaterThanOrEqual(1);
    expect(syncRuns.length).toBeLessThanOrEqual(Math.ceil(minutes) + 1);

    console.info(
      `cluster: ${plan.length} envelopes sent in ${minutes.toFixed(1)} min, ${kills} kills, ${requestsCut} requests cut and repeated, ` +
        `${syncRuns.length} scheduled syncs, ${connectiveCalls.calls.length} Connective calls`,
    );

    // Connective: every envelope's package created once, and the shared budget never overrun.
    const connectiveApi = connectiveCalls.calls.filter((call) => call.path.includes('/webportalapi/'));
    expect(connectiveApi.filter((call) => call.status === 429)).toEqual([]);
    const packages = connectiveApi.filter((call) => call.method === 'POST' && /\/packages$/.test(call.path.split('?')[0]!) && call.status < 300);
    expect(packages).toHaveLength(CONNECTIVE_ENVELOPES);
  }, 15 * 60_000);
});
