import { KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../errors.js';
import { LOOPBACK_ALLOWED } from '../../net/outbound-guard.js';
import { createHttpClient } from '../http.js';
import type { ConnectionConfig } from '../registry.js';
import { createTokenSource, JWT_BEARER_GRANT } from './auth.js';

let keys: Awaited<ReturnType<typeof generateKeyPair>>;
beforeAll(async () => {
  keys = await generateKeyPair('RS256', { extractable: true });
});

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

type TokenCall = { form: URLSearchParams; contentType: string | undefined };

/** A token endpoint answering with `answer(callNumber)`; `'cut'` closes the connection unanswered. */
async function tokenEndpoint(answer: (call: number) => { status: number; body: unknown } | 'cut') {
  const calls: TokenCall[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (data: Buffer) => (body += data.toString('utf8')));
    request.on('end', () => {
      calls.push({ form: new URLSearchParams(body), contentType: request.headers['content-type'] });
      const answered = answer(calls.length);
      if (answered === 'cut') return request.socket.destroy();
      response.writeHead(answered.status, { 'content-type': 'application/json' }).end(JSON.stringify(answered.body));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2/`, calls };
}

function connection(baseUrl: string, credentials: Record<string, string> = {}): ConnectionConfig {
  return {
    id: 'con_01',
    provider: 'autenti',
    baseUrl,
    credentials: { clientId: '9e7629c4-4246-4b17-8315-4578ae212660', clientSecret: 'dfbc3a80-secret', accountEmail: 'superadmin@company.fake.com', ...credentials },
    keyPair: {
      keyId: 'key-1',
      algorithm: 'RS256',
      publicJwk: {},
      privateKey: async () => KeyObject.from(keys.privateKey),
    },
  };
}

const ok = (token: string, expiresIn = 1770) => ({ status: 200, body: { access_token: token, token_type: 'bearer', expires_in: expiresIn } });

describe('createTokenSource', () => {
  it('asks for a token with an RS256 JWT bearer assertion as described in auth.ts', async () => {
    const endpoint = await tokenEndpoint(() => ok('T1'));
    const clock = Date.parse('2026-11-23T10:00:00Z');
    const http = createHttpClient({ provider: 'autenti', outbound: { allow: LOOPBACK_ALLOWED }, baseUrl: endpoint.baseUrl, now: () => clock });
    const tokens = createTokenSource({ connection: connection(endpoint.baseUrl), http, now: () => clock });
    expect(await tokens.token()).toBe('T1');

    const [call] = endpoint.calls;
    expect(call!.contentType).toBe('application/x-www-form-urlencoded');
    expect(call!.form.get('grant_type')).toBe(JWT_BEARER_GRANT);
    expect(call!.form.get('client_id')).toBe('9e7629c4-4246-4b17-8315-4578ae212660');
    expect(call!.form.get('client_secret')).toBe('dfbc3a80-secret');
    const assertion = call!.form.get('assertion')!;
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'RS256', kid: 'key-1', typ: 'JWT' });
    const { payload } = await jwtVerify(assertion, await exportJWK(keys.publicKey).then((jwk) => ({ ...jwk, alg: 'RS256' })), {
      issuer: '9e7629c4-4246-4b17-8315-4578ae212660',
      subject: 'superadmin@company.fake.com',
      audience: 'autenti.com',
      currentDate: new Date(clock),
    });
    // The account as production clients send it (docs/providers.md "Autenti: live service versus seed 003 — the adapter").
    expect(payload.email).toBe('superadmin@company.fake.com');
    expect(payload.email_verified).toBe(true);
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(payload.iat).toBe(clock / 1000);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('signs a fresh assertion when it asks again after an answer was lost: Autenti takes each jti once', async () => {
    const endpoint = await tokenEndpoint((call) => (call === 1 ? 'cut' : ok('T2')));
    const http = createHttpClient({ provider: 'autenti', outbound: { allow: LOOPBACK_ALLOWED }, baseUrl: endpoint.baseUrl, sleep: async () => {} });
    const tokens = createTokenSource({ connection: connection(endpoint.baseUrl), http, now: () => Date.now() });
    expect(await tokens.token()).toBe('T2');
    const ids = endpoint.calls.map((call) => JSON.parse(Buffer.from(call.form.get('assertion')!.split('.')[1]!, 'base64url').toString('utf8')).jti);
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('signs the audience the connection names in assertionAudience instead of autenti.com', async () => {
    const endpoint = await tokenEndpoint(() => ok('T1'));
    const http = createHttpClient({ provider: 'autenti', outbound: { allow: LOOPBACK_ALLOWED }, baseUrl: endpoint.baseUrl });
    const tokens = createTokenSource({ connection: connection(endpoint.baseUrl, { assertionAudience: ' https://tenant.example/auth ' }), http, now: Date.now });
    await tokens.token();
    const { payload } = await jwtVerify(endpoint.calls[0]!.form.get('assertion')!, await exportJWK(keys.publicKey).then((jwk) => ({ ...jwk, alg: 'RS256' })));
    expect(payload.aud).toBe('https://tenant.example/auth');
  });

  it('explains a refused audience by pointing at the JWT audience setting', async () => {
    const endpoint = await tokenEndpoint(() => ({ status: 400, body: { error: 'invalid_grant', error_description: 'assertion aud must be autenti.com' } }));
    const http = createHttpClient({ provider: 'autenti', outbound: { allow: LOOPBACK_ALLOWED }, baseUrl: endpoint.baseUrl });
    const error = await createTokenSource({ connection: connection(endpoint.baseUrl, { assertionAudience: 'other.example' }), http, now: Date.now })
      .token()
      .catch((e: unknown) => e);
    expect(ProviderError.is(error, 'authentication')).toBe(true);
    expect((error as ProviderError).message).toMatch(/^Autenti refused the assertion's audience "other\.example" for client 9e7629c4…: leave "JWT audience" empty/);
  });

  it('caches the token, refreshes it 60 s before expiry, and makes concurrent callers share one request', async () => {
    const endpoint = await tokenEndpoint((call) => ok(`T${call}`, 600));
    let clock = 0;
    const http = createHttpClient({ provider: 'autenti', outbound: { allow: LOOPBACK_ALLOWED }, baseUrl: endpoint.baseUrl, now: () => clock });
    const tokens = createTokenSource({ connection: connection(endpoint.baseUrl), http, now: () => clock });
    expect(await Promise.all([tokens.token(), tokens.token(), tokens.token()])).toEqual(['T1', 'T1', 'T1']);
    expect(endpoint.calls).toHaveLength(1);
    clock = 539_000; // 61 s left
    expect(await tokens.token()).toBe('T1');
    clock = 540_000; // 60 s left: refresh
    expect(await Promise.all([tokens.token(), tokens.token()])).toEqual(['T2', 'T2']);
    expect(endpoint.calls).toHaveLength(2);
    tokens.invalidate('T1'); // an old token: nothing changes
    expect(await tokens.token()).toBe('T2');
    tokens.invalidate('T2');
    expect(await tokens.token()).toBe('T3');
  });

  it('explains a refused client id or secret in plain words, keeping Autenti\'s description', async () => {
    const endpoint = await tokenEndpoint(() => ({ status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } }));
    const http = createHttpClient({ provider: 'autenti', outbound: { allow: LOOPBACK_ALLOWED }, baseUrl: endpoint.baseUrl });
    const error = await createTokenSource({ connection: connection(endpoint.baseUrl), http, now: Date.now })
      .token()
      .catch((e: unknown) => e);
    expect(ProviderError.is(error, 'authentication')).toBe(true);
    expect((error as ProviderError).message).toBe(
      'Autenti refused the client id or secret for client 9e7629c4…: check them in Settings → Connections (and that this client exists in this Autenti environment — production and test are separate instances). (Autenti said: Client authentication failed)',
    );
    expect((error as ProviderError).providerMessage).toBe('Client authentication failed');
    expect((error as ProviderError).message).not.toContain('dfbc3a80');
  });

  it('explains a key that does not match the registered one', async () => {
    const endpoint = await tokenEndpoint(() => ({ status: 400, body: { error: 'invalid_grant', error_description: 'Assertion signature does not verify with the registered public key' } }));
    const http = createHttpClient({ provider: 'autenti', outbound: { allow: LOOPBACK_ALLOWED }, baseUrl: endpoint.baseUrl });
    const error = await createTokenSource({ connection: connection(endpoint.baseUrl), http, now: Date.now })
      .token()
      .catch((e: unknown) => e);
    expect(ProviderError.is(error, 'authentication')).toBe(true);
    expect((error as ProviderError).message).toMatch(
      /^Autenti refused the signed assertion: the public key registered for client 9e7629c4… does not match this connection's key\. Paste the key shown in Settings → Connections into Autenti's Integration settings\./,
    );
    expect((error as ProviderError).providerMessage).toBe('Assertion signature does not verify with the registered public key');
  });

  it('names missing credentials without calling Autenti', async () => {
    const endpoint = await tokenEndpoint(() => ok('T'));
    const http = createHttpClient({ provider: 'autenti', outbound: { allow: LOOPBACK_ALLOWED }, baseUrl: endpoint.baseUrl });
    const error = await createTokenSource({ connection: connection(endpoint.baseUrl, { clientSecret: '', accountEmail: ' ' }), http, now: Date.now })
      .token()
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe('Connection con_01 has no Autenti client secret, account email: fill them in under Settings → Connections.');
    expect(endpoint.calls).toHaveLength(0);
  });
});
