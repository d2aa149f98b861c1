import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from './errors.js';
import { LOOPBACK_ALLOWED, NOTHING_ALLOWED } from '../net/outbound-guard.js';
import { createHttpClient, pathTemplate, readProviderMessage, responseError, type HttpClientOptions, type HttpLogEvent } from './http.js';
import { WINDOW_MARGIN_MS } from './rate-limit.js';

/** The test servers listen on loopback: opened explicitly, as an operator would with COUNTERSIGN_ALLOW_PRIVATE_URLS. */
const outbound = { allow: LOOPBACK_ALLOWED };

type Handler = (request: IncomingMessage, response: ServerResponse, body: Buffer) => void;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

/** A loopback server answering each request with the next handler (the last one repeats). */
async function serve(...handlers: Handler[]): Promise<{ url: string; calls: Array<{ method: string; url: string; body: string }> }> {
  const calls: Array<{ method: string; url: string; body: string }> = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      calls.push({ method: request.method ?? '', url: request.url ?? '', body: body.toString('utf8') });
      const handler = handlers[Math.min(calls.length - 1, handlers.length - 1)]!;
      handler(request, response, body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, calls };
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}): Handler => (_request, response) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(value));
};

function testClient(baseUrl: string, overrides: Partial<HttpClientOptions> = {}) {
  const sleeps: number[] = [];
  const logs: HttpLogEvent[] = [];
  const client = createHttpClient({
    provider: 'autenti',
    baseUrl,
    outbound,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    onAttempt: (event) => logs.push(event),
    ...overrides,
  });
  return { client, sleeps, logs };
}

