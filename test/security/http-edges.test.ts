import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../support/fixtures.js';
import { apiClient, type ApiClient } from '../support/http.js';
import { multipartBody, openRaw, parseRawResponse, rawRequest, requestHead, type RawResponse } from '../support/raw-http.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';
import { waitUntil } from '../support/waiting.js';

/**
 * Issue 7, findings 6, 7, 8, 10 and 13: the HTTP edge of the real server, reached with fetch() where it
 * can send the request and with raw sockets where it cannot (malformed HTTP, stalled bodies).
 */

const MAX_CONCURRENT_UPLOADS = 2;
let server: ServerProcess;
let api: ApiClient;
let folder: ReturnType<typeof temporaryDataDir>;

beforeAll(async () => {
  folder = temporaryDataDir();
  server = await startServer({
    dataDir: folder.dataDir,
    env: {
      COUNTERSIGN_UPLOAD_IDLE_TIMEOUT_SECONDS: '1',
      COUNTERSIGN_MAX_CONCURRENT_UPLOADS: String(MAX_CONCURRENT_UPLOADS),
      // Uploads in progress are files here on either database (temporaryUploads below looks at them).
      COUNTERSIGN_BLOB_DIR: join(folder.dataDir, 'blobs'),
    },
  });
  api = apiClient(server.url, server.apiKey);
});

afterAll(async () => {
  await server?.stop();
  folder?.remove();
});

const waitFor = (check: () => boolean, what: string) => waitUntil(async () => check(), (done) => done, { timeoutMs: 15_000, what });
const temporaryUploads = () => readdirSync(join(server.dataDir, 'blobs', 'tmp'));
const auth = () => ({ authorization: `Bearer ${server.apiKey}` });

