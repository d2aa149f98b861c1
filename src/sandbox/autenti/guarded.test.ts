import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAutentiSandbox } from './index.js';
import { createTestClient, postJson, signAssertion, startTestSandbox, tokenFor, type RunningSandbox } from './test-helpers.js';

// A guarded sandbox (standalone with --token here; the main server guards its mounted one with its own
// API keys and sessions, see test/security/sandbox-containment.test.ts): its control routes need the
// token, and nobody can take an account through its OAuth endpoints.
const TOKEN = `guard-${randomUUID()}`;
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox({ token: TOKEN });
});
afterAll(async () => sandbox?.close());

const control = (path: string, init: RequestInit = {}) => fetch(`${sandbox.url}${path}`, init);
const withToken = { authorization: `Bearer ${TOKEN}` };

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await response.json()) as { status: number; detail: string };
}

describe('control routes', () => {
  it('refuse a caller without the token, or with another, as problem+json 401', async () => {
    for (const [method, path] of [
      ['GET', '/_sandbox/clients'],
      ['POST', '/_sandbox/clients'],
      ['PUT', '/_sandbox/faults'],
      ['GET', '/_sandbox/mailbox'],
      ['GET', '/_sandbox/accounts'],
      ['GET', '/_sandbox/calls'],
      ['GET', '/integration-settings'],
    ] as const) {
      for (const headers of [{}, { authorization: 'Bearer not-the-token' }] as Record<string, string>[]) {
        const response = await control(path, { method, headers: { 'content-type': 'application/json', ...headers }, ...(method === 'GET' ? {} : { body: '{}' }) });
        expect(response.status, `${method} ${path}`).toBe(401);
        expect((await problemOf(response)).detail).toMatch(/--token/);
      }
    }
  });

  it('answer with the token', async () => {
    expect((await control('/_sandbox/clients', { headers: withToken })).status).toBe(200);
    expect((await control('/integration-settings', { headers: withToken })).status).toBe(200);
  });

  it('keep the mailbox and phone outbox pages behind the same guard as their JSON', async () => {
    for (const path of ['/_sandbox/mailbox', '/_sandbox/mailbox?format=html', '/_sandbox/sms']) {
      const refused = await control(path, { headers: { accept: 'text/html' } });
      expect(refused.status, path).toBe(401);
      expect((await problemOf(refused)).detail).toMatch(/--token/);
      const page = await control(path, { headers: { accept: 'text/html', ...withToken } });
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
    }
  });
});

describe('accounts', () => {
  const passwordGrant = (username: string, password: string) =>
    postJson(`${sandbox.api}/auth/token`, { grant_type: 'password', client_id: 'autenti', client_secret: 'autenti', username, password });

  it('the password grant works only for an account registered with that password', async () => {
    expect((await passwordGrant('anyone@example.com', 'whatever-password')).status).toBe(400);
    const registered = await postJson(`${sandbox.url}/_sandbox/accounts`, { email: 'Owner@Example.com', password: 'correct horse battery' }, withToken);
    expect(registered.status).toBe(201);
    expect(await registered.json()).toMatchObject({ email: 'owner@example.com' });
    const wrong = await passwordGrant('owner@example.com', 'wrong password here');
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toBe('invalid_grant');
    expect((await passwordGrant('owner@example.com', 'correct horse battery')).status).toBe(200);
  });

  it('a client registered through the API acts only for the account that registered it', async () => {
    await postJson(`${sandbox.url}/_sandbox/accounts`, { email: 'integrator@example.com', password: 'integrator password' }, withToken);
    const bootstrap = (await (await passwordGrant('integrator@example.com', 'integrator password')).json()) as { access_token: string };
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const publicJwk = { ...(await exportJWK(publicKey)), kid: 'own', alg: 'RS256', use: 'sig' };
    const created = await postJson(`${sandbox.api}/clients`, { client_name: 'Own client', jwks: { keys: [publicJwk] } }, { authorization: `Bearer ${bootstrap.access_token}` });
    expect(created.status).toBe(200);
    const { client_id: clientId, client_secret: clientSecret } = (await created.json()) as { client_id: string; client_secret: string };
    const client = { clientId, clientSecret, privateKey, publicJwk };

    const asOther = await postJson(`${sandbox.api}/auth/token`, {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      client_id: clientId,
      client_secret: clientSecret,
      assertion: await signAssertion(sandbox, client, 'sender@countersign.example', { kid: 'own' }),
    });
    expect(asOther.status).toBe(400);
    expect(((await asOther.json()) as { error_description: string }).error_description).toMatch(/acts only for that account/);
    const asItself = await postJson(`${sandbox.api}/auth/token`, {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      client_id: clientId,
      client_secret: clientSecret,
      assertion: await signAssertion(sandbox, client, 'integrator@example.com', { kid: 'own' }),
    });
    expect(asItself.status).toBe(200);
  });

  it('a client an administrator added still acts for the accounts it names', async () => {
    const client = await createTestClient(sandbox);
    expect(await tokenFor(sandbox, client, 'sender@countersign.example')).toMatch(/^ey/);
  });
});

describe('the authorization endpoint (the login page stand-in)', () => {
  it('is a control route: without the token nobody is logged in and nothing is redirected', async () => {
    const client = await createTestClient(sandbox, 'Code flow', { redirectUris: ['https://acme.example/back'] });
    const url = new URL(`${sandbox.api}/auth/authorization`);
    for (const [name, value] of Object.entries({ response_type: 'code', client_id: client.clientId, redirect_uri: 'https://acme.example/back', login_hint: 'victim@example.com' })) {
      url.searchParams.set(name, value);
    }
    const refused = await fetch(url, { redirect: 'manual' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('location')).toBeNull();
    const allowed = await fetch(url, { redirect: 'manual', headers: withToken });
    expect(allowed.status).toBe(302);
    expect(allowed.headers.get('location')).toMatch(/^https:\/\/acme\.example\/back\?code=/);
  });
});

describe('callback URLs', () => {
  it('are shown masked in the client list and on the Integration settings page', async () => {
    const client = await createTestClient(sandbox, 'With callback');
    const secret = 'a-secret-callback-token-0123456789';
    const set = await fetch(`${sandbox.url}/_sandbox/clients/${client.clientId}/callback`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...withToken },
      body: JSON.stringify({ url: `http://127.0.0.1:9/api/v1/callbacks/con_x/${secret}` }),
    });
    expect(set.status).toBe(200);
    expect(JSON.stringify(await set.json())).not.toContain(secret);
    const list = await (await control('/_sandbox/clients', { headers: withToken })).text();
    expect(list).not.toContain(secret);
    expect(list).toContain('http://127.0.0.1:9/api/v1/callbacks/con_x/••••••');
    const page = await (await control('/integration-settings', { headers: withToken })).text();
    expect(page).not.toContain(secret);
    expect(page).toContain('/api/v1/callbacks/con_x/••••••');
  });
});

it('refuses to start standalone beyond loopback without a token', async () => {
  await expect(startAutentiSandbox({ dataDir: sandbox.dataDir, host: '0.0.0.0', port: 0 })).rejects.toThrow(/reachable from other machines/);
});
