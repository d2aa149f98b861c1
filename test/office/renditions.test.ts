import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../../src/domain/envelope.js';
import { FILE_KINDS } from '../../src/domain/file-kinds.js';
import { fromKysely } from '../../src/jobs/queue.js';
import { PROVIDERS } from '../../src/providers/index.js';
import { findDocument, insertDocument } from '../../src/store/documents.js';
import { createTestContext, jobContextOf } from '../support/app-context.js';
import { waitUntil } from '../support/waiting.js';
import type { AppContext } from '../../src/app/context.js';
import { ConversionError } from '../../src/app/documents/converter.js';
import { commitDocument, deleteDocument, stageDocument } from '../../src/app/documents/documents.js';
import { sweepOrphanBlobs } from '../../src/app/documents/orphan-blobs.js';
import { createLibreOfficeConverter, findSoffice, summarise } from '../../src/app/documents/libreoffice.js';
import { CONVERT_JOB, enqueueConversion, runConvertJob } from '../../src/app/documents/renditions.js';

/**
 * Renditions with the real LibreOffice, a real SQLite file, the filesystem blob store and the table
 * queue: an upload through the app's upload path enqueues the conversion, the queue runs it.
 * Each conversion takes seconds, so the tests share them.
 */

const FIXTURES = resolve(import.meta.dirname, '../fixtures/documents');
const WORD = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let soffice: string;
let context: AppContext;
let close: () => Promise<void>;
/** The converter's temporary folders go here, so that the tests can see they are removed. */
let temporaryRoot: string;

beforeAll(async () => {
  const found = await findSoffice(undefined);
  if (!found) throw new Error('These tests need LibreOffice (soffice on PATH): apt-get install libreoffice-writer-nogui libreoffice-calc-nogui');
  soffice = found;
  temporaryRoot = mkdtempSync(join(tmpdir(), 'countersign-renditions-'));
  ({ context, close } = await createTestContext(PROVIDERS));
  context.converter = createLibreOfficeConverter({ soffice, blobs: context.blobs, timeoutMs: 120_000, concurrency: 1, temporaryRoot });
  context.queue.work<{ documentId: string }>(CONVERT_JOB, (data, job) => runConvertJob(context, data, job));
  await context.queue.start();
});

afterAll(async () => {
  await context?.queue.stop();
  await close?.();
  rmSync(temporaryRoot, { recursive: true, force: true });
});

async function upload(name: string): Promise<DocumentRecord> {
  const staged = await stageDocument(context, { filename: name, content: createReadStream(join(FIXTURES, name)) });
  return commitDocument(context, staged);
}

function settled(id: string): Promise<DocumentRecord> {
  return waitUntil(
    async () => (await findDocument(context.db, id))!,
    (document) => document.rendition?.status !== 'pending',
    { timeoutMs: 90_000, what: `the rendition of ${id}` },
  );
}

/** A document row with a pending rendition and no job queued for it. */
async function pendingDocument(id: string, filename: string, mediaType: string, bytes: Buffer): Promise<DocumentRecord> {
  const blob = await context.blobs.write(Readable.from([bytes]));
  const document: DocumentRecord = {
    id,
    filename,
    mediaType,
    size: blob.size,
    sha256: blob.sha256,
    blobKey: blob.key,
    createdAt: new Date().toISOString(),
    pageCount: null,
    warnings: [],
    rendition: { status: 'pending', pages: null, size: null, sha256: null, blobKey: null, error: null },
  };
  await insertDocument(context.db, document);
  return document;
}

async function storedKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of context.blobs.keys()) keys.push(key);
  return keys.sort();
}

