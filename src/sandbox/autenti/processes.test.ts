import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestClient,
  postJson,
  requestJwtBearerToken,
  samplePdf,
  sendAs,
  signAssertion,
  startTestSandbox,
  tokenFor,
  uploadFile,
  withdrawAs,
  type RunningSandbox,
  type TestClient,
} from './test-helpers.js';

let clock = new Date('2026-03-01T09:00:00.000Z');
const tick = () => {
  clock = new Date(clock.getTime() + 1000);
};
let sandbox: RunningSandbox;
let client: TestClient;
let token: string;
const OWNER = 'files.owner@example.com';

const headers = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });
const processUrl = (id: string) => `${sandbox.api}/document-processes/${id}`;

async function createProcess(body?: unknown): Promise<string> {
  tick();
  const response = await postJson(`${sandbox.api}/document-processes`, body, headers());
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

function put(id: string, body: unknown, extra: Record<string, string> = {}) {
  tick();
  return fetch(processUrl(id), { method: 'PUT', headers: headers({ 'content-type': 'application/json', ...extra }), body: JSON.stringify(body) });
}

const signer = (email: string, extra: Record<string, unknown> = {}) => ({ party: { firstName: 'Ann', lastName: 'Signer', email }, role: 'SIGNER', ...extra });

beforeAll(async () => {
  sandbox = await startTestSandbox({ now: () => clock, maxFileBytes: 64 * 1024 });
  client = await createTestClient(sandbox);
  // Assertions are checked against the sandbox clock.
  const seconds = clock.getTime() / 1000;
  const assertion = await signAssertion(sandbox, client, OWNER, { iat: seconds, exp: seconds + 600 });
  token = ((await (await requestJwtBearerToken(sandbox, client, assertion)).json()) as { access_token: string }).access_token;
});
afterAll(async () => sandbox?.close());

describe('validation', () => {
  const cases: [string, unknown, RegExp][] = [
    ['missing email', { title: 'T', parties: [{ party: { firstName: 'A', lastName: 'B' }, role: 'SIGNER' }] }, /parties\[0\]\.party\.email is required/],
    ['unknown role', { title: 'T', parties: [{ party: { firstName: 'A', lastName: 'B', email: 'a@b.co' }, role: 'NOTARY' }] }, /parties\[0\]\.role must be one of SIGNER, APPROVER, VIEWER, REVIEWER/],
    [
      'a VISUALISATION box of no width',
      { title: 'T', parties: [signer('a@b.co', { constraints: [{ classifiers: ['CONSTRAINT-UNIQUE_TYPE:VISUALISATION'], attributes: { fileId: 'FILE-SOURCE_FILE:x', page: 1, x: 10, y: 10, width: 0, height: 20 } }] })] },
      /parties\[0\]\.constraints\[0\]\.attributes\.width must be a positive number/,
    ],
    [
      'a VISUALISATION box on page 0',
      { title: 'T', parties: [signer('a@b.co', { constraints: [{ classifiers: ['CONSTRAINT-UNIQUE_TYPE:VISUALISATION'], attributes: { fileId: 'FILE-SOURCE_FILE:x', page: 0, x: 10, y: 10, width: 100, height: 20 } }] })] },
      /parties\[0\]\.constraints\[0\]\.attributes\.page must be a page number from 1/,
    ],
    [
      'bad priority',
      { title: 'T', parties: [signer('a@b.co', { constraints: [{ classifiers: ['CONSTRAINT-UNIQUE_TYPE:PARTICIPATION_PRIORITY'], attributes: { priority: 0 } }] })] },
      /parties\[0\]\.constraints\[0\]\.attributes\.priority must be an integer from 1/,
    ],
    [
      'bad signature type',
      { title: 'T', parties: [signer('a@b.co', { constraints: [{ classifiers: ['CONSTRAINT-UNIQUE_TYPE:SIGNATURE_TYPE'], attributes: { requiredClassifiers: ['QUALIFIED'] } }] })] },
      /requiredClassifiers\[0\] must be SIGNATURE_PROVIDER-SIGNATURE_TYPE:BASIC/,
    ],
    [
      'OTP without a phone number',
      { title: 'T', parties: [signer('a@b.co', { constraints: [{ classifiers: ['CONSTRAINT-UNIQUE_TYPE:DOCUMENT_ACCESS_OTP_AUTHORIZATION'] }] })] },
      /DOCUMENT_ACCESS_OTP_AUTHORIZATION needs a PHONE_NUMBER constraint/,
    ],
    ['duplicate party', { title: 'T', parties: [signer('a@b.co'), signer('A@b.co')] }, /a@b\.co is already parties\[0\]/],
    ['missing title', { parties: [] }, /title is required/],
    ['implicit tag', { title: 'T', tags: [{ id: 'TAG:a1744c47235ff2bd81333333' }] }, /ORGANIZATION_IMPLICIT; it cannot be added explicitly/],
  ];
  for (const [name, body, detail] of cases) {
    it(`refuses ${name} with a 400 naming the field`, async () => {
      const id = await createProcess();
      const response = await put(id, body);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await response.json()) as { detail: string }).detail).toMatch(detail);
    });
  }
});

