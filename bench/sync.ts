/**
 * Sync area of `npm run bench`: a full sync (first pass, no cursor) of N in-flight envelopes at an
 * Autenti sandbox, then a delta sync after M of them changed there.
 * While the full sync runs, a probe asks the server's /health every 5 ms: its slowest answer says how
 * long request handling was held up.
 *
 * Sending N envelopes would take minutes, so one envelope is sent for real (to the sandbox mounted in
 * the server) and then copied N-1 times, with the server stopped: in Countersign's database (its
 * SQLite file, or its PostgreSQL database in `npm run bench -- --postgres`)
 * (envelope, participants, documents) and in the sandbox's (the process, under a new id, each a
 * millisecond apart in `modifiedAt` as live data is). The syncs are then measured against the same
 * sandbox data served by the standalone sandbox in its own process, as a provider is remote: the
 * figures are Countersign's, not the sandbox's listing work on the same event loop.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { newId } from '../src/store/ids.js';
import { FIXTURES } from '../test/support/fixtures.js';
import { apiClient } from '../test/support/http.js';
import { randomApiKey, startServer, temporaryDataDir, type ServerProcess } from '../test/support/server.js';
import { openServerStore } from '../test/support/server-database.js';
import { startChild, type RunningChild } from './child-process.js';
import type { BenchOptions, BenchRow } from './table.js';

/** Autenti's list page (src/providers/autenti/listing.ts); the seed's own example asks for 5000. */
const PAGE_SIZE = 1_000;
const GOAL_FULL_SYNC_SECONDS = 3;
/**
 * The request probe's 99th percentile during the full sync: "a few ms" of blocking plus the round
 * trip and, on a loaded machine, the time the operating system takes to schedule the process.
 */
