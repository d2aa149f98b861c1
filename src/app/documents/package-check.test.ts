import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildZip, readZipEntries } from '../../../test/support/zip.js';
import { inspectPackage, packageLimitsFor, type OpenRange } from './package-check.js';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/documents', name));
const MB = 1024 * 1024;
const limits = packageLimitsFor(1 * MB);

/** Ranged reads over a buffer, remembering where each began. */
function reader(bytes: Buffer): { open: OpenRange; starts: number[] } {
  const starts: number[] = [];
  return {
    open: async (start, end) => {
      starts.push(start);
      return Readable.from([bytes.subarray(start, end)]);
    },
    starts,
  };
}

describe('inspectPackage', () => {
  it.each(['sample.docx', 'sample.xlsx', 'sample.odt', 'sample.ods'])('accepts %s without warnings', async (name) => {
    const bytes = fixture(name);
    expect(await inspectPackage(reader(bytes).open, bytes.length, limits)).toEqual({ ok: true, warnings: [] });
  });

  it('refuses a package whose declared sizes pass the cap without inflating anything', async () => {
    const entries = await readZipEntries(fixture('sample.docx'));
    const bomb = await buildZip([{ name: 'word/media/big.bin', content: { zeros: 256 * MB } }, ...entries]);
    const source = reader(bomb);
    const result = await inspectPackage(source.open, bomb.length, limits);
    expect(result).toEqual({ ok: false, reason: 'it unpacks to more than 4 MB, the limit (four times the upload limit)' });
    // The big entry comes first: inflating it would read its local header at offset 0. The file is
    // larger than the 64 KB tail yauzl reads to find the central directory, so nothing else does.
    expect(bomb.length).toBeGreaterThan(70 * 1024);
    expect(source.starts).not.toContain(0);
  });

  it('refuses by the ratio a small package that inflates to more than 100 times its size', async () => {
    const entries = await readZipEntries(fixture('sample.docx'));
    const bomb = await buildZip([...entries, { name: 'word/media/big.bin', content: { zeros: 20 * MB } }]);
    const result = await inspectPackage(reader(bomb).open, bomb.length, { ...limits, maxTotalBytes: 1024 * MB });
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^it unpacks to more than 100 times its own size \(over 16 MB\)/) });
  });

  it('refuses an entry that inflates to more than it declares', async () => {
    const liar = await buildZip([{ name: 'a.xml', content: { zeros: 5 * MB }, declaredSize: 10 }]);
    const result = await inspectPackage(reader(liar).open, liar.length, limits);
    expect(result.ok).toBe(false);
  });

  it('refuses a package with more entries than allowed, and one that is not a ZIP', async () => {
    const many = await buildZip(Array.from({ length: 11 }, (_, index) => ({ name: `f${index}.xml`, content: Buffer.from('x') })));
    expect(await inspectPackage(reader(many).open, many.length, { ...limits, maxEntries: 10 })).toEqual({
      ok: false,
      reason: 'it lists 11 entries, more than the 10 allowed',
    });
    const notZip = Buffer.from('PK\x03\x04 and then nothing sensible');
    expect(await inspectPackage(reader(notZip).open, notZip.length, limits)).toMatchObject({ ok: false, reason: expect.stringContaining('not a readable ZIP package') });
  });

  it('flags VBA in OOXML and Basic in ODF as macros', async () => {
    const docx = await buildZip([...(await readZipEntries(fixture('sample.docx'))), { name: 'word/vbaProject.bin', content: Buffer.from('vba') }]);
    expect(await inspectPackage(reader(docx).open, docx.length, limits)).toMatchObject({ ok: true, warnings: [{ code: 'macros', message: expect.stringContaining('(VBA)') }] });
    const odt = await buildZip([...(await readZipEntries(fixture('sample.odt'))), { name: 'Basic/Standard/Module1.xml', content: Buffer.from('<x/>') }]);
    expect(await inspectPackage(reader(odt).open, odt.length, limits)).toMatchObject({ ok: true, warnings: [{ code: 'macros', message: expect.stringContaining('(Basic)') }] });
  });
});
