import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helveticaWidth, pdfWithPages } from './connective/test-pdfs.js';
import { boxAround, findText, InvalidPdfError, readPdfText } from './pdf-text.js';

// The marker search and geometry are tested at length through Connective's locations.test.ts, which
// keeps its API on top of this module; these tests cover what that API does not reach.

let workDir: string;
let counter = 0;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'countersign-pdf-text-'));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function fileWith(bytes: Buffer | string): Promise<string> {
  const path = join(workDir, `file-${++counter}.pdf`);
  await writeFile(path, bytes);
  return path;
}

describe('readPdfText', () => {
  it('gives each page its size and its lines, with one box per character from the top-left corner', async () => {
    const path = await fileWith(
      await pdfWithPages([
        { size: [600, 800], texts: [{ text: 'First line', x: 100, y: 700 }, { text: 'Second', x: 100, y: 650 }] },
        { size: [300, 400] },
      ]),
    );
    const pages = await readPdfText(path);
    expect(pages.map(({ page, width, height }) => ({ page, width, height }))).toEqual([
      { page: 1, width: 600, height: 800 },
      { page: 2, width: 300, height: 400 },
    ]);
    expect(pages[0]!.lines.map((line) => line.text)).toEqual(['First line', 'Second']);
    expect(pages[1]!.lines).toEqual([]);
    const [first] = pages[0]!.lines;
    expect(first!.boxes).toHaveLength('First line'.length);
    const whole = boxAround(first!.boxes);
    expect(whole.left).toBeCloseTo(100, 0);
    expect(whole.top).toBeCloseTo(800 - 700 - 12 * 0.8, 0);
    expect(whole.width).toBeCloseTo(await helveticaWidth('First line'), 0);
    // Characters advance left to right along the line.
    expect(first!.boxes[1]!.left).toBeGreaterThan(first!.boxes[0]!.left);
  });

  it('reads only the pages asked for', async () => {
    const path = await fileWith(
      await pdfWithPages([{ texts: [{ text: 'one', x: 50, y: 700 }] }, { texts: [{ text: 'two', x: 50, y: 700 }] }, { texts: [{ text: 'three', x: 50, y: 700 }] }]),
    );
    const pages = await readPdfText(path, { pages: [3, 1, 9] });
    expect(pages.map((page) => [page.page, page.lines.map((line) => line.text)])).toEqual([
      [1, ['one']],
      [3, ['three']],
    ]);
  });

  it('refuses what is not a PDF with InvalidPdfError', async () => {
    await expect(readPdfText(await fileWith('plain text, not a PDF'))).rejects.toBeInstanceOf(InvalidPdfError);
  });
});

describe('findText', () => {
  it('searches only the pages asked for, and keeps the needles in the order given', async () => {
    const path = await fileWith(await pdfWithPages([{ texts: [{ text: '[S]', x: 50, y: 700 }] }, { texts: [{ text: '[S] [T]', x: 50, y: 700 }] }]));
    const all = await findText(path, ['[T]', '[S]']);
    expect([...all.keys()]).toEqual(['[T]', '[S]']);
    expect(all.get('[S]')?.map((hit) => hit.page)).toEqual([1, 2]);
    const second = await findText(path, ['[S]'], { pages: [2] });
    expect(second.get('[S]')?.map((hit) => hit.page)).toEqual([2]);
  });
});

describe('boxAround', () => {
  it('is the smallest box holding every box given', () => {
    expect(
      boxAround([
        { left: 10, top: 20, width: 5, height: 10 },
        { left: 14, top: 18, width: 6, height: 4 },
      ]),
    ).toEqual({ left: 10, top: 18, width: 10, height: 12 });
  });
});
