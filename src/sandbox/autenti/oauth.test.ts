import { randomUUID } from 'node:crypto';
import { UnsecuredJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestClient,
  postJson,
  requestJwtBearerToken,
  signAssertion,
  startTestSandbox,
  testKeyPair,
  tokenFor,
  type RunningSandbox,
  type TestClient,
} from './test-helpers.js';

let sandbox: RunningSandbox;
let client: TestClient;
const ACCOUNT = 'jane.doe@example.com';

beforeAll(async () => {
  sandbox = await startTestSandbox();
  client = await createTestClient(sandbox);
});
afterAll(async () => sandbox?.close());

async function oauthError(response: Response) {
  return { status: response.status, body: (await response.json()) as { error: string; error_description: string } };
}

describe('JWT bearer grant', () => {
  it('issues long self-contained tokens that open the API for the account', async () => {
    const response = await requestJwtBearerToken(sandbox, client, await signAssertion(sandbox, client, ACCOUNT));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const token = (await response.json()) as { access_token: string; token_type: string; expires_in: number; refresh_token: string };
    expect(token).toMatchObject({ token_type: 'bearer', expires_in: 1770 });
    expect(token.access_token.length).toBeGreaterThanOrEqual(1200);
    const list = await fetch(`${sandbox.api}/document-processes`, { headers: { authorization: `Bearer ${token.access_token}` } });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual([]);
  });

  it('accepts an audience under any host, as long as it is the token endpoint', async () => {
    const assertion = await signAssertion(sandbox, client, ACCOUNT, { aud: 'https://api.accept.autenti.net/api/v2/auth/token' });
    expect((await requestJwtBearerToken(sandbox, client, assertion)).status).toBe(200);
  });

  it('accepts assertions as production clients sign them: aud "autenti.com", any iss, the account in email, sub ignored', async () => {
    const assertion = await signAssertion(sandbox, client, 'Live.Client@acme.example', { iss: 'ORGANISATION:acme-42', sub: 'reserved-subject', aud: ['autenti.com'] });
    const response = await requestJwtBearerToken(sandbox, client, assertion);
    expect(response.status).toBe(200);
    const token = (await response.json()) as { access_token: string };
    const created = await postJson(`${sandbox.api}/document-processes`, { title: 'Whose?' }, { authorization: `Bearer ${token.access_token}` });
    const process = (await (await fetch(`${sandbox.url}/_sandbox/document-processes/${((await created.json()) as { id: string }).id}`)).json()) as { ownerEmail: string };
    // The account comes from the email claim (lower-cased), not from sub.
    expect(process.ownerEmail).toBe('live.client@acme.example');
  });

  const now = () => Math.floor(Date.now() / 1000);
  const failures: [string, () => Promise<string>, RegExp][] = [
    ['signed with another key', async () => signAssertion(sandbox, client, ACCOUNT, { key: (await generateKeyPair('RS256')).privateKey }), /assertion signature does not match the public key registered for client/],
    ['without iss', () => signAssertion(sandbox, client, ACCOUNT, { iss: '' }), /iss must be a non-empty string/],
    ['carrying the account in sub only', () => signAssertion(sandbox, client, ACCOUNT, { email: null }), /put the account in the email claim/],
    ['with an email claim that is no email', () => signAssertion(sandbox, client, ACCOUNT, { email: 'jane' }), /email must be the Autenti account's email address/],
    ['addressed to another audience', () => signAssertion(sandbox, client, ACCOUNT, { aud: 'https://api.autenti.com/api/v2/' }), /aud must be "autenti.com" \(or the token endpoint URL/],
    ['expired', () => signAssertion(sandbox, client, ACCOUNT, { iat: now() - 600, exp: now() - 60 }), /assertion expired at/],
    ['exp more than an hour after iat', () => signAssertion(sandbox, client, ACCOUNT, { iat: now(), exp: now() + 7200 }), /at most 1 hour after iat/],
    ['no jti', () => signAssertion(sandbox, client, ACCOUNT, { jti: null }), /jti .* is required/],
    ['unsigned (alg none)', async () => new UnsecuredJWT({ iss: client.clientId, sub: ACCOUNT, aud: `${sandbox.api}/auth/token`, jti: randomUUID() }).setIssuedAt().setExpirationTime('5m').encode(), /unsigned/],
    ['not a JWT', async () => 'not-a-jwt', /not a JWT/],
  ];
  for (const [name, build, message] of failures) {
    it(`refuses an assertion that is ${name}`, async () => {
      const response = await requestJwtBearerToken(sandbox, client, await build());
      const { status, body } = await oauthError(response);
      expect(status).toBe(400);
      expect(body.error).toBe('invalid_grant');
      expect(body.error_description).toMatch(message);
    });
  }

  it('uses a single pasted JWK whatever kid the assertion names', async () => {
    expect((await requestJwtBearerToken(sandbox, client, await signAssertion(sandbox, client, ACCOUNT, { kid: 'other' }))).status).toBe(200);
  });

  it('refuses a reused jti', async () => {
    const assertion = await signAssertion(sandbox, client, ACCOUNT, { jti: 'once-only' });
    expect((await requestJwtBearerToken(sandbox, client, assertion)).status).toBe(200);
    const { status, body } = await oauthError(await requestJwtBearerToken(sandbox, client, assertion));
    expect(status).toBe(400);
    expect(body.error_description).toMatch(/jti "once-only" was already used/);
  });

  it('matches a JWKS by kid and names the kid it cannot find', async () => {
    const other = await createTestClient(sandbox, 'JWKS client');
    const extra = { ...(await exportJWK((await generateKeyPair('RS256', { extractable: true })).publicKey)), kid: 'rotated' };
    const { publicJwk } = await testKeyPair();
    const put = await fetch(`${sandbox.url}/_sandbox/clients/${other.clientId}/public-key`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ keys: [extra, publicJwk] }) });
    expect(put.status).toBe(200);
    expect((await requestJwtBearerToken(sandbox, other, await signAssertion(sandbox, other, ACCOUNT))).status).toBe(200);
    const { status, body } = await oauthError(await requestJwtBearerToken(sandbox, other, await signAssertion(sandbox, other, ACCOUNT, { kid: 'missing' })));
    expect(status).toBe(400);
    expect(body.error_description).toMatch(/no public key with kid "missing" is registered for client .* \(registered kids: rotated, test-key\)/);
  });

  it('says when no public key is registered', async () => {
    const bare = (await (await postJson(`${sandbox.url}/_sandbox/clients`, { name: 'No key' })).json()) as { clientId: string; clientSecret: string };
    const keyless = { ...client, clientId: bare.clientId, clientSecret: bare.clientSecret };
    const { status, body } = await oauthError(await requestJwtBearerToken(sandbox, keyless, await signAssertion(sandbox, keyless, ACCOUNT)));
    expect(status).toBe(400);
    expect(body.error_description).toMatch(new RegExp(`no public key registered for client ${bare.clientId}`));
  });

  it('answers 401 invalid_client for a wrong secret or an unknown client', async () => {
    const assertion = await signAssertion(sandbox, client, ACCOUNT);
    const wrong = await oauthError(await requestJwtBearerToken(sandbox, client, assertion, 'not-the-secret'));
    expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(wrong.body.error_description).toMatch(/client secret does not match/);
    const unknown = await oauthError(await requestJwtBearerToken(sandbox, { ...client, clientId: randomUUID() }, assertion));
    expect(unknown).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });
});

