import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../support/http.js';
import { FIXTURES } from '../support/fixtures.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';
import { queryServerDatabase } from '../support/server-database.js';

let server: ServerProcess;
let api: ApiClient;
let folder: ReturnType<typeof temporaryDataDir>;
let documentId: string;

const james = { firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', role: 'signer' };
const anna = { firstName: 'Anna', lastName: 'Nowak', email: 'anna.nowak@example.com', role: 'signer', step: 2 };

beforeAll(async () => {
  folder = temporaryDataDir();
  server = await startServer({ dataDir: folder.dataDir });
  api = apiClient(server.url, server.apiKey);
  const upload = await api.upload('/api/v1/documents', FIXTURES.pdf, 'Agreement.pdf');
  expect(upload.status).toBe(201);
  documentId = upload.body.id;
});

afterAll(async () => {
  await server?.stop();
  folder?.remove();
});

describe('creating envelopes', () => {
  it('is ready with a document and a signer, with participants in two steps', async () => {
    const created = await api.post('/api/v1/envelopes', {
      title: 'Boat rental agreement',
      message: 'Please sign',
      language: 'en',
      documentIds: [documentId],
      participants: [james, anna],
      externalRef: 'CRM-42',
      metadata: { deal: '42' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Boat rental agreement',
      status: 'ready',
      provider: null,
      providerReference: null,
      externalRef: 'CRM-42',
      metadata: { deal: '42' },
      documents: [{ id: documentId, filename: 'Agreement.pdf', mediaType: 'application/pdf' }],
    });
    expect(created.body.participants.map((participant: any) => [participant.email, participant.step, participant.status])).toEqual([
      ['james.dawson@example.com', 1, 'pending'],
      ['anna.nowak@example.com', 2, 'pending'],
    ]);
    expect(created.body.events.map((event: any) => event.type)).toEqual(['envelope-created']);
    expect(created.body).not.toHaveProperty('blobKey');

    const fetched = await api.get(`/api/v1/envelopes/${created.body.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(created.body);
  });

  it('is draft without a signer, and becomes ready when one is added, then draft again when removed', async () => {
    const viewer = { firstName: 'Vera', lastName: 'Viewer', email: 'vera@example.com', role: 'viewer' };
    const created = await api.post('/api/v1/envelopes', { title: 'Only a viewer', documentIds: [documentId], participants: [viewer] });
    expect(created.body.status).toBe('draft');

    const added = await api.post(`/api/v1/envelopes/${created.body.id}/participants`, james);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ email: james.email, role: 'signer', step: 1, status: 'pending' });
    expect((await api.get(`/api/v1/envelopes/${created.body.id}`)).body.status).toBe('ready');

    const removed = await api.delete(`/api/v1/envelopes/${created.body.id}/participants/${added.body.id}`);
    expect(removed.status).toBe(204);
    const after = await api.get(`/api/v1/envelopes/${created.body.id}`);
    expect(after.body.status).toBe('draft');
    expect(after.body.events.map((event: any) => event.type)).toEqual([
      'envelope-created',
      'participant-added',
      'envelope-ready',
      'participant-removed',
      'envelope-draft',
    ]);
  });

  it('edits title, documents and participants with PATCH', async () => {
    const created = await api.post('/api/v1/envelopes', { title: 'Draft', documentIds: [], participants: [james] });
    expect(created.body.status).toBe('draft');
    const patched = await api.patch(`/api/v1/envelopes/${created.body.id}`, { title: 'Final', documentIds: [documentId], message: null });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: 'Final', status: 'ready', message: null });
    const participant = patched.body.participants[0];
    const renamed = await api.patch(`/api/v1/envelopes/${created.body.id}/participants/${participant.id}`, { lastName: 'Dawson-Smith', step: 3 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ lastName: 'Dawson-Smith', step: 3, email: james.email });
  });

  it('deletes an envelope while it is being prepared, and its documents stay', async () => {
    const created = await api.post('/api/v1/envelopes', { title: 'To delete', documentIds: [documentId], participants: [james] });
    expect((await api.delete(`/api/v1/envelopes/${created.body.id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/envelopes/${created.body.id}`)).status).toBe(404);
    expect((await api.get(`/api/v1/documents/${documentId}`)).status).toBe(200);
  });
});

describe('who acted, in the history', () => {
  it('records who asked for each change on its line, and nobody on the lines that are provider news', async () => {
    const created = (await api.post('/api/v1/envelopes', { title: 'Who did it', documentIds: [documentId], participants: [james] })).body;
    await api.patch(`/api/v1/envelopes/${created.id}`, { message: 'Please sign' });
    const events = (await api.get(`/api/v1/envelopes/${created.id}`)).body.events;
    // The test server's key is the operator's COUNTERSIGN_API_KEY.
    expect(events.map((event: any) => [event.type, event.actor])).toEqual([
      ['envelope-created', { kind: 'environment', name: 'COUNTERSIGN_API_KEY' }],
      ['envelope-updated', { kind: 'environment', name: 'COUNTERSIGN_API_KEY' }],
    ]);
  });
});

describe('refusals', () => {
  it('names every bad field by its path', async () => {
    const response = await api.post('/api/v1/envelopes', {
      title: '',
      documentIds: [documentId],
      participants: [james, { ...anna, email: 'not-an-email', role: 'boss' }],
      surprise: true,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.type).toBe('/api/v1/problems/invalid-request');
    const paths = response.body.errors.map((error: any) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'participants[1].email', 'participants[1].role', 'surprise']));
    const email = response.body.errors.find((error: any) => error.path === 'participants[1].email');
    expect(email.message).toMatch(/valid email address/);
    expect(response.body.detail).toMatch(/\S/);
    await expectNoEnvelopeTitled('');
  });

  it('refuses unknown documents, duplicate people and past expiry with 422, creating nothing', async () => {
    const response = await api.post('/api/v1/envelopes', {
      title: 'Nothing should exist',
      documentIds: [documentId, 'doc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C'],
      participants: [james, { ...james, firstName: 'Jim' }],
      expiresAt: '2001-01-01T00:00:00Z',
    });
    expect(response.status).toBe(422);
    expect(response.body.type).toBe('/api/v1/problems/validation-failed');
    expect(response.body.errors.map((error: any) => error.path).sort()).toEqual(['documentIds[1]', 'expiresAt', 'participants[1].email']);
    await expectNoEnvelopeTitled('Nothing should exist');
  });

  it('says 404 for an unknown id and 400 for a malformed body', async () => {
    const missing = await api.get('/api/v1/envelopes/env_01JD3Q0T2W7M5XKQ1Y9V8B6N4C');
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toContain('env_01JD3Q0T2W7M5XKQ1Y9V8B6N4C');
    const malformed = await api.call('POST', '/api/v1/envelopes', { body: '{"title": ', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toMatch(/not valid JSON/);
    const route = await api.get('/api/v1/nothing-here');
    expect(route.status).toBe(404);
    expect(route.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses to edit an envelope past ready with 409 naming its status', async () => {
    const created = await api.post('/api/v1/envelopes', { title: 'Sent already', documentIds: [documentId], participants: [james] });
    await forceStatus(created.body.id, 'sent');
    const patched = await api.patch(`/api/v1/envelopes/${created.body.id}`, { title: 'Too late' });
    expect(patched.status).toBe(409);
    expect(patched.body).toMatchObject({ type: '/api/v1/problems/invalid-state', currentStatus: 'sent' });
    expect(patched.body.detail).toContain('sent');
    expect((await api.post(`/api/v1/envelopes/${created.body.id}/participants`, anna)).status).toBe(409);
    expect((await api.delete(`/api/v1/envelopes/${created.body.id}`)).status).toBe(409);
    const document = await api.delete(`/api/v1/documents/${documentId}`);
    expect(document.status).toBe(409);
    expect(document.body.currentStatus).toBe('sent');
    expect((await api.get(`/api/v1/envelopes/${created.body.id}`)).body.title).toBe('Sent already');
  });
});

describe('idempotency', () => {
  it('returns the first result for a repeat and creates nothing more', async () => {
    const body = { title: 'Idempotent', documentIds: [documentId], participants: [james] };
    const headers = { 'idempotency-key': 'create-idempotent-1' };
    const first = await api.call('POST', '/api/v1/envelopes', { json: body, headers });
    const second = await api.call('POST', '/api/v1/envelopes', { json: { participants: [james], documentIds: [documentId], title: 'Idempotent' }, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const listed = await api.get(`/api/v1/envelopes?q=Idempotent&limit=100`);
    expect(listed.body.data.filter((envelope: any) => envelope.title === 'Idempotent')).toHaveLength(1);
  });

  it('refuses the same key with a different body', async () => {
    const headers = { 'idempotency-key': 'create-idempotent-2' };
    await api.call('POST', '/api/v1/envelopes', { json: { title: 'One', documentIds: [], participants: [] }, headers });
    const other = await api.call('POST', '/api/v1/envelopes', { json: { title: 'Two', documentIds: [], participants: [] }, headers });
    expect(other.status).toBe(422);
    expect(other.body.type).toBe('/api/v1/problems/idempotency-key-reused');
    await expectNoEnvelopeTitled('Two');
  });

  it('lets a key be used again after its request was refused', async () => {
    const headers = { 'idempotency-key': 'create-idempotent-3' };
    const refused = await api.call('POST', '/api/v1/envelopes', { json: { title: 'Fix me', documentIds: ['doc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C'], participants: [] }, headers });
    expect(refused.status).toBe(422);
    const fixed = await api.call('POST', '/api/v1/envelopes', { json: { title: 'Fix me', documentIds: [documentId], participants: [] }, headers });
    expect(fixed.status).toBe(201);
  });
});

describe('listing', () => {
  it('pages with cursors without repeating or skipping rows while rows are inserted', async () => {
    const tag = `page-${Date.now()}`;
    const titles = Array.from({ length: 7 }, (_, index) => `${tag} #${index}`);
    for (const title of titles) await api.post('/api/v1/envelopes', { title, documentIds: [documentId], participants: [james] });

    const seen: string[] = [];
    let cursor: string | null = null;
    let inserted = false;
    do {
      const page: any = await api.get(`/api/v1/envelopes?q=${encodeURIComponent(tag)}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((envelope: any) => envelope.title));
      cursor = page.body.nextCursor;
      if (!inserted) {
        // A row added between pages is newer than every cursor handed out: it must not shift the pages.
        await api.post('/api/v1/envelopes', { title: `${tag} late`, documentIds: [documentId], participants: [james] });
        inserted = true;
      }
    } while (cursor);
    expect(seen).toEqual([...titles].reverse());
  });

  it('filters by status, external reference and participant', async () => {
    await api.post('/api/v1/envelopes', { title: 'Filter me', documentIds: [], participants: [{ ...anna, email: 'zoe.filter@example.com' }], externalRef: 'ERP-7' });
    const byRef = await api.get('/api/v1/envelopes?externalRef=ERP-7');
    expect(byRef.body.data.map((envelope: any) => envelope.title)).toEqual(['Filter me']);
    const byPerson = await api.get('/api/v1/envelopes?q=ZOE.FILTER');
    expect(byPerson.body.data.map((envelope: any) => envelope.title)).toEqual(['Filter me']);
    const drafts = await api.get('/api/v1/envelopes?status=draft&limit=100');
    expect(drafts.body.data.length).toBeGreaterThan(0);
    expect(drafts.body.data.every((envelope: any) => envelope.status === 'draft')).toBe(true);
    const wildcard = await api.get('/api/v1/envelopes?q=%25');
    expect(wildcard.body.data).toEqual([]);
  });

  it('refuses a cursor it did not issue and a bad status', async () => {
    const cursor = await api.get('/api/v1/envelopes?cursor=bogus');
    expect(cursor.status).toBe(400);
    expect(cursor.body.errors[0].path).toBe('cursor');
    const status = await api.get('/api/v1/envelopes?status=done');
    expect(status.status).toBe(400);
    expect(status.body.errors[0].path).toBe('query.status');
  });
});

describe('listing in order, narrowed and counted (the web app\'s tabs, sorting and dashboard)', () => {
  it('sorts by title, last change or status both ways, through cursor pages', async () => {
    const tag = `sort-${Date.now()}`;
    const ids: Record<string, string> = {};
    for (const title of ['b', 'A', 'c']) {
      ids[title] = (await api.post('/api/v1/envelopes', { title: `${tag} ${title}`, documentIds: [documentId], participants: [james] })).body.id;
    }
    // Changing the first makes it the last changed.
    await api.patch(`/api/v1/envelopes/${ids.b}`, { message: 'changed' });
    const titles = async (query: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await api.get(`/api/v1/envelopes?q=${tag}&limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status, JSON.stringify(page.body)).toBe(200);
        seen.push(...page.body.data.map((envelope: any) => envelope.title.slice(tag.length + 1)));
        cursor = page.body.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await titles('sort=title&order=asc')).toEqual(['A', 'b', 'c']);
    expect(await titles('sort=title')).toEqual(['c', 'b', 'A']);
    expect(await titles('sort=updated')).toEqual(['b', 'c', 'A']);
    expect(await titles('sort=created&order=asc')).toEqual(['b', 'A', 'c']);
    expect(await titles('sort=status&order=asc')).toHaveLength(3);
  });

  it('takes several statuses, a change since and an expiry before, and counts the same scope by status', async () => {
    const before = (await api.get('/api/v1/envelopes/counts')).body;
    expect(before.total).toBe(Object.values(before.byStatus).reduce((sum: number, count: any) => sum + count, 0));
    const start = new Date().toISOString();
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString();
    // Connective takes an expiry date (Autenti, the default, does not).
    const connectionId = (await api.get('/api/v1/connections')).body.data.find((connection: any) => connection.provider === 'connective').id;
    const draft = (await api.post('/api/v1/envelopes', { title: 'Counted draft', connectionId, documentIds: [], participants: [james], expiresAt: soon })).body;
    const ready = (await api.post('/api/v1/envelopes', { title: 'Counted ready', connectionId, documentIds: [documentId], participants: [james], expiresAt: later })).body;
    expect([draft.status, ready.status], JSON.stringify([draft, ready])).toEqual(['draft', 'ready']);

    const after = (await api.get('/api/v1/envelopes/counts')).body;
    expect(after.total).toBe(before.total + 2);
    expect(after.byStatus).toMatchObject({ draft: before.byStatus.draft + 1, ready: before.byStatus.ready + 1, sent: before.byStatus.sent });
    expect(Object.keys(after.byStatus).sort()).toEqual(['completed', 'deleted', 'draft', 'expired', 'failed', 'ready', 'rejected', 'sending', 'sent', 'withdrawn']);

    const both = await api.get(`/api/v1/envelopes?status=draft&status=ready&updatedSince=${encodeURIComponent(start)}`);
    expect(both.body.data.map((envelope: any) => envelope.title)).toEqual(['Counted ready', 'Counted draft']);
    const expiring = `expiresBefore=${encodeURIComponent(new Date(Date.now() + 7 * 86_400_000).toISOString())}`;
    expect((await api.get(`/api/v1/envelopes?${expiring}`)).body.data.map((envelope: any) => envelope.title)).toEqual(['Counted draft']);
    expect((await api.get(`/api/v1/envelopes/counts?${expiring}`)).body).toMatchObject({ total: 1, byStatus: { draft: 1, ready: 0 } });
    // A moment with an offset is the same moment.
    const sinceWithOffset = encodeURIComponent(start.replace('Z', '+00:00'));
    expect((await api.get(`/api/v1/envelopes/counts?status=ready&status=draft&updatedSince=${sinceWithOffset}`)).body.total).toBe(2);
    // A text search counts what the list finds with it.
    const searched = (await api.get(`/api/v1/envelopes/counts?q=counted&updatedSince=${encodeURIComponent(start)}`)).body;
    expect(searched).toMatchObject({ total: 2, byStatus: { draft: 1, ready: 1, sent: 0 } });
  });

  it('refuses a bad sort, order, status, moment or cursor with 400 naming the parameter', async () => {
    const refusals: Array<[string, string]> = [
      ['/api/v1/envelopes?sort=size', 'query.sort'],
      ['/api/v1/envelopes?order=up', 'query.order'],
      ['/api/v1/envelopes?status=sent&status=done', 'query.status[1]'],
      ['/api/v1/envelopes?updatedSince=yesterday', 'query.updatedSince'],
      ['/api/v1/envelopes?expiresBefore=2026-13-01', 'query.expiresBefore'],
      ['/api/v1/envelopes/counts?status=done', 'query.status'],
    ];
    for (const [url, path] of refusals) {
      const refused = await api.get(url);
      expect({ url, status: refused.status, type: refused.headers.get('content-type') }).toEqual({ url, status: 400, type: expect.stringContaining('application/problem+json') });
      expect({ url, paths: refused.body.errors.map((error: any) => error.path) }).toEqual({ url, paths: [path] });
      expect(refused.body.detail).toContain(path.replace(/^query\./, '').replace(/\[\d\]$/, ''));
    }
    const byTitle = await api.get('/api/v1/envelopes?sort=title&limit=1');
    expect(byTitle.body.nextCursor).not.toBeNull();
    const mixed = await api.get(`/api/v1/envelopes?sort=updated&limit=1&cursor=${byTitle.body.nextCursor}`);
    expect(mixed.status).toBe(400);
    expect(mixed.body.errors).toEqual([{ path: 'cursor', message: expect.stringContaining('sorted by title desc, not updated desc') }]);
  });
});

async function expectNoEnvelopeTitled(title: string): Promise<void> {
  const listed = await api.get('/api/v1/envelopes?limit=100');
  expect(listed.body.data.filter((envelope: any) => envelope.title === title)).toEqual([]);
}

/** Sending arrives with the first provider; until then a test moves the status in the database itself. */
async function forceStatus(envelopeId: string, status: string): Promise<void> {
  await queryServerDatabase(server, 'update envelopes set status = ? where id = ?', [status, envelopeId]);
}
