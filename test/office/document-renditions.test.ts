import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../support/http.js';
import { FIXTURES } from '../support/fixtures.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';
import { waitUntil } from '../support/waiting.js';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cliRunner } from '../support/cli.js';

/**
 * The PDF rendition of an office upload through the real server, with LibreOffice (the office suite:
 * `npm run test:office`, run by .ci/run after installing it). Without it: test/e2e/document-renditions.test.ts.
 */

const THREE_PAGES = resolve(import.meta.dirname, '../fixtures/documents/three-pages.docx');

describe('with LibreOffice', () => {
  let server: ServerProcess;
  let api: ApiClient;
  let folder: ReturnType<typeof temporaryDataDir>;
  let documentId: string;
  let view: { rendition: { status: string; pages: number | null; size: number | null; sha256: string | null; error: string | null } | null };

  beforeAll(async () => {
    folder = temporaryDataDir();
    server = await startServer({ dataDir: folder.dataDir });
    api = apiClient(server.url, server.apiKey);
    const uploaded = await api.upload('/api/v1/documents', THREE_PAGES, 'Rental agreement.docx');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.rendition).toEqual({ status: 'pending', pages: null, size: null, sha256: null, error: null });
    documentId = uploaded.body.id;
    const early = await api.get(`/api/v1/documents/${documentId}/rendition`);
    // Converting takes seconds: the first look almost always finds it pending; if not, it is ready.
    expect([409, 200]).toContain(early.status);
    if (early.status === 409) expect(early.body.detail).toBe(`Document Rental agreement.docx (${documentId}) is still being converted to PDF; try again in a moment.`);
    view = (
      await waitUntil(
        () => api.get(`/api/v1/documents/${documentId}`),
        (response) => response.body.rendition?.status !== 'pending',
        { timeoutMs: 90_000, what: 'the rendition' },
      )
    ).body;
  }, 150_000);

  afterAll(async () => {
    await server?.stop();
    folder?.remove();
  });

  it('shows the rendition in the document view, ready with its page count', () => {
    expect(view.rendition).toEqual({ status: 'ready', pages: 3, size: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), error: null });
  });

  it('lists it the same way', async () => {
    const listed = await api.get('/api/v1/documents');
    expect(listed.body.data.find((document: { id: string }) => document.id === documentId).rendition).toEqual(view.rendition);
  });

  it('streams the PDF under the original name with .pdf', async () => {
    const response = await fetch(new URL(`/api/v1/documents/${documentId}/rendition`, server.url), { headers: { authorization: `Bearer ${server.apiKey}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="Rental agreement.pdf"');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBe(view.rendition!.size);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(view.rendition!.sha256);
  });

  it('shows in the CLI list, and the CLI downloads it checking its hash', async () => {
    const run = cliRunner(server);
    const listed = await run(['documents', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`${documentId}\\s+Rental agreement\\.docx.*ready, 3 pages`));
    const out = join(folder.dataDir, 'rendition-download.pdf');
    const downloaded = await run(['documents', 'rendition', documentId, '--out', out]);
    expect(downloaded.stderr).toBe('');
    expect(downloaded.stdout).toBe(`Wrote ${out} (3 pages, ${view.rendition!.size} bytes, sha256 ${view.rendition!.sha256})\n`);
    expect(createHash('sha256').update(readFileSync(out)).digest('hex')).toBe(view.rendition!.sha256);
    const again = await run(['documents', 'rendition', documentId, '--out', out]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('it exists; not overwriting it');
  }, 60_000);

  it('has no rendition for a PDF: null in the view, 404 for the download', async () => {
    const pdf = await api.upload('/api/v1/documents', FIXTURES.pdf, 'terms.pdf');
    expect(pdf.body.rendition).toBeNull();
    const response = await api.get(`/api/v1/documents/${pdf.body.id}/rendition`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
