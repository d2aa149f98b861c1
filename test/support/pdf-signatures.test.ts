import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadOrCreateSandboxAuthority, signPdf } from '../../src/sandbox/signing/index.js';
import { findPdfsig, inspectPdfSignatures, type PdfSignatureTool } from './pdf-signatures.js';

const SAMPLE_PDF = new URL('../fixtures/documents/sample.pdf', import.meta.url);
const first = { signerName: 'Anna Nowak', reason: 'Agreed' };
const second = { signerName: 'Łucja Żółkiewska', reason: 'Approved by the board' };

// Both verifiers on a machine with pdfsig (CI); the builtin one alone elsewhere, and the test of the
// automatic choice below then checks that the builtin one is what runs.
const PDFSIG_INSTALLED = (await findPdfsig()) !== undefined;
const TOOLS: PdfSignatureTool[] = PDFSIG_INSTALLED ? ['builtin', 'pdfsig'] : ['builtin'];

let workDir: string;
let source: Buffer;
let once: Buffer;
let twice: Buffer;
let twicePath: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'countersign-pdf-signatures-'));
  const authority = await loadOrCreateSandboxAuthority(join(workDir, 'authority'));
  source = await readFile(SAMPLE_PDF);
  once = await signPdf(source, { authority, ...first });
  twice = await signPdf(once, { authority, ...second });
  twicePath = join(workDir, 'twice.pdf');
  await writeFile(twicePath, twice);
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const SIGNED_TWICE = [
  { signerCommonName: first.signerName, valid: true, coversWholeDocument: false, subFilter: 'ETSI.CAdES.detached' },
  { signerCommonName: second.signerName, valid: true, coversWholeDocument: true, subFilter: 'ETSI.CAdES.detached' },
];

/** A copy of `pdf` with the byte at `offset` changed by `mask`. */
function flipped(pdf: Buffer, offset: number, mask: number): Buffer {
  const copy = Buffer.from(pdf);
  copy[offset] = copy[offset]! ^ mask;
  return copy;
}

describe.each(TOOLS)('inspectPdfSignatures with %s', (tool) => {
  it('reports both signatures of a twice-signed PDF, read from bytes or from a path', async () => {
    const expected = { tool, signatures: SIGNED_TWICE, structureProblems: [] };
    expect(await inspectPdfSignatures(twice, { tool })).toEqual(expected);
    expect(await inspectPdfSignatures(twicePath, { tool })).toEqual(expected);
  });

  it('reports no signatures for an unsigned PDF', async () => {
    expect(await inspectPdfSignatures(source, { tool })).toEqual({ tool, signatures: [], structureProblems: [] });
  });

  it('invalidates both signatures when a byte of the original document changes', async () => {
    // Inside the first content stream: compressed bytes nobody parses, so the file still reads cleanly.
    const offset = twice.indexOf('stream') + 'stream'.length + 20;
    expect(offset).toBeLessThan(source.length);
    const report = await inspectPdfSignatures(flipped(twice, offset, 0x01), { tool });
    expect(report.signatures).toMatchObject([
      { signerCommonName: first.signerName, valid: false, coversWholeDocument: false },
      { signerCommonName: second.signerName, valid: false, coversWholeDocument: true },
    ]);
  });

  it('invalidates only the later signature when a byte appended after the first one changes', async () => {
    // A letter of the second signature's /Reason: switching its case keeps the PDF syntax intact.
    const offset = twice.indexOf(second.reason, once.length);
    expect(offset).toBeGreaterThan(once.length);
    const report = await inspectPdfSignatures(flipped(twice, offset, 0x20), { tool });
    expect(report.signatures).toMatchObject([
      { signerCommonName: first.signerName, valid: true },
      { signerCommonName: second.signerName, valid: false },
    ]);
  });

  it('invalidates a signature whose RSA signature value changes', async () => {
    // The last CMS bytes before the zero padding of /Contents are the signer's RSA signature value.
    const contents = twice.indexOf('/Contents <', once.length) + '/Contents <'.length;
    const hex = twice.subarray(contents, twice.indexOf('>', contents)).toString('latin1');
    const offset = contents + hex.replace(/0+$/, '').length - 8;
    const digit = String.fromCharCode(twice[offset]!);
    const tampered = Buffer.from(twice);
    tampered[offset] = (digit === '0' ? '1' : '0').charCodeAt(0);
    const report = await inspectPdfSignatures(tampered, { tool });
    expect(report.signatures).toMatchObject([
      { signerCommonName: first.signerName, valid: true },
      { signerCommonName: second.signerName, valid: false },
    ]);
  });

  it('reports a cross-reference entry that misses its object as a structure problem', async () => {
    // The last cross-reference table is the second signature's: point its first entry one byte late.
    const table = twice.lastIndexOf('\nxref\n') + 1;
    const entry = /\n(\d{10}) 00000 n/.exec(twice.toString('latin1', table));
    expect(entry?.[1]).toBeDefined();
    const broken = Buffer.from(twice);
    broken.write(String(Number(entry![1]) + 1).padStart(10, '0'), table + entry!.index + 1, 'latin1');
    const report = await inspectPdfSignatures(broken, { tool });
    expect(report.structureProblems).not.toEqual([]);
  });
});

describe('choosing the verifier', () => {
  it('uses pdfsig when it is installed and the builtin verifier when it is not', async () => {
    const report = await inspectPdfSignatures(twice);
    expect(report).toEqual({ tool: PDFSIG_INSTALLED ? 'pdfsig' : 'builtin', signatures: SIGNED_TWICE, structureProblems: [] });
  });

  it('takes PDFSIG set to a path that is not an executable as "pdfsig is not installed"', async () => {
    vi.stubEnv('PDFSIG', join(workDir, 'no-such-pdfsig'));
    expect(await findPdfsig()).toBeUndefined();
    expect((await inspectPdfSignatures(twice)).tool).toBe('builtin');
    await expect(inspectPdfSignatures(twice, { tool: 'pdfsig' })).rejects.toThrow(/is not an executable\. Install poppler-utils/);
  });

  it('refuses a file that is not a PDF', async () => {
    await expect(inspectPdfSignatures(Buffer.from('{"not": "a PDF"}'), { tool: 'builtin' })).rejects.toThrow(/not a PDF/);
  });
});
