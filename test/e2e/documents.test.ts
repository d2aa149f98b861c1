import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../support/http.js';
import { ACCEPTED_FIXTURES, FIXTURES, REFUSED_FIXTURES } from '../support/fixtures.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';

let server: ServerProcess;
let api: ApiClient;
let folder: ReturnType<typeof temporaryDataDir>;

beforeAll(async () => {
  folder = temporaryDataDir();
  // No LibreOffice: background PDF renditions would add blobs while these tests count them
  // (renditions are tested in document-renditions.test.ts).
  // Stored files in the data folder on either database: the tests count them.
  server = await startServer({ dataDir: folder.dataDir, env: { COUNTERSIGN_MAX_UPLOAD_MB: '1', COUNTERSIGN_SOFFICE: '/nonexistent/soffice', COUNTERSIGN_BLOB_DIR: join(folder.dataDir, 'blobs') } });
  api = apiClient(server.url, server.apiKey);
});

afterAll(async () => {
  await server?.stop();
  folder?.remove();
});

/** Every stored blob file, outside the temporary folder: what the server kept. */
function storedBlobs(): string[] {
  const root = join(server.dataDir, 'blobs');
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.parentPath.endsWith('tmp'))
    .map((entry) => join(entry.parentPath, entry.name));
}

async function documentCount(): Promise<number> {
  return (await api.get('/api/v1/documents?limit=100')).body.data.length;
}

