import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiResponse } from '../support/http.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';

const OWNER = 'owner@example.com';
const PASSWORD = 'correct horse battery staple';

let server: ServerProcess;
let folder: ReturnType<typeof temporaryDataDir>;
/** Every password, session secret and CSRF token the tests saw: none may appear in the server output. */
const secrets = new Set<string>([PASSWORD]);

beforeAll(async () => {
  folder = temporaryDataDir();
  server = await startServer({ dataDir: folder.dataDir });
});

afterAll(async () => {
  await server?.stop();
  folder?.remove();
});

/** A browser's view: no API key, the session cookie when it has one, and the CSRF token when asked. */
function browser(url: string) {
  const anonymous = apiClient(url, undefined);
  let cookie: string | undefined;
  const headersFor = (extra: Record<string, string> = {}) => ({ ...(cookie ? { cookie: `countersign_session=${cookie}` } : {}), ...extra });
  const remember = (response: ApiResponse) => {
    const setCookie = response.headers.getSetCookie().find((line) => line.startsWith('countersign_session='));
    if (setCookie !== undefined) {
      cookie = /^countersign_session=([^;]*)/.exec(setCookie)![1] || undefined;
      if (cookie) secrets.add(cookie);
    }
    if (typeof response.body?.csrfToken === 'string') secrets.add(response.body.csrfToken);
    return response;
  };
  return {
    get cookie() {
      return cookie;
    },
    set cookie(value: string | undefined) {
      cookie = value;
    },
    call: async (method: string, path: string, init: { json?: unknown; headers?: Record<string, string> } = {}) =>
      remember(await anonymous.call(method, path, { json: init.json, headers: headersFor(init.headers) })),
    get: (path: string, headers?: Record<string, string>) => anonymous.get(path, headersFor(headers)).then(remember),
    post: (path: string, json: unknown, headers?: Record<string, string>) => anonymous.post(path, json, headersFor(headers)).then(remember),
  };
}