async function readBlob(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await context.blobs.read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('a PDF rendition made after upload', () => {
  let word: DocumentRecord;
  let sheet: DocumentRecord;

  beforeAll(async () => {
    const uploaded = [await upload('three-pages.docx'), await upload('two-sheets.ods')];
    expect(uploaded.map((document) => document.rendition?.status)).toEqual(['pending', 'pending']);
    [word, sheet] = (await Promise.all(uploaded.map((document) => settled(document.id)))) as [DocumentRecord, DocumentRecord];
  }, 200_000);

  it('is ready with the page count of the document as LibreOffice lays it out', () => {
    expect(word.rendition).toMatchObject({ status: 'ready', pages: 3, error: null });
    expect(sheet.rendition).toMatchObject({ status: 'ready', pages: 2, error: null });
  });

  it('is a PDF in the blob store beside the original, with its size and hash recorded', async () => {
    const bytes = await readBlob(word.rendition!.blobKey!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBe(word.rendition!.size);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(word.rendition!.sha256);
    expect(word.rendition!.blobKey).not.toBe(word.blobKey);
    expect(await readBlob(word.blobKey)).toEqual(readFileSync(join(FIXTURES, 'three-pages.docx')));
  });

  it('leaves no temporary folder behind', () => {
    expect(readdirSync(temporaryRoot)).toEqual([]);
  });

  it('is not made twice when the conversion is enqueued again', async () => {
    const before = await storedKeys();
    const id = await context.queue.enqueue(CONVERT_JOB, { documentId: word.id });
    const job = await context.queue.waitFor(id, ['completed', 'dead']);
    expect(job.result).toEqual({ skipped: 'ready' });
    expect(await storedKeys()).toEqual(before);
    expect((await findDocument(context.db, word.id))!.rendition).toEqual(word.rendition);
  });

  it('is kept by the start-up sweep of unreferenced blobs', async () => {
    expect(await sweepOrphanBlobs(context)).toBe(0);
    expect(await storedKeys()).toContain(word.rendition!.blobKey);
  });

  it('goes with its document when the document is deleted', async () => {
    await deleteDocument(context, sheet.id);
    const keys = await storedKeys();
    expect(keys).not.toContain(sheet.blobKey);
    expect(keys).not.toContain(sheet.rendition!.blobKey);
  });
});

describe('every office kind', () => {
  const officeKinds = FILE_KINDS.filter((kind) => kind !== 'pdf');

  it.each(officeKinds)('sample.%s gets a one-page rendition through its own import filter', async (kind) => {
    const document = await settled((await upload(`sample.${kind}`)).id);

    expect(document.rendition).toMatchObject({ status: 'ready', pages: 1, error: null });
  }, 100_000);
});

describe('a document LibreOffice cannot convert', () => {
  it('fails with LibreOffice’s complaint and keeps nothing half-made', async () => {
    // The upload check refuses a broken package, so the damaged file is stored as the check would
    // have let through a file only LibreOffice finds broken.
    const document = await pendingDocument('doc_damaged', 'damaged.docx', WORD, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2048, 0x41)]));
    const before = await storedKeys();
    await enqueueConversion(context, document.id);

    const failed = await settled(document.id);
    expect(failed.rendition).toMatchObject({ status: 'failed', pages: null, size: null, sha256: null, blobKey: null });
    expect(failed.rendition!.error).toBe('LibreOffice could not convert damaged.docx: source file could not be loaded.');
    expect(await storedKeys()).toEqual(before);
    expect(readdirSync(temporaryRoot)).toEqual([]);
  }, 60_000);
});

describe('a document deleted while it is converted', () => {
  it('leaves no rendition blob behind', async () => {
    // Stored as an upload leaves it, without its queued job: this run is the only one.
    const document = await pendingDocument('doc_deleted', 'two-sheets.ods', 'application/vnd.oasis.opendocument.spreadsheet', readFileSync(join(FIXTURES, 'two-sheets.ods')));
    const real = context.converter!;
    const keysBefore = await storedKeys();
    const result = await runConvertJob(
      {
        ...context,
        converter: {
          canConvert: real.canConvert,
          async toPdf(input, options) {
            const made = await real.toPdf(input, options);
            await deleteDocument(context, document.id);
            return made;
          },
        },
      },
      { documentId: document.id },
      jobContextOf(1),
    );
    expect(result).toEqual({ skipped: 'settled meanwhile' });
    const keysAfter = await storedKeys();
    expect(keysAfter).toEqual(keysBefore.filter((key) => key !== document.blobKey));
  }, 60_000);
});

