import { createHash, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LOOPBACK_ALLOWED } from '../../net/outbound-guard.js';
import { ProviderError } from '../errors.js';
import { createHttpClient } from '../http.js';
import { createConnectiveClient } from './client.js';
import { connectiveApiRoot, createConnectiveProvider } from './index.js';
import { localServers } from '../../../test/support/local-server.js';

const listen = localServers('/webportalapi/v3/');


const answer = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

function clientFor(baseUrl: string, http: Parameters<typeof createHttpClient>[0] extends infer O ? Partial<O> : never = {}) {
  return createConnectiveClient(
    createHttpClient({ provider: 'connective', baseUrl, outbound: { allow: LOOPBACK_ALLOWED }, sleep: async () => {}, ...http }),
    { username: 'api-user', password: 'pässword' },
  );
}

describe('Connective client', () => {
  it('authenticates with HTTP Basic as the API user, relative to the API root', async () => {
    const seen: Array<{ url?: string; authorization?: string }> = [];
    const url = await listen((request, response) => {
      seen.push({ url: request.url, authorization: request.headers.authorization });
      answer(response, 200, { ContinuationToken: null, MaxQuantity: 1, Total: 0, Items: [] });
    });
    await clientFor(url).listPackages({ maxQuantity: 1, createdAfter: '2026-01-01T00:00:00.000Z' });
    expect(seen).toEqual([
      { url: '/webportalapi/v3/packages?MaxQuantity=1&createdAfterDate=2026-01-01T00%3A00%3A00.000Z', authorization: `Basic ${Buffer.from('api-user:pässword').toString('base64')}` },
    ]);
  });

  it('says plainly that a 401 means the API username or password', async () => {
    const url = await listen((_request, response) => answer(response, 401, { ErrorCode: 'Authentication.Failed', Message: 'Invalid credentials.' }));
    const error = await clientFor(url).getStatus('p1').catch((caught: unknown) => caught);
    expect(ProviderError.is(error, 'authentication')).toBe(true);
    expect((error as ProviderError).message).toMatch(/^The API username or password is not accepted by Connective eSignatures/);
    expect((error as ProviderError).providerMessage).toBe('Invalid credentials. (Authentication.Failed)');
  });

  it('keeps Connective\'s ErrorCode and Message, also from a list, and reads the status as the kind', async () => {
    const url = await listen((request, response) => {
      if (request.url?.includes('missing')) return answer(response, 404, { ErrorCode: 'Package.NotFound', Message: 'Package not found.' });
      if (request.url?.includes('process')) return answer(response, 400, [{ ErrorCode: 'Request.Invalid', Message: 'Unknown location id.' }]);
      answer(response, 409, { ErrorCode: 'Package.InvalidStatus', Message: 'The package is not pending.' });
    });
    const client = clientFor(url);
    await expect(client.getStatus('missing')).rejects.toMatchObject({ kind: 'not-found', providerMessage: 'Package not found. (Package.NotFound)' });
    await expect(client.setProcess('p1', { Stakeholders: [] })).rejects.toMatchObject({ kind: 'validation', httpStatus: 400, providerMessage: 'Unknown location id. (Request.Invalid)' });
    await expect(client.remind('p1')).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('The package is not pending.') });
  });

  it('turns throttling (429) into rate-limited with the wait Retry-After asks for', async () => {
    const url = await listen((_request, response) => answer(response, 429, { ErrorCode: 'Throttling.Exceeded', Message: 'Too many calls.' }, { 'retry-after': '42' }));
    // A wait longer than the client sleeps through comes back to the job queue.
    const error = await clientFor(url, { maxRetryAfterMs: 1000 }).getStatus('p1').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'rate-limited', retryable: true, retryAfterMs: 42_000, providerMessage: 'Too many calls.' });
  });

  it('treats a delete of a package already gone as done', async () => {
    const url = await listen((_request, response) => answer(response, 404, { ErrorCode: 'Package.NotFound', Message: 'gone' }));
    await expect(clientFor(url).deletePackage('p1')).resolves.toBeUndefined();
  });

  it('streams a document as base64 inside the JSON body, with its exact length, and a retried attempt starts from byte 0', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 1);
    const received: Array<{ length: string | undefined; body: Buffer }> = [];
    const url = await listen((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ length: request.headers['content-length'], body: Buffer.concat(chunks) });
        // The first attempt never reached Connective's logic (429): the client repeats it.
        if (received.length === 1) return answer(response, 429, { ErrorCode: 'Throttling.Exceeded', Message: 'wait' }, { 'retry-after': '0' });
        answer(response, 200, { DocumentId: 'd1', CreationTimestamp: '2026-11-30T10:00:00Z', Locations: [{ Id: 'l1', Label: 'par_1#1', PageNumber: 1 }] });
      });
    });
    let opened = 0;
    const added = await clientFor(url).addDocument('p1', {
      definition: { DocumentName: 'big.pdf', DocumentType: 'application/pdf', ExternalDocumentReference: 'doc_1', SigningFields: [{ MarkerOrFieldId: '#s', Label: 'par_1#1' }] },
      size: bytes.length,
      open: async () => {
        opened += 1;
        return Readable.from((function* () {
          for (let at = 0; at < bytes.length; at += 65_536) yield bytes.subarray(at, at + 65_536);
        })());
      },
    });
    expect(added).toEqual({ DocumentId: 'd1', CreationTimestamp: '2026-11-30T10:00:00Z', Locations: [{ Id: 'l1', Label: 'par_1#1', PageNumber: 1 }] });
    expect(opened).toBe(2);
    for (const attempt of received) {
      expect(Number(attempt.length)).toBe(attempt.body.length);
      const json = JSON.parse(attempt.body.toString('utf8')) as { Document: string; DocumentName: string; ExternalDocumentReference: string };
      expect(json.DocumentName).toBe('big.pdf');
      expect(json.ExternalDocumentReference).toBe('doc_1');
      expect(createHash('sha256').update(Buffer.from(json.Document, 'base64')).digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });
});

