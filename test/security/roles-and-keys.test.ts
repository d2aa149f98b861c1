import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient, type ApiResponse } from '../support/http.js';
import { FIXTURES } from '../support/fixtures.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';
import { waitUntil } from '../support/waiting.js';
import { ROUTE_ACCESS } from '../../src/api/route-access.js';

/**
 * Issue 7, people, roles and keys, against the real server: on main every key and the one account
 * could do everything, there were no users to invite, and there was no audit log.
 */

const OWNER = 'owner@example.com';
const PASSWORD = 'correct horse battery staple';
const signer = { firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', role: 'signer' };

let server: ServerProcess;
let folder: ReturnType<typeof temporaryDataDir>;
let operator: ApiClient;
let owner: Person;
const people: Record<'admin' | 'member' | 'otherMember' | 'viewer', Person & { upload: Browser['upload'] }> = {} as never;

beforeAll(async () => {
  folder = temporaryDataDir();
  server = await startServer({ dataDir: folder.dataDir, env: { COUNTERSIGN_ADMIN_EMAIL: OWNER, COUNTERSIGN_ADMIN_PASSWORD: PASSWORD } });
  operator = apiClient(server.url, server.apiKey);
  owner = await signIn(OWNER, PASSWORD);
  for (const [name, role] of [['admin', 'admin'], ['member', 'member'], ['otherMember', 'member'], ['viewer', 'viewer']] as const) {
    people[name] = await invite(owner, `${name.toLowerCase()}@example.com`, role);
  }
});

afterAll(async () => {
  await server?.stop();
  folder?.remove();
});

/** A person in a browser: the session cookie, and the CSRF token on writes. */
interface Person {
  id: string;
  email: string;
  call(method: string, path: string, json?: unknown): Promise<ApiResponse>;
}

type Browser = ((method: string, path: string, json?: unknown) => Promise<ApiResponse>) & { upload(filename: string): Promise<ApiResponse> };

function browser(): Browser {
  const anonymous = apiClient(server.url, undefined);
  let cookie = '';
  let csrf = '';
  const headers = () => ({ ...(cookie ? { cookie: `countersign_session=${cookie}` } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) });
  const remember = (response: ApiResponse) => {
    const line = response.headers.getSetCookie().find((header) => header.startsWith('countersign_session='));
    if (line) cookie = /^countersign_session=([^;]*)/.exec(line)![1]!;
    if (typeof response.body?.csrfToken === 'string') csrf = response.body.csrfToken;
    return response;
  };
  const call = async (method: string, path: string, json?: unknown) =>
    remember(await anonymous.call(method, path, { json: json ?? (method === 'GET' || method === 'DELETE' ? undefined : {}), headers: headers() }));
  return Object.assign(call, { upload: (filename: string) => anonymous.upload('/api/v1/documents', FIXTURES.pdf, filename, headers()) });
}

async function signIn(email: string, password: string): Promise<Person & { upload: Browser['upload'] }> {
  const call = browser();
  const response = await call('POST', '/api/v1/session', { email, password });
  expect(response.status).toBe(200);
  return { id: response.body.account.id, email, call, upload: call.upload };
}

/** Invites through the API, then opens the link in a fresh browser and sets a password. */
async function invite(by: Person, email: string, role: string): Promise<Person & { upload: Browser['upload'] }> {
  const invited = await by.call('POST', '/api/v1/users', { email, role });
  expect(invited.status).toBe(201);
  const token = new URL(invited.body.invitation.url).hash.slice(1);
  const call = browser();
  const accepted = await call('POST', '/api/v1/invitation/accept', { token, password: PASSWORD });
  expect(accepted.status).toBe(200);
  expect(accepted.body.account).toMatchObject({ email, role });
  return { id: invited.body.user.id, email, call, upload: call.upload };
}

function keyClient(secret: string): Person {
  const client = apiClient(server.url, secret);
  return { id: '', email: '', call: (method, path, json) => client.call(method, path, json === undefined ? {} : { json }) };
}

/** A document everyone may use (uploaded with the operator's key, then shared). */
async function sharedDocument(): Promise<string> {
  const uploaded = await operator.upload('/api/v1/documents', FIXTURES.pdf, 'Agreement.pdf');
  expect(uploaded.status).toBe(201);
  expect((await operator.call('PUT', `/api/v1/documents/${uploaded.body.id}/visibility`, { json: { visibility: 'shared' } })).status).toBe(200);
  return uploaded.body.id;
}

function expectForbidden(response: ApiResponse, scope: string) {
  expect(response.status).toBe(403);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.body).toMatchObject({ type: '/api/v1/problems/forbidden', requiredScope: scope });
  expect(response.body.detail).toContain(scope);
}

