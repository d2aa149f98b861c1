import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptedPdf, helveticaWidth, pdfWithPages } from '../connective/test-pdfs.js';
import { InvalidPdfError, pageCountOf, zonesFromAnchors, type Zone } from './anchors.js';

let workDir: string;
let counter = 0;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'countersign-consigno-anchors-'));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function fileWith(bytes: Buffer | string): Promise<string> {
  const path = join(workDir, `file-${++counter}.pdf`);
  await writeFile(path, bytes);
  return path;
}

/** A zone within `tolerance` units of the expected one on position, exact on the rest. */
function expectZoneNear(zone: Zone | undefined, expected: Zone, tolerance = 2) {
  expect(zone).toBeDefined();
  const { x, y, ...rest } = zone!;
  const { x: expectedX, y: expectedY, ...expectedRest } = expected;
  expect(rest).toEqual(expectedRest);
  expect(Math.abs(x - expectedX), `x: ${x} vs ${expectedX}`).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(y - expectedY), `y: ${y} vs ${expectedY}`).toBeLessThanOrEqual(tolerance);
}

// Helvetica 12 pt drawn with its baseline at y (from the bottom): the tag's box starts 0.8 × 12 above
// the baseline, so its top is at pageHeight − y − 9.6 from the top.
const TOP_ABOVE_BASELINE = 12 * 0.8;

describe('zonesFromAnchors', () => {
  it('puts a zone of the default size (165 × 37) at the top-left corner of the tag, moved by the offsets', async () => {
    const path = await fileWith(await pdfWithPages([{ size: [612, 792], texts: [{ text: 'Client: [sig-client]', x: 72, y: 200 }] }]));
    const tagLeft = 72 + (await helveticaWidth('Client: '));
    const plain = await zonesFromAnchors(path, [{ tag: '[sig-client]', assignedTo: '1' }]);
    expect(plain.missing).toEqual([]);
    expect(plain.zones).toHaveLength(1);
    // Characters inside one text item are placed by an even share of its width: a few units of slack.
    expectZoneNear(plain.zones[0], { page: 1, x: tagLeft, y: 792 - 200 - TOP_ABOVE_BASELINE, width: 165, height: 37, assignedTo: '1' }, 6);

    const moved = await zonesFromAnchors(path, [{ tag: '[sig-client]', xOffset: 10, yOffset: -40, width: 200, height: 50, assignedTo: 'signer-a' }]);
    expect(moved.zones).toEqual([{ ...plain.zones[0]!, x: plain.zones[0]!.x + 10, y: plain.zones[0]!.y - 40, width: 200, height: 50, assignedTo: 'signer-a' }]);
  });

  it('finds a tag that the PDF draws in two text runs', async () => {
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
    const { zones, missing } = await zonesFromAnchors(path, [{ tag: '{{signer_2}}', assignedTo: '2' }]);
    expect(missing).toEqual([]);
    expect(zones).toHaveLength(1);
    expectZoneNear(zones[0], { page: 1, x: 100, y: 800 - 600 - TOP_ABOVE_BASELINE, width: 165, height: 37, assignedTo: '2' });
  });

  it('uses every occurrence of a tag on every page, in reading order, unless the anchor names a page', async () => {
    const path = await fileWith(
      await pdfWithPages([
        { size: [600, 800], texts: [{ text: '[S1]', x: 50, y: 700 }, { text: 'and again [S1]', x: 50, y: 300 }] },
        { size: [600, 800], texts: [{ text: 'nothing here', x: 50, y: 700 }] },
        { size: [600, 800], texts: [{ text: '[S1]', x: 400, y: 100 }] },
      ]),
    );
    const every = await zonesFromAnchors(path, [{ tag: '[S1]', assignedTo: '1' }]);
    expect(every.zones.map((zone) => zone.page)).toEqual([1, 1, 3]);
    expect(every.zones[0]!.y).toBeLessThan(every.zones[1]!.y); // the upper occurrence first
    expectZoneNear(every.zones[2], { page: 3, x: 400, y: 700 - TOP_ABOVE_BASELINE, width: 165, height: 37, assignedTo: '1' });

    const third = await zonesFromAnchors(path, [{ tag: '[S1]', page: 3, assignedTo: '1' }]);
    expect(third.zones).toEqual([every.zones[2]]);
    const first = await zonesFromAnchors(path, [{ tag: '[S1]', page: 1, assignedTo: '1' }]);
    expect(first.zones).toEqual(every.zones.slice(0, 2));
  });

  it('gives zones in the order of the anchors, each with its own assignee', async () => {
    const path = await fileWith(await pdfWithPages([{ size: [600, 800], texts: [{ text: '[A] [B]', x: 50, y: 700 }] }]));
    const { zones } = await zonesFromAnchors(path, [
      { tag: '[B]', assignedTo: 'b' },
      { tag: '[A]', assignedTo: 'a' },
    ]);
    expect(zones.map((zone) => zone.assignedTo)).toEqual(['b', 'a']);
    expect(zones[0]!.x).toBeGreaterThan(zones[1]!.x);
  });

  it('lists the tags not found, once each, except those that may be skipped', async () => {
    const path = await fileWith(await pdfWithPages([{ texts: [{ text: '[here]', x: 50, y: 700 }] }, { texts: [{ text: 'page two', x: 50, y: 700 }] }]));
    const { zones, missing } = await zonesFromAnchors(path, [
      { tag: '[here]', assignedTo: '1' },
      { tag: '[absent]', assignedTo: '1' },
      { tag: '[absent]', assignedTo: '2' },
      { tag: '[optional]', skipIfNotFound: true, assignedTo: '2' },
      { tag: '[here]', page: 2, assignedTo: '3' }, // present in the document, but not on the page asked
    ]);
    expect(missing).toEqual(['[absent]', '[here]']);
    expect(zones.map((zone) => zone.assignedTo)).toEqual(['1']);
  });

  it('finds nothing and reports nothing for no anchors', async () => {
    const path = await fileWith(await pdfWithPages([{}]));
    expect(await zonesFromAnchors(path, [])).toEqual({ zones: [], missing: [] });
  });

  it('refuses what is not a readable PDF with InvalidPdfError', async () => {
    await expect(zonesFromAnchors(await fileWith('not a PDF at all'), [{ tag: 'x', assignedTo: '1' }])).rejects.toBeInstanceOf(InvalidPdfError);
    await expect(zonesFromAnchors(await fileWith(encryptedPdf('required')), [{ tag: 'x', assignedTo: '1' }])).rejects.toBeInstanceOf(InvalidPdfError);
  });
});

describe('pageCountOf', () => {
  it('counts the pages', async () => {
    expect(await pageCountOf(await fileWith(await pdfWithPages([{}, {}, { size: [300, 300] }])))).toBe(3);
  });

  it('refuses what is not a readable PDF with InvalidPdfError', async () => {
    await expect(pageCountOf(await fileWith('%PDF-1.7\ngarbage'))).rejects.toBeInstanceOf(InvalidPdfError);
    await expect(pageCountOf(await fileWith(''))).rejects.toBeInstanceOf(InvalidPdfError);
  });
});
