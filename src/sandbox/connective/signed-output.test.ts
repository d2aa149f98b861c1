import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, decodePDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectPdfSignatures } from '../../../test/support/pdf-signatures.js';
import { loadOrCreateSandboxAuthority, type SandboxAuthority } from '../signing/index.js';
import { findMarkers } from './locations.js';
import { signDocument, type SignerMark } from './signed-output.js';
import { encryptedPdf, pdfWithPages } from './test-pdfs.js';

let workDir: string;
let authority: SandboxAuthority;
const REASON = 'Signed in Connective sandbox';

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'countersign-connective-signed-'));
  authority = await loadOrCreateSandboxAuthority(join(workDir, 'authority'));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Signature widgets in file order: their page (1-based), /Rect, and the text of their appearance stream. */
async function signatureWidgets(pdf: Buffer) {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const pageRefs = document.getPages().map((page) => page.ref.toString());
  return document.context
    .enumerateIndirectObjects()
    .filter(([, object]) => object instanceof PDFDict && object.lookup(PDFName.of('FT')) === PDFName.of('Sig'))
    .sort(([a], [b]) => a.objectNumber - b.objectNumber)
    .map(([, object]) => {
      const widget = object as PDFDict;
      const rect = widget.lookup(PDFName.of('Rect'), PDFArray).asArray().map((value) => (value as PDFNumber).asNumber());
      const page = pageRefs.indexOf((widget.get(PDFName.of('P')) as PDFRef).toString()) + 1;
      const appearances = widget.lookup(PDFName.of('AP'));
      const normal = appearances instanceof PDFDict ? appearances.lookup(PDFName.of('N')) : undefined;
      const appearance = normal instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(normal).decode()).toString('latin1') : undefined;
      return { page, rect, appearance };
    });
}

describe('signDocument', () => {
  it('adds one valid signature per signer, in order, each named after its signer', async () => {
    const pdf = await pdfWithPages([{ texts: [{ text: 'Contract', x: 72, y: 760 }] }, {}]);
    const signers: SignerMark[] = [
      { name: 'Anna Łęcka', email: 'anna@example.test', signedAt: new Date('2026-03-01T10:00:00Z') },
      { name: 'Bob Stone', email: 'bob@example.test', signedAt: new Date('2026-03-01T11:00:00Z'), box: { page: 2, left: 72, top: 600, width: 200, height: 60 } },
      { name: 'Cleo Park', email: 'cleo@example.test', signedAt: new Date('2026-03-02T09:30:00Z') },
    ];
    const signed = await signDocument(pdf, signers, { authority, reason: REASON });

    expect(signed.subarray(0, pdf.length).equals(pdf)).toBe(true); // incremental: the original bytes stay
    const report = await inspectPdfSignatures(signed);
    expect(report.signatures.map((signature) => signature.signerCommonName)).toEqual(['Anna Łęcka', 'Bob Stone', 'Cleo Park']);
    for (const signature of report.signatures) expect(signature, signature.problem).toMatchObject({ valid: true, subFilter: 'ETSI.CAdES.detached' });
    expect(report.signatures.map((signature) => signature.coversWholeDocument)).toEqual([false, false, true]);
    expect(report.structureProblems).toEqual([]);
  });

  it('makes a signature with a box visible in that box, with the signer name and time; the others stay invisible', async () => {
    const pdf = await pdfWithPages([{ size: [600, 800] }, { size: [600, 800] }]);
    const signed = await signDocument(
      pdf,
      [
        { name: 'Anna Łęcka', email: 'anna@example.test', signedAt: new Date('2026-03-01T10:00:00Z'), box: { page: 2, left: 100, top: 50, width: 200, height: 60 } },
        { name: 'Bob Stone', email: 'bob@example.test', signedAt: new Date('2026-03-01T11:00:00Z') },
      ],
      { authority, reason: REASON },
    );
    const [visible, invisible] = await signatureWidgets(signed);
    // Top-left (100, 50) on an 800-point-high page → user space from y = 800 - 50 - 60 to 800 - 50.
    expect(visible).toMatchObject({ page: 2, rect: [100, 690, 300, 750] });
    expect(visible?.appearance).toContain('(Signed by Anna Lecka)');
    expect(visible?.appearance).toContain('(2026-03-01 10:00 UTC)');
    expect(invisible).toMatchObject({ page: 1, rect: [0, 0, 0, 0], appearance: undefined });
  });

  it('puts a box found by findMarkers exactly over the marker, on rotated and cropped pages too', async () => {
    const marker = '{{here}}';
    const text = { text: marker, x: 150, y: 600, size: 14 };
    const pdf = await pdfWithPages([
      { size: [600, 800], texts: [text] },
      { size: [600, 800], rotate: 90, texts: [text] },
      { size: [600, 800], rotate: 180, texts: [text] },
      { size: [600, 800], rotate: 270, texts: [text] },
      { size: [600, 800], cropBox: [100, 100, 400, 600], texts: [text] },
    ]);
    const path = join(workDir, 'markers.pdf');
    await writeFile(path, pdf);
    const hits = (await findMarkers(path, [marker])).get(marker) ?? [];
    expect(hits).toHaveLength(5);
    const signed = await signDocument(
      pdf,
      hits.map((box, index) => ({ name: `Signer ${index + 1}`, email: `s${index + 1}@example.test`, signedAt: new Date('2026-03-01T10:00:00Z'), box })),
      { authority, reason: REASON },
    );
    const signedPath = join(workDir, 'markers-signed.pdf');
    await writeFile(signedPath, signed);
    const report = await inspectPdfSignatures(signed);
    expect(report.signatures.every((signature) => signature.valid)).toBe(true);
    // The marker's text sits inside the widget in user space: its baseline start (150, 600) is within /Rect.
    const widgets = await signatureWidgets(signed);
    for (const [index, widget] of widgets.entries()) {
      expect(widget.page).toBe(index + 1);
      const [x1, y1, x2, y2] = widget.rect as [number, number, number, number];
      expect(150, `page ${index + 1}`).toBeGreaterThanOrEqual(x1 - 0.01);
      expect(150, `page ${index + 1}`).toBeLessThan(x2);
      expect(600, `page ${index + 1}`).toBeGreaterThan(y1);
      expect(600, `page ${index + 1}`).toBeLessThan(y2);
      // Wide along the text, whatever the page rotation: the marker runs along user-space x.
      expect(x2 - x1, `page ${index + 1}`).toBeGreaterThan(y2 - y1);
    }
    // The appearance is turned against the page rotation so that it reads upright.
    expect(widgets[1]?.appearance).toBeDefined();
  });

  it('returns the PDF unchanged when there is no signer', async () => {
    const pdf = await pdfWithPages([{}]);
    expect((await signDocument(pdf, [], { authority, reason: REASON })).equals(pdf)).toBe(true);
  });

  it('refuses a box on a page the PDF lacks, and an encrypted PDF', async () => {
    const pdf = await pdfWithPages([{}]);
    const signer = { name: 'Anna', email: 'anna@example.test', signedAt: new Date() };
    await expect(signDocument(pdf, [{ ...signer, box: { page: 2, left: 10, top: 10, width: 100, height: 40 } }], { authority, reason: REASON })).rejects.toThrow(/no page 2/);
    await expect(signDocument(pdf, [{ ...signer, box: { page: 1, left: 10, top: 10, width: 0, height: 40 } }], { authority, reason: REASON })).rejects.toThrow(/positive size/);
    await expect(signDocument(encryptedPdf('empty'), [signer], { authority, reason: REASON })).rejects.toThrow(/encrypted/);
  });
});