describe('versions and states', () => {
  it('increments the version on each change and refuses a stale PATCH with 409', async () => {
    const id = await createProcess();
    const patch = (version: string | undefined, body: unknown, type = 'application/merge-patch+json') =>
      fetch(processUrl(id), { method: 'PATCH', headers: headers({ 'content-type': type, ...(version === undefined ? {} : { version }) }), body: JSON.stringify(body) });
    const first = await patch('0', { title: 'First' });
    expect(first.status).toBe(200);
    expect(first.headers.get('version')).toBe('1');
    const stale = await patch('0', { title: 'Second' });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ type: '/conflict', currentVersion: 1 });
    expect((await patch(undefined, { title: 'No version' })).status).toBe(400);
    expect((await patch('1', { title: 'Wrong type' }, 'application/json')).status).toBe(415);
    const second = await patch('1', { description: 'kept', parties: [signer('keep@example.com')] });
    expect(second.status).toBe(200);
    const third = (await (await patch('2', { title: 'Third' })).json()) as { title: string; description: string; parties: unknown[] };
    expect(third).toMatchObject({ title: 'Third', description: 'kept' });
    expect(third.parties).toHaveLength(2);
  });

  it('refuses changes once sent (409), and withdrawal ends in WITHDRAWN', async () => {
    const id = await createProcess();
    await put(id, { title: 'Sent', parties: [signer('sent.signer@example.com')] });
    await uploadFile(sandbox.api, token, id, { filename: 'a.pdf', mimeType: 'application/pdf', bytes: await samplePdf() });
    expect((await sendAs(sandbox.api, token, id)).status).toBe(200);
    const again = await put(id, { title: 'Too late' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { detail: string }).detail).toMatch(/only while the document process is DRAFT; .* is PROCESSING/);
    expect((await uploadFile(sandbox.api, token, id, { filename: 'b.pdf', mimeType: 'application/pdf', bytes: await samplePdf() })).status).toBe(409);
    expect((await withdrawAs(sandbox.api, token, id)).status).toBe(200);
    expect(((await (await fetch(processUrl(id), { headers: headers() })).json()) as { status: string }).status).toBe('WITHDRAWN');
  });
});

describe('listing', () => {
  it('answers an array for JSON and one object per line for stream+json, ordered and filtered by modifiedAfter', async () => {
    const fresh = await startTestSandbox();
    try {
      const freshClient = await createTestClient(fresh);
      const freshToken = await tokenFor(fresh, freshClient, 'lister@example.com');
      const ids: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        ids.push(((await (await postJson(`${fresh.api}/document-processes`, { title: `P${i}` }, { authorization: `Bearer ${freshToken}` })).json()) as { id: string }).id);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const all = (await (await fetch(`${fresh.api}/document-processes`, { headers: { authorization: `Bearer ${freshToken}`, accept: 'application/json' } })).json()) as { id: string; modifiedAt: string }[];
      expect(all.map((process) => process.id)).toEqual(ids);
      const stream = await fetch(`${fresh.api}/document-processes?status=DRAFT&modifiedAfter=${encodeURIComponent(all[0]!.modifiedAt)}`, {
        headers: { authorization: `Bearer ${freshToken}`, accept: 'application/stream+json' },
      });
      expect(stream.headers.get('content-type')).toMatch(/^application\/stream\+json/);
      const lines = (await stream.text()).trim().split('\n').map((line) => JSON.parse(line) as { id: string; status: string });
      expect(lines.map((process) => process.id)).toEqual(ids.slice(1));
      // The seed also writes the stream request with Content-Type instead of Accept.
      const viaContentType = await fetch(`${fresh.api}/document-processes?limit=1&offset=1`, { headers: { authorization: `Bearer ${freshToken}`, 'content-type': 'application/stream+json' } });
      expect((await viaContentType.text()).trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id)).toEqual([ids[1]]);
      const other = await tokenFor(fresh, freshClient, 'someone.else@example.com');
      expect(await (await fetch(`${fresh.api}/document-processes`, { headers: { authorization: `Bearer ${other}` } })).json()).toEqual([]);
      expect((await fetch(`${fresh.api}/document-processes?status=DONE`, { headers: { authorization: `Bearer ${freshToken}` } })).status).toBe(400);
      expect((await fetch(`${fresh.api}/document-processes?modifiedAfter=yesterday`, { headers: { authorization: `Bearer ${freshToken}` } })).status).toBe(400);
    } finally {
      await fresh.close();
    }
  });
});

