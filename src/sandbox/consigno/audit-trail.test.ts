import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdfText } from '../pdf-text.js';
import { renderAuditTrail, type AuditEntry, type AuditTrailInput } from './audit-trail.js';

let workDir: string;
let counter = 0;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'countersign-consigno-audit-'));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const FOOTER = / · page \d+ of \d+$/;

/**
 * The text of each page of `pdf`, read back with pdfjs (not pdf-lib, which wrote it), lines joined by
 * spaces: the body, and apart from it the page footer (which would split an entry wrapped across a
 * page break).
 */
async function pagesText(pdf: Buffer): Promise<Array<{ body: string; footer: string }>> {
  const path = join(workDir, `trail-${++counter}.pdf`);
  await writeFile(path, pdf);
  const joined = (lines: string[]) => lines.join(' ').replace(/\s+/g, ' ');
  return (await readPdfText(path)).map((page) => {
    const texts = page.lines.map((line) => line.text);
    return { body: joined(texts.filter((text) => !FOOTER.test(text))), footer: joined(texts.filter((text) => FOOTER.test(text))) };
  });
}

const SHA_A = 'a'.repeat(32) + '0123456789abcdef'.repeat(2);
const SHA_B = 'b'.repeat(64);

function trail(entries: AuditEntry[], overrides: Partial<AuditTrailInput> = {}): AuditTrailInput {
  return {
    workflowId: '65a1b2c3d4e5f60718293a4b',
    name: 'Lease agreement 2026',
    ownerEmail: 'owner@example.com',
    documents: [
      { name: 'lease.pdf', sha256: SHA_A },
      { name: 'annex.pdf', sha256: SHA_B },
    ],
    entries,
    generatedAt: new Date('2026-11-30T12:00:00Z'),
    ...overrides,
  };
}

describe('renderAuditTrail', () => {
  it('lists the workflow, its owner, each document with its SHA-256, and every entry with its time, actor, event, second factor and detail', async () => {
    const entries: AuditEntry[] = [
      { at: new Date('2026-11-30T09:00:00Z'), actor: 'system', event: 'workflow launched' },
      { at: new Date('2026-11-30T09:05:00Z'), actor: 'Anna Lecka <anna@example.com>', event: 'signed the documents', secondFactor: 'sms' },
      { at: new Date('2026-11-30T09:30:00Z'), actor: 'Bob Stone <bob@example.com>', event: 'declined', secondFactor: 'call', detail: 'The rent is wrong' },
    ];
    const pages = await pagesText(await renderAuditTrail(trail(entries)));
    expect(pages).toHaveLength(1);
    const text = pages[0]!.body;
    for (const expected of ['Audit trail', 'Lease agreement 2026', 'Workflow id: 65a1b2c3d4e5f60718293a4b', 'Owner: owner@example.com', '2026-11-30T12:00:00.000Z']) {
      expect(text).toContain(expected);
    }
    expect(text).toContain(`lease.pdf SHA-256: ${SHA_A}`);
    expect(text).toContain(`annex.pdf SHA-256: ${SHA_B}`);
    expect(text).toContain('2026-11-30T09:00:00.000Z · system · workflow launched');
    expect(text).toContain('2026-11-30T09:05:00.000Z · Anna Lecka <anna@example.com> · signed the documents · second factor: sms');
    expect(text).toContain('2026-11-30T09:30:00.000Z · Bob Stone <bob@example.com> · declined · second factor: call · The rent is wrong');
    // In the order given.
    expect(text.indexOf('workflow launched')).toBeLessThan(text.indexOf('signed the documents'));
    expect(text.indexOf('signed the documents')).toBeLessThan(text.indexOf('declined'));
  });

  it('wraps a long entry onto several lines instead of running off the page', async () => {
    const detail = Array.from({ length: 60 }, (_, index) => `word${index}`).join(' ');
    const pdf = await renderAuditTrail(trail([{ at: new Date('2026-11-30T09:00:00Z'), actor: 'system', event: 'note', detail }]));
    const path = join(workDir, 'long.pdf');
    await writeFile(path, pdf);
    const [page] = await readPdfText(path);
    const entryLines = page!.lines.filter((line) => /word\d+/.test(line.text));
    expect(entryLines.length).toBeGreaterThan(1);
    for (const line of page!.lines) {
      for (const box of line.boxes) expect(box.left + box.width).toBeLessThanOrEqual(page!.width);
    }
    expect(entryLines.map((line) => line.text).join(' ')).toContain(detail);
  });

  it('adds pages for many entries, keeping every one, and numbers the pages', async () => {
    const entries: AuditEntry[] = Array.from({ length: 150 }, (_, index) => ({
      at: new Date(Date.UTC(2026, 10, 30, 9, 0, index)),
      actor: `Signer ${index} <signer${index}@example.com>`,
      event: 'opened the signing page',
      secondFactor: index % 2 ? 'sms' : null,
      detail: `entry number ${index}`,
    }));
    const pdf = await renderAuditTrail(trail(entries));
    const pages = await pagesText(pdf);
    expect(pages.length).toBeGreaterThan(2);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(pages.length);
    const all = pages.map((page) => page.body).join(' ');
    for (const [index, entry] of entries.entries()) {
      expect(all).toContain(`${entry.at.toISOString()} · Signer ${index} <signer${index}@example.com> · opened the signing page${index % 2 ? ' · second factor: sms' : ''} · entry number ${index}`);
    }
    expect(pages.map((page) => page.footer)).toEqual(pages.map((_, index) => `65a1b2c3d4e5f60718293a4b · page ${index + 1} of ${pages.length}`));
  });

  it('shows letters the standard font lacks without their accents, and keeps the exact name in the title metadata', async () => {
    const pdf = await renderAuditTrail(
      trail([{ at: new Date('2026-11-30T09:00:00Z'), actor: 'Anna Łęcka <anna@example.com>', event: 'signed', secondFactor: 'secret' }], { name: 'Umowa Łódź' }),
    );
    const [{ body: text } = { body: '' }] = await pagesText(pdf);
    expect(text).toContain('Anna Lecka <anna@example.com> · signed · second factor: secret');
    expect(text).toContain('Umowa Lódz'); // ó is in WinAnsi, Ł is not
    expect((await PDFDocument.load(pdf)).getTitle()).toBe('Audit trail: Umowa Łódź');
  });

  it('gives the same bytes for the same input', async () => {
    const input = trail([{ at: new Date('2026-11-30T09:00:00Z'), actor: 'system', event: 'workflow launched' }]);
    expect((await renderAuditTrail(input)).equals(await renderAuditTrail(input))).toBe(true);
  });
});
