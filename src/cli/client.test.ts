import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CliError, CountersignClient } from './client.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A stand-in server that records each request and answers with what the test sets. */
let server: Server;
let url: string;
let received: Received[] = [];
let answer: (response: ServerResponse) => void = (response) => response.end();

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method!, url: request.url!, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(response);
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((closed) => server.close(closed));
});

beforeEach(() => {
  received = [];
});

const json = (status: number, body: unknown, type = 'application/json') => (response: ServerResponse) => {
  response.writeHead(status, { 'content-type': type });
  response.end(JSON.stringify(body));
};

/** The CliError a call is refused with. */
async function refusal(call: Promise<unknown>): Promise<CliError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe('CountersignClient', () => {
  const client = () => new CountersignClient({ url, apiKey: 'csk_test' });

  it('sends the key as a bearer token, fills the templated path (encoded) and returns the parsed answer', async () => {
    answer = json(200, { id: 'job_1', state: 'completed' });
    const job = await client().GET('/api/v1/jobs/{jobId}', { params: { path: { jobId: 'a/b c' } } });
    expect(job).toEqual({ id: 'job_1', state: 'completed' });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'GET', url: '/api/v1/jobs/a%2Fb%20c' });
    expect(received[0]!.headers.authorization).toBe('Bearer csk_test');
    expect(received[0]!.headers.accept).toBe('application/json');
  });

  it('sends a JSON body with the extra headers, and leaves out query values not given', async () => {
    answer = json(201, { id: 'env_1' });
    await client().POST('/api/v1/envelopes', { body: { title: 'T', documentIds: [], participants: [] }, headers: { 'idempotency-key': 'k1' } });
    expect(received[0]!.headers['idempotency-key']).toBe('k1');
    expect(received[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(received[0]!.body)).toEqual({ title: 'T', documentIds: [], participants: [] });

    answer = json(200, { data: [], nextCursor: null });
    await client().GET('/api/v1/envelopes', { params: { query: { limit: 5, status: undefined } } });
    expect(received[1]!.url).toBe('/api/v1/envelopes?limit=5');
  });

  it('resolves a 204 to undefined', async () => {
    answer = (response) => response.writeHead(204).end();
    await expect(client().DELETE('/api/v1/users/{userId}', { params: { path: { userId: 'usr_1' } } })).resolves.toBeUndefined();
  });

  it('turns a problem+json refusal into its detail and one line per field error', async () => {
    answer = json(
      422,
      { type: '/problems/invalid-request', title: 'Invalid request', status: 422, detail: 'The request is invalid.', errors: [{ path: 'participants[0].email', message: 'must be an email' }] },
      'application/problem+json',
    );
    const error = await refusal(client().POST('/api/v1/users', { body: { email: 'x', role: 'viewer' } }));
    expect(error.message).toBe('The request is invalid.');
    expect(error.details).toEqual(['participants[0].email: must be an email']);
  });

  it('says how to fix a refused key on 401', async () => {
    answer = json(401, { status: 401, detail: 'This API key was revoked.' }, 'application/problem+json');
    const error = await refusal(client().GET('/api/v1/keys'));
    expect(error.message).toBe('The server refused the API key: This API key was revoked.');
    expect(error.details[0]).toContain('COUNTERSIGN_API_KEY');
  });

  it('names the status of a refusal that is not Countersign’s (a proxy’s HTML page)', async () => {
    answer = (response) => response.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>');
    const error = await refusal(client().GET('/api/v1/keys'));
    expect(error.message).toBe('The server answered 502 Bad Gateway.');
    expect(error.details).toEqual([]);
  });

  it('refuses a success answer that is not JSON, rather than returning nothing', async () => {
    answer = (response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html>Welcome to nginx</html>');
    const error = await refusal(client().GET('/api/v1/keys'));
    expect(error.message).toContain(`What answered at ${url} is not Countersign`);
  });

  it('asks for a key before sending anything', async () => {
    const error = await refusal(new CountersignClient({ url, apiKey: undefined }).GET('/api/v1/keys'));
    expect(error.message).toContain('No API key. Set COUNTERSIGN_API_KEY');
    expect(received).toEqual([]);
  });

  it('says the server cannot be reached, why, and how to start it', async () => {
    const closed = createServer();
    await new Promise<void>((listening) => closed.listen(0, '127.0.0.1', listening));
    const nobody = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((done) => closed.close(done));
    const error = await refusal(new CountersignClient({ url: nobody, apiKey: 'csk_test' }).GET('/api/v1/keys'));
    expect(error.message).toBe(
      `Cannot reach Countersign at ${nobody} (ECONNREFUSED). Is the server running? Start it with \`npx countersign start\`, or set COUNTERSIGN_URL to where it runs.`,
    );
  });

  it('calls /api/v1 from the root of the address, whatever path it has', async () => {
    answer = json(200, { data: [] });
    await new CountersignClient({ url: `${url}/somewhere/`, apiKey: 'csk_test' }).GET('/api/v1/keys');
    expect(received[0]!.url).toBe('/api/v1/keys');
  });

  it('uploads a file from disk as the multipart field `file`, with the boundary in Content-Type', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'countersign-client-'));
    try {
      const file = join(folder, 'contract.pdf');
      writeFileSync(file, '%PDF-1.7 test content');
      answer = json(201, { id: 'doc_1' });
      const document = await client().uploadDocument(file, { 'idempotency-key': 'k2' });
      expect(document).toEqual({ id: 'doc_1' });
      const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(received[0]!.headers['content-type'] ?? '')?.[1];
      expect(boundary).toBeDefined();
      expect(received[0]!.body).toContain(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="contract.pdf"`);
      expect(received[0]!.body).toContain('%PDF-1.7 test content');
      expect(received[0]!.headers['idempotency-key']).toBe('k2');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('says which file it cannot read, without sending anything', async () => {
    const error = await refusal(client().uploadDocument(join(tmpdir(), 'countersign-no-such-file.pdf')));
    expect(error.message).toMatch(/^Cannot read .*countersign-no-such-file\.pdf: no such file\.$/);
    expect(received).toEqual([]);
  });

  it('returns a download’s response unread, and refuses a failed one like any call', async () => {
    answer = (response) => response.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7 signed');
    const response = await client().download('/api/v1/envelopes/{envelopeId}/artifacts/{artifactId}/content', {
      params: { path: { envelopeId: 'env_1', artifactId: 'art_1' } },
    });
    expect(response.bodyUsed).toBe(false);
    expect(await response.text()).toBe('%PDF-1.7 signed');
    expect(received[0]).toMatchObject({ url: '/api/v1/envelopes/env_1/artifacts/art_1/content' });
    expect(received[0]!.headers.accept).toBe('*/*');

    answer = json(404, { status: 404, detail: 'No artifact art_2.' }, 'application/problem+json');
    const error = await refusal(
      client().download('/api/v1/envelopes/{envelopeId}/artifacts/{artifactId}/content', { params: { path: { envelopeId: 'env_1', artifactId: 'art_2' } } }),
    );
    expect(error.message).toBe('No artifact art_2.');
  });
});

/** Never run: `tsc` (npm run typecheck) fails when a call that does not match the OpenAPI paths compiles. */
export async function callsCheckedByTheCompiler(client: CountersignClient): Promise<void> {
  // @ts-expect-error a path the API does not have
  await client.GET('/api/v1/envelope');
  // @ts-expect-error the path's {envelopeId} is required
  await client.GET('/api/v1/envelopes/{envelopeId}');
  // @ts-expect-error a role the API does not take
  await client.POST('/api/v1/users', { body: { email: 'a@example.com', role: 'emperor' } });
  const envelope = await client.GET('/api/v1/envelopes/{envelopeId}', { params: { path: { envelopeId: 'env_1' } } });
  // @ts-expect-error the answer is typed: an envelope has no `name`
  void envelope.name;
}