describe('each role may do what its scopes allow, and nothing else', () => {
  // [what, method, path, body, roles allowed, the scope a refusal names]. A body that is invalid on
  // purpose shows that the scope is checked before anything else: allowed roles get 400/422, not 403.
  const cases: Array<[string, string, string, unknown, string[], string]> = [
    ['list envelopes', 'GET', '/api/v1/envelopes', undefined, ['owner', 'admin', 'member', 'viewer'], 'envelopes:read'],
    ['list connections', 'GET', '/api/v1/connections', undefined, ['owner', 'admin', 'member', 'viewer'], 'connections:read'],
    ['create an envelope', 'POST', '/api/v1/envelopes', { title: 'Role check', documentIds: [], participants: [] }, ['owner', 'admin', 'member'], 'envelopes:write'],
    ['add a connection', 'POST', '/api/v1/connections', { provider: 'autenti' }, ['owner', 'admin'], 'connections:admin'],
    ['list API keys', 'GET', '/api/v1/keys', undefined, ['owner', 'admin'], 'keys:admin'],
    ['create an API key', 'POST', '/api/v1/keys', { name: '' }, ['owner', 'admin'], 'keys:admin'],
    ['list users', 'GET', '/api/v1/users', undefined, ['owner', 'admin'], 'users:admin'],
    ['read the audit log', 'GET', '/api/v1/audit-log', undefined, ['owner', 'admin'], 'audit:read'],
    // The sandbox reaches every account's documents: its control routes are for admins too.
    ['control the built-in sandbox', 'GET', '/sandbox/autenti/_sandbox/clients', undefined, ['owner', 'admin'], 'sandbox:control'],
  ];

  it.each(cases)('%s', async (_what, method, path, body, allowed, scope) => {
    for (const role of ['owner', 'admin', 'member', 'viewer'] as const) {
      const person = role === 'owner' ? owner : people[role];
      const response = await person.call(method, path, body);
      if (allowed.includes(role)) {
        expect([200, 201, 400, 422], `${role} ${method} ${path}`).toContain(response.status);
      } else {
        expectForbidden(response, scope);
      }
    }
  });

  it('shows a connection’s callback secret to administrators only', async () => {
    const [listed] = (await operator.get('/api/v1/connections')).body.data;
    expect(listed.callbackUrl).toMatch(/\/callbacks\/con_\w+\/••••••$/);
    const full = (await people.admin.call('GET', `/api/v1/connections/${listed.id}`)).body.callbackUrl;
    expect(full).toMatch(/\/callbacks\/con_\w+\/[^•/]{16,}$/);
    for (const role of ['member', 'viewer'] as const) {
      const seen = await people[role].call('GET', `/api/v1/connections/${listed.id}`);
      expect(seen.status, role).toBe(200);
      expect(seen.body.callbackUrl, role).toBe(listed.callbackUrl);
    }
  });

  it('lets only an owner grant, change or remove the owner role, and always keeps one owner', async () => {
    expectForbidden(await people.admin.call('POST', '/api/v1/users', { email: 'second-owner@example.com', role: 'owner' }), 'owners:admin');
    expectForbidden(await people.admin.call('DELETE', `/api/v1/users/${owner.id}`), 'owners:admin');
    expectForbidden(await people.admin.call('PATCH', `/api/v1/users/${owner.id}`, { role: 'viewer' }), 'owners:admin');
    expectForbidden(await people.admin.call('PATCH', `/api/v1/users/${people.viewer.id}`, { role: 'owner' }), 'owners:admin');

    const alone = await owner.call('PATCH', `/api/v1/users/${owner.id}`, { role: 'admin' });
    expect(alone.status).toBe(409);
    expect(alone.body.detail).toMatch(/only owner/);
    expect((await owner.call('DELETE', `/api/v1/users/${owner.id}`)).status).toBe(409);
  });
});