describe('the conversion timeout', () => {
  it('kills the whole LibreOffice process group and says so', async () => {
    const root = mkdtempSync(join(tmpdir(), 'countersign-renditions-timeout-'));
    try {
      const hasty = createLibreOfficeConverter({ soffice, blobs: context.blobs, timeoutMs: 300, concurrency: 1, temporaryRoot: root });
      const before = await storedKeys();
      const conversion = hasty.toPdf({ id: 'doc_slow', filename: 'slow.docx', mediaType: WORD, open: async () => createReadStream(join(FIXTURES, 'three-pages.docx')) });
      await expect(conversion).rejects.toThrow(ConversionError);
      await expect(conversion).rejects.toThrow(
        'LibreOffice did not finish converting slow.docx within 300 ms (COUNTERSIGN_CONVERT_TIMEOUT_MS) and was stopped.',
      );
      expect(await processesMentioning(root)).toEqual([]);
      expect(readdirSync(root)).toEqual([]);
      expect(await storedKeys()).toEqual(before);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('without LibreOffice', () => {
  it('is not found where COUNTERSIGN_SOFFICE points nowhere', async () => {
    expect(await findSoffice('/nonexistent/soffice')).toBeUndefined();
    expect(await findSoffice(soffice)).toBe(soffice);
  });

  it('marks an office upload unavailable, naming the Debian packages, and enqueues nothing', async () => {
    const converter = context.converter;
    context.converter = undefined;
    try {
      const document = await upload('three-pages.docx');
      expect(document.rendition).toMatchObject({ status: 'unavailable', blobKey: null });
      expect(document.rendition!.error).toContain('libreoffice-writer-nogui and libreoffice-calc-nogui');
      const jobs = await fromKysely(context.db).executeSql('select id from jobs where singleton_key = ?', [document.id]);
      expect(jobs.rows).toEqual([]);
    } finally {
      context.converter = converter;
    }
  });

  it('marks the rendition unavailable when the configured soffice has gone by the time it runs', async () => {
    const missing = createLibreOfficeConverter({ soffice: '/nonexistent/soffice', blobs: context.blobs, timeoutMs: 10_000, concurrency: 1, temporaryRoot });
    const converter = context.converter;
    context.converter = missing;
    try {
      const document = await upload('two-sheets.ods');
      const settledDocument = await settled(document.id);
      expect(settledDocument.rendition!.status).toBe('unavailable');
      expect(settledDocument.rendition!.error).toBe(
        'LibreOffice was not found at /nonexistent/soffice (COUNTERSIGN_SOFFICE), so office documents cannot be converted to PDF. Install the Debian packages libreoffice-writer-nogui and libreoffice-calc-nogui (or point COUNTERSIGN_SOFFICE at soffice) and restart the server.',
      );
    } finally {
      context.converter = converter;
    }
  });
});

describe('summarising what LibreOffice said', () => {
  it('keeps its error lines, without the progress line and the Java warning', () => {
    const output = 'Warning: failed to launch javaldx - java may not function correctly\nconvert /tmp/x/document.docx -> /tmp/x/out/document.pdf using filter : writer_pdf_Export\nError: source file could not be loaded\n';
    expect(summarise(output)).toBe('source file could not be loaded');
    expect(summarise('Warning: failed to launch javaldx - java may not function correctly\n')).toBe('');
  });
});

/** Processes whose command line mentions `text` (the run's temporary folder is in soffice's arguments). */
async function processesMentioning(text: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const commandLine = await readFile(join('/proc', entry, 'cmdline'), 'utf8').catch(() => '');
    if (commandLine.includes(text)) found.push(`${entry}: ${commandLine.replaceAll('\u0000', ' ')}`);
  }
  return found;
}
