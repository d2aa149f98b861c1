/**
 * Issue 7, findings 9, 11, 12 and 14, against the real server: what an upload must be to be kept,
 * who may read the data folder, that a kill mid-upload leaves nothing behind, and that callbacks
 * cannot be fired without limit.
 */

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../support/fixtures.js';
import { apiClient, type ApiClient } from '../support/http.js';
import { randomApiKey, startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';
import { buildZip, readZipEntries } from '../support/zip.js';

const MAX_UPLOAD_MB = 2;
/** Tests that start servers of their own: room for two starts on a busy machine (a budget, not an assertion). */
const OWN_SERVERS_TIMEOUT_MS = 120_000;
/** What a package may unpack to on this server: four times the upload limit. */
const PACKAGE_CAP_BYTES = 4 * MAX_UPLOAD_MB * 1024 * 1024;

let server: ServerProcess;
let api: ApiClient;
let folder: ReturnType<typeof temporaryDataDir>;

beforeAll(async () => {
  folder = temporaryDataDir();
  // Stored files in the data folder on either database: the tests count them (blobFiles).
  server = await startServer({ dataDir: folder.dataDir, env: { COUNTERSIGN_MAX_UPLOAD_MB: String(MAX_UPLOAD_MB), COUNTERSIGN_BLOB_DIR: join(folder.dataDir, 'blobs') } });
  api = apiClient(server.url, server.apiKey);
});

afterAll(async () => {
  await server?.stop();
  folder?.remove();
});

/** Every file under the blob store, temporary ones included: what the upload left on disk. */
function blobFiles(dataDir: string): string[] {
  const root = join(dataDir, 'blobs');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

async function documentCount(client: ApiClient = api): Promise<number> {
  return (await client.get('/api/v1/documents?limit=100')).body.data.length;
}

/** Uploads and checks that a refusal kept nothing: no document, no stored or temporary file. */
async function uploadRefused(bytes: Buffer, filename: string) {
  const before = { documents: await documentCount(), files: blobFiles(server.dataDir).length };
  const response = await api.upload('/api/v1/documents', new Blob([bytes]), filename);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect({ documents: await documentCount(), files: blobFiles(server.dataDir).length }).toEqual(before);
  return response;
}

async function pdfWith(build: (document: PDFDocument) => void, pages = 1): Promise<Buffer> {
  const document = await PDFDocument.create();
  for (let page = 0; page < pages; page++) document.addPage([595, 842]);
  build(document);
  return Buffer.from(await document.save({ useObjectStreams: false }));
}

describe('PDFs are parsed at upload (finding 11)', () => {
  const samplePdf = readFileSync(FIXTURES.pdf);
  const elf = readFileSync(join(import.meta.dirname, '../fixtures/documents/linux-program.pdf'));

  it('records the page count of a good PDF', async () => {
    const response = await api.upload('/api/v1/documents', new Blob([await pdfWith(() => {}, 3)]), 'three pages.pdf');
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ mediaType: 'application/pdf', pageCount: 3, warnings: [] });
    expect((await api.get(`/api/v1/documents/${response.body.id}`)).body).toMatchObject({ pageCount: 3, warnings: [] });
  });

  it('refuses a PDF with an executable appended (PDF + ELF polyglot) with 422 and keeps nothing', async () => {
    const response = await uploadRefused(Buffer.concat([samplePdf, elf]), 'polyglot.pdf');
    expect(response.status).toBe(422);
    expect(response.body.type).toBe('/api/v1/problems/unreadable-document');
    expect(response.body.detail).toMatch(/^This PDF file cannot be accepted: .*follow its end-of-file marker/);
  });

  it('refuses a PDF with a ZIP appended (opens as an archive too)', async () => {
    const zip = readFileSync(join(import.meta.dirname, '../fixtures/documents/archive.zip'));
    // Hide the ZIP behind a second %%EOF, as a polyglot would to pass a "nothing after %%EOF" rule.
    const response = await uploadRefused(Buffer.concat([samplePdf, zip, Buffer.from('\n%%EOF\n')]), 'polyglot.pdf');
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(/end-of-file marker|ZIP archive/);
  });

  it('refuses an executable with a PDF behind its header as the executable it is (415)', async () => {
    const response = await uploadRefused(Buffer.concat([elf.subarray(0, 64), samplePdf]), 'polyglot.pdf');
    expect(response.status).toBe(415);
  });

  it.each([
    ['a PDF cut to 40 bytes', samplePdf.subarray(0, 40)],
    ['the 5 bytes %PDF-', Buffer.from('%PDF-')],
    ['a PDF cut in half', samplePdf.subarray(0, Math.floor(samplePdf.length / 2))],
    ['a header and an end marker with nothing between', Buffer.from('%PDF-1.7\n%%EOF\n')],
  ])('refuses %s with 422, the reason, and keeps nothing', async (_name, bytes) => {
    const response = await uploadRefused(bytes, 'broken.pdf');
    expect(response.status).toBe(422);
    expect(response.body.type).toBe('/api/v1/problems/unreadable-document');
    expect(response.body.detail).toMatch(/^This PDF file cannot be accepted: \S.+ Open it in the program that made it/);
  });

  it('accepts a PDF whose /OpenAction runs JavaScript, with a warning on the document', async () => {
    const bytes = await pdfWith((document) => {
      const action = document.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert("hello")') });
      document.catalog.set(PDFName.of('OpenAction'), document.context.register(action));
    });
    const response = await api.upload('/api/v1/documents', new Blob([bytes]), 'active.pdf');
    expect(response.status).toBe(201);
    expect(response.body.pageCount).toBe(1);
    expect(response.body.warnings).toEqual([{ code: 'pdf-javascript', message: expect.stringMatching(/JavaScript.*runs by itself when the document is opened/) }]);
    const listed = (await api.get('/api/v1/documents?limit=100')).body.data.find((document: { id: string }) => document.id === response.body.id);
    expect(listed.warnings).toEqual(response.body.warnings);
  });

  it('flags a launch action and document-level JavaScript', async () => {
    const bytes = await pdfWith((document) => {
      const launch = document.context.obj({ S: 'Launch', F: PDFString.of('calc.exe') });
      const page = document.getPage(0).node;
      page.set(PDFName.of('AA'), document.context.obj({ O: document.context.register(launch) }));
      const script = document.context.register(document.context.obj({ S: 'JavaScript', JS: PDFString.of('1') }));
      const tree = document.context.obj({ Names: [PDFString.of('init'), script] });
      document.catalog.set(PDFName.of('Names'), document.context.obj({ JavaScript: document.context.register(tree) }));
    });
    const response = await api.upload('/api/v1/documents', new Blob([bytes]), 'launch.pdf');
    expect(response.status).toBe(201);
    expect(response.body.warnings.map((warning: { code: string }) => warning.code)).toEqual(['pdf-javascript', 'pdf-launch-action']);
  });
});