describe('API keys', () => {
  it('never carry a scope their creator lacks', async () => {
    const refused = await people.admin.call('POST', '/api/v1/keys', { name: 'too much', scopes: ['envelopes:read', 'owners:admin'] });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ path: 'scopes[1]', message: expect.stringContaining('owners:admin') }]);
  });

  it('are limited to their scopes, and lose what their person loses when demoted', async () => {
    const deputy = await invite(owner, 'deputy@example.com', 'admin');
    const created = await deputy.call('POST', '/api/v1/keys', { name: 'CRM', scopes: ['envelopes:read', 'connections:admin'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ userId: deputy.id, scopes: ['envelopes:read', 'connections:admin'] });
    const key = keyClient(created.body.secret);

    expect((await key.call('GET', '/api/v1/envelopes')).status).toBe(200);
    expectForbidden(await key.call('POST', '/api/v1/envelopes', { title: 'x', documentIds: [], participants: [] }), 'envelopes:write');
    expect((await key.call('POST', '/api/v1/connections', { provider: 'autenti' })).status).toBe(400);

    expect((await owner.call('PATCH', `/api/v1/users/${deputy.id}`, { role: 'member' })).status).toBe(200);
    expectForbidden(await key.call('POST', '/api/v1/connections', { provider: 'autenti' }), 'connections:admin');
    expect((await key.call('GET', '/api/v1/envelopes')).status).toBe(200);
  });

  it('of a removed person stop working, as do their sessions', async () => {
    const leaver = await invite(owner, 'leaver@example.com', 'admin');
    const created = await leaver.call('POST', '/api/v1/keys', { name: 'to be revoked' });
    expect(created.status).toBe(201);
    const key = keyClient(created.body.secret);
    expect((await key.call('GET', '/api/v1/envelopes')).status).toBe(200);

    const removed = await owner.call('DELETE', `/api/v1/users/${leaver.id}`);
    expect(removed.status).toBe(200);
    expect((await key.call('GET', '/api/v1/envelopes')).status).toBe(401);
    expect((await leaver.call('GET', '/api/v1/envelopes')).status).toBe(401);
    const keys = (await owner.call('GET', '/api/v1/keys')).body.data;
    expect(keys.find((listed: any) => listed.id === created.body.id).revokedAt).not.toBeNull();
  });
});

