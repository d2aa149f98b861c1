import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { PdfSkeletonBuilder, TAIL_BYTES } from './pdf-skeleton.js';

const sample = readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/documents/sample.pdf'));

function skeletonOf(bytes: Buffer, chunkSize = 64 * 1024) {
  const builder = new PdfSkeletonBuilder();
  for (let at = 0; at < bytes.length; at += chunkSize) builder.push(bytes.subarray(at, at + chunkSize));
  return builder.finish();
}

/** A one-page PDF by hand, its page's content stream given as is (dictionary and data), written with `lineEnd`. */
function handMade(contentDictionary: string, data: string | Buffer, lineEnd = '\n'): Buffer {
  return Buffer.concat([
    Buffer.from(`%PDF-1.7${lineEnd}1 0 obj${lineEnd}<< /Type /Catalog /Pages 2 0 R >>${lineEnd}endobj${lineEnd}`, 'latin1'),
    Buffer.from(`2 0 obj${lineEnd}<< /Type /Pages /Kids [3 0 R] /Count 1 >>${lineEnd}endobj${lineEnd}`, 'latin1'),
    Buffer.from(`3 0 obj${lineEnd}<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [(>> stream)] >>${lineEnd}endobj${lineEnd}`, 'latin1'),
    Buffer.from(`4 0 obj${lineEnd}${contentDictionary}${lineEnd}stream${lineEnd}`, 'latin1'),
    Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1'),
    Buffer.from(`${lineEnd}endstream${lineEnd}endobj${lineEnd}5 0 obj${lineEnd}7${lineEnd}endobj${lineEnd}`, 'latin1'),
    Buffer.from(`trailer${lineEnd}<< /Size 6 /Root 1 0 R >>${lineEnd}%%EOF${lineEnd}`, 'latin1'),
  ]);
}

async function pageCountOf(bytes: Buffer): Promise<number> {
  return (await PDFDocument.load(bytes, { throwOnInvalidObject: true, updateMetadata: false })).getPageCount();
}