describe('other grants', () => {
  it('refuses unknown grants; grants a password token to a registered client, as a form or as JSON', async () => {
    const form = (fields: Record<string, string>) =>
      fetch(`${sandbox.api}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    expect(await oauthError(await form({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }))).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    const formGrant = await form({ grant_type: 'password', client_id: client.clientId, client_secret: client.clientSecret, username: 'a@b.co', password: 'x' });
    expect(formGrant.status).toBe(200);
    const jsonGrant = await postJson(`${sandbox.api}/auth/token`, { grant_type: 'password', client_id: client.clientId, client_secret: client.clientSecret, username: 'a@b.co', password: 'x' });
    expect(jsonGrant.status).toBe(200);
    const jsonToken = (await jsonGrant.json()) as { access_token: string; scope: string };
    // An ordinary client's token opens the API for the account (the bootstrap client's does not).
    expect(jsonToken.scope).toBe('full');
    expect((await fetch(`${sandbox.api}/document-processes`, { headers: { authorization: `Bearer ${jsonToken.access_token}` } })).status).toBe(200);
    // The bootstrap password grant, form-encoded this time.
    const bootstrap = await form({ grant_type: 'password', client_id: 'autenti', client_secret: 'autenti', username: 'admin@example.com', password: 'x', scope: 'client_management' });
    expect(bootstrap.status).toBe(200);
  });

  it('runs the authorization code flow for the login_hint account, and rotates refresh tokens', async () => {
    const client = await createTestClient(sandbox, 'Code flow', { redirectUris: ['https://acme.com/redirect'] });
    const authorize = new URL(`${sandbox.api}/auth/authorization`);
    for (const [name, value] of Object.entries({ response_type: 'code', client_id: client.clientId, redirect_uri: 'https://acme.com/redirect', scope: 'full', state: 'U3VuIEphbiA', login_hint: 'code.user@example.com' })) {
      authorize.searchParams.set(name, value);
    }
    const redirect = await fetch(authorize, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe('https://acme.com/redirect');
    expect(location.searchParams.get('state')).toBe('U3VuIEphbiA');
    const code = location.searchParams.get('code')!;
    const exchange = (fields: Record<string, string>) =>
      fetch(`${sandbox.api}/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: client.clientId, client_secret: client.clientSecret, ...fields }).toString(),
      });
    const tokens = (await (await exchange({ grant_type: 'authorization_code', code, redirect_uri: 'https://acme.com/redirect' })).json()) as { access_token: string; refresh_token: string; scope: string };
    expect(tokens.scope).toBe('full');
    expect((await oauthError(await exchange({ grant_type: 'authorization_code', code, redirect_uri: 'https://acme.com/redirect' }))).body.error).toBe('invalid_grant');

    const created = (await (await postJson(`${sandbox.api}/document-processes`, {}, { authorization: `Bearer ${tokens.access_token}` })).json()) as { id: string };
    const refreshed = await exchange({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as { access_token: string };
    const list = (await (await fetch(`${sandbox.api}/document-processes`, { headers: { authorization: `Bearer ${next.access_token}` } })).json()) as { id: string }[];
    expect(list.map((process) => process.id)).toEqual([created.id]);
    const reused = await oauthError(await exchange({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token }));
    expect(reused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(reused.body.error_description).toMatch(/already used/);
  });
});