describe('who sees which envelopes', () => {
  it('hides a member’s private envelope from another member (404, as if it did not exist) until it is shared', async () => {
    const documentId = await sharedDocument();
    const created = await people.member.call('POST', '/api/v1/envelopes', { title: 'Private deal', documentIds: [documentId], participants: [signer] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ createdBy: people.member.id, visibility: 'private' });
    const id = created.body.id;

    const other = people.otherMember;
    expect((await other.call('GET', `/api/v1/envelopes/${id}`)).status).toBe(404);
    expect((await other.call('PATCH', `/api/v1/envelopes/${id}`, { title: 'Mine now' })).status).toBe(404);
    expect((await other.call('POST', `/api/v1/envelopes/${id}/send`)).status).toBe(404);
    expect((await other.call('DELETE', `/api/v1/envelopes/${id}`)).status).toBe(404);
    expect((await other.call('GET', '/api/v1/envelopes?limit=100')).body.data.map((envelope: any) => envelope.id)).not.toContain(id);
    expect((await people.viewer.call('GET', `/api/v1/envelopes/${id}`)).status).toBe(404);

    // The creator and the admins see it.
    expect((await people.member.call('GET', `/api/v1/envelopes/${id}`)).status).toBe(200);
    expect((await people.admin.call('GET', `/api/v1/envelopes/${id}`)).status).toBe(200);
    expect((await people.admin.call('GET', '/api/v1/envelopes?limit=100')).body.data.map((envelope: any) => envelope.id)).toContain(id);

    // Only the creator (or an admin) may share it; then the others see it.
    expect((await other.call('PUT', `/api/v1/envelopes/${id}/visibility`, { visibility: 'shared' })).status).toBe(404);
    expect((await people.member.call('PUT', `/api/v1/envelopes/${id}/visibility`, { visibility: 'shared' })).status).toBe(200);
    expect((await other.call('GET', `/api/v1/envelopes/${id}`)).status).toBe(200);
    expect((await people.viewer.call('GET', `/api/v1/envelopes/${id}`)).status).toBe(200);
    expect((await other.call('PUT', `/api/v1/envelopes/${id}/visibility`, { visibility: 'private' })).status).toBe(403);
  });

  it('hides a member’s private document from another member until it is shared', async () => {
    const uploaded = await people.member.upload('Private.pdf');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ createdBy: people.member.id, visibility: 'private' });
    const id = uploaded.body.id;

    const other = people.otherMember;
    expect((await other.call('GET', `/api/v1/documents/${id}`)).status).toBe(404);
    expect((await other.call('GET', `/api/v1/documents/${id}/content`)).status).toBe(404);
    expect((await other.call('DELETE', `/api/v1/documents/${id}`)).status).toBe(404);
    expect((await other.call('GET', '/api/v1/documents?limit=100')).body.data.map((document: any) => document.id)).not.toContain(id);
    const attached = await other.call('POST', '/api/v1/envelopes', { title: 'Borrowed', documentIds: [id], participants: [signer] });
    expect(attached.status).toBe(422);
    expect((await people.admin.call('GET', `/api/v1/documents/${id}`)).status).toBe(200);

    expect((await people.member.call('PUT', `/api/v1/documents/${id}/visibility`, { visibility: 'shared' })).status).toBe(200);
    expect((await other.call('GET', `/api/v1/documents/${id}/content`)).status).toBe(200);
  });
});

describe('invitations', () => {
  it('work once: the link sets a password and signs in, then the person signs in with it', async () => {
    const invited = await people.admin.call('POST', '/api/v1/users', { email: 'new.person@example.com', role: 'member' });
    expect(invited.status).toBe(201);
    expect(invited.body.user).toMatchObject({ status: 'invited', role: 'member' });
    expect(invited.body.invitation.url).toMatch(new RegExp(`^${server.url}/invitation#[A-Za-z0-9_-]{43}$`));
    const token = new URL(invited.body.invitation.url).hash.slice(1);

    // No password yet: signing in fails like a wrong password.
    expect((await browser()('POST', '/api/v1/session', { email: 'new.person@example.com', password: PASSWORD })).status).toBe(401);

    const call = browser();
    expect((await call('POST', '/api/v1/invitation/check', { token })).body).toMatchObject({ email: 'new.person@example.com', role: 'member' });
    const accepted = await call('POST', '/api/v1/invitation/accept', { token, password: PASSWORD });
    expect(accepted.status).toBe(200);
    expect((await call('GET', '/api/v1/envelopes')).status).toBe(200);

    const reused = await browser()('POST', '/api/v1/invitation/accept', { token, password: 'another long password' });
    expect(reused.status).toBe(404);
    expect(reused.body.detail).toMatch(/already used/);
    await signIn('new.person@example.com', PASSWORD);
  });
});

