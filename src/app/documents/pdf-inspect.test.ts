import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { inspectPdf as inspectSkeleton, PdfParseOutOfMemory } from './pdf-inspect.js';
import { PdfSkeletonBuilder } from './pdf-skeleton.js';

const sample = readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/documents/sample.pdf'));

async function made(build: (document: PDFDocument) => void = () => {}, options: { useObjectStreams?: boolean } = {}): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.addPage();
  document.addPage();
  build(document);
  return Buffer.from(await document.save({ useObjectStreams: options.useObjectStreams ?? false }));
}

/** The bytes' skeleton as the worker builds it, here from chunks of 1,000 bytes. */
function skeletonOf(bytes: Buffer) {
  const skeleton = new PdfSkeletonBuilder();
  for (let at = 0; at < bytes.length; at += 1000) skeleton.push(bytes.subarray(at, at + 1000));
  return skeleton.finish();
}

/** Inspects the bytes as the worker does. */
async function inspectPdf(bytes: Buffer) {
  return inspectSkeleton(skeletonOf(bytes));
}

describe('inspectPdf', () => {
  it('reads the fixture and a made PDF with their page counts and no warnings', async () => {
    expect(await inspectPdf(sample)).toEqual({ ok: true, pageCount: 1, warnings: [] });
    expect(await inspectPdf(await made())).toEqual({ ok: true, pageCount: 2, warnings: [] });
  });

  it('tolerates line ends and NUL padding after %%EOF, and an incremental update', async () => {
    expect(await inspectPdf(Buffer.concat([sample, Buffer.from('\r\n\0\0 \n')]))).toMatchObject({ ok: true });
    const original = await PDFDocument.load(sample);
    original.addPage();
    // pdf-lib rewrites the file; an update appended by hand is a second body after the first %%EOF.
    const update = Buffer.from('\n3 0 obj\n<< >>\nendobj\n%%EOF\n');
    expect(await inspectPdf(Buffer.concat([sample, update]))).toMatchObject({ ok: true, pageCount: 1 });
  });

  it('refuses what is cut short, appended to, or not a document, saying why', async () => {
    expect(await inspectPdf(Buffer.from('%PDF-'))).toEqual({ ok: false, reason: expect.stringContaining('%%EOF') });
    expect(await inspectPdf(Buffer.concat([sample, Buffer.from('\x7fELF\x02\x01\x01')]))).toEqual({ ok: false, reason: expect.stringContaining('7 bytes of other data') });
    expect(await inspectPdf(Buffer.from('%PDF-1.7\n%%EOF\n'))).toEqual({ ok: false, reason: 'it has no readable catalog or page tree' });
    expect(await inspectPdf(Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF'))).toEqual({
      ok: false,
      reason: 'it has no pages',
    });
  });

  it('finds JavaScript in object streams and tells when it runs by itself', async () => {
    const onOpen = await made((document) => {
      document.catalog.set(PDFName.of('OpenAction'), document.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') }));
    }, { useObjectStreams: true });
    const result = await inspectPdf(onOpen);
    expect(result).toMatchObject({ ok: true, warnings: [{ code: 'pdf-javascript', message: expect.stringContaining('runs by itself') }] });

    const onClick = await made((document) => {
      const link = document.context.obj({ Type: 'Annot', Subtype: 'Link', A: { S: 'JavaScript', JS: PDFString.of('1') } });
      document.getPage(0).node.set(PDFName.of('Annots'), document.context.obj([document.context.register(link)]));
    });
    const clicked = await inspectPdf(onClick);
    expect(clicked).toMatchObject({ ok: true, warnings: [{ code: 'pdf-javascript' }] });
    expect(clicked.ok && clicked.warnings[0]!.message).not.toContain('runs by itself');
  });

  it('finds a ZIP archive whose end record hides in stream data, the part of the file the skeleton leaves out', async () => {
    const pdf = await made((document) => {
      const record = Buffer.alloc(22);
      record.writeUInt32LE(0x06054b50, 0);
      document.context.register(document.context.stream(record));
    });
    expect(await inspectPdf(pdf)).toMatchObject({ ok: true, pageCount: 2 });
    // The record's comment now runs over the rest of the PDF to the end of the file, as a PDF + ZIP
    // polyglot arranges it.
    const recordAt = pdf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    pdf.writeUInt16LE(pdf.length - recordAt - 22, recordAt + 20);
    expect(await inspectPdf(pdf)).toEqual({ ok: false, reason: expect.stringContaining('ZIP archive') });
  });

  it('asks about memory every 1,000 objects, and stops the parse once told it ran short, in object streams too', async () => {
    for (const useObjectStreams of [false, true]) {
      const bytes = await made(
        (document) => {
          for (let index = 0; index < 2_500; index++) document.context.register(document.context.obj({ A: [1, 2, 3] }));
        },
        { useObjectStreams },
      );
      let looks = 0;
      const plenty = () => {
        looks += 1;
        return false;
      };
      expect(await inspectSkeleton(skeletonOf(bytes), plenty), `object streams: ${useObjectStreams}`).toMatchObject({ ok: true, pageCount: 2 });
      expect(looks, `object streams: ${useObjectStreams}`).toBe(2);
      let asked = 0;
      await expect(inspectSkeleton(skeletonOf(bytes), () => (asked += 1) === 2), `object streams: ${useObjectStreams}`).rejects.toBeInstanceOf(PdfParseOutOfMemory);
      expect(asked, 'not asked again once it said so').toBe(2);
    }
  });

  it("loads pdf-lib's parser and object model only, not the rest of pdf-lib, which would double its worker's memory", () => {
    // In a process of its own, as the check's worker is: which of pdf-lib's modules importing it loads.
    const script = `await import(${JSON.stringify(pathToFileURL(resolve(import.meta.dirname, 'pdf-inspect.ts')).href)});
      const { createRequire } = await import('node:module');
      console.log(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));`;
    const cached = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' })) as string[];
    const loaded = cached.map((path) => path.replaceAll('\\', '/')).filter((path) => path.includes('/pdf-lib/'));
    expect(loaded.some((path) => path.includes('/pdf-lib/cjs/core/parser/'))).toBe(true);
    expect(loaded.filter((path) => !path.includes('/pdf-lib/cjs/core/') && !path.includes('/pdf-lib/cjs/utils/'))).toEqual([]);
  });
});
