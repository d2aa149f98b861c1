import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { checkPdf, DEFAULT_PDF_CHECK_LIMITS, holdsSparePdfCheck, releasePdfChecks, type PdfCheckLimits } from './pdf-check.js';

const sample = readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/documents/sample.pdf'));

const folder = mkdtempSync(join(tmpdir(), 'countersign-pdf-check-'));
afterAll(async () => {
  await releasePdfChecks();
  rmSync(folder, { recursive: true, force: true });
});

/** Checks `bytes` as the blob store hands a stored file over: open, for the worker to read. */
async function check(bytes: Buffer, limits?: PdfCheckLimits) {
  const path = join(folder, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, bytes);
  const file = await open(path, 'r');
  try {
    return await checkPdf(file, bytes.length, limits);
  } finally {
    await file.close();
  }
}

describe('checkPdf (the worker thread)', () => {
  it('reads and parses a stored PDF in the worker', async () => {
    expect(await check(sample)).toEqual({ ok: true, pageCount: 1, warnings: [] });
  });

  it('refuses, with the limit named, a PDF whose parse needs more memory than the worker has', async () => {
    // 300,000 small objects: a 10 MB file that pdf-lib turns into far more than 32 MB of heap.
    const objects = Array.from({ length: 300_000 }, (_, index) => `${index + 3} 0 obj\n<< /A [1 2 3] >>\nendobj\n`).join('');
    const large = Buffer.from(
      `%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n${objects}trailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    );
    const result = await check(large, { ...DEFAULT_PDF_CHECK_LIMITS, maxHeapMb: 32 });
    expect(result).toEqual({ ok: false, reason: 'reading it needs more than the 32 MB of memory allowed for one PDF' });
  });

  it('refuses, with the limit named, a check that runs out of time', async () => {
    const result = await check(sample, { ...DEFAULT_PDF_CHECK_LIMITS, timeoutMs: 1 });
    expect(result).toEqual({ ok: false, reason: 'checking it took longer than 0 seconds, the limit for one PDF' });
  });

  it('keeps a spare worker for the next check, and ends it once no check came for a while', async () => {
    // Long enough that the spare is there when each check has returned, even on a busy machine.
    const limits = { ...DEFAULT_PDF_CHECK_LIMITS, spareIdleMs: 2_000 };
    expect(await check(sample, limits)).toMatchObject({ ok: true });
    expect(holdsSparePdfCheck()).toBe(true);
    // The next check takes the spare, and another is started for the check after it.
    expect(await check(sample, limits)).toMatchObject({ ok: true });
    expect(holdsSparePdfCheck()).toBe(true);
    await vi.waitFor(() => expect(holdsSparePdfCheck()).toBe(false), { timeout: 10_000, interval: 50 });
  });
});