describe('the audit log', () => {
  it('records who created and deleted connections and keys, invited people, and sent and withdrew envelopes', async () => {
    const connection = await operator.post('/api/v1/connections', {
      provider: 'autenti',
      name: 'Audited',
      baseUrl: 'sandbox',
      clientId: 'client-for-audit',
      clientSecret: 'secret-for-audit',
      accountEmail: 'audit@example.com',
    });
    expect(connection.status).toBe(201);
    expect((await people.admin.call('DELETE', `/api/v1/connections/${connection.body.id}`)).status).toBe(204);

    const key = await people.admin.call('POST', '/api/v1/keys', { name: 'Audited key', scopes: ['envelopes:read'] });
    expect((await owner.call('POST', `/api/v1/keys/${key.body.id}/revoke`)).status).toBe(200);
    const invited = await people.admin.call('POST', '/api/v1/users', { email: 'audited@example.com', role: 'viewer' });

    const documentId = await sharedDocument();
    const envelope = await people.member.call('POST', '/api/v1/envelopes', { title: 'Audited envelope', documentIds: [documentId], participants: [signer] });
    expect((await people.member.call('POST', `/api/v1/envelopes/${envelope.body.id}/send`)).status).toBe(202);
    await waitUntil(
      async () => (await people.member.call('GET', `/api/v1/envelopes/${envelope.body.id}`)).body,
      (current) => current.status === 'sent' || current.status === 'failed',
      { what: 'the envelope to be sent' },
    );
    const withdrawal = await people.member.call('POST', `/api/v1/envelopes/${envelope.body.id}/withdraw`, { reason: 'Audit test' });
    expect(withdrawal.status).toBe(202);
    // The job of a private envelope is as hidden as the envelope from another member.
    expect((await people.otherMember.call('GET', `/api/v1/jobs/${withdrawal.body.id}`)).status).toBe(404);
    expect((await people.member.call('GET', `/api/v1/jobs/${withdrawal.body.id}`)).status).toBe(200);

    const log = await people.admin.call('GET', '/api/v1/audit-log?limit=100');
    expect(log.status).toBe(200);
    const entry = (action: string, targetId: string) => log.body.data.find((line: any) => line.action === action && line.targetId === targetId);
    expect(entry('connection.created', connection.body.id)).toMatchObject({ actor: { type: 'environment', id: 'env' }, targetName: 'Audited', requestId: expect.stringMatching(/^req_/) });
    expect(entry('connection.deleted', connection.body.id)).toMatchObject({ actor: { type: 'user', id: people.admin.id, name: people.admin.email } });
    expect(entry('key.created', key.body.id)).toMatchObject({ actor: { id: people.admin.id }, targetName: 'Audited key' });
    expect(entry('key.revoked', key.body.id)).toMatchObject({ actor: { id: owner.id, name: OWNER } });
    expect(entry('user.invited', invited.body.user.id)).toMatchObject({ actor: { id: people.admin.id }, targetName: 'audited@example.com' });
    expect(entry('envelope.sent', envelope.body.id)).toMatchObject({ actor: { id: people.member.id } });
    expect(entry('envelope.withdrawn', envelope.body.id)).toMatchObject({ actor: { id: people.member.id } });
    // The log never holds a key's secret.
    expect(log.text).not.toContain(key.body.secret);
  });
});

describe('the route access table', () => {
  it('has exactly one entry for every authenticated /api/v1 operation', async () => {
    const spec = (await apiClient(server.url, undefined).get('/api/v1/openapi.json')).body;
    const operations: string[] = [];
    for (const [path, methods] of Object.entries<Record<string, { security?: unknown[] }>>(spec.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (!path.startsWith('/api/v1/') || (Array.isArray(operation.security) && operation.security.length === 0)) continue;
        operations.push(`${method.toUpperCase()} ${path.slice('/api/v1'.length).replace(/\{(\w+)\}/g, ':$1')}`);
      }
    }
    expect(operations.sort()).toEqual(Object.keys(ROUTE_ACCESS).sort());
  });
});