describe('OOXML and ODF packages are inflated under caps (finding 11)', () => {
  it('refuses a DOCX that unpacks to 1 GiB with 422, before inflating it, and keeps nothing', async () => {
    const entries = await readZipEntries(readFileSync(FIXTURES.docx));
    const bomb = await buildZip([...entries, { name: 'word/media/image1.png', content: { zeros: 1024 * 1024 * 1024 } }]);
    expect(bomb.length).toBeLessThan(MAX_UPLOAD_MB * 1024 * 1024);
    const response = await uploadRefused(bomb, 'bomb.docx');
    expect(response.status).toBe(422);
    expect(response.body.type).toBe('/api/v1/problems/unreadable-document');
    expect(response.body.detail).toMatch(/^This DOCX file cannot be accepted: it unpacks to more than/);
  });

  it('refuses a DOCX whose entry lies about its size, by counting what it inflates to', async () => {
    const entries = await readZipEntries(readFileSync(FIXTURES.docx));
    // Declares 1 KB, inflates to twice the cap: the declared sizes pass, the inflated bytes do not.
    const liar = await buildZip([...entries, { name: 'word/media/image1.png', content: { zeros: 2 * PACKAGE_CAP_BYTES }, declaredSize: 1024 }]);
    const response = await uploadRefused(liar, 'liar.docx');
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(/^This DOCX file cannot be accepted: /);
  });

  it('accepts a DOCX carrying a VBA project, with a macros warning', async () => {
    const entries = await readZipEntries(readFileSync(FIXTURES.docx));
    const withMacros = await buildZip([...entries, { name: 'word/vbaProject.bin', content: Buffer.from('not really VBA') }]);
    const response = await api.upload('/api/v1/documents', new Blob([withMacros]), 'macros.docx');
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ pageCount: null, warnings: [{ code: 'macros', message: expect.stringContaining('VBA') }] });
  });
});