describe('files', () => {
  it('accepts the listed types by content, refuses others (415) and too large files (413)', async () => {
    const id = await createProcess();
    const zip = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(100, 1)]);
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(100, 1)]);
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    expect((await uploadFile(sandbox.api, token, id, { filename: 'a.docx', mimeType: docx, bytes: zip })).status).toBe(200);
    expect((await uploadFile(sandbox.api, token, id, { filename: 'a.xls', bytes: ole })).status).toBe(200);
    const text = await uploadFile(sandbox.api, token, id, { filename: 'a.txt', mimeType: 'text/plain', bytes: Buffer.from('hello') });
    expect(text.status).toBe(415);
    const lying = await uploadFile(sandbox.api, token, id, { filename: 'a.pdf', mimeType: 'application/pdf', bytes: zip });
    expect(lying.status).toBe(415);
    expect(((await lying.json()) as { detail: string }).detail).toMatch(/does not match mimeType application\/pdf: it looks like a ZIP-based document/);
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(70 * 1024, 32)]);
    expect((await uploadFile(sandbox.api, token, id, { filename: 'big.pdf', mimeType: 'application/pdf', bytes: big })).status).toBe(413);
    const listed = (await (await fetch(`${processUrl(id)}/files`, { headers: headers({ accept: 'application/json' }) })).json()) as { filename: string; mimeType: string }[];
    expect(listed.map((file) => [file.filename, file.mimeType])).toEqual([
      ['a.docx', docx],
      ['a.xls', 'application/vnd.ms-excel'],
    ]);
  });

  it('serves content with ETag, Range (206) and If-Match (412), lists as stream, and deletes', async () => {
    const id = await createProcess();
    const pdf = await samplePdf('ranged');
    const element = (await (await uploadFile(sandbox.api, token, id, { filename: 'r.pdf', mimeType: 'application/pdf', bytes: pdf })).json()) as { id: string };
    const contentUrl = `${processUrl(id)}/files/${element.id}/content`;
    const full = await fetch(contentUrl, { headers: headers() });
    expect(full.status).toBe(200);
    expect(Buffer.from(await full.arrayBuffer()).equals(pdf)).toBe(true);
    const etag = full.headers.get('etag')!;
    const partial = await fetch(contentUrl, { headers: headers({ range: 'bytes=200-299', 'if-match': etag.replace(/"/g, '') }) });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe(`bytes 200-299/${pdf.length}`);
    expect(Buffer.from(await partial.arrayBuffer()).equals(pdf.subarray(200, 300))).toBe(true);
    const tail = await fetch(contentUrl, { headers: headers({ range: 'bytes=-10' }) });
    expect(Buffer.from(await tail.arrayBuffer()).equals(pdf.subarray(-10))).toBe(true);
    expect((await fetch(contentUrl, { headers: headers({ 'if-match': '"212431af2e7"' }) })).status).toBe(412);
    expect((await fetch(contentUrl, { headers: headers({ range: `bytes=${pdf.length + 5}-` }) })).status).toBe(416);
    const meta = (await (await fetch(`${processUrl(id)}/files/${encodeURIComponent(element.id)}`, { headers: headers() })).json()) as { id: string };
    expect(meta.id).toBe(element.id);
    const stream = await fetch(`${processUrl(id)}/files`, { headers: headers({ accept: 'application/stream+json' }) });
    expect((await stream.text()).trim().split('\n')).toHaveLength(1);
    // The seed's DELETE example names the file FILE:<uuid>.
    const short = element.id.replace('FILE-SOURCE_FILE:', 'FILE:');
    expect((await fetch(`${processUrl(id)}/files/${short}`, { method: 'DELETE', headers: headers() })).status).toBe(204);
    await uploadFile(sandbox.api, token, id, { filename: 's.pdf', mimeType: 'application/pdf', bytes: pdf });
    expect((await fetch(`${processUrl(id)}/files`, { method: 'DELETE', headers: headers() })).status).toBe(204);
    expect(await (await fetch(`${processUrl(id)}/files`, { headers: headers({ accept: 'application/json' }) })).json()).toEqual([]);
  });
});

describe('tags', () => {
  it('lists the seed tags, replaces and deletes a process\'s tags', async () => {
    expect(await (await fetch(`${sandbox.api}/tags`, { headers: headers() })).json()).toHaveLength(2);
    const id = await createProcess();
    expect((await fetch(`${processUrl(id)}/tags`, { method: 'PUT', headers: headers({ 'content-type': 'application/json' }), body: '[{"id":"TAG:unknown"}]' })).status).toBe(400);
    expect((await fetch(`${processUrl(id)}/tags`, { method: 'PUT', headers: headers({ 'content-type': 'application/json' }), body: '[{"id":"TAG:5f744c47223ddf2bd8133306"}]' })).status).toBe(200);
    expect((await fetch(`${sandbox.api}/documents/${id}/tags`, { method: 'DELETE', headers: headers() })).status).toBe(204);
    expect(((await (await fetch(processUrl(id), { headers: headers() })).json()) as { tags: unknown[] }).tags).toEqual([]);
  });
});
