import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMarkers, InvalidPdfError, readPdfGeometry, type MarkerHit } from './locations.js';
import { encryptedPdf, helveticaWidth, pdfWithPages } from './test-pdfs.js';

const SAMPLE_PDF = new URL('../../../test/fixtures/documents/sample.pdf', import.meta.url);

let workDir: string;
let counter = 0;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'countersign-connective-locations-'));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function fileWith(bytes: Buffer | string): Promise<string> {
  const path = join(workDir, `file-${++counter}.pdf`);
  await writeFile(path, bytes);
  return path;
}

/** A hit within `tolerance` points of the expected box on every side. */
function expectNear(hit: MarkerHit | undefined, expected: MarkerHit, tolerance = 2) {
  expect(hit).toBeDefined();
  expect(hit!.page).toBe(expected.page);
  for (const key of ['left', 'top', 'width', 'height'] as const) {
    expect(Math.abs(hit![key] - expected[key]), `${key}: ${hit![key]} vs ${expected[key]}`).toBeLessThanOrEqual(tolerance);
  }
}

describe('readPdfGeometry', () => {
  it('gives the page count and each page size in points', async () => {
    const path = await fileWith(await pdfWithPages([{ size: [595.28, 841.89] }, { size: [612, 792] }, { size: [200, 100] }]));
    expect(await readPdfGeometry(path)).toEqual({
      pageCount: 3,
      pages: [
        { width: 595.28, height: 841.89 },
        { width: 612, height: 792 },
        { width: 200, height: 100 },
      ],
    });
  });

  it('gives the size as displayed: rotated pages swap width and height, the crop box wins over the media box', async () => {
    const path = await fileWith(
      await pdfWithPages([
        { size: [600, 800], rotate: 90 },
        { size: [600, 800], rotate: 180 },
        { size: [600, 800], rotate: 270 },
        { size: [600, 800], cropBox: [50, 100, 400, 500] },
      ]),
    );
    expect((await readPdfGeometry(path)).pages).toEqual([
      { width: 800, height: 600 },
      { width: 600, height: 800 },
      { width: 800, height: 600 },
      { width: 400, height: 500 },
    ]);
  });

  it('reads a PDF made by another producer (LibreOffice)', async () => {
    const geometry = await readPdfGeometry(await fileWith(await readFile(SAMPLE_PDF)));
    expect(geometry.pageCount).toBeGreaterThanOrEqual(1);
    expect(geometry.pages).toHaveLength(geometry.pageCount);
    for (const page of geometry.pages) expect(page.width).toBeGreaterThan(100);
  });

  it.each([
    ['text that is not a PDF', 'Dear customer,\nplease sign.\n'],
    ['an empty file', ''],
    ['a PDF header followed by garbage', `%PDF-1.7\n${'x'.repeat(2000)}\n`],
  ])('refuses %s with InvalidPdfError', async (_label, content) => {
    await expect(readPdfGeometry(await fileWith(content))).rejects.toBeInstanceOf(InvalidPdfError);
  });

  it('refuses an encrypted PDF, with or without a user password, saying it is encrypted', async () => {
    for (const userPassword of ['empty', 'required'] as const) {
      const error = await readPdfGeometry(await fileWith(encryptedPdf(userPassword))).catch((caught: unknown) => caught);
      expect(error, userPassword).toBeInstanceOf(InvalidPdfError);
      expect((error as Error).message, userPassword).toMatch(/encrypted/);
    }
  });

  it('refuses a truncated PDF', async () => {
    const whole = await pdfWithPages([{ texts: [{ text: 'Contract', x: 50, y: 700 }] }]);
    const error = await readPdfGeometry(await fileWith(whole.subarray(0, 60))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidPdfError);
  });
});

