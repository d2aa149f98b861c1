import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../errors.js';
import { LOOPBACK_ALLOWED } from '../../net/outbound-guard.js';
import { createHttpClient } from '../http.js';
import type { TokenSource } from './auth.js';
import { createAutentiClient, idSegment } from './client.js';
import { localServers } from '../../../test/support/local-server.js';

const listen = localServers('/api/v2/');


/** Hands out `token-1`, `token-2`… and records invalidations. */
function fakeTokens(): TokenSource & { invalidated: string[] } {
  let current = 1;
  const invalidated: string[] = [];
  return {
    invalidated,
    async token() {
      return `token-${current}`;
    },
    invalidate(token) {
      invalidated.push(token);
      current += 1;
    },
  };
}

const MB = 1024 * 1024;

/** `size` bytes of a repeating pattern, produced only when read; `produced` counts what left the source. */
function generated(size: number, counter: { produced: number }): Readable {
  const chunk = Buffer.alloc(64 * 1024, 'countersign-');
  let remaining = size;
  return new Readable({
    read() {
      if (remaining === 0) return void this.push(null);
      const next = chunk.subarray(0, Math.min(chunk.length, remaining));
      remaining -= next.length;
      counter.produced += next.length;
      this.push(next);
    },
  });
}

describe('uploadFile', () => {
  it('streams a 30 MB document: the client never runs far ahead of what the server has received', async () => {
    const size = 30 * MB;
    const counter = { produced: 0 };
    let received = 0;
    let maxLead = 0;
    const hash = createHash('sha256');
    let head = '';
    let tail = Buffer.alloc(0);
    const url = await listen((request, response) => {
      request.on('data', (data: Buffer) => {
        received += data.length;
        maxLead = Math.max(maxLead, counter.produced - received);
        if (head.length < 1024) head += data.toString('latin1');
        hash.update(data);
        tail = Buffer.concat([tail, data]).subarray(-200);
      });
      request.on('end', () => {
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id: 'FILE:ca0c4ddf-0c73-4530-a2c1-4f7efdd85c1d', filename: 'big.pdf' }));
      });
    });
    const client = createAutentiClient(createHttpClient({ provider: 'autenti', outbound: { allow: LOOPBACK_ALLOWED }, baseUrl: url }), fakeTokens());
    const fileId = await client.uploadFile('DOCUMENT_PROCESS:cc37ffda-dcce-43f0-8c5a-e1af0868dbdf', {
      filename: 'big.pdf',
      mediaType: 'application/pdf',
      size,
      open: async () => generated(size, counter),
    });
    expect(fileId).toBe('FILE:ca0c4ddf-0c73-4530-a2c1-4f7efdd85c1d');
    expect(counter.produced).toBe(size);
    // Multipart framing around exactly the document's bytes.
    expect(head).toMatch(/^--(countersign-[0-9a-f]+)\r\nContent-Disposition: form-data; name="fileMeta"\r\nContent-Type: application\/json\r\n\r\n/);
    expect(head).toContain('{"filename":"big.pdf","filePurpose":"SOURCE_FILE","mimeType":"application/pdf"}');
    expect(head).toContain('Content-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/octet-stream\r\n\r\n');
    expect(tail.toString('latin1')).toMatch(/\r\n--countersign-[0-9a-f]+--\r\n$/);
    expect(received).toBeGreaterThan(size);
    expect(received).toBeLessThan(size + 1024);
    // Buffering the document would put all 30 MB ahead of the first byte the server sees. Streamed,
    // the lead is what the kernel's socket buffers and the streams' high-water marks hold (about
    // 5 MB on loopback here; the bound leaves room for larger socket buffers elsewhere).
    expect(maxLead).toBeLessThan(12 * MB);
  });

  it('sends an exact Content-Length when the size is known', async () => {
    let contentLength: string | undefined;
    let bodyLength = 0;
    const url = await listen((request, response) => {
      contentLength = request.headers['content-length'];
      request.on('data', (data: Buffer) => (bodyLength += data.length));
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    const client = createAutentiClient(createHttpClient({ provider: 'autenti', outbound: { allow: LOOPBACK_ALLOWED }, baseUrl: url }), fakeTokens());
    const id = await client.uploadFile('DOCUMENT_PROCESS:1', {
      filename: 'umowa "zażółć".pdf',
      mediaType: 'application/pdf',
      size: 5,
      open: async () => Readable.from([Buffer.from('%PDF-')]),
    });
    expect(id).toBeUndefined();
    expect(Number(contentLength)).toBe(bodyLength);
  });
});

