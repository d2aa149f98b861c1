import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkPdf, DEFAULT_PDF_CHECK_LIMITS } from './pdf-check.js';

const sample = readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/documents/sample.pdf'));

/** The file in small chunks, as the blob store streams it. */
const streamOf = (bytes: Buffer) => Readable.from(Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, index) => bytes.subarray(index * 1000, (index + 1) * 1000)));

describe('checkPdf (the worker thread)', () => {
  it('parses a streamed PDF in the worker', async () => {
    expect(await checkPdf(streamOf(sample), sample.length)).toEqual({ ok: true, pageCount: 1, warnings: [] });
  });

  it('refuses, with the limit named, a PDF whose parse needs more memory than the worker has', async () => {
    // 300,000 small objects: a 10 MB file that pdf-lib turns into far more than 32 MB of heap.
    const objects = Array.from({ length: 300_000 }, (_, index) => `${index + 3} 0 obj\n<< /A [1 2 3] >>\nendobj\n`).join('');
    const large = Buffer.from(
      `%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n${objects}trailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    );
    const result = await checkPdf(streamOf(large), large.length, { ...DEFAULT_PDF_CHECK_LIMITS, maxHeapMb: 32 });
    expect(result).toEqual({ ok: false, reason: 'reading it needs more than the 32 MB of memory allowed for one PDF' });
  });

  it('refuses, with the limit named, a check that runs out of time', async () => {
    const result = await checkPdf(streamOf(sample), sample.length, { ...DEFAULT_PDF_CHECK_LIMITS, timeoutMs: 1 });
    expect(result).toEqual({ ok: false, reason: 'checking it took longer than 0 seconds, the limit for one PDF' });
  });
});