describe('uploading documents', () => {
  it.each(Object.entries(ACCEPTED_FIXTURES))('accepts %s, detected from the content', async (kind, fixture) => {
    // The name says nothing true about the type: the server must read the content.
    const response = await api.upload('/api/v1/documents', fixture.path, `misleading-name-${kind}.txt`);
    expect(response.status).toBe(201);
    const bytes = readFileSync(fixture.path);
    expect(response.body).toMatchObject({
      filename: `misleading-name-${kind}.txt`,
      mediaType: fixture.mediaType,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(response.body.id).toMatch(/^doc_[0-9A-Z]{26}$/);
    expect(Object.keys(response.body).sort()).toEqual(['createdAt', 'createdBy', 'filename', 'id', 'mediaType', 'pageCount', 'rendition', 'sha256', 'size', 'visibility', 'warnings']);
    expect(response.body.warnings).toEqual([]);
  });

  it('serves the content back byte for byte, with an RFC 6266 Content-Disposition', async () => {
    const uploaded = await api.upload('/api/v1/documents', FIXTURES.pdf, 'Umowa najmu łodzi 2026.pdf');
    const response = await fetch(new URL(`/api/v1/documents/${uploaded.body.id}/content`, server.url), {
      headers: { authorization: `Bearer ${server.apiKey}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const disposition = response.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="Umowa najmu /);
    expect(disposition).toContain("filename*=UTF-8''Umowa%20najmu%20%C5%82odzi%202026.pdf");
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(FIXTURES.pdf))).toBe(true);
    const metadata = await api.get(`/api/v1/documents/${uploaded.body.id}`);
    expect(metadata.body).toEqual(uploaded.body);
  });

  it('names stored files by generated ids, never by the user’s file name', async () => {
    await api.upload('/api/v1/documents', FIXTURES.pdf, '../../etc/passwd.pdf');
    const names = storedBlobs().map((path) => path.slice(server.dataDir.length));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^\/blobs\/[0-9a-f]{2}\/[0-9a-f]{32}$/);
  });

  it.each(Object.entries(REFUSED_FIXTURES))('refuses %s with 415 and keeps nothing', async (_kind, fixture) => {
    const before = { documents: await documentCount(), blobs: storedBlobs().length };
    const response = await api.upload('/api/v1/documents', fixture, 'contract.pdf');
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.type).toBe('/api/v1/problems/unsupported-media-type');
    expect(response.body.detail).toContain('PDF, DOC, DOCX, ODT, ODS, XLS, XLSX');
    expect({ documents: await documentCount(), blobs: storedBlobs().length }).toEqual(before);
  });

  it('refuses an empty file with 400 and keeps nothing', async () => {
    const before = storedBlobs().length;
    const response = await api.upload('/api/v1/documents', new Blob([]), 'empty.pdf');
    expect(response.status).toBe(400);
    expect(response.body.type).toBe('/api/v1/problems/empty-file');
    expect(response.body.detail).toMatch(/empty/);
    expect(storedBlobs().length).toBe(before);
  });

  it('refuses a file over the limit with 413 and keeps nothing', async () => {
    const before = { documents: await documentCount(), blobs: storedBlobs().length };
    // A real PDF header followed by 1.5 MB: over the 1 MB limit this server was started with.
    const oversized = new Blob([readFileSync(FIXTURES.pdf), Buffer.alloc(1536 * 1024, 0x20)]);
    const response = await api.upload('/api/v1/documents', oversized, 'big.pdf');
    expect(response.status).toBe(413);
    expect(response.body.type).toBe('/api/v1/problems/payload-too-large');
    expect(response.body.detail).toContain('1 MB');
    expect({ documents: await documentCount(), blobs: storedBlobs().length }).toEqual(before);
  });

  it('refuses a request without a file field', async () => {
    const form = new FormData();
    form.set('other', 'value');
    const response = await api.call('POST', '/api/v1/documents', { body: form });
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('"file"');
    expect(response.body.errors).toEqual([{ path: 'file', message: 'is required' }]);
  });

  it('replays an upload repeated with the same Idempotency-Key, without storing it twice', async () => {
    const before = { documents: await documentCount(), blobs: storedBlobs().length };
    const headers = { 'idempotency-key': 'upload-1' };
    const first = await api.upload('/api/v1/documents', FIXTURES.docx, 'offer.docx', headers);
    const second = await api.upload('/api/v1/documents', FIXTURES.docx, 'offer.docx', headers);
    expect(first.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect({ documents: await documentCount(), blobs: storedBlobs().length }).toEqual({ documents: before.documents + 1, blobs: before.blobs + 1 });
    const different = await api.upload('/api/v1/documents', FIXTURES.pdf, 'offer.docx', headers);
    expect(different.status).toBe(422);
    expect(storedBlobs().length).toBe(before.blobs + 1);
  });
});

describe('listing and deleting documents', () => {
  it('pages newest first and deletes a document with its bytes', async () => {
    const uploaded = await api.upload('/api/v1/documents', FIXTURES.odt, 'minutes.odt');
    const page = await api.get('/api/v1/documents?limit=1');
    expect(page.body.data).toEqual([uploaded.body]);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const next = await api.get(`/api/v1/documents?limit=1&cursor=${page.body.nextCursor}`);
    expect(next.body.data[0].id < uploaded.body.id).toBe(true);

    const blobsBefore = storedBlobs().length;
    expect((await api.delete(`/api/v1/documents/${uploaded.body.id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/documents/${uploaded.body.id}`)).status).toBe(404);
    expect((await api.get(`/api/v1/documents/${uploaded.body.id}/content`)).status).toBe(404);
    expect(storedBlobs().length).toBe(blobsBefore - 1);
  });

  it('removes a deleted document from envelopes still being prepared, which fall back to draft', async () => {
    const uploaded = await api.upload('/api/v1/documents', FIXTURES.pdf, 'a.pdf');
    const envelope = await api.post('/api/v1/envelopes', {
      title: 'Loses its document',
      documentIds: [uploaded.body.id],
      participants: [{ firstName: 'A', lastName: 'B', email: 'a.b@example.com', role: 'signer' }],
    });
    expect(envelope.body.status).toBe('ready');
    expect((await api.delete(`/api/v1/documents/${uploaded.body.id}`)).status).toBe(204);
    const after = await api.get(`/api/v1/envelopes/${envelope.body.id}`);
    expect(after.body.documents).toEqual([]);
    expect(after.body.status).toBe('draft');
  });
});
