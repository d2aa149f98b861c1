import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../support/fixtures.js';
import { apiClient, type ApiClient } from '../support/http.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';
import { waitUntil } from '../support/waiting.js';

/**
 * Issue 7, findings 1 and 2: the built-in sandbox was open to anyone and wired to the installation's
 * real envelopes, and it showed every connection's callback URL with its secret. Each exploit of the
 * issue is replayed here without credentials against the real server, and must now be refused.
 */

const OWNER = 'owner@example.com';
const PASSWORD = 'a long owner password';
const SENDER = 'sender@countersign.example';

let server: ServerProcess;
let folder: ReturnType<typeof temporaryDataDir>;
let api: ApiClient;
let sandbox: string;
let builtIn: { id: string; callbackUrl: string; settings: { clientId: string } };
let envelope: { id: string; providerReference: string };
const signer = { firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', role: 'signer', step: 1 };

beforeAll(async () => {
  folder = temporaryDataDir();
  server = await startServer({ dataDir: folder.dataDir, env: { COUNTERSIGN_ADMIN_EMAIL: OWNER, COUNTERSIGN_ADMIN_PASSWORD: PASSWORD, COUNTERSIGN_SYNC_INTERVAL_MINUTES: '0' } });
  api = apiClient(server.url, server.apiKey);
  sandbox = `${server.url}/sandbox/autenti`;
  const connections = (await api.get('/api/v1/connections')).body.data as { id: string; isDefault: boolean }[];
  builtIn = (await api.get(`/api/v1/connections/${connections.find((connection) => connection.isDefault)!.id}`)).body;

  const documentId = (await api.upload('/api/v1/documents', FIXTURES.pdf, 'Agreement.pdf')).body.id;
  const created = await api.post('/api/v1/envelopes', { title: 'A real envelope', documentIds: [documentId], participants: [signer] });
  await api.post(`/api/v1/envelopes/${created.body.id}/send`);
  envelope = await waitUntil(
    async () => (await api.get(`/api/v1/envelopes/${created.body.id}`)).body,
    (current) => current.status === 'sent' || current.status === 'failed',
    { what: 'the envelope to be sent' },
  );
  expect(envelope).toMatchObject({ status: 'sent' });
});

afterAll(async () => {
  await server?.stop();
  folder?.remove();
});

/** A request with no key and no cookie, as anyone who reaches the server could make it. */
async function anonymous(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${sandbox}${path}`, {
    method,
    redirect: 'manual',
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
}

function expectRefused(response: Awaited<ReturnType<typeof anonymous>>, status = 401) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, detail: expect.any(String) });
  expect(response.headers.get('location')).toBeNull();
}

const withKey = () => ({ authorization: `Bearer ${server.apiKey}` });

describe('without credentials (finding 1)', () => {
  it('cannot act as a party of a real envelope', async () => {
    const path = `/_sandbox/document-processes/${encodeURIComponent(envelope.providerReference)}/parties/${encodeURIComponent(signer.email)}/actions`;
    expectRefused(await anonymous('POST', path, { action: 'reject', reason: 'hijacked' }));
    const atSandbox = await anonymous('GET', `/_sandbox/document-processes/${encodeURIComponent(envelope.providerReference)}`, undefined, withKey());
    expect(atSandbox.body.status).toBe('PROCESSING');
  });

  it('cannot create a client, nor log in as the built-in sender through the authorization endpoint', async () => {
    expectRefused(await anonymous('POST', '/_sandbox/clients', { name: 'attacker', redirectUris: ['https://attacker.example/cb'] }));
    // Refused before the handler ran: nothing was created.
    const names = (await anonymous('GET', '/_sandbox/clients', undefined, withKey())).body.map((client: { name: string }) => client.name);
    expect(names).not.toContain('attacker');
    const authorize = `/api/v2/auth/authorization?response_type=code&client_id=${builtIn.settings.clientId}&redirect_uri=${encodeURIComponent('https://attacker.example/cb')}&login_hint=${SENDER}`;
    expectRefused(await anonymous('GET', authorize));
  });

  it('cannot take the sender account through the password grant and a self-registered client', async () => {
    const grant = await anonymous('POST', '/api/v2/auth/token', { grant_type: 'password', client_id: 'autenti', client_secret: 'autenti', username: SENDER, password: 'anything' });
    expect(grant.status).toBe(400);
    expect(grant.body).toMatchObject({ error: 'invalid_grant' });
    expect(grant.text).not.toContain('access_token');
  });

  it('cannot read the mailbox, yet the per-invitation link alone opens the signing page and its document', async () => {
    expectRefused(await anonymous('GET', `/_sandbox/mailbox?to=${signer.email}`));
    const mail = await anonymous('GET', `/_sandbox/mailbox?to=${signer.email}`, undefined, withKey());
    expect(mail.status).toBe(200);
    const link: string = mail.body.find((message: { link: string | null }) => message.link).link;
    expect(link).toMatch(/\/_sandbox\/sign\/[A-Za-z0-9_-]{32,}$/);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const fileHref = /href="([^"]+\/files\/[^"]+)"/.exec(await page.text())![1]!;
    const file = await fetch(new URL(fileHref, `${link}/`.replace(/[^/]+\/$/, '')));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/pdf/);
    // A guessed link is not one.
    expect((await fetch(link.replace(/[^/]+$/, 'A'.repeat(32)))).status).toBe(404);
  });

  it('cannot reset the built-in client secret, nor inject faults', async () => {
    expectRefused(await anonymous('POST', `/_sandbox/clients/${builtIn.settings.clientId}/secret`, {}));
    expectRefused(await anonymous('PUT', '/_sandbox/faults', { errorRate: 1 }));
    expect((await anonymous('GET', '/_sandbox/faults', undefined, withKey())).body).toMatchObject({ errorRate: 0 });
    expectRefused(await anonymous('GET', '/integration-settings'));
    expect((await api.post(`/api/v1/connections/${builtIn.id}/verify`)).body).toMatchObject({ ok: true });
  });

  it('cannot add a client through the Integration settings form', async () => {
    expectRefused(await anonymous('POST', '/integration-settings/clients', undefined, { 'content-type': 'application/x-www-form-urlencoded' }));
  });
});

describe('callback URLs (finding 2)', () => {
  const token = () => builtIn.callbackUrl.split('/').at(-1)!;

  it('are shown in full only on the connection’s own page in Countersign', async () => {
    expect(builtIn.callbackUrl).toMatch(/\/api\/v1\/callbacks\/con_\w+\/[A-Za-z0-9_-]{20,}$/);
    expectRefused(await anonymous('GET', '/_sandbox/clients'));
    const clients = await anonymous('GET', '/_sandbox/clients', undefined, withKey());
    expect(clients.status).toBe(200);
    expect(clients.text).not.toContain(token());
    // The built-in connection subscribed itself to the client's events (issue 9): the subscription's
    // URL is listed masked, as a client-level callback URL would be.
    const client = clients.body.find((each: { clientId: string }) => each.clientId === builtIn.settings.clientId);
    expect(client.subscriptions.map((subscription: { callbackUrl: string }) => subscription.callbackUrl)).toEqual([builtIn.callbackUrl.replace(token(), '••••••')]);
    const page = await anonymous('GET', '/integration-settings', undefined, withKey());
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(token());
  });

  it('are masked in Countersign’s list of connections and never logged', async () => {
    const list = await api.get('/api/v1/connections');
    expect(list.text).not.toContain(token());
    expect(list.body.data.find((connection: { id: string }) => connection.id === builtIn.id).callbackUrl).toBe(builtIn.callbackUrl.replace(token(), '••••••'));
    expect((await api.get(`/api/v1/connections/${builtIn.id}`)).body.callbackUrl).toBe(builtIn.callbackUrl);
    expect(server.output() + server.terminal()).not.toContain(token());
  });
});

describe('the Connective sandbox, contained the same way', () => {
  const connective = () => `${server.url}/sandbox/connective`;
  let packageId: string;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${connective()}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
  };

  beforeAll(async () => {
    const connection = ((await api.get('/api/v1/connections')).body.data as Array<{ id: string; provider: string }>).find((each) => each.provider === 'connective')!;
    const documentId = (await api.upload('/api/v1/documents', FIXTURES.pdf, 'Connective.pdf')).body.id;
    const created = await api.post('/api/v1/envelopes', { title: 'A real Connective envelope', connectionId: connection.id, documentIds: [documentId], participants: [signer] });
    await api.post(`/api/v1/envelopes/${created.body.id}/send`);
    const sent = await waitUntil(
      async () => (await api.get(`/api/v1/envelopes/${created.body.id}`)).body,
      (current) => current.status === 'sent' || current.status === 'failed',
      { what: 'the Connective envelope to be sent' },
    );
    expect(sent).toMatchObject({ status: 'sent' });
    packageId = sent.providerReference;
  });

  it('refuses every control route without an admin credential: no API user, no acting, no mailbox, no faults, no clock', async () => {
    expectRefused(await call('POST', '/_sandbox/api-users', { name: 'attacker' }));
    expectRefused(await call('POST', `/_sandbox/packages/${packageId}/actors/${encodeURIComponent(signer.email)}/actions`, { action: 'reject', reason: 'hijacked' }));
    expectRefused(await call('GET', `/_sandbox/packages/${packageId}`));
    expectRefused(await call('GET', `/_sandbox/mailbox?to=${signer.email}`));
    expectRefused(await call('GET', '/_sandbox/sms'));
    expectRefused(await call('GET', '/_sandbox/calls'));
    expectRefused(await call('PUT', '/_sandbox/faults', { errorRate: 1 }));
    expectRefused(await call('POST', '/_sandbox/clock', { advanceMs: 365 * 24 * 3600_000 }));
    const held = await call('GET', `/_sandbox/packages/${packageId}`, undefined, withKey());
    expect(held.body.PackageStatus).toBe('Pending');
  });

  it('takes neither no credentials nor the admin key on its API: only a sandbox API user', async () => {
    for (const headers of [{}, withKey(), { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` }]) {
      const status = await call('GET', `/webportalapi/v3/packages/${packageId}/status`, undefined, headers);
      expect(status.status).toBe(401);
      expect(status.text).not.toContain(signer.email);
    }
  });
});