describe('createHttpClient', () => {
  it('retries a GET after a 503 and returns the success, with full-jitter backoff', async () => {
    const server = await serve(json(503, { title: 'Service Unavailable', detail: 'Maintenance' }), json(503, {}), json(200, { ok: true }));
    const { client, sleeps, logs } = testClient(server.url);
    const response = await client.request({ method: 'GET', path: 'things?secret=1', operation: 'listing things' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(server.calls).toHaveLength(3);
    // random() = 0.5 × min(30 s, 500 ms × 2^(n−1))
    expect(sleeps).toEqual([250, 500]);
    expect(logs.map((log) => [log.method, log.path, log.status, log.attempt])).toEqual([
      ['GET', '/api/things', 503, 1],
      ['GET', '/api/things', 503, 2],
      ['GET', '/api/things', 200, 3],
    ]);
    // The log carries no query (it can hold ids or secrets), headers or bodies.
    expect(JSON.stringify(logs)).not.toContain('secret');
  });

  it('does not repeat a plain POST after a 503, and keeps the provider message', async () => {
    const server = await serve(json(503, { type: '/errors', title: 'Unavailable', detail: 'Database is read-only' }));
    const { client, sleeps } = testClient(server.url);
    const error = await client.request({ method: 'POST', path: 'things', body: '{}', operation: 'creating a thing' }).catch((e: unknown) => e);
    expect(ProviderError.is(error, 'unavailable')).toBe(true);
    expect((error as ProviderError).retryable).toBe(true);
    expect((error as ProviderError).providerMessage).toBe('Database is read-only');
    expect((error as ProviderError).message).toContain('Database is read-only');
    expect(server.calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('repeats a POST marked idempotent', async () => {
    const server = await serve(json(502, {}), json(200, { token: 't' }));
    const { client } = testClient(server.url);
    const response = await client.request({ method: 'POST', path: 'token', body: 'a=b', idempotent: true, operation: 'getting a token' });
    expect(response.status).toBe(200);
    expect(server.calls).toHaveLength(2);
  });

  it('gives up as unavailable after the last attempt', async () => {
    const server = await serve(json(500, { detail: 'Boom' }));
    const { client, sleeps } = testClient(server.url, { maxAttempts: 3 });
    const error = await client.request({ method: 'GET', path: 'x', operation: 'reading x' }).catch((e: unknown) => e);
    expect(ProviderError.is(error, 'unavailable')).toBe(true);
    expect((error as ProviderError).providerMessage).toBe('Boom');
    expect(server.calls).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('honours Retry-After in seconds on 429, even for a POST', async () => {
    const server = await serve(json(429, { title: 'Too Many Requests' }, { 'retry-after': '7' }), json(201, { id: 1 }));
    const { client, sleeps } = testClient(server.url);
    const response = await client.request({ method: 'POST', path: 'things', body: '{}', operation: 'creating a thing' });
    expect(response.status).toBe(201);
    expect(sleeps).toEqual([7000]);
  });

  it('honours Retry-After as an HTTP date on 503, measured on the injected clock', async () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    const server = await serve(json(503, {}, { 'retry-after': 'Mon, 23 Nov 2026 10:00:12 GMT' }), json(200, {}));
    const { client, sleeps } = testClient(server.url, { now: () => now });
    await client.request({ method: 'GET', path: 'x', operation: 'reading x' });
    expect(sleeps).toEqual([12_000]);
  });

  it('does not sleep through a Retry-After beyond the limit: rate-limited with retryAfterMs', async () => {
    const server = await serve(json(429, {}, { 'retry-after': '3600' }));
    const { client, sleeps } = testClient(server.url);
    const error = await client.request({ method: 'GET', path: 'x', operation: 'reading x' }).catch((e: unknown) => e);
    expect(ProviderError.is(error, 'rate-limited')).toBe(true);
    expect((error as ProviderError).retryAfterMs).toBe(3_600_000);
    expect(sleeps).toEqual([]);
  });

  it('turns a timeout into unavailable after the retries', async () => {
    const server = await serve(() => undefined); // never answers
    const { client, logs } = testClient(server.url, { timeoutMs: 150, maxAttempts: 2 });
    const error = await client.request({ method: 'GET', path: 'slow', operation: 'reading slowly' }).catch((e: unknown) => e);
    expect(ProviderError.is(error, 'unavailable')).toBe(true);
    expect((error as ProviderError).message).toBe('Autenti did not answer within 150 ms while reading slowly. Countersign retries later.');
    expect(logs.map((log) => log.error)).toEqual(['TIMEOUT', 'TIMEOUT']);
  });

  it('turns a refused connection into unavailable, retried even for a POST (nothing was sent)', async () => {
    const server = await serve(json(200, {}));
    const url = server.url;
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const { client, sleeps } = testClient(url, { maxAttempts: 2 });
    const error = await client.request({ method: 'POST', path: 'x', body: '{}', operation: 'posting x' }).catch((e: unknown) => e);
    expect(ProviderError.is(error, 'unavailable')).toBe(true);
    expect((error as ProviderError).message).toContain('(ECONNREFUSED)');
    expect(sleeps).toHaveLength(1);
  });

  it('returns 4xx answers for the adapter to read, with repeated headers kept apart', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(403, [
        ['content-type', 'application/json'],
        ['x-challenge', 'AAA'],
        ['x-challenge', 'BBB'],
      ]);
      response.end('{"title":"Challenge requested"}');
    });
    const { client } = testClient(server.url);
    const response = await client.request({ method: 'POST', path: 'actions', body: '{}', operation: 'acting' });
    expect(response.status).toBe(403);
    expect(response.headerValues('X-Challenge')).toEqual(['AAA', 'BBB']);
    expect(await response.json()).toEqual({ title: 'Challenge requested' });
  });

  it('opens a fresh body stream for every attempt', async () => {
    const server = await serve(json(503, {}), json(200, {}));
    const { client } = testClient(server.url);
    let opened = 0;
    await client.request({
      method: 'PUT',
      path: 'file',
      body: () => {
        opened += 1;
        return Readable.from([Buffer.from('hello '), Buffer.from('world')]);
      },
      operation: 'uploading',
    });
    expect(opened).toBe(2);
    expect(server.calls.map((call) => call.body)).toEqual(['hello world', 'hello world']);
  });

  it('makes a text body anew for each attempt of an idempotent POST whose answer was lost', async () => {
    // The first connection is cut after the body was read (the answer lost), as a proxy drop does.
    const server = await serve((request) => request.socket.destroy(), json(200, {}));
    const { client } = testClient(server.url);
    let made = 0;
    const response = await client.request({ method: 'POST', path: 'token', idempotent: true, body: () => `assertion=${(made += 1)}`, operation: 'issuing a token' });
    expect(response.status).toBe(200);
    expect(server.calls.map((call) => call.body)).toEqual(['assertion=1', 'assertion=2']);
  });

  it('streams a response body', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(Buffer.alloc(100_000, 7));
    });
    const { client } = testClient(server.url);
    const response = await client.request({ method: 'GET', path: 'content', operation: 'downloading' });
    let size = 0;
    for await (const chunk of response.stream()) size += (chunk as Buffer).length;
    expect(size).toBe(100_000);
  });

  it('spaces calls by the rate limit on the injected clock', async () => {
    let clock = 0;
    const server = await serve(json(200, {}));
    const sleeps: number[] = [];
    const client = createHttpClient({
      provider: 'connective',
      baseUrl: server.url,
      outbound,
      rateLimit: { calls: 2, perMs: 1000 },
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    });
    const started: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      const response = await client.request({ method: 'GET', path: 'x', operation: 'x' });
      started.push(clock);
      await response.dump();
    }
    // Two calls at once, then two more once those have left the 1000 ms window (plus the margin for the provider's clock).
    const window = 1000 + WINDOW_MARGIN_MS;
    expect(started).toEqual([0, 0, window, window, 2 * window]);
    expect(sleeps).toEqual([window, window]);
    await client.close();
  });
});

