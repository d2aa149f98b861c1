import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

/** The requests the client sent, newest last, and what the fake server answers the next one. */
const sent: Request[] = [];
let answer: () => Response;

// openapi-fetch takes fetch and Request when the client is made, so both are replaced before api.ts
// loads. Node's Request needs an absolute URL, where a browser resolves the app's paths on its page.
class PageRequest extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === 'string' ? new URL(input, 'http://countersign.test') : input, init);
  }
}
vi.stubGlobal('Request', PageRequest);
vi.stubGlobal('fetch', async (request: Request) => {
  sent.push(request);
  request.signal.throwIfAborted();
  return answer();
});
// Test files share a worker's modules (vitest.config.ts, `isolate: false`): one that ran before may
// have loaded api.ts with Node's fetch already. So it loads afresh here, and again after.
vi.resetModules();
const { api, ApiError, isAbort, onSessionEnded, setCsrfToken } = await import('./api');
const { setLocale } = await import('./i18n');
// The test files after this one in the same worker get Node's own fetch and Request back.
afterAll(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

function lastRequest(): Request {
  const request = sent.at(-1);
  if (!request) throw new Error('no request was sent');
  return request;
}

async function refusal(call: Promise<unknown>): Promise<InstanceType<typeof ApiError>> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

beforeEach(() => {
  sent.length = 0;
  setCsrfToken(undefined);
  answer = () => json(200, {});
});

describe('the web app’s API client: what it sends', () => {
  it('fills the path template with its encoded parameters and sends the session cookie, no CSRF token on a read', async () => {
    answer = () => json(200, { id: 'env 1/2', title: 'Lease' });
    const envelope = await api.GET('/api/v1/envelopes/{envelopeId}', { params: { path: { envelopeId: 'env 1/2' } } });
    expect(envelope).toEqual({ id: 'env 1/2', title: 'Lease' });
    const request = lastRequest();
    expect(request.method).toBe('GET');
    expect(new URL(request.url).pathname).toBe('/api/v1/envelopes/env%201%2F2');
    expect(request.credentials).toBe('same-origin');
    expect(request.headers.get('Accept')).toBe('application/json');
    expect(request.headers.get('Content-Type')).toBeNull();
    setCsrfToken('token-1');
    await api.GET('/api/v1/session');
    expect(lastRequest().headers.get('X-CSRF-Token')).toBeNull();
  });

  it('leaves the unset filters out of the query', async () => {
    answer = () => json(200, { data: [], nextCursor: null });
    await api.GET('/api/v1/envelopes', { params: { query: { status: 'sent', q: undefined, limit: 25 } } });
    expect(new URL(lastRequest().url).search).toBe('?status=sent&limit=25');
  });

  it('sends a write as JSON with the CSRF token and the Idempotency-Key', async () => {
    setCsrfToken('token-1');
    await api.POST('/api/v1/keys', { body: { name: 'CRM', scopes: ['envelopes:read'] }, idempotencyKey: 'web-key-1' });
    const request = lastRequest();
    expect(request.method).toBe('POST');
    expect(request.headers.get('Content-Type')).toBe('application/json');
    expect(request.headers.get('X-CSRF-Token')).toBe('token-1');
    expect(request.headers.get('Idempotency-Key')).toBe('web-key-1');
    expect(await request.json()).toEqual({ name: 'CRM', scopes: ['envelopes:read'] });
  });

  it('sends no Content-Type with a write that has no body: the server refuses an empty JSON body', async () => {
    setCsrfToken('token-1');
    await api.POST('/api/v1/envelopes/{envelopeId}/remind', { params: { path: { envelopeId: 'env_1' } } });
    const request = lastRequest();
    expect(request.headers.get('Content-Type')).toBeNull();
    expect(request.headers.get('X-CSRF-Token')).toBe('token-1');
  });

  it('uploads a document as multipart/form-data, its boundary set by the runtime, the file in the part `file`', async () => {
    setCsrfToken('token-1');
    answer = () => json(201, { id: 'doc_1' });
    await api.uploadDocument(new File(['%PDF-1.7'], 'Lease.pdf', { type: 'application/pdf' }));
    const request = lastRequest();
    expect(new URL(request.url).pathname).toBe('/api/v1/documents');
    expect(request.headers.get('Content-Type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(request.headers.get('X-CSRF-Token')).toBe('token-1');
    const file = (await request.formData()).get('file');
    expect(file).toBeInstanceOf(File);
    expect((file as File).name).toBe('Lease.pdf');
    expect(await (file as File).text()).toBe('%PDF-1.7');
  });
});

describe('the web app’s API client: what it makes of the answer', () => {
  it('resolves a 204 to undefined', async () => {
    answer = () => new Response(null, { status: 204 });
    expect(await api.DELETE('/api/v1/users/{userId}', { params: { path: { userId: 'acc_1' } } })).toBeUndefined();
  });

  it('turns a problem+json refusal into an ApiError with its detail, its well-formed field errors and the current status', async () => {
    answer = () =>
      json(
        409,
        {
          type: '/problems/invalid-state',
          title: 'Invalid state',
          status: 409,
          detail: 'The envelope is sent; it cannot be edited.',
          errors: [{ path: 'participants[0].email', message: 'must be a valid email address' }, { path: 3 }],
          currentStatus: 'sent',
        },
        'application/problem+json',
      );
    const error = await refusal(api.POST('/api/v1/envelopes/{envelopeId}/send', { params: { path: { envelopeId: 'env_1' } } }));
    expect(error.status).toBe(409);
    expect(error.detail).toBe('The envelope is sent; it cannot be edited.');
    expect(error.errors).toEqual([{ path: 'participants[0].email', message: 'must be a valid email address' }]);
    expect(error.fieldErrors()).toEqual({ 'participants[0].email': 'Must be a valid email address' });
    expect(error.currentStatus).toBe('sent');
  });

  it('says what the server answered when a refusal is not problem+json (a proxy’s error page)', async () => {
    answer = () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'Content-Type': 'text/html' } });
    const error = await refusal(api.GET('/api/v1/documents'));
    expect(error.status).toBe(502);
    expect(error.detail).toBe('The server answered 502 Bad Gateway. Try again in a moment.');
  });

  it('refuses a success that is not JSON instead of handing it on', async () => {
    answer = () => new Response('<html>Countersign</html>', { status: 200, headers: { 'Content-Type': 'text/html' } });
    const error = await refusal(api.GET('/api/v1/documents'));
    expect(error.status).toBe(200);
    expect(error.detail).toBe('The server sent an answer the web app cannot read. Reload the page.');
  });

  it('hands a file asked for as bytes on as they came, and its refusal as an ApiError', async () => {
    answer = () => new Response(new Uint8Array([37, 80, 68, 70]), { status: 200, headers: { 'Content-Type': 'application/pdf' } });
    const bytes = await api.readDocumentFile('/api/v1/documents/{documentId}/rendition', 'doc_1');
    expect(lastRequest().url).toBe('http://countersign.test/api/v1/documents/doc_1/rendition');
    expect(new Uint8Array(bytes)).toEqual(new Uint8Array([37, 80, 68, 70]));
    answer = () => json(409, { status: 409, detail: 'Report.docx is still being converted to PDF.' }, 'application/problem+json');
    const error = await refusal(api.readDocumentFile('/api/v1/documents/{documentId}/rendition', 'doc_1'));
    expect(error.detail).toBe('Report.docx is still being converted to PDF.');
  });

  it('tells the listeners that the session ended on a 401, unless the call expects one (a wrong password)', async () => {
    const ended = vi.fn();
    const stopListening = onSessionEnded(ended);
    answer = () => json(401, { title: 'Unauthorized', status: 401, detail: 'Sign in again.' }, 'application/problem+json');
    expect((await refusal(api.GET('/api/v1/documents'))).status).toBe(401);
    expect(ended).toHaveBeenCalledTimes(1);
    expect((await refusal(api.POST('/api/v1/session', { body: { email: 'anna@example.com', password: 'wrong' }, ignoreUnauthorized: true }))).status).toBe(401);
    expect(ended).toHaveBeenCalledTimes(1);
    stopListening();
  });

  it('turns a network failure into an ApiError saying the server could not be reached', async () => {
    answer = () => {
      throw new TypeError('fetch failed');
    };
    const error = await refusal(api.GET('/api/v1/session'));
    expect(error.status).toBe(0);
    expect(error.detail).toMatch(/^Countersign could not be reached\./);
  });

  it('lets an abort through as an abort, not as a failure to show', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await api.GET('/api/v1/documents', { signal: controller.signal }).catch((caught: unknown) => caught);
    expect(isAbort(error)).toBe(true);
    expect(error).not.toBeInstanceOf(ApiError);
  });
});

describe('a body refused before it is sent', () => {
  afterAll(() => setLocale('en'));

  it('names the field and the mistake in the server’s words, in the page’s language, and sends nothing', async () => {
    const before = sent.length;
    const body = { title: 'Lease', documentIds: [], participants: [{ firstName: 'Anna', lastName: 'Nowak', email: 'not-an-email', role: 'signer' }] };
    const english = await refusal(api.POST('/api/v1/envelopes', { body } as never));
    expect(english.status).toBe(400);
    expect(english.detail).toBe('participants[0].email: must be a valid email address, e.g. name@example.com.');

    await setLocale('pl');
    const polish = await refusal(api.POST('/api/v1/envelopes', { body } as never));
    expect(polish.detail).toBe('participants[0].email: musi być prawidłowym adresem e-mail, np. jan@example.com.');
    expect(polish.errors).toEqual([{ path: 'participants[0].email', message: 'musi być prawidłowym adresem e-mail, np. jan@example.com' }]);
    expect(sent.length, 'nothing reached the server').toBe(before);
  });
});
