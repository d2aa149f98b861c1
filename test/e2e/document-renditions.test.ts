import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../support/http.js';
import { FIXTURES } from '../support/fixtures.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';

/** An office upload on a server without LibreOffice (with it: test/office/document-renditions.test.ts). */

describe('without LibreOffice', () => {
  let server: ServerProcess;
  let api: ApiClient;
  let folder: ReturnType<typeof temporaryDataDir>;

  beforeAll(async () => {
    folder = temporaryDataDir();
    server = await startServer({ dataDir: folder.dataDir, env: { COUNTERSIGN_SOFFICE: '/nonexistent/soffice' } });
    api = apiClient(server.url, server.apiKey);
  });

  afterAll(async () => {
    await server?.stop();
    folder?.remove();
  });

  it('still takes the upload, marks the rendition unavailable and says which packages to install', async () => {
    const uploaded = await api.upload('/api/v1/documents', FIXTURES.docx, 'offer.docx');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.rendition).toMatchObject({ status: 'unavailable', pages: null, size: null, sha256: null });
    expect(uploaded.body.rendition.error).toContain('libreoffice-writer-nogui and libreoffice-calc-nogui');

    const download = await api.get(`/api/v1/documents/${uploaded.body.id}/rendition`);
    expect(download.status).toBe(404);
    expect(download.body.detail).toContain(`offer.docx (${uploaded.body.id}) has no PDF version`);
    expect(server.output()).toContain('LibreOffice was not found at /nonexistent/soffice (COUNTERSIGN_SOFFICE)');
  });
});