const GOAL_PROBE_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>, everyMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs / 1000} s`);
    await sleep(everyMs);
  }
}

type Row = Record<string, unknown>;


/** Rows in one INSERT: under PostgreSQL's 65,535 parameters for the widest of these tables. */
const ROWS_PER_INSERT = 500;

/**
 * Copies the one sent envelope `copies` times in both databases (Countersign's SQLite file or
 * PostgreSQL database, the sandbox's file), and points the built-in sandbox connection at
 * `sandboxApi`; returns the copies' provider references.
 */
async function cloneSentEnvelope(dataDir: string, envelopeId: string, copies: number, sandboxApi: string): Promise<string[]> {
  const app = await openServerStore({ dataDir });
  const sandbox = new SqliteDatabase(join(dataDir, 'sandbox', 'autenti.sqlite'));
  try {
    const envelope = await app.selectFrom('envelopes').selectAll().where('id', '=', envelopeId).executeTakeFirstOrThrow();
    const participants = await app.selectFrom('participants').selectAll().where('envelope_id', '=', envelopeId).execute();
    const documents = await app.selectFrom('envelope_documents').selectAll().where('envelope_id', '=', envelopeId).execute();
    const reference = envelope.provider_reference!;
    const process = sandbox.prepare('SELECT * FROM processes WHERE id = ?').get(reference) as Row;
    const base = Date.parse(process.modified_at as string);
    const copied = Array.from({ length: copies }, (_, index) => ({
      id: newId('env'),
      reference: `DOCUMENT_PROCESS:${randomUUID()}`,
      modifiedAt: new Date(base - index - 1).toISOString(),
    }));
    await app.transaction().execute(async (trx) => {
      await trx.updateTable('connections').set({ base_url: sandboxApi }).where('id', '=', envelope.connection_id!).execute();
      for (let start = 0; start < copied.length; start += ROWS_PER_INSERT) {
        const batch = copied.slice(start, start + ROWS_PER_INSERT);
        await trx.insertInto('envelopes').values(batch.map((copy) => ({ ...envelope, id: copy.id, provider_reference: copy.reference }))).execute();
        await trx.insertInto('participants').values(batch.flatMap((copy) => participants.map((participant) => ({ ...participant, id: newId('par'), envelope_id: copy.id })))).execute();
        await trx.insertInto('envelope_documents').values(batch.flatMap((copy) => documents.map((document) => ({ ...document, envelope_id: copy.id })))).execute();
      }
    });
    const insertProcess = sandbox.prepare(`INSERT INTO processes (${Object.keys(process).join(', ')}) VALUES (${Object.keys(process).map((key) => `@${key}`).join(', ')})`);
    sandbox.transaction(() => {
      for (const copy of copied) {
        const data = (process.data as string).split(reference).join(copy.reference).replace(/"modifiedAt":"[^"]*"/, `"modifiedAt":"${copy.modifiedAt}"`);
        insertProcess.run({ ...process, id: copy.reference, modified_at: copy.modifiedAt, data });
      }
    })();
    return copied.map((copy) => copy.reference);
  } finally {
    await app.destroy();
    sandbox.close();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** The standalone Autenti sandbox (`src/sandbox/autenti/standalone.ts`) over `dataDir`, in a child process. */
function startStandaloneSandbox(dataDir: string, port: number, token: string): Promise<RunningChild> {
  return startChild(
    ['--import', 'tsx', 'src/sandbox/autenti/standalone.ts', '--port', String(port), '--data-dir', dataDir, '--log-level', 'warn', '--token', token],
    /Autenti sandbox: API (http:\/\/[^/\s]+)/,
    'the standalone sandbox',
  );
}

/** Asks /health every 5 ms until stopped; resolves with the answers' 99th percentile and maximum, in ms. */
function probe(url: string): { stop(): Promise<{ p99: number; max: number; count: number }> } {
  let running = true;
  const times: number[] = [];
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await (await fetch(`${url}/health`)).arrayBuffer();
      times.push(performance.now() - started);
      await sleep(5);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const sorted = times.sort((a, b) => a - b);
      return { p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0, max: sorted.at(-1) ?? 0, count: sorted.length };
    },
  };
}

export async function run(options: BenchOptions): Promise<BenchRow[]> {
  const count = options.smoke ? 2_000 : 10_000;
  const changedCount = 10;
  const folder = temporaryDataDir();
  const apiKey = randomApiKey();
  const env = { COUNTERSIGN_SYNC_INTERVAL_MINUTES: '0', COUNTERSIGN_LOG_LEVEL: 'warn' };
  let server: ServerProcess | undefined = await startServer({ dataDir: folder.dataDir, env, apiKey });
  let standalone: { url: string; stop(): Promise<void> } | undefined;
  try {
    let api = apiClient(server.url, apiKey);
    const { body: document } = await api.upload('/api/v1/documents', FIXTURES.pdf, 'sample.pdf');
    const participants = [
      { firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', role: 'signer', step: 1 },
      { firstName: 'Anna', lastName: 'Nowak', email: 'anna.nowak@example.com', role: 'signer', step: 2 },
    ];
    const { body: created } = await api.post('/api/v1/envelopes', { title: 'Bench sync', documentIds: [document.id], participants });
    await api.post(`/api/v1/envelopes/${created.id}/send`);
    await waitFor('the envelope to be sent', 60_000, async () => {
      const { body } = await api.get(`/api/v1/envelopes/${created.id}`);
      if (body.status === 'failed') throw new Error(`the bench envelope failed to send: ${body.statusReason}`);
      return body.status === 'sent' ? true : undefined;
    });
    // Let the sandbox's callbacks (and the fetches they cause) settle before the copy.
    await sleep(1_000);
    await server.stop();
    const port = await freePort();
    const references = await cloneSentEnvelope(folder.dataDir, created.id, count - 1, `http://127.0.0.1:${port}/api/v2/`);
    options.log(`${count} envelopes in flight (1 sent, ${count - 1} copies)`);

    const token = randomApiKey();
    standalone = await startStandaloneSandbox(folder.dataDir, port, token);
    server = await startServer({
      dataDir: folder.dataDir,
      env: { ...env, COUNTERSIGN_SANDBOXES: 'off', COUNTERSIGN_ALLOW_PRIVATE_URLS: '127.0.0.1' },
      apiKey,
    });
    api = apiClient(server.url, apiKey);
    const sandbox = `${standalone.url}/_sandbox`;
    const control = { authorization: `Bearer ${token}` };
    // Callbacks would make the server fetch changed processes on its own: only the syncs may call.
    for (const client of (await (await fetch(`${sandbox}/clients`, { headers: control })).json()) as Array<{ clientId: string; callbackUrl: string | null }>) {
      if (!client.callbackUrl) continue;
      await fetch(`${sandbox}/clients/${encodeURIComponent(client.clientId)}/callback`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...control },
        body: JSON.stringify({ url: null }),
      });
    }

    const runSync = async () => {
      const started = performance.now();
      const { body: accepted } = await api.post('/api/v1/envelopes/sync');
      const job = await waitFor('the sync job', 300_000, async () => {
        const { body } = await api.get(`/api/v1/jobs/${accepted.id}`);
        return body.state === 'completed' || body.state === 'dead' ? body : undefined;
      });
      if (job.state !== 'completed') throw new Error(`the sync job is ${job.state}: ${job.lastError}`);
      return { seconds: (performance.now() - started) / 1000, progress: job.progress as { checked: number; changed: number; providerCalls: number; errors: string[] } };
    };

    // The first sync of a fresh process also pays for loading and compiling its code: measured once
    // cold, then again warm (the cursor forgotten, so it is a full sync again), as a server that has
    // been running meets it.
    const cold = await runSync();
    const app = await openServerStore({ dataDir: folder.dataDir });
    await app.updateTable('connections').set({ sync_cursor: null }).execute();
    await app.destroy();
    const probing = probe(server.url);
    const full = await runSync();
    const health = await probing.stop();
    options.log(
      `full sync: cold ${cold.seconds.toFixed(2)} s, warm ${full.seconds.toFixed(2)} s, ${full.progress.providerCalls} calls, checked ${full.progress.checked}, changed ${full.progress.changed}; ` +
        `/health p99 ${health.p99.toFixed(1)} ms, max ${health.max.toFixed(1)} ms of ${health.count}`,
    );
    if (full.progress.errors.length > 0) throw new Error(`the full sync reported errors: ${full.progress.errors.join('; ')}`);

    // M envelopes change at the sandbox: their first signer signs.
    for (const reference of references.slice(0, changedCount)) {
      const signed = await fetch(`${sandbox}/document-processes/${reference}/parties/${encodeURIComponent(participants[0]!.email)}/actions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...control },
        body: JSON.stringify({ action: 'sign' }),
      });
      if (!signed.ok) throw new Error(`signing ${reference} at the sandbox: ${signed.status} ${await signed.text()}`);
    }
    const delta = await runSync();
    const deltaGoal = Math.ceil(changedCount / PAGE_SIZE) + 1;
    options.log(`delta sync after ${changedCount} changed: ${delta.seconds.toFixed(2)} s, ${delta.progress.providerCalls} calls, changed ${delta.progress.changed}`);
    if (delta.progress.changed !== changedCount) throw new Error(`the delta sync changed ${delta.progress.changed} envelopes, not ${changedCount}`);

    const fullGoalCalls = Math.ceil(count / PAGE_SIZE) + 1;
    return [
      { area: 'sync', figure: `full sync of ${count} in-flight envelopes`, measured: full.seconds, unit: 's', goal: GOAL_FULL_SYNC_SECONDS, better: 'lower', detail: `POST to job completed, warm (cold: ${cold.seconds.toFixed(2)} s); standalone Autenti sandbox, ${PAGE_SIZE} per page` },
      { area: 'sync', figure: `provider calls of that full sync`, measured: full.progress.providerCalls, unit: 'calls', goal: fullGoalCalls, better: 'lower' },
      {
        area: 'sync',
        figure: '/health answer p99 during the full sync',
        measured: health.p99,
        unit: 'ms',
        goal: GOAL_PROBE_MS,
        better: 'lower',
        detail: `asked every 5 ms, ${health.count} answers, slowest ${health.max.toFixed(1)} ms`,
      },
      {
        area: 'sync',
        figure: `provider calls of a delta sync, ${changedCount} of ${count} changed`,
        measured: delta.progress.providerCalls,
        unit: 'calls',
        goal: deltaGoal,
        better: 'lower',
        detail: `${delta.seconds.toFixed(2)} s; goal ⌈changed/page⌉ + 1`,
      },
    ];
  } finally {
    await server?.stop();
    await standalone?.stop();
    folder.remove();
  }
}