describe('the data folder is private (finding 9)', () => {
  const modeOf = (path: string) => statSync(path).mode & 0o777;

  it('makes the folder 0700 and every file 0600, new ones and those of an existing folder', async () => {
    const existing = temporaryDataDir();
    try {
      // A folder and database made with a loose umask, as an earlier version left them.
      mkdirSync(existing.dataDir, { recursive: true, mode: 0o755 });
      writeFileSync(join(existing.dataDir, 'countersign.sqlite'), '', { mode: 0o644 });
      mkdirSync(join(existing.dataDir, 'blobs', 'ab'), { recursive: true, mode: 0o755 });
      // The embedded installation's folder, in the PostgreSQL run too (an empty URL keeps SQLite).
      const running = await startServer({ dataDir: existing.dataDir, env: { COUNTERSIGN_DATABASE_URL: '' } });
      try {
        const client = apiClient(running.url, running.apiKey);
        expect((await client.upload('/api/v1/documents', FIXTURES.pdf, 'a.pdf')).status).toBe(201);
        const dataDir = existing.dataDir;
        expect(modeOf(dataDir).toString(8)).toBe('700');
        for (const name of ['countersign.sqlite', 'countersign.sqlite-wal', 'countersign.sqlite-shm', 'master.key']) {
          expect({ name, mode: modeOf(join(dataDir, name)).toString(8) }).toEqual({ name, mode: '600' });
        }
        const folders = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isDirectory());
        for (const entry of folders) {
          const path = join(entry.parentPath, entry.name);
          expect({ path, mode: modeOf(path).toString(8) }).toEqual({ path, mode: '700' });
        }
        const blobs = blobFiles(dataDir);
        expect(blobs.length).toBeGreaterThan(0);
        for (const path of blobs) expect({ path, mode: modeOf(path).toString(8) }).toEqual({ path, mode: '600' });
      } finally {
        await running.stop();
      }
    } finally {
      existing.remove();
    }
  }, OWN_SERVERS_TIMEOUT_MS);
});

describe('an upload killed between storing its bytes and registering them (finding 14)', () => {
  it('leaves no unreferenced file after the next start', async () => {
    const own = temporaryDataDir();
    const apiKey = randomApiKey();
    try {
      // The test seam makes the server SIGKILL itself right after the blob is stored, before its row.
      // The embedded installation: a store that several instances share keeps such a file an hour
      // (another instance's upload may be on its way), tested in src/app/documents/orphan-blobs.test.ts.
      const onSqlite = { COUNTERSIGN_DATABASE_URL: '' };
      const crashing = await startServer({ dataDir: own.dataDir, apiKey, env: { ...onSqlite, COUNTERSIGN_TEST_KILL_AT: 'document-blob-stored' } });
      const upload = apiClient(crashing.url, apiKey).upload('/api/v1/documents', FIXTURES.pdf, 'interrupted.pdf');
      await expect(upload).rejects.toThrow();
      await crashing.kill('SIGKILL'); // already dead: this waits for its exit
      const stranded = blobFiles(own.dataDir).filter((path) => !path.includes(`${join('blobs', 'tmp')}`));
      expect(stranded).toHaveLength(1);

      const restarted = await startServer({ dataDir: own.dataDir, apiKey, env: onSqlite });
      try {
        const client = apiClient(restarted.url, apiKey);
        expect(existsSync(stranded[0]!)).toBe(false);
        expect(await documentCount(client)).toBe(0);
        expect(blobFiles(own.dataDir)).toEqual([]);
        const uploaded = await client.upload('/api/v1/documents', FIXTURES.pdf, 'again.pdf');
        expect(uploaded.status).toBe(201);
        expect(blobFiles(own.dataDir)).toHaveLength(1);
      } finally {
        await restarted.stop();
      }
    } finally {
      own.remove();
    }
  }, OWN_SERVERS_TIMEOUT_MS);
});

describe('provider callbacks are rate-limited per connection (finding 12)', () => {
  it('answers 429 problem+json with Retry-After once a connection has used its burst, and not for strangers', async () => {
    const connections = await api.get('/api/v1/connections');
    const connectionId = connections.body.data[0].id as string;
    const callbackUrl = (await api.get(`/api/v1/connections/${connectionId}`)).body.callbackUrl as string;
    expect(callbackUrl).toContain(`/api/v1/callbacks/${connectionId}/`);
    const post = (url: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

    // Wrong tokens are refused as unknown and use none of the connection's allowance.
    for (let index = 0; index < 70; index++) expect((await post(`${server.url}/api/v1/callbacks/${connectionId}/wrong-token`)).status).toBe(404);

    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let index = 0; index < 100 && !refused; index++) {
      const response = await post(callbackUrl);
      statuses.push(response.status);
      if (response.status === 429) refused = response;
    }
    // At least the burst of 60 went through first (time passing while sending may refill a few).
    expect(statuses.filter((status) => status === 204).length).toBeGreaterThanOrEqual(60);
    expect(refused).toBeDefined();
    expect(refused!.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused!.json()).toMatchObject({ status: 429, type: '/api/v1/problems/too-many-callbacks' });
  });
});
