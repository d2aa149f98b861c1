import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  control,
  controlJson,
  createApiClient,
  createUser,
  login,
  samplePdf,
  startTestSandbox,
  upload,
  workflowBody,
  type ApiClient,
  type RunningSandbox,
  type WorkflowView,
} from './test-helpers.js';

/** The API over real HTTP: auth and tokens, uploads, workflow refusals and launch checks, the call log. */

let sandbox: RunningSandbox;
let client: ApiClient;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  client = await createApiClient(sandbox);
});
afterAll(async () => sandbox?.close());

const headOf = (token: string) => fetch(`${sandbox.api}/auth`, { method: 'HEAD', headers: { 'x-auth-token': token } });
const getWorkflow = (token: string, id: string) => fetch(`${sandbox.api}/workflows/${id}`, { headers: { 'x-auth-token': token } });
const advance = (advanceMs: number) => controlJson(sandbox, 'POST', 'clock', { advanceMs });

describe('auth', () => {
  it('logs in with JSON (and the seed literal POST /auth with a form), the token a HS256 JWT with the mutable claims', async () => {
    const { username, password } = await createUser(sandbox, { secondFactorRequired: false });
    const response = await fetch(`${sandbox.api}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password, tenant: 'ignored' }) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { msg: string; parameters: null; response: { username: string; email: string } };
    expect(body).toMatchObject({ msg: 'Login successful', parameters: null, response: { username } });
    const token = response.headers.get('x-auth-token')!;
    expect(JSON.stringify(body)).not.toContain(token);
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: username, ver: 1, secondFactorRequired: false, lang: 'en' });
    expect(typeof claims.jti).toBe('string');
    const form = await fetch(`${sandbox.api}/auth`, { method: 'POST', body: new URLSearchParams({ username, password }) });
    expect(form.status).toBe(200);
    expect(form.headers.get('x-auth-token')).toBeTruthy();
  });

  it('refuses bad credentials with 401 4001 and a missing field with 400 4000', async () => {
    const wrong = await fetch(`${sandbox.api}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: client.username, password: 'nope' }) });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: '4001', msg: expect.stringContaining('Bad credentials') });
    expect(wrong.headers.get('x-auth-token')).toBeNull();
    const missing = await fetch(`${sandbox.api}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: client.username }) });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: '4000', parameters: { field: 'password' } });
  });

  it('logs in as another user with the platform key and secret, both pairs checked', async () => {
    const platform = await createUser(sandbox);
    const user = await createUser(sandbox);
    const as = (secret: string) =>
      fetch(`${sandbox.api}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-client-id': platform.username, 'x-client-secret': secret },
        body: JSON.stringify({ username: user.username, password: user.password }),
      });
    const ok = await as(platform.password);
    expect(ok.status).toBe(200);
    expect(decodeJwt(ok.headers.get('x-auth-token')!).sub).toBe(user.username);
    const refused = await as('wrong');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: '4001', msg: expect.stringContaining('X-Client-Id') });
  });

  it('answers HEAD /auth 200 for a valid token, 401 for none, and revokes on logout (POST and DELETE)', async () => {
    const token = await login(sandbox, client.username, client.password);
    expect((await headOf(token)).status).toBe(200);
    expect((await fetch(`${sandbox.api}/auth`, { method: 'HEAD' })).status).toBe(401);
    expect((await headOf('not-a-jwt')).status).toBe(401);
    const out = await fetch(`${sandbox.api}/auth/logout`, { method: 'POST', headers: { 'x-auth-token': token } });
    expect(out.status).toBe(200);
    expect((await headOf(token)).status).toBe(401);
    const again = await getWorkflow(token, '0'.repeat(24));
    expect(await again.json()).toMatchObject({ code: '4001', msg: expect.stringContaining('revoked') });
    const second = await login(sandbox, client.username, client.password);
    expect((await fetch(`${sandbox.api}/auth`, { method: 'DELETE', headers: { 'x-auth-token': second } })).status).toBe(200);
    expect((await headOf(second)).status).toBe(401);
  });

  it('lets a token die after 30 idle minutes on the sandbox clock, each use refreshing it', async () => {
    const token = await login(sandbox, client.username, client.password);
    await advance(20 * 60 * 1000);
    expect((await headOf(token)).status).toBe(200);
    await advance(20 * 60 * 1000);
    expect((await headOf(token)).status).toBe(200);
    await advance(30 * 60 * 1000 + 1000);
    const expired = await getWorkflow(token, '0'.repeat(24));
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ code: '4001', msg: 'Token expired' });
  });

  it('accepts the token as a query parameter', async () => {
    const token = await login(sandbox, client.username, client.password);
    const response = await fetch(`${sandbox.api}/workflows/${'0'.repeat(24)}?X-Auth-Token=${encodeURIComponent(token)}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: '5004', parameters: { id: '0'.repeat(24) } });
    const calls = (await controlJson<Array<{ path: string }>>(sandbox, 'GET', 'calls')).filter((call) => call.path.includes('X-Auth-Token'));
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call.path).not.toContain(token);
  });

  it('rotates a token when a mutable claim changes; the old one keeps working without the knob', async () => {
    const { username, password } = await createUser(sandbox);
    const old = await login(sandbox, username, password);
    const patched = await controlJson<{ ver: number }>(sandbox, 'PATCH', `api-users/${username}`, { lang: 'fr' });
    expect(patched.ver).toBe(2);
    const first = await headOf(old);
    expect(first.status).toBe(200);
    const successor = first.headers.get('x-auth-token')!;
    expect(decodeJwt(successor)).toMatchObject({ sub: username, ver: 2, lang: 'fr' });
    expect((await headOf(successor)).headers.get('x-auth-token')).toBeNull();
    expect((await headOf(old)).status).toBe(200);
  });

  it('refuses a replaced token at once with rotatedTokenFails', async () => {
    const { username, password } = await createUser(sandbox);
    const old = await login(sandbox, username, password);
    await controlJson(sandbox, 'PUT', 'faults', { rotatedTokenFails: true });
    try {
      await controlJson(sandbox, 'PATCH', `api-users/${username}`, { secondFactorRequired: false });
      const first = await getWorkflow(old, '0'.repeat(24));
      expect(first.status).toBe(404);
      const successor = first.headers.get('x-auth-token')!;
      expect(decodeJwt(successor)).toMatchObject({ secondFactorRequired: false, ver: 2 });
      const again = await getWorkflow(old, '0'.repeat(24));
      expect(again.status).toBe(401);
      expect(await again.json()).toMatchObject({ code: '4001', msg: expect.stringContaining('Token was replaced') });
      expect((await getWorkflow(successor, '0'.repeat(24))).status).toBe(404);
    } finally {
      await controlJson(sandbox, 'PUT', 'faults', { rotatedTokenFails: false });
    }
  });
});

describe('documents', () => {
  it('uploads a PDF by multipart and records the PDF/A flag', async () => {
    const response = await upload(client, await samplePdf('Upload', { pages: 2 }), 'Upload.pdf', { pdfa: 'true' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { msg: string; response: { documentId: string; name: string; size: number; pages: number; pdfa: boolean } };
    expect(body.response).toMatchObject({ name: 'Upload.pdf', pages: 2, pdfa: true });
    expect(body.response.documentId).toMatch(/^[0-9a-f]{24}$/);
    expect(body.response.size).toBeGreaterThan(100);
  });

  it('refuses what is not a PDF (4002), a JSON upload, and a body without a file', async () => {
    const notPdf = await upload(client, Buffer.from('PK\u0003\u0004 not a pdf'), 'Letter.docx');
    expect(notPdf.status).toBe(400);
    expect(await notPdf.json()).toMatchObject({ code: '4002', msg: expect.stringContaining('Only PDF documents can be uploaded') });
    const json = await client.call('POST', 'documents', { data: 'x' });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { code: string }).code).toBe('4000');
    const form = new FormData();
    form.set('name', 'nothing');
    const empty = await client.call('POST', 'documents', form);
    expect(await empty.json()).toMatchObject({ code: '4000', parameters: { field: 'file' } });
  });

  it('refuses a document over the size limit with 413 4013', async () => {
    const small = await startTestSandbox({ maxFileBytes: 2000 });
    try {
      const tiny = await createApiClient(small);
      const response = await upload(tiny, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5000, 32)]));
      expect(response.status).toBe(413);
      expect(((await response.json()) as { code: string }).code).toBe('4013');
    } finally {
      await small.close();
    }
  });

  it('lets a documentId serve one workflow only (409 4009 already assigned), and not another user', async () => {
    const uploaded = ((await (await upload(client, await samplePdf('Once'))).json()) as { response: { documentId: string } }).response.documentId;
    const body = { name: 'Once', documents: [{ documentId: uploaded }] };
    const other = await createApiClient(sandbox);
    const stranger = await other.call('POST', 'workflows', body);
    expect(stranger.status).toBe(404);
    expect(await stranger.json()).toMatchObject({ code: '5004', parameters: { id: uploaded } });
    const created = await client.json<WorkflowView>('POST', 'workflows', body);
    expect(created.status).toBe(0);
    expect(created.documents[0]!.documentId).toBe(uploaded);
    const twice = await client.call('POST', 'workflows', body);
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ code: '4009', msg: expect.stringContaining('already assigned') });
  });
});

describe('workflow create and launch checks', () => {
  const refusal = async (body: Record<string, unknown>, apiClient = client) => {
    const response = await apiClient.call('POST', 'workflows', body);
    return { status: response.status, body: (await response.json()) as { code: string; msg: string; parameters?: { field?: string } } };
  };

  it('refuses a body without a name, a bad status and a bad expiresOn', async () => {
    expect(await refusal({ documents: [] })).toMatchObject({ status: 400, body: { code: '4000', parameters: { field: 'name' } } });
    expect(await refusal({ name: 'x', status: 4 })).toMatchObject({ status: 400, body: { parameters: { field: 'status' } } });
    expect(await refusal({ name: 'x', expiresOn: 'tomorrow' })).toMatchObject({ status: 400, body: { parameters: { field: 'expiresOn' } } });
    expect(await refusal({ name: 'x', expiresOn: '2000-01-01' })).toMatchObject({ status: 400, body: { parameters: { field: 'expiresOn' } } });
  });

  it('refuses each launch check with the field to fix', async () => {
    const one = (signer: Record<string, unknown>, extra: Record<string, unknown> = {}) => workflowBody([{ email: 'a@example.com', ...signer }], extra);
    expect(await refusal({ ...(await one({})), actions: [] })).toMatchObject({ status: 400, body: { parameters: { field: 'actions' } } });
    const zoneless = await one({});
    (zoneless.documents as Array<{ fields: unknown[] }>)[0]!.fields = [];
    expect(await refusal(zoneless)).toMatchObject({ body: { code: '4000', parameters: { field: 'actions[0].signer.ref' }, msg: expect.stringContaining('no zone') } });
    expect(await refusal(await one({ amr: ['sms'] }))).toMatchObject({ body: { parameters: { field: 'actions[0].signer.amr' }, msg: expect.stringContaining('"link"') } });
    expect(await refusal(await one({ amr: ['link'] }))).toMatchObject({ body: { parameters: { field: 'actions[0].signer.amr' }, msg: expect.stringContaining('second factor') } });
    expect(await refusal(await one({ amr: ['link', 'saml'] }))).toMatchObject({ body: { parameters: { field: 'actions[0].signer.amr' } } });
    const phoneless = await one({ amr: ['link', 'call'] });
    delete (phoneless.actions as Array<{ signer: Record<string, unknown> }>)[0]!.signer.phone;
    expect(await refusal(phoneless)).toMatchObject({ body: { parameters: { field: 'actions[0].signer.phone' } } });
    expect(await refusal(await one({ amr: ['link', 'secret'] }))).toMatchObject({ body: { parameters: { field: 'actions[0].signer.secretQuestion' } } });
    expect(await refusal(await one({ amr: ['link', 'secret'], secretQuestion: 'Pet?' }))).toMatchObject({ body: { parameters: { field: 'actions[0].signer.secretAnswer' } } });
    expect(await refusal(await one({ mode: 'embedded' }))).toMatchObject({ body: { parameters: { field: 'actions[0].returnUrl' } } });
    expect(await refusal(await one({ mode: 'embedded', returnUrl: 'https://example.com/back', amr: ['link', 'secret'], secretQuestion: 'Pet?', secretAnswer: 'cat' }))).toMatchObject({
      body: { parameters: { field: 'actions[0].signer.amr' }, msg: expect.stringContaining('embedded') },
    });
    const parallel = await workflowBody([
      { email: 'a@example.com', step: 1, mode: 'embedded', returnUrl: 'https://example.com/back' },
      { email: 'b@example.com', step: 1 },
    ]);
    expect(await refusal(parallel)).toMatchObject({ body: { parameters: { field: 'actions[0].step' } } });
    const strayZone = await one({});
    (strayZone.documents as Array<{ fields: Array<Record<string, unknown>> }>)[0]!.fields.push({ x: 1, y: 1, page: 1, assignedTo: 'nobody' });
    expect(await refusal(strayZone)).toMatchObject({ body: { parameters: { field: 'documents' } } });
    expect(await refusal(await one({}, { webhooks: [{ url: 'http://10.1.2.3/hooks' }] }))).toMatchObject({ status: 400, body: { parameters: { field: 'webhooks[0].url' } } });
    expect(await refusal(await one({}, { documents: [{ name: 'x.pdf', data: Buffer.from('hello').toString('base64') }] }))).toMatchObject({ body: { code: '4002' } });
  });

  it('accepts a single factor when the organisation turned the second off, and creates without launching without checks', async () => {
    const relaxed = await createApiClient(sandbox, { secondFactorRequired: false });
    const launched = await relaxed.json<WorkflowView>('POST', 'workflows', await workflowBody([{ email: 'a@example.com', amr: ['link'] }]));
    expect(launched.status).toBe(1);
    const draft = await client.json<WorkflowView>('POST', 'workflows', { name: 'Draft', actions: [] });
    expect(draft).toMatchObject({ status: 0, totalActions: 0, documents: [] });
  });

  it('refuses embedded mode for a user without it (403 4003) and page numbers past the end', async () => {
    const plain = await createApiClient(sandbox, { embeddedAllowed: false });
    const embedded = await refusal(await workflowBody([{ email: 'a@example.com', mode: 'embedded', returnUrl: 'https://example.com/back' }]), plain);
    expect(embedded).toMatchObject({ status: 403, body: { code: '4003' } });
    const body = await workflowBody([{ email: 'a@example.com' }]);
    (body.documents as Array<{ fields: Array<Record<string, unknown>> }>)[0]!.fields[0]!.page = 3;
    expect(await refusal(body)).toMatchObject({ status: 400, body: { parameters: { field: 'documents[0].fields[0].page' } } });
  });

  it('places zones by anchors, every occurrence or one page, and refuses a missing tag unless skipIfNotFound', async () => {
    const pdf = await samplePdf('Anchors', { lines: ['Sign here: {{s1}}', 'And here: {{s1}}'] });
    const base = (anchors: unknown[]) => ({
      name: 'Anchored',
      status: 1,
      documents: [{ name: 'A.pdf', data: pdf.toString('base64'), anchors }],
      actions: [{ mode: 'remote', signer: { type: 'esig', firstName: 'A', lastName: 'B', email: 'a@example.com', amr: ['link', 'sms'], phone: '+15145550100', ref: 7 } }],
    });
    const found = await client.json<WorkflowView>('POST', 'workflows', base([{ tag: '{{s1}}', assignedTo: '7', yOffset: -10 }]));
    expect(found.documents[0]!.fields).toHaveLength(2);
    expect(found.documents[0]!.fields[0]).toMatchObject({ page: 1, width: 165, height: 37, assignedTo: '7' });
    expect(found.documents[0]!.fields[1]!.y).toBeGreaterThan(found.documents[0]!.fields[0]!.y);
    const missing = await refusal(base([{ tag: '{{nope}}', assignedTo: '7' }]));
    expect(missing).toMatchObject({ status: 400, body: { code: '4000', parameters: { field: 'documents[0].anchors[0].tag' }, msg: expect.stringContaining('{{nope}}') } });
    const otherPage = await refusal(base([{ tag: '{{s1}}', assignedTo: '7', page: 2 }]));
    expect(otherPage).toMatchObject({ status: 400, body: { parameters: { field: 'documents[0].anchors[0].tag' } } });
    const skipped = await refusal(base([{ tag: '{{s1}}', assignedTo: '7' }, { tag: '{{nope}}', assignedTo: '7', skipIfNotFound: true }]));
    expect(skipped.status).toBe(200);
  });

  it('answers another user 403 4003 for a workflow, and unknown routes 404 5004', async () => {
    const created = await client.json<WorkflowView>('POST', 'workflows', { name: 'Mine' });
    const other = await createApiClient(sandbox);
    const response = await other.call('GET', `workflows/${created.id}`);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('4003');
    const unknown = await client.call('GET', 'nothing-here');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: string }).code).toBe('5004');
  });
});

describe('control and faults', () => {
  it('logs calls with passwords, secret answers and document data redacted', async () => {
    const { seq } = (await controlJson<Array<{ seq: number }>>(sandbox, 'GET', 'calls')).at(-1)!;
    await login(sandbox, client.username, client.password);
    await client.call('POST', 'workflows', await workflowBody([{ email: 'a@example.com', amr: ['link', 'secret'], secretQuestion: 'Pet?', secretAnswer: 'Whiskers' }]));
    const calls = await controlJson<Array<{ method: string; path: string; status: number; body?: unknown }>>(sandbox, 'GET', `calls?since=${seq}`);
    const text = JSON.stringify(calls);
    expect(calls.filter((call) => call.method !== 'HEAD').map((call) => `${call.method} ${call.path}`)).toEqual(['POST /api/v1/auth/login', 'POST /api/v1/workflows']);
    expect(text).not.toContain(client.password);
    expect(text).not.toContain('Whiskers');
    expect(text).not.toContain('JVBER'); // base64 of "%PDF"
    expect(text).toContain('[redacted]');
    await fetch(`${sandbox.api}/workflows/${'0'.repeat(24)}/documents`, { method: 'POST', body: new URLSearchParams({ 'X-Auth-Token': client.token }) });
    const download = (await controlJson<Array<{ path: string; body?: Record<string, unknown> }>>(sandbox, 'GET', 'calls')).at(-1)!;
    expect(download.path).toBe(`/api/v1/workflows/${'0'.repeat(24)}/documents`);
    expect(download.body).toEqual({ 'X-Auth-Token': '[redacted]' });
  });

  it('injects a 429 with Retry-After and 5xx in ConsignO shape, and refuses a bad knob as problem+json', async () => {
    await controlJson(sandbox, 'PUT', 'faults', { rateLimit: { every: 1, retryAfterSeconds: 3 } });
    const limited = await client.call('GET', `workflows/${'0'.repeat(24)}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(((await limited.json()) as { code: string }).code).toBe('4029');
    await controlJson(sandbox, 'PUT', 'faults', { rateLimit: null, errorRate: 1, errorStatuses: [503] });
    const failing = await client.call('GET', `workflows/${'0'.repeat(24)}`);
    expect(failing.status).toBe(503);
    expect(((await failing.json()) as { code: string }).code).toBe('5000');
    const reset = await controlJson<{ errorRate: number; rotatedTokenFails: boolean }>(sandbox, 'DELETE', 'faults');
    expect(reset).toMatchObject({ errorRate: 0, rotatedTokenFails: false });
    const bad = await control(sandbox, 'PUT', 'faults', { rotatedTokenFails: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await bad.json()).toMatchObject({ status: 400, detail: expect.stringContaining('rotatedTokenFails') });
    const clock = await control(sandbox, 'POST', 'clock', { advanceMs: -5 });
    expect(clock.status).toBe(400);
  });
});