describe('findMarkers', () => {
  it('finds a marker inside one text item, with its box from the top-left corner', async () => {
    const path = await fileWith(await pdfWithPages([{ size: [600, 800], texts: [{ text: '{{sign_1}}', x: 100, y: 700, size: 12 }] }]));
    const width = await helveticaWidth('{{sign_1}}');
    const hits = await findMarkers(path, ['{{sign_1}}']);
    // Baseline at y = 700 → 100 from the top; the box spans a descent below it up to the font's top.
    expectNear(hits.get('{{sign_1}}')?.[0], { page: 1, left: 100, top: 800 - 700 - 12 * 0.8, width, height: 12 });
    expect(hits.get('{{sign_1}}')).toHaveLength(1);
  });

  it('finds a marker in the middle of a longer text item', async () => {
    const prefix = 'Please sign here: ';
    const path = await fileWith(await pdfWithPages([{ size: [600, 800], texts: [{ text: `${prefix}[SIG] thank you`, x: 72, y: 500 }] }]));
    const hit = (await findMarkers(path, ['[SIG]'])).get('[SIG]')?.[0];
    // pdfjs gives widths per text item, so characters inside an item are placed by an even share.
    expectNear(hit, { page: 1, left: 72 + (await helveticaWidth(prefix)), top: 300 - 9.6, width: await helveticaWidth('[SIG]'), height: 12 }, 6);
  });

  it('finds a marker split across adjacent text items of one line', async () => {
    const first = '{{sig';
    const path = await fileWith(
      await pdfWithPages([
        {
          size: [600, 800],
          texts: [
            { text: first, x: 100, y: 600 },
            { text: 'ner_2}}', x: 100 + (await helveticaWidth(first)), y: 600 },
          ],
        },
      ]),
    );
    const hit = (await findMarkers(path, ['{{signer_2}}'])).get('{{signer_2}}');
    expect(hit).toHaveLength(1);
    expectNear(hit?.[0], { page: 1, left: 100, top: 200 - 9.6, width: await helveticaWidth('{{signer_2}}'), height: 12 });
  });

  it('does not join text of different lines into one marker', async () => {
    const path = await fileWith(
      await pdfWithPages([
        {
          size: [600, 800],
          texts: [
            { text: '{{sig', x: 100, y: 600 },
            { text: 'ner_3}}', x: 100, y: 560 },
          ],
        },
      ]),
    );
    expect((await findMarkers(path, ['{{signer_3}}'])).get('{{signer_3}}')).toEqual([]);
  });

  it('returns every occurrence of every marker in reading order, and an empty list for markers not found', async () => {
    const path = await fileWith(
      await pdfWithPages([
        { size: [600, 800], texts: [{ text: '#A# and #B#', x: 50, y: 700 }, { text: 'again #A#', x: 50, y: 400 }] },
        { size: [600, 800] },
        { size: [600, 800], texts: [{ text: '#A#', x: 300, y: 100 }] },
      ]),
    );
    const hits = await findMarkers(path, ['#A#', '#B#', '#C#']);
    expect([...hits.keys()]).toEqual(['#A#', '#B#', '#C#']);
    const a = hits.get('#A#') ?? [];
    expect(a.map((hit) => hit.page)).toEqual([1, 1, 3]);
    expect(a[0]!.top).toBeLessThan(a[1]!.top); // the upper line first
    expectNear(a[2], { page: 3, left: 300, top: 700 - 9.6, width: await helveticaWidth('#A#'), height: 12 });
    expect(hits.get('#B#')).toHaveLength(1);
    expect(hits.get('#C#')).toEqual([]);
  });

  it('gives boxes in the page as displayed: crop box origin and rotation applied', async () => {
    const marker = 'SIGN-HERE';
    const width = await helveticaWidth(marker);
    const text = { text: marker, x: 150, y: 600 };
    const path = await fileWith(
      await pdfWithPages([
        { size: [600, 800], cropBox: [100, 100, 400, 600], texts: [text] },
        { size: [600, 800], rotate: 90, texts: [text] },
        { size: [600, 800], rotate: 180, texts: [text] },
        { size: [600, 800], rotate: 270, texts: [text] },
      ]),
    );
    const hits = (await findMarkers(path, [marker])).get(marker) ?? [];
    expect(hits).toHaveLength(4);
    // Crop box from (100, 100) to (500, 700): left = 150 - 100, top = 700 - 600 - ascent.
    expectNear(hits[0], { page: 1, left: 50, top: 100 - 9.6, width, height: 12 });
    // /Rotate 90 turns the page clockwise: the user-space y axis runs left to right, x top to bottom.
    expectNear(hits[1], { page: 2, left: 600 - 2.4, top: 150, width: 12, height: width });
    // /Rotate 180: both axes reversed.
    expectNear(hits[2], { page: 3, left: 600 - 150 - width, top: 600 - 2.4, width, height: 12 });
    // /Rotate 270: x runs bottom to top, y right to left.
    expectNear(hits[3], { page: 4, left: 800 - 600 - 9.6, top: 600 - 150 - width, width: 12, height: width });
  });

  it('finds markers with characters beyond ASCII', async () => {
    // Helvetica's WinAnsi encoding (pdf-lib's standard fonts) reaches Latin-1, not "Ł".
    const path = await fileWith(await pdfWithPages([{ size: [600, 800], texts: [{ text: 'Unterschrift: «Müller»', x: 50, y: 700 }] }]));
    expect((await findMarkers(path, ['«Müller»'])).get('«Müller»')).toHaveLength(1);
  });

  it('refuses what is not a PDF with InvalidPdfError', async () => {
    await expect(findMarkers(await fileWith('<html>not a pdf</html>'), ['x'])).rejects.toBeInstanceOf(InvalidPdfError);
    await expect(findMarkers(await fileWith(encryptedPdf('empty')), ['x'])).rejects.toBeInstanceOf(InvalidPdfError);
  });
});