/** An RFC 9457 answer of this server: problem+json, a request id, and the same id in the header. */
function expectProblem(response: RawResponse | undefined, status: number): Record<string, unknown> {
  expect(response, 'the server answered nothing').toBeDefined();
  expect(response!.status, response!.text).toBe(status);
  expect(response!.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(response!.body) as Record<string, unknown>;
  expect(problem).toMatchObject({ status, type: expect.stringMatching(/^\/api\/v1\/problems\//), title: expect.any(String), detail: expect.any(String) });
  expect(problem.requestId).toMatch(/^req_[0-9a-f]{16}$/);
  expect(response!.headers['x-request-id']).toBe(problem.requestId);
  return problem;
}

describe('finding 6: malformed uploads are 400 problems, not 500s', () => {
  const pdf = readFileSync(FIXTURES.pdf);
  const upload = (contentType: string, body: Buffer) =>
    rawRequest(server.url, Buffer.concat([Buffer.from(requestHead('POST', '/api/v1/documents', { ...auth(), 'content-type': contentType, 'content-length': body.length })), body]));

  const cases: Array<[string, () => [string, Buffer]]> = [
    ['no boundary in Content-Type', () => ['multipart/form-data', multipartBody('abc', pdf)]],
    ['a boundary that does not match the body', () => ['multipart/form-data; boundary=other', multipartBody('abc', pdf)]],
    ['an 80-character boundary that does not match the body', () => [`multipart/form-data; boundary=${'b'.repeat(80)}`, multipartBody('c'.repeat(80), pdf)]],
    ['a boundary longer than the parser accepts', () => [`multipart/form-data; boundary=${'b'.repeat(300)}`, multipartBody('b'.repeat(300), pdf)]],
    ['a body cut inside the file part ("Part terminated early")', () => ['multipart/form-data; boundary=abc', multipartBody('abc', pdf).subarray(0, 400)]],
    ['a body cut inside a part header', () => ['multipart/form-data; boundary=abc', Buffer.from('--abc\r\nContent-Disposition: form-da')]],
    ['no parts at all', () => ['multipart/form-data; boundary=abc', Buffer.from('--abc--\r\n')]],
    ['an empty body', () => ['multipart/form-data; boundary=abc', Buffer.alloc(0)]],
  ];

  it.each(cases)('%s', async (_name, make) => {
    const [contentType, body] = make();
    const problem = expectProblem(await upload(contentType, body), 400);
    expect(problem.type).toBe('/api/v1/problems/invalid-request');
    expect(problem.detail).toContain('multipart/form-data');
    // Nothing half-written is left behind.
    await waitFor(() => temporaryUploads().length === 0, 'temporary upload files removed');
  });

  it('still accepts a well-formed upload with an 80-character boundary', async () => {
    const boundary = 'd'.repeat(80);
    const response = await upload(`multipart/form-data; boundary=${boundary}`, multipartBody(boundary, pdf));
    expect(response?.status, response?.text).toBe(201);
  });
});

describe('finding 7: errors answered before routing are problem+json too', () => {
  const marker = 'zq7echo';

  it('a bad percent-escape in the URL', async () => {
    const response = await rawRequest(server.url, requestHead('GET', `/api/v1/documents/${marker}%E0%A4%A`, auth()));
    const problem = expectProblem(response, 400);
    expect(response!.text).not.toContain(marker);
    expect(problem).not.toHaveProperty('instance');
  });

  it('a path segment longer than the router accepts (414)', async () => {
    const response = await rawRequest(server.url, requestHead('POST', `/api/v1/envelopes/${marker}${'x'.repeat(300)}/send`, auth()));
    expectProblem(response, 414);
    expect(response!.text).not.toContain(marker);
  });

  it('headers larger than 16 KB (431)', async () => {
    const response = await rawRequest(server.url, requestHead('GET', `/api/v1/documents?${marker}`, { ...auth(), 'x-padding': 'p'.repeat(20_000) }));
    expectProblem(response, 431);
    expect(response!.text).not.toContain(marker);
  });

  it('an unaccepted Content-Type is refused without repeating it', async () => {
    const response = await rawRequest(server.url, `${requestHead('POST', '/api/v1/envelopes', { ...auth(), 'content-type': `text/${marker}`, 'content-length': 2 })}{}`);
    const problem = expectProblem(response, 415);
    // The body's format, not a document's file type, is what the client has to change.
    expect(problem).toMatchObject({ type: '/api/v1/problems/unsupported-content-type', title: 'Unsupported Content-Type' });
    expect(response!.text).not.toContain(marker);
  });

  it('a multipart body is refused everywhere but the upload (415)', async () => {
    // Only the upload's scope parses multipart; elsewhere it is a media type the route does not accept.
    const body = multipartBody('edge', readFileSync(FIXTURES.pdf));
    const response = await rawRequest(server.url, Buffer.concat([Buffer.from(requestHead('POST', '/api/v1/envelopes', { ...auth(), 'content-type': 'multipart/form-data; boundary=edge', 'content-length': body.length })), body]));
    expect(expectProblem(response, 415)).toMatchObject({ type: '/api/v1/problems/unsupported-content-type', detail: expect.stringMatching(/multipart\/form-data/) });
  });

  it('a request without Host (which Node answers with a bare 400)', async () => {
    const response = await rawRequest(server.url, `GET /api/v1/documents HTTP/1.1\r\nAuthorization: Bearer ${server.apiKey}\r\nConnection: close\r\n\r\n`);
    expectProblem(response, 400);
  });

  it.each([
    ['a request line that is not HTTP', `HELLO ${marker}\r\n\r\n`],
    ['a header without a colon', `GET /api/v1/documents HTTP/1.1\r\nHost: x\r\n${marker}\r\n\r\n`],
    ['a broken chunked body', `POST /api/v1/envelopes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${marker}\r\n`],
    ['two Content-Length headers that disagree', `POST /api/v1/envelopes HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`],
  ])('unparsable HTTP: %s', async (_name, bytes) => {
    const response = await rawRequest(server.url, bytes);
    expectProblem(response, 400);
    expect(response!.text).not.toContain(marker);
  });
});

describe('finding 8: security headers on HTML', () => {
  async function page(path: string) {
    // The key opens the sandbox's pages too (control routes); the web app and the reference need none.
    const response = await fetch(new URL(path, server.url), { headers: { accept: 'text/html', authorization: `Bearer ${server.apiKey}` } });
    return { response, html: await response.text() };
  }

  function expectSecurityHeaders(headers: Headers) {
    const policy = headers.get('content-security-policy') ?? '';
    const directive = (name: string) => policy.split(';').map((part) => part.trim()).find((part) => part.startsWith(`${name} `)) ?? '';
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    // http://127.0.0.1: HSTS would lock browsers out of a plain-http installation.
    expect(headers.get('strict-transport-security')).toBeNull();
  }

  /** The policy allows no inline script, so none may be needed: every <script> loads a file. */
  function expectNoInlineScript(html: string) {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  }

  it.each([['the web app', '/'], ['a page of the web app', '/envelopes'], ['the API reference', '/api/v1/docs/'], ['a sandbox page', '/sandbox/autenti/integration-settings'], ['the sandbox mailbox', '/sandbox/autenti/_sandbox/mailbox'], ['the sandbox text messages', '/sandbox/consigno/_sandbox/sms']])(
    '%s',
    async (_name, path) => {
      const { response, html } = await page(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expectSecurityHeaders(response.headers);
      expectNoInlineScript(html);
    },
  );

  it('the scripts the API reference loads come from this server', async () => {
    const { html } = await page('/api/v1/docs/');
    const sources = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1]!);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      const script = await fetch(new URL(source, new URL('/api/v1/docs/', server.url)));
      expect(script.status, source).toBe(200);
    }
  });
});

describe('finding 10: uploads that stall, and too many at once', () => {
  const pdf = readFileSync(FIXTURES.pdf);

  /** Starts an upload that announces the whole PDF but sends only its first part, then stalls. */
  function stalledUpload() {
    const body = multipartBody('abc', pdf);
    const connection = openRaw(server.url);
    connection.send(requestHead('POST', '/api/v1/documents', { ...auth(), 'content-type': 'multipart/form-data; boundary=abc', 'content-length': body.length }));
    connection.send(body.subarray(0, 300));
    return { ...connection, rest: body.subarray(300) };
  }

  it('a stalled upload gets 408 after the idle timeout, and its temporary file is deleted', async () => {
    const documentsBefore = (await api.get('/api/v1/documents?limit=100')).body.data.length;
    const upload = stalledUpload();
    await waitFor(() => temporaryUploads().length === 1, 'the upload is being written');
    const problem = expectProblem(parseRawResponse(await upload.closed), 408);
    expect(problem.type).toBe('/api/v1/problems/request-timeout');
    await waitFor(() => temporaryUploads().length === 0, 'temporary file removed');
    expect((await api.get('/api/v1/documents?limit=100')).body.data).toHaveLength(documentsBefore);
  });

  it('one upload over the per-key cap gets 429 with Retry-After; the others are not disturbed', async () => {
    const running = Array.from({ length: MAX_CONCURRENT_UPLOADS }, () => stalledUpload());
    // Keep them alive with a byte now and then, so that only the cap (not the idle timeout) is tested.
    let offset = 0;
    const trickle = setInterval(() => {
      for (const upload of running) upload.send(upload.rest.subarray(offset, offset + 1));
      offset += 1;
    }, 200);
    try {
      await waitFor(() => temporaryUploads().length === MAX_CONCURRENT_UPLOADS, 'the uploads are being written');
      const over = await api.upload('/api/v1/documents', FIXTURES.pdf, 'one-too-many.pdf');
      expect(over.status).toBe(429);
      expect(over.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(over.body.type).toBe('/api/v1/problems/too-many-uploads');
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      clearInterval(trickle);
    }
    // Each stalled one then times out, and a slot frees up.
    for (const upload of running) expectProblem(parseRawResponse(await upload.closed), 408);
    await waitFor(() => temporaryUploads().length === 0, 'temporary files removed');
    expect((await api.upload('/api/v1/documents', FIXTURES.pdf, 'after.pdf')).status).toBe(201);
  });

  it('another key has its own allowance', async () => {
    const running = Array.from({ length: MAX_CONCURRENT_UPLOADS }, () => stalledUpload());
    try {
      await waitFor(() => temporaryUploads().length === MAX_CONCURRENT_UPLOADS, 'the uploads are being written');
      const created = await api.post('/api/v1/keys', { name: 'second uploader' });
      expect(created.status).toBe(201);
      expect((await apiClient(server.url, created.body.secret).upload('/api/v1/documents', FIXTURES.pdf, 'other-key.pdf')).status).toBe(201);
    } finally {
      for (const upload of running) upload.socket.destroy();
    }
    await waitFor(() => temporaryUploads().length === 0, 'temporary files removed');
  });
});

describe('finding 13: the first-start admin key', () => {
  it('is printed for the person (stderr when stdout is not a terminal), never into the JSON log; https adds HSTS', async () => {
    const fresh = temporaryDataDir();
    const started = await startServer({ dataDir: fresh.dataDir, apiKey: null, env: { COUNTERSIGN_PUBLIC_URL: 'https://sign.example.com', COUNTERSIGN_SANDBOXES: 'off' } });
    try {
      expect(started.apiKey).toMatch(/^csk_/);
      expect(started.terminal()).toContain(started.apiKey);
      // stdout is the structured log: every line JSON, none with the key.
      const response = await fetch(new URL('/', started.url), { headers: { accept: 'text/html' } });
      await started.waitForLine((line) => line.includes('"url":"/"'));
      const log = started.output().split('\n').filter(Boolean);
      for (const line of log) expect(() => JSON.parse(line), line).not.toThrow();
      expect(started.output()).not.toContain(started.apiKey);
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    } finally {
      await started.stop();
      fresh.remove();
    }
  });
});