describe('authorization endpoint redirects', () => {
  const authorizeUrl = (clientId: string, redirectUri: string) => {
    const url = new URL(`${sandbox.api}/auth/authorization`);
    for (const [name, value] of Object.entries({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, state: 's' })) url.searchParams.set(name, value);
    return url;
  };

  it('never redirects to an address the client did not register (no open redirect)', async () => {
    const registered = await createTestClient(sandbox, 'Registered redirect', { redirectUris: ['https://acme.com/redirect'] });
    for (const target of ['https://attacker.example/steal', 'https://acme.com/redirect/../other', 'https://acme.com/redirect?x=1']) {
      const response = await fetch(authorizeUrl(registered.clientId, target), { redirect: 'manual' });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await response.json()) as { detail: string }).detail).toMatch(/is not registered for client/);
    }
  });

  it('refuses the code flow to a client with no registered redirect URI', async () => {
    const response = await fetch(authorizeUrl(client.clientId, 'https://acme.com/redirect'), { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(((await response.json()) as { detail: string }).detail).toMatch(/has no registered redirect URI/);
  });
});

describe('token expiry and bearer checks', () => {
  it('expires access tokens after tokenLifetimeSeconds of sandbox time', async () => {
    let clock = new Date('2026-01-01T10:00:00Z');
    const timed = await startTestSandbox({ now: () => clock, tokenLifetimeSeconds: 60 });
    try {
      const timedClient = await createTestClient(timed);
      const assertion = await signAssertion(timed, timedClient, ACCOUNT, { iat: clock.getTime() / 1000, exp: clock.getTime() / 1000 + 300 });
      const token = (await (await requestJwtBearerToken(timed, timedClient, assertion)).json()) as { access_token: string; expires_in: number };
      expect(token.expires_in).toBe(60);
      const call = () => fetch(`${timed.api}/document-processes`, { headers: { authorization: `Bearer ${token.access_token}` } });
      expect((await call()).status).toBe(200);
      clock = new Date(clock.getTime() + 61_000);
      const expired = await call();
      expect(expired.status).toBe(401);
      expect(expired.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(expired.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
      expect(((await expired.json()) as { detail: string }).detail).toMatch(/expired at 2026-01-01T10:01:00.000Z/);
    } finally {
      await timed.close();
    }
  });

  it('answers 401 problem+json without a token or with a foreign one', async () => {
    const missing = await fetch(`${sandbox.api}/document-processes`);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { type: string }).type).toBe('/unauthorized');
    expect((await fetch(`${sandbox.api}/tags`, { headers: { authorization: 'Bearer eyJhbGciOi.forged.token' } })).status).toBe(401);
  });

  it('keeps the bootstrap client to client management, and client management to it', async () => {
    const bootstrap = (await (await postJson(`${sandbox.api}/auth/token`, { client_id: 'autenti', client_secret: 'autenti', grant_type: 'password', username: 'a@example.com', password: 'p' })).json()) as { access_token: string };
    expect((await fetch(`${sandbox.api}/document-processes`, { headers: { authorization: `Bearer ${bootstrap.access_token}` } })).status).toBe(403);
    const account = await tokenFor(sandbox, client, ACCOUNT);
    expect((await postJson(`${sandbox.api}/clients`, { client_name: 'x' }, { authorization: `Bearer ${account}` })).status).toBe(403);
  });
});

