import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOPBACK_ALLOWED } from '../../src/net/outbound-guard.js';
import { startAutentiSandbox } from '../../src/sandbox/autenti/index.js';
import { startConnectiveSandbox } from '../../src/sandbox/connective/index.js';
import { startConsignoSandbox } from '../../src/sandbox/consigno/index.js';
import { apiClient } from '../support/http.js';
import { FIXTURES } from '../support/fixtures.js';
import { randomApiKey, startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';
import { sandboxControl } from '../support/sandbox-control.js';
import { queryServerDatabase } from '../support/server-database.js';
import { waitUntil } from '../support/waiting.js';

/**
 * The provider outlives Countersign here: the sandbox runs in the test process, Countersign in a child
 * process that is killed with SIGKILL while it sends. What the sandbox saw is the truth to check.
 */
let sandbox: Awaited<ReturnType<typeof startAutentiSandbox>>;
const sandboxFolder = temporaryDataDir();
const serverFolder = temporaryDataDir();
const apiKey = randomApiKey();
let server: ServerProcess | undefined;
/**
 * A restarted embedded server takes back its dead predecessor's jobs at once; on PostgreSQL the jobs
 * of a killed instance come back when their lease runs out, plus up to a lease more for pg-boss's
 * maintenance to see it: a 10-second lease here (the shortest COUNTERSIGN_JOB_LEASE_SECONDS takes)
 * instead of the default minute, so the wait is the same behaviour, shorter.
 */
const SERVER_ENV = { COUNTERSIGN_SYNC_INTERVAL_MINUTES: '0', COUNTERSIGN_ALLOW_PRIVATE_URLS: '127.0.0.1', COUNTERSIGN_JOB_LEASE_SECONDS: '10' };
const RESUMED_WITHIN_MS = 90_000;

beforeAll(async () => {
  sandbox = await startAutentiSandbox({ port: 0, dataDir: sandboxFolder.dataDir });
});

afterAll(async () => {
  await server?.stop();
  await sandbox?.close();
  sandboxFolder.remove();
  serverFolder.remove();
});

async function sandboxCall(method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

describe('a crash in the middle of sends', () => {
  it('ends with every envelope sent exactly once at the provider, none lost', async () => {
    // More than twice the sends run at once (8, src/app/jobs.ts): the kill lands with some sent, some
    // under way and some still waiting for their turn.
    const count = 20;
    server = await startServer({ dataDir: serverFolder.dataDir, apiKey, env: SERVER_ENV });
    let api = apiClient(server.url, apiKey);

    const client = await sandboxCall('POST', '/_sandbox/clients', { name: 'crash test' });
    const connection = await api.post('/api/v1/connections', {
      provider: 'autenti',
      name: 'Standalone sandbox',
      baseUrl: `${sandbox.url}/api/v2/`,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      accountEmail: 'crash@example.com',
      makeDefault: true,
    });
    expect(connection.status).toBe(201);
    await sandboxCall('PUT', `/_sandbox/clients/${client.clientId}/public-key`, connection.body.publicJwk);
    expect((await api.post(`/api/v1/connections/${connection.body.id}/verify`)).body.ok).toBe(true);

    const documentId = (await api.upload('/api/v1/documents', FIXTURES.pdf, 'contract.pdf')).body.id;
    const ids: string[] = [];
    for (let index = 0; index < count; index++) {
      const created = await api.post('/api/v1/envelopes', {
        title: `Crash test ${index}`,
        documentIds: [documentId],
        participants: [{ firstName: 'Ann', lastName: `Signer ${index}`, email: `signer${index}@example.com`, role: 'signer' }],
      });
      ids.push(created.body.id);
    }
    // Slow the provider down so that the kill lands while sends are under way.
    await sandboxCall('PUT', '/_sandbox/faults', { latencyMs: 150 });
    await sandboxCall('DELETE', '/_sandbox/calls');
    for (const id of ids) expect((await api.post(`/api/v1/envelopes/${id}/send`)).status).toBe(202);

    const statuses = async () => Promise.all(ids.map(async (id) => (await api.get(`/api/v1/envelopes/${id}`)).body.status as string));
    await waitUntil(statuses, (all) => all.includes('sent') && all.includes('sending'), { what: 'some sent, some still sending' });
    await server.kill('SIGKILL');

    server = await startServer({ dataDir: serverFolder.dataDir, apiKey, env: SERVER_ENV });
    api = apiClient(server.url, apiKey);
    await waitUntil(statuses, (all) => all.every((status) => status === 'sent'), { what: 'every envelope sent', timeoutMs: RESUMED_WITHIN_MS });

    const envelopes = await Promise.all(ids.map(async (id) => (await api.get(`/api/v1/envelopes/${id}`)).body));
    const references = envelopes.map((envelope) => envelope.providerReference);
    expect(new Set(references).size).toBe(count);

    // Exactly one DOCUMENT_SENT per envelope's process…
    for (const reference of references) {
      const events: any[] = await sandboxCall('GET', `/_sandbox/document-processes/${encodeURIComponent(reference)}/events`);
      expect(events.filter((event) => String(event.eventType).endsWith(':DOCUMENT_SENT'))).toHaveLength(1);
    }
    // …and no other process was sent: the sandbox answered 200 to exactly `count` actions.
    const calls: any[] = await sandboxCall('GET', '/_sandbox/calls');
    const sends = calls.filter((call) => call.method === 'POST' && /\/actions$/.test(call.path) && call.status === 200);
    expect(sends).toHaveLength(count);
    // …and no DRAFT was left behind by a kill between a create and the save of its id: the account
    // holds exactly the processes sent.
    const held: Array<{ id: string; status: string; ownerEmail: string }> = await sandboxCall('GET', '/_sandbox/document-processes');
    const ours = held.filter((process) => process.ownerEmail === 'crash@example.com');
    expect(ours.map((process) => process.id).sort()).toEqual([...references].sort());
    expect(ours.every((process) => process.status === 'PROCESSING')).toBe(true);
  }, 300_000);

  it('gives an envelope left sending without a job (its last attempt died) its job back at start', async () => {
    let api = apiClient(server!.url, apiKey);
    const documentId = (await api.upload('/api/v1/documents', FIXTURES.pdf, 'stalled.pdf')).body.id;
    const created = await api.post('/api/v1/envelopes', {
      title: 'Stalled',
      documentIds: [documentId],
      participants: [{ firstName: 'Sam', lastName: 'Stalled', email: 'stalled@example.com', role: 'signer' }],
    });
    await server!.stop();
    // As a crash during the last attempt leaves it: sending, and no send job waiting or running.
    const [connection] = await queryServerDatabase<{ id: string }>(serverFolder, 'select id from connections where is_default = 1');
    await queryServerDatabase(serverFolder, "update envelopes set status = 'sending', connection_id = ? where id = ?", [connection!.id, created.body.id]);

    server = await startServer({ dataDir: serverFolder.dataDir, apiKey, env: SERVER_ENV });
    api = apiClient(server.url, apiKey);
    const sent = await waitUntil(
      async () => (await api.get(`/api/v1/envelopes/${created.body.id}`)).body,
      (envelope) => envelope.status !== 'sending',
      { what: 'the stalled envelope to be sent' },
    );
    expect(sent.status).toBe('sent');
  });
});

describe('a crash after ConsignO created the workflow, before Countersign saved its id', () => {
  it('never launches a second workflow: the envelope asks for a decision, and marking it sent with the id from ConsignO follows it to completion', async () => {
    const consignoFolder = temporaryDataDir();
    const ownFolder = temporaryDataDir();
    const consigno = await startConsignoSandbox({ port: 0, dataDir: consignoFolder.dataDir, outbound: { allow: LOOPBACK_ALLOWED } });
    const control = sandboxControl(() => consigno.url) as (method: string, path: string, body?: unknown) => Promise<any>;
    let own: ServerProcess | undefined;
    try {
      // The test seam kills the server just before the send's third checkpoint save: after the document
      // upload and the create intent were saved and ConsignO answered the create, before its id is kept.
      own = await startServer({ dataDir: ownFolder.dataDir, apiKey, env: { ...SERVER_ENV, COUNTERSIGN_TEST_KILL_AT: 'send-checkpoint-save:3' } });
      let api = apiClient(own.url, apiKey);
      const user = await control('POST', '/api-users', { name: 'crash test', secondFactorRequired: false });
      const connection = await api.post('/api/v1/connections', { provider: 'consigno', name: 'Standalone ConsignO', baseUrl: `${consigno.url}/api/v1`, username: user.username, password: user.password });
      expect(connection.status, JSON.stringify(connection.body)).toBe(201);
      const documentId = (await api.upload('/api/v1/documents', FIXTURES.pdf, 'lost.pdf')).body.id;
      const created = await api.post('/api/v1/envelopes', {
        title: 'Lost create',
        connectionId: connection.body.id,
        documentIds: [documentId],
        participants: [{ firstName: 'Lou', lastName: 'Lost', email: 'lou.lost@example.com', role: 'signer' }],
      });
      expect((await api.post(`/api/v1/envelopes/${created.body.id}/send`)).status).toBe(202);
      await waitUntil(async () => control('GET', '/workflows'), (workflows) => workflows.length === 1, { what: 'the workflow created at ConsignO' });
      await own.kill('SIGKILL'); // it kills itself at the save; this waits for its exit either way

      own = await startServer({ dataDir: ownFolder.dataDir, apiKey, env: SERVER_ENV });
      api = apiClient(own.url, apiKey);
      const undecided = await waitUntil(
        async () => (await api.get(`/api/v1/envelopes/${created.body.id}`)).body,
        (envelope) => envelope.status !== 'sending',
        { what: 'the resumed send to stop', timeoutMs: RESUMED_WITHIN_MS },
      );
      expect(undecided.status).toBe('failed');
      expect(undecided.sendDecision).toMatchObject({ needed: true });
      expect(undecided.statusReason).toMatch(/Lost create/);
      // The resumed send asked ConsignO to create it again with the same documents, was told they were
      // taken, and launched nothing: still one workflow.
      const workflows = await control('GET', '/workflows');
      expect(workflows).toHaveLength(1);
      // A plain send again is refused while the decision is open.
      expect((await api.post(`/api/v1/envelopes/${created.body.id}/send`)).status).toBe(409);

      const decided = await api.post(`/api/v1/envelopes/${created.body.id}/send-decision`, { decision: 'mark-sent', providerReference: workflows[0].id });
      expect(decided.status, JSON.stringify(decided.body)).toBe(200);
      expect(decided.body).toMatchObject({ status: 'sent', providerReference: workflows[0].id, sendDecision: null });

      await control('POST', `/workflows/${workflows[0].id}/signers/${encodeURIComponent('lou.lost@example.com')}/actions`, { action: 'sign' });
      expect((await api.post(`/api/v1/envelopes/${created.body.id}/sync`)).status).toBeLessThan(300);
      await waitUntil(async () => (await api.get(`/api/v1/envelopes/${created.body.id}`)).body, (envelope) => envelope.status === 'completed', { what: 'completed' });
      expect(await control('GET', '/workflows')).toHaveLength(1);
    } finally {
      await own?.stop();
      await consigno.close();
      consignoFolder.remove();
      ownFolder.remove();
    }
  }, 300_000);
});

/**
 * A server killed at the checkpoint save that would record the id of what the provider just created
 * (the second save: the create intent is the first), restarted: the resumed send finds that draft by
 * the envelope id it carries and sends it, rather than create a second one and leave the first behind.
 */
async function crashAfterCreate(setUp: (api: ReturnType<typeof apiClient>) => Promise<string>, created: () => Promise<boolean>) {
  const ownFolder = temporaryDataDir();
  let own: ServerProcess | undefined;
  try {
    own = await startServer({ dataDir: ownFolder.dataDir, apiKey, env: { ...SERVER_ENV, COUNTERSIGN_TEST_KILL_AT: 'send-checkpoint-save:2' } });
    let api = apiClient(own.url, apiKey);
    const connectionId = await setUp(api);
    const documentId = (await api.upload('/api/v1/documents', FIXTURES.pdf, 'orphan.pdf')).body.id;
    const envelope = await api.post('/api/v1/envelopes', {
      title: 'Orphan draft',
      connectionId,
      documentIds: [documentId],
      participants: [{ firstName: 'Olga', lastName: 'Orphan', email: 'olga.orphan@example.com', role: 'signer' }],
    });
    expect((await api.post(`/api/v1/envelopes/${envelope.body.id}/send`)).status).toBe(202);
    await waitUntil(created, (done) => done, { what: 'the draft created at the provider' });
    await own.kill('SIGKILL'); // it kills itself at the save; this waits for its exit either way

    own = await startServer({ dataDir: ownFolder.dataDir, apiKey, env: SERVER_ENV });
    api = apiClient(own.url, apiKey);
    return await waitUntil(
      async () => (await api.get(`/api/v1/envelopes/${envelope.body.id}`)).body,
      (current) => current.status !== 'sending',
      { what: 'the resumed send to end', timeoutMs: RESUMED_WITHIN_MS },
    );
  } finally {
    await own?.stop();
    ownFolder.remove();
  }
}

describe('a crash after the provider created the draft, before Countersign saved its id', () => {
  it('Autenti: the resumed send adopts the DRAFT and sends it; the account holds that one process, sent once', async () => {
    const accountEmail = `orphan-${randomUUID().slice(0, 8)}@example.com`;
    const processes = async () =>
      ((await sandboxCall('GET', '/_sandbox/document-processes')) as Array<{ id: string; title: string; status: string; ownerEmail: string }>).filter(
        (process) => process.ownerEmail === accountEmail,
      );
    const sent = await crashAfterCreate(
      async (api) => {
        const client = await sandboxCall('POST', '/_sandbox/clients', { name: 'orphan test' });
        const connection = await api.post('/api/v1/connections', {
          provider: 'autenti',
          name: 'Standalone sandbox, orphans',
          baseUrl: `${sandbox.url}/api/v2/`,
          clientId: client.clientId,
          clientSecret: client.clientSecret,
          accountEmail,
        });
        expect(connection.status, JSON.stringify(connection.body)).toBe(201);
        await sandboxCall('PUT', `/_sandbox/clients/${client.clientId}/public-key`, connection.body.publicJwk);
        return connection.body.id;
      },
      async () => (await processes()).length > 0,
    );

    expect(sent.status, JSON.stringify(sent.statusReason)).toBe('sent');
    const held = await processes();
    expect(held.map(({ id, status }) => ({ id, status }))).toEqual([{ id: sent.providerReference, status: 'PROCESSING' }]);
    const events: any[] = await sandboxCall('GET', `/_sandbox/document-processes/${encodeURIComponent(sent.providerReference)}/events`);
    expect(events.filter((event) => String(event.eventType).endsWith(':DOCUMENT_SENT'))).toHaveLength(1);
  }, 300_000);

  it('Connective: the resumed send adopts the Draft package and sends it; the API user holds that one package', async () => {
    const connectiveFolder = temporaryDataDir();
    const connective = await startConnectiveSandbox({ port: 0, dataDir: connectiveFolder.dataDir, outbound: { allow: LOOPBACK_ALLOWED } });
    const control = sandboxControl(() => connective.url) as (method: string, path: string, body?: unknown) => Promise<any>;
    try {
      const user = await control('POST', '/api-users', { name: 'orphan test' });
      const packages = async () => ((await control('GET', '/packages')) as Array<{ Id: string; PackageStatus: string; Owner: string }>).filter((pkg) => pkg.Owner === user.username);
      const sent = await crashAfterCreate(
        async (api) => {
          const connection = await api.post('/api/v1/connections', {
            provider: 'connective',
            name: 'Standalone Connective, orphans',
            baseUrl: `${connective.url}/webportalapi/v3/`,
            username: user.username,
            password: user.password,
          });
          expect(connection.status, JSON.stringify(connection.body)).toBe(201);
          return connection.body.id;
        },
        async () => (await packages()).length > 0,
      );

      expect(sent.status, JSON.stringify(sent.statusReason)).toBe('sent');
      expect((await packages()).map(({ Id, PackageStatus }) => ({ Id, PackageStatus }))).toEqual([{ Id: sent.providerReference, PackageStatus: 'Pending' }]);
    } finally {
      await connective.close();
      connectiveFolder.remove();
    }
  }, 300_000);
});
