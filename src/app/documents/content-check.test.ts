import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createFsBlobStore, type BlobStore } from '../../store/blobs.js';
import { createPgBlobStore } from '../../store/pg-blobs.js';
import { createTestDatabase, TEST_DATABASE_SERVER } from '../../../test/support/postgres.js';
import { checkDocumentContent } from './content-check.js';

/**
 * The PDF check reads the stored file through a descriptor (BlobStore.openLocalFile): the blob's own
 * file on the filesystem store, a temporary copy on the PostgreSQL store. Both give the same answer
 * and leave nothing behind.
 */

const sample = readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/documents/sample.pdf'));
const limits = { maxUploadBytes: 10 * 1024 * 1024 };
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function temporaryFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'countersign-content-check-'));
  cleanups.push(async () => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

function describePdfCheck(name: string, open: () => Promise<{ blobs: BlobStore; copies: () => string[] }>): void {
  describe(`checkDocumentContent on a PDF: ${name} store`, () => {
    it('reads the stored PDF through a local file and counts its pages, leaving no copy', async () => {
      const { blobs, copies } = await open();
      const blob = await blobs.write(Readable.from([sample]));
      expect(await checkDocumentContent(blobs, blob, 'pdf', limits)).toEqual({ pageCount: 1, warnings: [] });
      expect(copies()).toEqual([]);
    });

    it('refuses a file that is not a well-formed PDF, leaving no copy', async () => {
      const { blobs, copies } = await open();
      const blob = await blobs.write(Readable.from([Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 'x')])]));
      await expect(checkDocumentContent(blobs, blob, 'pdf', limits)).rejects.toMatchObject({ code: 'UNREADABLE_DOCUMENT' });
      expect(copies()).toEqual([]);
    });
  });
}

describePdfCheck('filesystem', async () => ({ blobs: await createFsBlobStore(temporaryFolder()), copies: () => [] }));

describe.runIf(TEST_DATABASE_SERVER !== undefined)('on PostgreSQL', () => {
  describePdfCheck('PostgreSQL', async () => {
    const database = await createTestDatabase('blob');
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    pool.on('error', () => {});
    cleanups.push(async () => {
      await pool.end();
      await database.drop();
    });
    const copiesDir = temporaryFolder();
    return { blobs: await createPgBlobStore(pool, { copiesDir }), copies: () => readdirSync(copiesDir) };
  });
});