describe('readProviderMessage', () => {
  it('reads problem+json and OAuth errors, and nothing else', () => {
    expect(readProviderMessage('{"type":"/x","title":"Bad","detail":"Title is required"}')).toBe('Title is required');
    expect(readProviderMessage('{"title":"Challenge requested","status":403}')).toBe('Challenge requested');
    expect(readProviderMessage('{"error":"invalid_client","error_description":"Bad secret"}')).toBe('Bad secret');
    expect(readProviderMessage({ Message: 'Connective says no' })).toBe('Connective says no');
    // A body that is not a provider's error is never repeated: the URL may lead somewhere else entirely.
    expect(readProviderMessage('Gateway down')).toBeUndefined();
    expect(readProviderMessage('<html>502</html>')).toBeUndefined();
    expect(readProviderMessage('{"instance":"db-1","password":"hunter2"}')).toBeUndefined();
    expect(readProviderMessage('["detail"]')).toBeUndefined();
    expect(readProviderMessage('')).toBeUndefined();
  });

  it('cuts a long message and removes control characters', () => {
    const message = readProviderMessage(JSON.stringify({ detail: `line one\nline two ${'x'.repeat(1000)}` }))!;
    expect(message.startsWith('line one line two')).toBe(true);
    expect(message).toHaveLength(300);
  });
});

describe('the outbound guard in the client', () => {
  it('refuses a loopback URL by default, without connecting, as a destination-refused error', async () => {
    const server = await serve(json(200, {}));
    const client = createHttpClient({ provider: 'autenti', baseUrl: server.url, sleep: async () => undefined });
    const error = await client.request({ method: 'GET', path: 'x', operation: 'listing things' }).catch((caught: unknown) => caught);
    expect(ProviderError.is(error, 'destination-refused')).toBe(true);
    expect((error as ProviderError).retryable).toBe(false);
    expect((error as ProviderError).message).toContain('COUNTERSIGN_ALLOW_PRIVATE_URLS');
    expect(server.calls).toHaveLength(0);
    await client.close();
  });

  it('refuses a name that resolves to loopback at connection time, without connecting', async () => {
    const server = await serve(json(200, {}));
    const port = new URL(server.url).port;
    const client = createHttpClient({
      provider: 'autenti',
      baseUrl: `https://rebound.example:${port}/api/`,
      outbound: { allow: NOTHING_ALLOWED, lookup: async () => [{ address: '127.0.0.1', family: 4 }] },
      sleep: async () => undefined,
    });
    const error = await client.request({ method: 'GET', path: 'x', operation: 'listing things' }).catch((caught: unknown) => caught);
    expect(ProviderError.is(error, 'destination-refused')).toBe(true);
    expect((error as ProviderError).message).toContain('rebound.example (which resolves to 127.0.0.1)');
    expect(server.calls).toHaveLength(0);
    await client.close();
  });

  it('never follows a redirect', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      response.end();
    });
    const { client } = testClient(server.url);
    const response = await client.request({ method: 'GET', path: 'x', operation: 'listing things' });
    expect(response.status).toBe(302);
    await response.dump();
    expect(server.calls).toHaveLength(1);
  });

  it('names the status and the host for an answer that is not a provider error, never its body', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(400, { 'content-type': 'text/html' });
      response.end('<html><body>internal admin panel: secret=s3cr3t</body></html>');
    });
    const { client } = testClient(server.url);
    const response = await client.request({ method: 'GET', path: 'x', operation: 'listing things' });
    const error = await responseError('autenti', response, 'listing things');
    expect(error.message).toBe(`Autenti (${new URL(server.url).host}) refused listing things (HTTP 400).`);
    expect(error.providerMessage).toBeNull();
  });
});

