import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectPdfSignatures } from '../../../test/support/pdf-signatures.js';
import { encryptedPdf, pdfWithPages } from '../connective/test-pdfs.js';
import { sandboxAuthorityOnFirstUse, type SandboxAuthority } from '../signing/index.js';
import { zonesFromAnchors, type Zone } from './anchors.js';
import { signForSigner } from './signed-output.js';

let workDir: string;
let authority: () => Promise<SandboxAuthority>;
const REASON = 'Signed with ConsignO sandbox (certifio emulated as esig)';

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'countersign-consigno-signed-'));
  authority = sandboxAuthorityOnFirstUse(join(workDir, 'authority'));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Signature widgets in object order: their page (1-based) and /Rect in user space (bottom-left origin). */
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
      return { page, rect };
    });
}

const zone = (page: number, x: number, y: number, assignedTo = '1', width = 165, height = 37): Zone => ({ page, x, y, width, height, assignedTo });

describe('signForSigner', () => {
  it('signs for two signers one after the other, both signatures valid, each widget in its zone', async () => {
    // Pages of different heights: the zone's top-left position becomes a bottom-left /Rect through its own page's height.
    const original = join(workDir, 'two-signers.pdf');
    await writeFile(original, await pdfWithPages([{ size: [612, 792], texts: [{ text: 'Agreement', x: 72, y: 700 }] }, { size: [595.28, 841.89] }]));
    const afterFirst = join(workDir, 'two-signers-1.pdf');
    const afterSecond = join(workDir, 'two-signers-2.pdf');

    const first = await signForSigner({
      pdfPath: original,
      outPath: afterFirst,
      zones: [zone(1, 72, 600), zone(2, 300, 300)],
      signerName: 'Anna Łęcka',
      email: 'anna@example.com',
      reason: REASON,
      authority,
      at: new Date('2026-11-30T10:00:00Z'),
    });
    const second = await signForSigner({
      pdfPath: afterFirst,
      outPath: afterSecond,
      zones: [zone(2, 100, 50, '2', 200, 60)],
      signerName: 'Bob Stone',
      email: 'bob@example.com',
      reason: REASON,
      authority,
      at: new Date('2026-11-30T11:00:00Z'),
    });

    const [originalBytes, firstBytes, secondBytes] = await Promise.all([readFile(original), readFile(afterFirst), readFile(afterSecond)]);
    expect(first).toEqual({ sha256: createHash('sha256').update(firstBytes).digest('hex'), size: firstBytes.length });
    expect(second).toEqual({ sha256: createHash('sha256').update(secondBytes).digest('hex'), size: secondBytes.length });
    // Incremental updates: each output begins with the bytes it was made from.
    expect(firstBytes.subarray(0, originalBytes.length).equals(originalBytes)).toBe(true);
    expect(secondBytes.subarray(0, firstBytes.length).equals(firstBytes)).toBe(true);

    const report = await inspectPdfSignatures(afterSecond);
    expect(report.signatures.map((signature) => signature.signerCommonName)).toEqual(['Anna Łęcka', 'Bob Stone']);
    for (const signature of report.signatures) expect(signature, signature.problem).toMatchObject({ valid: true, subFilter: 'ETSI.CAdES.detached' });
    expect(report.signatures.map((signature) => signature.coversWholeDocument)).toEqual([false, true]);
    expect(report.structureProblems).toEqual([]);

    // The first signer's widget is in their first zone only: (72, 600) from the top of a 792-high page,
    // 165 × 37 → user space x 72..237, y 792 − 600 − 37 = 155 .. 192.
    const widgets = await signatureWidgets(secondBytes);
    expect(widgets).toEqual([
      { page: 1, rect: [72, 155, 237, 192] },
      // (100, 50), 200 × 60 on the 841.89-high page 2 → y 841.89 − 50 − 60 = 731.89 .. 791.89.
      { page: 2, rect: [100, 731.89, 300, 791.89] },
    ]);
  });

  it('puts the widget over an anchor tag found in the document', async () => {
    const path = join(workDir, 'anchored.pdf');
    await writeFile(path, await pdfWithPages([{ size: [612, 792], texts: [{ text: 'Sign: [client-sig]', x: 72, y: 150 }] }]));
    const { zones } = await zonesFromAnchors(path, [{ tag: '[client-sig]', assignedTo: '1' }]);
    const out = join(workDir, 'anchored-signed.pdf');
    await signForSigner({ pdfPath: path, outPath: out, zones, signerName: 'Anna', email: 'anna@example.com', reason: REASON, authority, at: new Date() });
    const [widget] = await signatureWidgets(await readFile(out));
    const [x1, y1, x2, y2] = widget!.rect as [number, number, number, number];
    // The tag's baseline starts right of "Sign: " at y = 150: the zone starts at the tag's top-left
    // corner and reaches down past the baseline.
    expect(x1).toBeGreaterThan(72);
    expect(x1).toBeLessThan(150);
    expect(y2).toBeGreaterThan(150);
    expect(y1).toBeLessThan(150);
    expect([x2 - x1, y2 - y1]).toEqual([165, 37]);
    expect((await inspectPdfSignatures(out)).signatures.map((signature) => signature.valid)).toEqual([true]);
  });

  it('signs in place when the output is the input, and makes an invisible signature for a signer without zones', async () => {
    const path = join(workDir, 'in-place.pdf');
    const original = await pdfWithPages([{}]);
    await writeFile(path, original);
    await signForSigner({ pdfPath: path, outPath: path, zones: [], signerName: 'Cleo Park', email: 'cleo@example.com', reason: REASON, authority, at: new Date() });
    const signed = await readFile(path);
    expect(signed.length).toBeGreaterThan(original.length);
    expect((await inspectPdfSignatures(signed)).signatures).toMatchObject([{ signerCommonName: 'Cleo Park', valid: true }]);
    expect(await signatureWidgets(signed)).toEqual([{ page: 1, rect: [0, 0, 0, 0] }]);
    expect((await readdir(workDir)).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('refuses an encrypted PDF and a zone on a missing page, leaving no output behind', async () => {
    const encrypted = join(workDir, 'encrypted.pdf');
    await writeFile(encrypted, encryptedPdf('empty'));
    const base = { signerName: 'Anna', email: 'anna@example.com', reason: REASON, authority, at: new Date() };
    await expect(signForSigner({ ...base, pdfPath: encrypted, outPath: join(workDir, 'encrypted-out.pdf'), zones: [] })).rejects.toThrow(/encrypted/);
    const onePage = join(workDir, 'one-page.pdf');
    await writeFile(onePage, await pdfWithPages([{}]));
    await expect(signForSigner({ ...base, pdfPath: onePage, outPath: join(workDir, 'one-page-out.pdf'), zones: [zone(2, 10, 10)] })).rejects.toThrow(/no page 2/);
    const names = await readdir(workDir);
    expect(names).not.toContain('encrypted-out.pdf');
    expect(names).not.toContain('one-page-out.pdf');
  });
});
