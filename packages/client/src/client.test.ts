import { describe, expect, expectTypeOf, it } from 'vitest';
import { createCountersignClient } from './client.js';
import { CountersignError } from './errors.js';
import type { Envelope, EnvelopeSummary, FeedEvent } from './types.js';

/**
 * The client against a fake fetch that records each request and answers as the test says; the real
 * server's answers are test/e2e/client.test.ts.
 */
function fakeServer(answer: (request: Request, index: number) => Response | Promise<Response>) {
  const requests: Request[] = [];
  const client = createCountersignClient({
    baseUrl: 'https://sign.example.com/',
    apiKey: 'csk_test',
    fetch: async (request) => {
      requests.push(request.clone());
      return answer(request, requests.length - 1);
    },
  });
  return { client, requests };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('createCountersignClient', () => {
  it('sends the key as a bearer token, to the path under baseUrl, and resolves to the answer’s body', async () => {
    const { client, requests } = fakeServer(() => json({ id: 'env_1', title: 'Boat rental' }));
    const envelope = await client.GET('/api/v1/envelopes/{envelopeId}', { params: { path: { envelopeId: 'env_1' } } });
    expect(envelope).toEqual({ id: 'env_1', title: 'Boat rental' });
    expectTypeOf(envelope).toEqualTypeOf<Envelope>();
    expect(requests[0]!.url).toBe('https://sign.example.com/api/v1/envelopes/env_1');
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer csk_test');
  });

  it('sends Idempotency-Key when a POST is given one, beside the caller’s own headers, and none otherwise', async () => {
    const { client, requests } = fakeServer(() => json({ id: 'env_1', status: 'sending' }, 202));
    await client.POST('/api/v1/envelopes/{envelopeId}/send', { params: { path: { envelopeId: 'env_1' } }, idempotencyKey: 'crm-4711-send', headers: { 'x-trace': 'abc' } });
    await client.POST('/api/v1/envelopes/{envelopeId}/send', { params: { path: { envelopeId: 'env_1' } } });
    expect(requests.map((request) => [request.method, request.headers.get('idempotency-key'), request.headers.get('x-trace')])).toEqual([
      ['POST', 'crm-4711-send', 'abc'],
      ['POST', null, null],
    ]);
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer csk_test');
  });

  it('throws a refusal as a CountersignError with the problem’s status, title, detail and members', async () => {
    const problem = {
      type: '/api/v1/problems/invalid-state',
      title: 'Not allowed in the current status',
      status: 409,
      detail: 'Envelope env_1 is sent; only a ready (or failed) envelope can be sent.',
      instance: '/api/v1/envelopes/env_1/send',
      requestId: 'req-7',
      currentStatus: 'sent',
    };
    const { client } = fakeServer(() => new Response(JSON.stringify(problem), { status: 409, headers: { 'content-type': 'application/problem+json' } }));
    const error = await client.POST('/api/v1/envelopes/{envelopeId}/send', { params: { path: { envelopeId: 'env_1' } } }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(CountersignError);
    expect(CountersignError.is(error)).toBe(true);
    expect(error).toMatchObject({ status: 409, title: problem.title, detail: problem.detail, message: problem.detail, type: problem.type, requestId: 'req-7', errors: [] });
    expect((error as CountersignError).problem.currentStatus).toBe('sent');
  });

  it('carries the field errors of a 422, and makes a refusal that is not a problem (a proxy’s page) one too', async () => {
    const invalid = { type: '/api/v1/problems/validation-failed', title: 'The request cannot be carried out as given', status: 422, detail: 'participants[0].email: must be an email address', errors: [{ path: 'participants[0].email', message: 'must be an email address' }] };
    const { client } = fakeServer((_request, index) =>
      index === 0 ? json(invalid, 422) : new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } }),
    );
    const body = { title: 'Boat rental', documentIds: ['doc_1'], participants: [{ firstName: 'James', lastName: 'Dawson', email: 'nope', role: 'signer' as const, step: 1 }] };
    await expect(client.POST('/api/v1/envelopes', { body })).rejects.toMatchObject({ status: 422, errors: invalid.errors });
    const proxied = (await client.GET('/api/v1/envelopes').catch((thrown: unknown) => thrown)) as CountersignError;
    expect(proxied).toBeInstanceOf(CountersignError);
    expect(proxied).toMatchObject({ status: 502, title: 'HTTP 502', type: undefined, errors: [] });
    expect(proxied.detail).toMatch(/answered 502 Bad Gateway without a problem\+json body/);
  });

  it('pages through a list with `cursor` until nextCursor is null, keeping the caller’s filters', async () => {
    const pages: Record<string, { data: Array<{ id: string }>; nextCursor: string | null }> = {
      '': { data: [{ id: 'env_5' }, { id: 'env_4' }], nextCursor: 'env_4' },
      env_4: { data: [{ id: 'env_3' }, { id: 'env_2' }], nextCursor: 'env_2' },
      env_2: { data: [{ id: 'env_1' }], nextCursor: null },
    };
    const { client, requests } = fakeServer((request) => json(pages[new URL(request.url).searchParams.get('cursor') ?? '']));
    const ids: string[] = [];
    for await (const envelope of client.paginate('/api/v1/envelopes', { params: { query: { status: 'sent', limit: 2 } } })) {
      expectTypeOf(envelope).toEqualTypeOf<EnvelopeSummary>();
      ids.push(envelope.id);
    }
    expect(ids).toEqual(['env_5', 'env_4', 'env_3', 'env_2', 'env_1']);
    expect(requests.map((request) => new URL(request.url).search)).toEqual(['?status=sent&limit=2', '?status=sent&limit=2&cursor=env_4', '?status=sent&limit=2&cursor=env_2']);
  });

  it('pages through the events feed with `after` until hasMore is false, and stops early when the loop does', async () => {
    const { client, requests } = fakeServer((request) => {
      const after = new URL(request.url).searchParams.get('after');
      if (after === 'ev_2') return json({ data: [{ id: 'ev_3' }], nextCursor: 'ev_3', hasMore: false });
      return json({ data: [{ id: 'ev_1' }, { id: 'ev_2' }], nextCursor: 'ev_2', hasMore: true });
    });
    const ids: string[] = [];
    for await (const event of client.paginate('/api/v1/events', { params: { query: { after: 'ev_0', limit: 2 } } })) {
      expectTypeOf(event).toEqualTypeOf<FeedEvent>();
      ids.push(event.id);
    }
    expect(ids).toEqual(['ev_1', 'ev_2', 'ev_3']);
    expect(requests.map((request) => new URL(request.url).searchParams.get('after'))).toEqual(['ev_0', 'ev_2']);

    // Breaking out of the loop asks for no further page.
    for await (const event of client.paginate('/api/v1/events')) if (event.id === 'ev_1') break;
    expect(requests).toHaveLength(3);
  });

  it('uploads a document as multipart, the part `file` with its name', async () => {
    const { client, requests } = fakeServer(() => json({ id: 'doc_1', filename: 'Agreement.pdf' }, 201));
    const document = await client.uploadDocument(new Blob(['%PDF-1.7 …'], { type: 'application/pdf' }), 'Agreement.pdf', { idempotencyKey: 'upload-1' });
    expect(document.id).toBe('doc_1');
    expect(requests[0]!.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(requests[0]!.headers.get('idempotency-key')).toBe('upload-1');
    const part = (await requests[0]!.formData()).get('file') as File;
    expect([part.name, await part.text()]).toEqual(['Agreement.pdf', '%PDF-1.7 …']);
  });
});