describe('a fresh install without COUNTERSIGN_ADMIN_*', () => {
  const person = () => browser(server.url);

  it('asks for the owner account, creates it once with POST /setup, and signs in', async () => {
    const visitor = person();
    expect((await visitor.get('/api/v1/session')).body).toEqual({ authenticated: false, setupRequired: true });
    expect(server.terminal()).toContain('No account yet');

    const short = await visitor.post('/api/v1/setup', { email: OWNER, password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([{ path: 'password', message: 'must be at least 10 characters' }]);

    const created = await visitor.post('/api/v1/setup', { email: OWNER, password: PASSWORD });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      authenticated: true,
      setupRequired: false,
      account: { id: expect.stringMatching(/^acc_/), email: OWNER, role: 'owner', scopes: expect.arrayContaining(['users:admin', 'owners:admin']) },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(visitor.cookie).toBeDefined();
    expect((await visitor.get('/api/v1/session')).body).toMatchObject({ authenticated: true, csrfToken: created.body.csrfToken });

    const again = await person().post('/api/v1/setup', { email: 'other@example.com', password: PASSWORD });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect((await person().get('/api/v1/session')).body).toEqual({ authenticated: false, setupRequired: false });
  });

  it('signs in with an httpOnly, SameSite=Lax cookie that opens the API', async () => {
    const visitor = person();
    const signedIn = await visitor.post('/api/v1/session', { email: 'Owner@Example.com', password: PASSWORD });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ authenticated: true, account: { email: OWNER, role: 'owner' }, csrfToken: expect.any(String) });
    const setCookie = signedIn.headers.getSetCookie()[0]!;
    expect(setCookie).toMatch(/^countersign_session=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    // Plain http and no https COUNTERSIGN_PUBLIC_URL: a Secure cookie would never come back.
    expect(setCookie).not.toContain('Secure');
    expect(signedIn.headers.get('cache-control')).toBe('no-store');

    expect((await visitor.get('/api/v1/envelopes')).status).toBe(200);
  });

  it('needs X-CSRF-Token for writes made with the cookie', async () => {
    const visitor = person();
    const { csrfToken } = (await visitor.post('/api/v1/session', { email: OWNER, password: PASSWORD })).body;

    const missing = await visitor.post('/api/v1/keys', { name: 'from the web app' });
    expect(missing.status).toBe(403);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(missing.body).toMatchObject({ type: '/api/v1/problems/csrf-token-required', status: 403 });
    expect(missing.body.detail).toContain('X-CSRF-Token');
    expect((await fetch(new URL(missing.body.type, server.url))).status).toBe(200);

    expect((await visitor.post('/api/v1/keys', { name: 'from the web app' }, { 'x-csrf-token': 'wrong' })).status).toBe(403);

    const created = await visitor.post('/api/v1/keys', { name: 'from the web app' }, { 'x-csrf-token': csrfToken, 'idempotency-key': 'web-1' });
    expect(created.status).toBe(201);
    secrets.add(created.body.secret);
    // Idempotency keys belong to the signed-in account.
    const repeated = await visitor.post('/api/v1/keys', { name: 'from the web app' }, { 'x-csrf-token': csrfToken, 'idempotency-key': 'web-1' });
    expect(repeated.headers.get('idempotent-replayed')).toBe('true');
    expect(repeated.body.id).toBe(created.body.id);
  });

  it('signs out: the cookie is cleared and the old one opens nothing', async () => {
    const visitor = person();
    const { csrfToken } = (await visitor.post('/api/v1/session', { email: OWNER, password: PASSWORD })).body;
    const oldCookie = visitor.cookie;

    expect((await visitor.call('DELETE', '/api/v1/session')).status).toBe(403);
    const signedOut = await visitor.call('DELETE', '/api/v1/session', { headers: { 'x-csrf-token': csrfToken } });
    expect(signedOut.status).toBe(204);
    expect(signedOut.headers.getSetCookie()[0]).toMatch(/^countersign_session=; .*Max-Age=0/);
    expect(visitor.cookie).toBeUndefined();

    visitor.cookie = oldCookie;
    const refused = await visitor.get('/api/v1/envelopes');
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ type: '/api/v1/problems/unauthorized' });
    expect(refused.body.detail).toMatch(/session has ended/);
    visitor.cookie = oldCookie;
    expect((await visitor.get('/api/v1/session')).body).toEqual({ authenticated: false, setupRequired: false });
  });

  it('keeps API keys working without any cookie or CSRF token', async () => {
    const program = apiClient(server.url, server.apiKey);
    expect((await program.get('/api/v1/envelopes')).status).toBe(200);
    const created = await program.post('/api/v1/keys', { name: 'CRM' });
    expect(created.status).toBe(201);
    secrets.add(created.body.secret);
    expect((await apiClient(server.url, undefined).get('/api/v1/envelopes')).status).toBe(401);
  });

  it('slows down wrong passwords: 5 refusals, then 429 with Retry-After, the same for an unknown email', async () => {
    const statuses = async (email: string) => {
      const seen: ApiResponse[] = [];
      for (let attempt = 1; attempt <= 6; attempt++) seen.push(await person().post('/api/v1/session', { email, password: 'not the password' }));
      return seen;
    };
    for (const email of [OWNER, 'nobody@example.com']) {
      const seen = await statuses(email);
      expect(seen.map((response) => response.status)).toEqual([401, 401, 401, 401, 401, 429]);
      expect(seen[0]!.body.detail).toBe('The email or password is not correct.');
      const throttled = seen[5]!;
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(throttled.headers.get('content-type')).toContain('application/problem+json');
      expect(throttled.body).toMatchObject({ type: '/api/v1/problems/too-many-sign-in-attempts', status: 429 });
      expect(throttled.body.detail).toMatch(/Try again in \d+ seconds? \(after \d{4}-\d\d-\d\dT/);
    }
  });

  it('never writes a password, session secret or CSRF token to its output', async () => {
    // The request log is written after the response: wait for the last one.
    await server.waitForLine((line) => line.includes('"url":"/api/v1/session"') && line.includes('"statusCode":429'));
    const output = server.output();
    expect(secrets.size).toBeGreaterThan(5);
    for (const secret of secrets) expect(output).not.toContain(secret);
  });
});

describe('a first start with COUNTERSIGN_ADMIN_EMAIL and COUNTERSIGN_ADMIN_PASSWORD', () => {
  it('creates the owner account, who can sign in; setup is then refused', async () => {
    const fresh = temporaryDataDir();
    const password = 'another long passphrase';
    const started = await startServer({
      dataDir: fresh.dataDir,
      env: {
        COUNTERSIGN_ADMIN_EMAIL: 'Admin@Example.com',
        COUNTERSIGN_ADMIN_PASSWORD: password,
        COUNTERSIGN_PUBLIC_URL: 'https://sign.example.com',
        COUNTERSIGN_SANDBOXES: 'off',
      },
    });
    try {
      expect(started.terminal()).toContain('Created the owner account admin@example.com');
      const visitor = browser(started.url);
      expect((await visitor.get('/api/v1/session')).body).toEqual({ authenticated: false, setupRequired: false });
      expect((await visitor.post('/api/v1/setup', { email: 'admin@example.com', password })).status).toBe(409);

      const signedIn = await visitor.post('/api/v1/session', { email: 'admin@example.com', password });
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.account).toMatchObject({ email: 'admin@example.com', role: 'owner' });
      // Behind an https COUNTERSIGN_PUBLIC_URL the cookie is Secure.
      expect(signedIn.headers.getSetCookie()[0]).toContain('Secure');
      expect(started.output()).not.toContain(password);
      expect(started.output()).not.toContain(visitor.cookie);
    } finally {
      await started.stop();
      fresh.remove();
    }
  });
});