describe('the ConsignO sandbox, contained the same way', () => {
  const consigno = () => `${server.url}/sandbox/consigno`;
  let workflowId: string;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${consigno()}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
  };

  beforeAll(async () => {
    const connection = ((await api.get('/api/v1/connections')).body.data as Array<{ id: string; provider: string }>).find((each) => each.provider === 'consigno')!;
    const documentId = (await api.upload('/api/v1/documents', FIXTURES.pdf, 'ConsignO.pdf')).body.id;
    const created = await api.post('/api/v1/envelopes', { title: 'A real ConsignO envelope', connectionId: connection.id, documentIds: [documentId], participants: [signer] });
    await api.post(`/api/v1/envelopes/${created.body.id}/send`);
    const sent = await waitUntil(
      async () => (await api.get(`/api/v1/envelopes/${created.body.id}`)).body,
      (current) => current.status === 'sent' || current.status === 'failed',
      { what: 'the ConsignO envelope to be sent' },
    );
    expect(sent).toMatchObject({ status: 'sent' });
    workflowId = sent.providerReference;
  });

  it('refuses every control route without an admin credential: no API user, no claims, no acting, no listing, no mailbox, no phone, no faults, no clock', async () => {
    expectRefused(await call('POST', '/_sandbox/api-users', { name: 'attacker', secondFactorRequired: false }));
    expectRefused(await call('PATCH', '/_sandbox/api-users/anyone', { secondFactorRequired: false }));
    expectRefused(await call('POST', `/_sandbox/workflows/${workflowId}/signers/${encodeURIComponent(signer.email)}/actions`, { action: 'decline', reason: 'hijacked' }));
    expectRefused(await call('GET', '/_sandbox/workflows'));
    expectRefused(await call('GET', `/_sandbox/workflows/${workflowId}`));
    expectRefused(await call('GET', `/_sandbox/mailbox?to=${signer.email}`));
    expectRefused(await call('GET', '/_sandbox/sms'));
    expectRefused(await call('GET', '/_sandbox/calls'));
    expectRefused(await call('PUT', '/_sandbox/faults', { errorRate: 1 }));
    expectRefused(await call('POST', '/_sandbox/clock', { advanceMs: 365 * 24 * 3600_000 }));
    const held = await call('GET', `/_sandbox/workflows/${workflowId}`, undefined, withKey());
    expect(held.body.status).toBe(1);
  });

  it('takes neither no credentials nor the admin key on its API: only a token of a sandbox API user', async () => {
    const attempts: Array<Record<string, string>> = [{}, withKey(), { 'x-auth-token': server.apiKey }];
    for (const headers of attempts) {
      const read = await call('GET', `/api/v1/workflows/${workflowId}`, undefined, headers);
      expect(read.status).toBe(401);
      expect(read.text).not.toContain(signer.email);
    }
  });
});