describe('connection URL', () => {
  it('adds the API path to an environment URL, and keeps one that already names the API', () => {
    expect(connectiveApiRoot('https://esignatures.connective.eu')).toBe('https://esignatures.connective.eu/webportalapi/v3/');
    expect(connectiveApiRoot('https://acme.example/esig/')).toBe('https://acme.example/esig/webportalapi/v3/');
    expect(connectiveApiRoot('https://acme.example/webportalapi/v3')).toBe('https://acme.example/webportalapi/v3/');
    expect(connectiveApiRoot('http://127.0.0.1:4000/sandbox/connective/webportalapi/v3/')).toBe('http://127.0.0.1:4000/sandbox/connective/webportalapi/v3/');
  });

  it('verify() names the API user, and says the URL is wrong when nothing answers there', async () => {
    const url = await listen((request, response) => {
      if (request.url?.startsWith('/webportalapi/v3/packages')) return answer(response, 200, { ContinuationToken: null, MaxQuantity: 1, Total: 0, Items: [] });
      response.writeHead(404).end('<html>not here</html>');
    });
    const connection = { id: 'con_1', provider: 'connective' as const, credentials: { username: 'api-user', password: 'secret' }, outbound: { allow: LOOPBACK_ALLOWED } };
    const good = createConnectiveProvider({ ...connection, baseUrl: url.replace('/webportalapi/v3/', '') });
    const bad = createConnectiveProvider({ ...connection, baseUrl: `${url}../../elsewhere/` });
    try {
      await expect(good.verify()).resolves.toEqual({ account: 'api-user' });
      const error = await bad.verify().catch((caught: unknown) => caught);
      expect(error).toMatchObject({ kind: 'not-found' });
      expect((error as ProviderError).message).toMatch(/There is no Connective eSignatures API at http:\/\/127\.0\.0\.1:\d+\/elsewhere\/webportalapi\/v3\/ \(HTTP 404\): check the environment URL/);
      expect((error as ProviderError).message).not.toContain('not here');
    } finally {
      await good.dispose();
      await bad.dispose();
    }
  });
});