describe('a PDF larger than the ranges pdfjs reads', () => {
  it('gives the geometry and markers of a multi-megabyte file', async () => {
    const path = await fileWith(
      await pdfWithPages(
        [{ size: [600, 800] }, { size: [300, 400] }, { size: [600, 800], texts: [{ text: 'Signature: {{last}}', x: 50, y: 100 }] }],
        { fillerBytes: 3 * 1024 * 1024 },
      ),
    );
    expect((await readFile(path)).length).toBeGreaterThan(3 * 1024 * 1024);
    expect(await readPdfGeometry(path)).toEqual({
      pageCount: 3,
      pages: [
        { width: 600, height: 800 },
        { width: 300, height: 400 },
        { width: 600, height: 800 },
      ],
    });
    const hits = (await findMarkers(path, ['{{last}}'])).get('{{last}}');
    expect(hits?.map((hit) => hit.page)).toEqual([3]);
  });
});

describe('loading pdfjs', () => {
  // A fresh process: in this one, the tests above have loaded pdfjs already.
  const script = (body: string) => `
    const locations = await import(${JSON.stringify(fileURLToPath(new URL('./locations.ts', import.meta.url)))});
    ${body}`;
  const run = (body: string) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script(body)], { encoding: 'utf8' });

  it('happens on first use only, and writes nothing to stdout (where the server writes its JSON log)', async () => {
    const path = await fileWith(await pdfWithPages([{ texts: [{ text: '{{m}}', x: 50, y: 700 }] }]));
    const { stdout, stderr } = await run(`
      const before = 'pdfjsLib' in globalThis; // the pdfjs build defines it when it loads
      const hits = await locations.findMarkers(${JSON.stringify(path)}, ['{{m}}']);
      process.stderr.write('\\n' + JSON.stringify({ before, after: 'pdfjsLib' in globalThis, found: hits.get('{{m}}').length }));`);
    expect(JSON.parse(stderr.trim().split('\n').at(-1) ?? '')).toEqual({ before: false, after: true, found: 1 });
    expect(stdout).toBe('');
  });
});