describe('with credentials', () => {
  it('the API key opens the control routes', async () => {
    expect((await anonymous('GET', '/_sandbox/faults', undefined, withKey())).status).toBe(200);
    const created = await anonymous('POST', '/_sandbox/clients', { name: 'Tester', redirectUris: ['https://app.example/callback'] }, withKey());
    expect(created.status).toBe(200);
    expect((await anonymous('POST', '/_sandbox/accounts', { email: 'dev@example.com', password: 'a dev password' }, withKey())).status).toBe(201);
  });

  it('the authorization endpoint never redirects to an address the client did not register', async () => {
    const client = (await anonymous('POST', '/_sandbox/clients', { name: 'Redirects', redirectUris: ['https://app.example/callback'] }, withKey())).body;
    const authorize = (redirectUri: string) =>
      anonymous('GET', `/api/v2/auth/authorization?response_type=code&client_id=${client.clientId}&redirect_uri=${encodeURIComponent(redirectUri)}&login_hint=${SENDER}`, undefined, withKey());
    const external = await authorize('https://attacker.example/steal');
    expect(external.status).toBe(400);
    expect(external.headers.get('location')).toBeNull();
    expect(external.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // The built-in client registered no redirect URI: it has no code flow at all, rather than any address.
    const unregistered = await anonymous(
      'GET',
      `/api/v2/auth/authorization?response_type=code&client_id=${builtIn.settings.clientId}&redirect_uri=${encodeURIComponent('https://attacker.example/steal')}&login_hint=${SENDER}`,
      undefined,
      withKey(),
    );
    expect(unregistered.status).toBe(400);
    expect(unregistered.headers.get('location')).toBeNull();
    expect(unregistered.body.detail).toMatch(/no registered redirect URI/);
    const registered = await authorize('https://app.example/callback');
    expect(registered.status).toBe(302);
    expect(registered.headers.get('location')).toMatch(/^https:\/\/app\.example\/callback\?code=/);
  });

  it('a signed-in browser opens the mailbox and Integration settings with its session; writes need its CSRF token', async () => {
    const signIn = await fetch(`${server.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: OWNER, password: PASSWORD }) });
    const cookie = /^countersign_session=[^;]+/.exec(signIn.headers.getSetCookie()[0]!)![0];
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    expect((await anonymous('GET', `/_sandbox/mailbox?to=${signer.email}`, undefined, { cookie })).status).toBe(200);
    const page = await anonymous('GET', '/integration-settings', undefined, { cookie });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`name="csrfToken" value="${csrfToken}"`);
    expectRefused(await anonymous('PUT', '/_sandbox/faults', { latencyMs: 0 }, { cookie }), 403);
    expect((await anonymous('PUT', '/_sandbox/faults', { latencyMs: 0 }, { cookie, 'x-csrf-token': csrfToken })).status).toBe(200);
    const form = await fetch(`${sandbox}/integration-settings/clients`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'From the page', csrfToken }).toString(),
    });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('Client <strong>From the page</strong> created.');
  });

  it('the built-in connection still sends, is signed at the sandbox, and syncs', async () => {
    const path = `/_sandbox/document-processes/${encodeURIComponent(envelope.providerReference)}/parties/${encodeURIComponent(signer.email)}/actions`;
    expect((await anonymous('POST', path, { action: 'sign' }, withKey())).status).toBe(200);
    expect((await api.post('/api/v1/envelopes/sync')).status).toBe(202);
    const completed = await waitUntil(
      async () => (await api.get(`/api/v1/envelopes/${envelope.id}`)).body,
      (current) => current.status === 'completed',
      { what: 'the envelope to be completed' },
    );
    expect(completed.status).toBe('completed');
    // The sandbox called back on every event of the way: the address's secret is in no log line.
    expect(server.output() + server.terminal()).not.toContain(builtIn.callbackUrl.split('/').at(-1)!);
  });
});

// Each of these starts servers of its own, within the suite's 120-s test limit.
describe('when the sandboxes are on or off', () => {
  it('says so at start, and a restart with them off warns that the default connection is the built-in sandbox', async () => {
    expect(server.terminal()).toMatch(/^Sandboxes: on, under \/sandbox .*because the server listens on loopback only/m);
    await server.stop();
    server = await startServer({ dataDir: folder.dataDir, apiKey: server.apiKey, env: { COUNTERSIGN_SANDBOXES: 'off' } });
    expect(server.terminal()).toMatch(/^Sandboxes: off, because COUNTERSIGN_SANDBOXES=off\.$/m);
    expect(server.terminal()).toMatch(new RegExp(`^The default connection ${builtIn.id} is the built-in Autenti sandbox, but sandboxes are off .*COUNTERSIGN_SANDBOXES=on.*another connection the default`, 'm'));
    expect((await fetch(`${server.url}/sandbox/autenti/_sandbox/clients`)).status).toBe(404);
  });

  it('are off by default when the server listens beyond loopback, and on when asked for explicitly', async () => {
    const exposed = temporaryDataDir();
    try {
      const off = await startServer({ dataDir: exposed.dataDir, env: { HOST: '0.0.0.0' } });
      try {
        expect(off.terminal()).toMatch(/^Sandboxes: off, because HOST 0\.0\.0\.0 is not a loopback address; set COUNTERSIGN_SANDBOXES=on to keep them\.$/m);
        expect(off.terminal()).not.toContain('Connected to the built-in Autenti sandbox');
        const url = off.url.replace('0.0.0.0', '127.0.0.1');
        expect((await fetch(`${url}/sandbox/autenti/_sandbox/mailbox`)).status).toBe(404);
        expect((await apiClient(url, off.apiKey).get('/api/v1/connections')).body.data).toEqual([]);
      } finally {
        await off.stop();
      }
      const on = await startServer({ dataDir: exposed.dataDir, env: { HOST: '0.0.0.0', COUNTERSIGN_SANDBOXES: 'on' } });
      try {
        expect(on.terminal()).toMatch(/^Sandboxes: on, under \/sandbox .*because COUNTERSIGN_SANDBOXES=on\.$/m);
        const url = on.url.replace('0.0.0.0', '127.0.0.1');
        const refused = await fetch(`${url}/sandbox/autenti/_sandbox/clients`);
        expect(refused.status).toBe(401);
        expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      } finally {
        await on.stop();
      }
    } finally {
      exposed.remove();
    }
  });
});