describe('calls', () => {
  it('repeats a call once with a fresh token after a 401', async () => {
    const seen: Array<string | undefined> = [];
    const url = await listen((request, response) => {
      seen.push(request.headers.authorization);
      if (seen.length === 1) return void response.writeHead(401).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"DOCUMENT_PROCESS:1","status":"DRAFT"}');
    });
    const tokens = fakeTokens();
    const client = createAutentiClient(createHttpClient({ provider: 'autenti', outbound: { allow: LOOPBACK_ALLOWED }, baseUrl: url }), tokens);
    expect((await client.getProcess('DOCUMENT_PROCESS:1')).status).toBe('DRAFT');
    expect(seen).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(tokens.invalidated).toEqual(['token-1']);
  });

  it('repeats it again when the token after the first 401 was revoked too, and gives up at the third 401', async () => {
    const seen: Array<string | undefined> = [];
    let refusals = 2;
    const url = await listen((request, response) => {
      seen.push(request.headers.authorization);
      if (refusals-- > 0) return void response.writeHead(401).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"DOCUMENT_PROCESS:1","status":"DRAFT"}');
    });
    const tokens = fakeTokens();
    const client = createAutentiClient(createHttpClient({ provider: 'autenti', outbound: { allow: LOOPBACK_ALLOWED }, baseUrl: url }), tokens);
    expect((await client.getProcess('DOCUMENT_PROCESS:1')).status).toBe('DRAFT');
    expect(seen).toEqual(['Bearer token-1', 'Bearer token-2', 'Bearer token-3']);

    refusals = 3;
    const error = await client.getProcess('DOCUMENT_PROCESS:1').catch((caught: unknown) => caught);
    expect(ProviderError.is(error)).toBe(true);
    expect((error as ProviderError).message).toContain('HTTP 401');
    expect(seen).toHaveLength(6);
  });

  it('keeps Autenti\'s problem+json detail in the error', async () => {
    const url = await listen((_request, response) => {
      response.writeHead(400, { 'content-type': 'application/problem+json' });
      response.end(JSON.stringify({ type: '/validation', title: 'Bad Request', status: 400, detail: 'Party email is not valid' }));
    });
    const client = createAutentiClient(createHttpClient({ provider: 'autenti', outbound: { allow: LOOPBACK_ALLOWED }, baseUrl: url }), fakeTokens());
    const error = await client.createProcess({ title: 'x' }).catch((e: unknown) => e);
    expect(ProviderError.is(error, 'validation')).toBe(true);
    expect((error as ProviderError).providerMessage).toBe('Party email is not valid');
    expect((error as ProviderError).message).toBe('Autenti refused creating the document process (HTTP 400): Party email is not valid');
  });

  it('puts ids in paths as the seed writes them, escaping a slash in file ids', async () => {
    const paths: string[] = [];
    const url = await listen((request, response) => {
      paths.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end('x');
    });
    const client = createAutentiClient(createHttpClient({ provider: 'autenti', outbound: { allow: LOOPBACK_ALLOWED }, baseUrl: url }), fakeTokens());
    (await client.openFileContent('DOCUMENT_PROCESS:ac842283', 'FILE-DTBS:ac842283/DTBS')).resume();
    expect(paths).toEqual(['/api/v2/document-processes/DOCUMENT_PROCESS:ac842283/files/FILE-DTBS:ac842283%2FDTBS/content']);
    expect(idSegment('DOCUMENT_PROCESS:cc37ffda-dcce-43f0-8c5a-e1af0868dbdf')).toBe('DOCUMENT_PROCESS:cc37ffda-dcce-43f0-8c5a-e1af0868dbdf');
  });
});