describe('Integration settings', () => {
  const putKey = (clientId: string, body: string) =>
    fetch(`${sandbox.url}/_sandbox/clients/${clientId}/public-key`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });

  it('refuses private keys, non-RSA keys and non-JSON, and ignores private keys inside a JWKS', async () => {
    const { privateKey, publicJwk } = await testKeyPair();
    const privateJwk = await exportJWK(privateKey);
    const privateOnly = await putKey(client.clientId, JSON.stringify(privateJwk));
    expect(privateOnly.status).toBe(400);
    expect(((await privateOnly.json()) as { detail: string }).detail).toMatch(/is a private key .* ignored, private keys are never stored/);
    const ec = await putKey(client.clientId, JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'a', y: 'b' }));
    expect(((await ec.json()) as { detail: string }).detail).toMatch(/only RSA keys are accepted/);
    expect((await putKey(client.clientId, '{"kty":"RSA","n":"AQAB","e":"AQAB"}')).status).toBe(400);
    expect((await fetch(`${sandbox.url}/_sandbox/clients/${client.clientId}/public-key`, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'rbo0qfPKh' })).status).toBe(400);

    const mixed = await putKey(client.clientId, JSON.stringify({ keys: [{ ...privateJwk, kid: 'secret' }, publicJwk] }));
    expect(mixed.status).toBe(200);
    const saved = (await mixed.json()) as { publicKeys: Record<string, unknown>[]; ignored: string[] };
    expect(saved.publicKeys).toEqual([{ kty: 'RSA', n: publicJwk.n, e: publicJwk.e, kid: 'test-key', alg: 'RS256', use: 'sig' }]);
    expect(saved.ignored[0]).toMatch(/kid secret/);
    expect((await requestJwtBearerToken(sandbox, client, await signAssertion(sandbox, client, ACCOUNT))).status).toBe(200);
  });

  it('serves the HTML page whose form adds a client and shows its secret once', async () => {
    const page = await fetch(`${sandbox.url}/integration-settings`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Integration settings');
    const added = await fetch(`${sandbox.url}/integration-settings/clients`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=Creatio+connector' });
    const html = await added.text();
    expect(html).toContain('Client secret key: <code>');
    const clientId = /Client application ID: <code>([0-9a-f-]{36})<\/code>/.exec(html)![1]!;
    // On a phone the clients table stacks: every cell carries the label it shows above its value.
    expect(html).toContain('<table class="stack"><thead>');
    expect(html).toContain(`<td data-label="Identifier"><code>${clientId}</code></td>`);
    const described = (await (await fetch(`${sandbox.url}/_sandbox/clients/${clientId}`)).json()) as Record<string, unknown>;
    expect(described).toMatchObject({ clientId, name: 'Creatio connector' });
    expect(described).not.toHaveProperty('clientSecret');
  });
});