describe('PdfSkeletonBuilder', () => {
  it('leaves out stream data and nothing else, whatever the chunk boundaries', async () => {
    const document = await PDFDocument.create();
    for (let page = 0; page < 3; page += 1) document.addPage().drawText(`Page ${page + 1} `.repeat(200));
    for (const useObjectStreams of [false, true]) {
      const pdf = Buffer.from(await document.save({ useObjectStreams }));
      const whole = skeletonOf(pdf, pdf.length);
      expect(whole.problem).toBeUndefined();
      expect(whole.bytes.length).toBeLessThan(pdf.length);
      expect(whole.size).toBe(pdf.length);
      expect(await pageCountOf(whole.bytes)).toBe(3);
      for (const chunkSize of [1, 2, 7, 1000]) expect(skeletonOf(pdf, chunkSize).bytes.equals(whole.bytes)).toBe(true);
    }
    expect(await pageCountOf(skeletonOf(sample, 5).bytes)).toBe(1);
  });

  it('keeps the data of object streams, where objects (and their actions) live', async () => {
    const document = await PDFDocument.create();
    document.addPage();
    document.catalog.set(PDFName.of('OpenAction'), document.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') }));
    const pdf = Buffer.from(await document.save({ useObjectStreams: true }));
    const loaded = await PDFDocument.load(skeletonOf(pdf, 100).bytes, { throwOnInvalidObject: true });
    expect(loaded.catalog.get(PDFName.of('OpenAction'))).toBeDefined();
    expect(loaded.getPageCount()).toBe(1);
  });

  it('keeps a large stream out at the cost of its dictionary only, its /Length zeroed to the same width', async () => {
    const data = Buffer.alloc(5 * 1024 * 1024, '% nothing to draw\n');
    const pdf = handMade(`<< /Length ${data.length} >>`, data);
    const skeleton = skeletonOf(pdf);
    expect(skeleton.bytes.length).toBeLessThan(1000);
    expect(skeleton.bytes.toString('latin1')).toContain(`<< /Length ${'0'.repeat(String(data.length).length)} >>\nstream\nendstream`);
    expect(await pageCountOf(skeleton.bytes)).toBe(1);
    expect(skeleton.tail.equals(pdf.subarray(pdf.length - TAIL_BYTES))).toBe(true);
  });

  it('keeps nothing of a chunk it was given: a reader may refill the same buffer for the next one', async () => {
    const data = Buffer.alloc(300 * 1024, '% nothing to draw\n');
    const pdf = handMade(`<< /Length ${data.length} >>`, data);
    const expected = skeletonOf(pdf);
    for (const chunkSize of [7, 1000, 64 * 1024, 100 * 1024]) {
      const builder = new PdfSkeletonBuilder();
      const reused = Buffer.alloc(chunkSize);
      for (let at = 0; at < pdf.length; at += chunkSize) {
        const length = pdf.copy(reused, 0, at, at + chunkSize);
        builder.push(reused.subarray(0, length));
        reused.fill(0x58);
      }
      const skeleton = builder.finish();
      expect(skeleton.bytes.equals(expected.bytes), `chunks of ${chunkSize}`).toBe(true);
      expect(skeleton.tail.equals(pdf.subarray(pdf.length - TAIL_BYTES)), `tail with chunks of ${chunkSize}`).toBe(true);
    }
    const small = new PdfSkeletonBuilder();
    small.push(sample.subarray(0, 100));
    small.push(sample.subarray(100));
    expect(small.finish().tail.equals(sample.subarray(-TAIL_BYTES))).toBe(true);
  });

  it('finds the end of a stream whose /Length is a few bytes off, a reference, or missing, with any line ends', async () => {
    const data = 'q 1 0 0 1 0 0 cm Q';
    for (const dictionary of [`<< /Length ${data.length + 3} >>`, `<< /Length ${data.length - 10} >>`, '<< /Length 5 0 R >>', '<< /Filter /None >>', `<< /Length1 9 /Length ${data.length} >>`]) {
      for (const lineEnd of ['\n', '\r\n', '\r']) {
        const skeleton = skeletonOf(handMade(dictionary, data, lineEnd), 3);
        expect(skeleton.problem, dictionary).toBeUndefined();
        expect(skeleton.bytes.toString('latin1'), dictionary).not.toContain(data);
        expect(await pageCountOf(skeleton.bytes), dictionary).toBe(1);
      }
    }
  });

  it('keeps the data when a stream text sits where no dictionary ends (in a string), and of streams naming their type indirectly', () => {
    // The page's /Annots holds the string "(>> stream)": not a stream, so the page object stays whole.
    expect(skeletonOf(handMade('<< /Length 4 >>', 'abcd')).bytes.toString('latin1')).toContain('/Annots [(>> stream)] >>');
    expect(skeletonOf(handMade('<< /Type 5 0 R /Length 4 >>', 'abcd')).bytes.toString('latin1')).toContain('stream\nabcd\nendstream');
    expect(skeletonOf(handMade('<< /Type /Ob#6aStm /Length 4 >>', 'abcd')).bytes.toString('latin1')).toContain('stream\nabcd\nendstream');
  });

  it('keeps the data of `>> stream` words that no object header precedes, looking for headers once through the file', () => {
    // Searched backwards from each keyword, 4 MB of these took the builder some 40 s; now one pass.
    const unit = 'x obj >>stream\nendstream ';
    const file = Buffer.from(`%PDF-1.7\n${unit.repeat(170_000)}`, 'latin1');
    const skeleton = skeletonOf(file);
    expect(skeleton.problem).toBeUndefined();
    expect(skeleton.bytes.equals(file)).toBe(true);
  });

  it('says so when the file ends inside a stream or a /Length overshoots an endstream by far', () => {
    const cut = handMade('<< /Length 100000 >>', 'x'.repeat(100_000));
    expect(skeletonOf(cut.subarray(0, cut.length - 20_000)).problem).toMatch(/ends inside a stream/);
    const overshoot = handMade('<< /Length 5000 >>', 'short');
    expect(skeletonOf(overshoot).problem).toMatch(/\/Length \(5000 bytes\) does not lead to its endstream/);
    // The same with more streams after it: the next endstream near the /Length is far past it.
    const swallowing = handMade('<< /Length 300 >>', `short\nendstream\nendobj\n6 0 obj\n<< /Length 400 >>\nstream\n${'y'.repeat(400)}`);
    expect(skeletonOf(swallowing, 50).problem).toMatch(/\/Length \(300 bytes\) does not lead to its endstream/);
  });
});