describe('what the runtime gives the client', () => {
  it('aborts a request in flight when its signal aborts, and logs the attempt as aborted', async () => {
    // A provider that takes the request and never answers.
    const server = await serve(() => undefined);
    const { client, logs } = testClient(server.url);
    const controller = new AbortController();
    const pending = client.withSignal(controller.signal).request({ method: 'GET', path: 'slow', operation: 'reading something slow' });
    await expect.poll(() => server.calls.length).toBe(1);
    controller.abort(new Error('the job was stopped'));
    await expect(pending).rejects.toThrow('the job was stopped');
    expect(logs.map((log) => [log.status, log.error])).toEqual([[null, 'ABORTED']]);
  });

  it('lets the client’s own signal and a call’s each stop a request, also while its answer is being read, and the first reason wins', async () => {
    // A provider that sends its headers and the start of a body, then nothing more.
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"items": [');
    });
    for (const which of ['client', 'call'] as const) {
      const clientSignal = new AbortController();
      const callSignal = new AbortController();
      const { client } = testClient(server.url, { signal: clientSignal.signal });
      const response = await client.withSignal(callSignal.signal).request({ method: 'GET', path: 'slow', operation: 'reading something slow' });
      const reading = response.json();
      (which === 'client' ? clientSignal : callSignal).abort(new Error(`stopped by the ${which}`));
      (which === 'client' ? callSignal : clientSignal).abort(new Error('too late'));
      await expect(reading).rejects.toThrow(`stopped by the ${which}`);
    }
  });

  it('does not send an attempt whose signal aborted while it waited for its place', async () => {
    const server = await serve(json(200, {}));
    const controller = new AbortController();
    // A limiter that hands out the place all the same once the caller has given up.
    const rateLimiter = {
      acquire: async () => {
        controller.abort(new Error('stopped while waiting for a place'));
        return () => undefined;
      },
    };
    const { client, logs } = testClient(server.url, { rateLimiter });
    await expect(client.request({ method: 'GET', path: 'things', operation: 'listing things', signal: controller.signal })).rejects.toThrow('stopped while waiting for a place');
    expect(server.calls).toHaveLength(0);
    expect(logs.map((log) => log.error)).toEqual(['ABORTED']);
  });

  it('does not call the provider at all once the client’s own signal has aborted (a disposed adapter)', async () => {
    const server = await serve(json(200, {}));
    const controller = new AbortController();
    const { client } = testClient(server.url, { signal: controller.signal });
    controller.abort(new Error('disposed'));
    await expect(client.request({ method: 'GET', path: 'things', operation: 'listing things' })).rejects.toThrow('disposed');
    expect(server.calls).toHaveLength(0);
  });

  it('stops waiting for a retry when the signal aborts', async () => {
    const server = await serve(json(503, {}));
    const controller = new AbortController();
    const { client } = testClient(server.url, { sleep: () => new Promise(() => undefined) });
    const pending = client.request({ method: 'GET', path: 'things', operation: 'listing things', signal: controller.signal });
    await expect.poll(() => server.calls.length).toBe(1);
    controller.abort(new Error('stopped while waiting'));
    await expect(pending).rejects.toThrow('stopped while waiting');
    expect(server.calls).toHaveLength(1);
  });

  it('takes a place from the runtime’s rate limiter before every attempt, and tells it when the answer came', async () => {
    const server = await serve(json(503, {}), json(200, {}));
    const acquired: Array<AbortSignal | undefined> = [];
    const steps: string[] = [];
    const controller = new AbortController();
    const rateLimiter = {
      acquire: async (signal?: AbortSignal) => {
        acquired.push(signal);
        steps.push(`place ${acquired.length}, ${server.calls.length} answered`);
        return () => void steps.push(`answered ${server.calls.length}`);
      },
    };
    const { client } = testClient(server.url, { rateLimiter });
    await client.request({ method: 'GET', path: 'things', operation: 'listing things', signal: controller.signal });
    expect(acquired.every((signal) => signal === controller.signal)).toBe(true);
    expect(steps).toEqual(['place 1, 0 answered', 'answered 1', 'place 2, 1 answered', 'answered 2']);
  });

  it('logs the host and the path with ids replaced, never the query', async () => {
    const server = await serve(json(200, {}));
    const { client, logs } = testClient(server.url);
    await client.request({ method: 'GET', path: 'document-processes/DOCUMENT_PROCESS:1f0c2a/files/8d6e4c2b9a1f?token=s3cret', operation: 'reading a file' });
    expect(logs[0]).toMatchObject({ method: 'GET', host: new URL(server.url).host, path: '/api/document-processes/{id}/files/{id}', status: 200, attempt: 1 });
    expect(JSON.stringify(logs)).not.toContain('s3cret');
  });
});

describe('pathTemplate', () => {
  it('replaces segments that look like ids and keeps words and versions', () => {
    expect(pathTemplate('/api/v2/document-processes/DOCUMENT_PROCESS:ab12/files/FILE-DTBS%3Aac84%2FDTBS/content')).toBe(
      '/api/v2/document-processes/{id}/files/{id}/content',
    );
    expect(pathTemplate('/esig/webportalapi/v3/packages/3f2504e0-4f89-11d3-9a0c-0305e82c3301/status')).toBe('/esig/webportalapi/v3/packages/{id}/status');
    expect(pathTemplate('/api/v2/auth/token')).toBe('/api/v2/auth/token');
  });
});
