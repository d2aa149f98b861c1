import { sign, verify, X509Certificate } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectPdfSignatures } from '../../../test/support/pdf-signatures.js';
import { AUTHORITY_FILE_NAME } from './authority.js';
import { loadOrCreateSandboxAuthority, renderPlaceholderPdf, sandboxSigningKey, signPdf, type SandboxAuthority } from './index.js';

const LIBREOFFICE_FIXTURE = new URL('../../../test/fixtures/documents/sample.pdf', import.meta.url);

let workDir: string;
let authority: SandboxAuthority;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'countersign-signing-'));
  authority = await loadOrCreateSandboxAuthority(join(workDir, 'authority'));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** The /Sig dictionaries in object-number order (ours grow with each update), with their text entries. */
async function signatureDictionaries(pdf: Buffer) {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const text = (dict: PDFDict, key: string) => {
    const value = dict.lookup(PDFName.of(key));
    return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
  };
  return document.context
    .enumerateIndirectObjects()
    .filter(([, object]) => object instanceof PDFDict && object.lookup(PDFName.of('Type')) === PDFName.of('Sig'))
    .sort(([a], [b]) => a.objectNumber - b.objectNumber)
    .map(([, object]) => {
      const dict = object as PDFDict;
      return {
        name: text(dict, 'Name'),
        reason: text(dict, 'Reason'),
        location: text(dict, 'Location'),
        subFilter: dict.lookup(PDFName.of('SubFilter'))?.toString(),
      };
    });
}

async function pdfLibPdf(options: { useObjectStreams: boolean }): Promise<Buffer> {
  const document = await PDFDocument.create();
  const page = document.addPage([595.28, 841.89]);
  page.drawText('Umowa testowa', { x: 56, y: 780, size: 18, font: await document.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await document.save(options));
}

const sources = [
  { label: 'LibreOffice PDF (xref table)', load: () => readFile(LIBREOFFICE_FIXTURE) },
  { label: 'pdf-lib PDF (xref stream)', load: () => pdfLibPdf({ useObjectStreams: true }) },
  { label: 'pdf-lib PDF (xref table)', load: () => pdfLibPdf({ useObjectStreams: false }) },
  {
    label: 'renderPlaceholderPdf output',
    load: () =>
      renderPlaceholderPdf({
        title: 'Umowa najmu',
        filename: 'umowa-najmu.docx',
        lines: ['Signed by Łucja Żółkiewska', 'Signed by Zoë Müller'],
      }),
  },
];

describe.each(sources)('signPdf on a $label', ({ load }) => {
  const first = { signerName: 'Anna Nowak', reason: 'I accept the terms', location: 'Kraków' };
  const second = { signerName: 'Łucja Żółkiewska', reason: 'Approved (final)' };

  it('adds one valid PAdES signature covering the whole document', async () => {
    const signed = await signPdf(await load(), { authority, ...first, signedAt: new Date('2026-11-20T10:00:00Z') });

    const report = await inspectPdfSignatures(signed);
    expect(report.signatures, report.tool).toEqual([
      { signerCommonName: first.signerName, valid: true, coversWholeDocument: true, subFilter: 'ETSI.CAdES.detached' },
    ]);
    // A correct incremental update needs no repair (poppler's warnings, or the builtin cross-reference check).
    expect(report.structureProblems).toEqual([]);
    // pdfsig (poppler 22.12) prints no reason or location, so those are read from the signature dictionary.
    expect(await signatureDictionaries(signed)).toEqual([
      { name: first.signerName, reason: first.reason, location: first.location, subFilter: '/ETSI.CAdES.detached' },
    ]);
  });

  it('adds a second signature as an incremental update that keeps the first one valid', async () => {
    const source = await load();
    const once = await signPdf(source, { authority, ...first });
    const twice = await signPdf(once, { authority, ...second });

    // Incremental: every byte the first signature covers is still there, unchanged.
    expect(once.subarray(0, source.length).equals(source)).toBe(true);
    expect(twice.subarray(0, once.length).equals(once)).toBe(true);

    const report = await inspectPdfSignatures(twice);
    expect(report.signatures, report.tool).toEqual([
      { signerCommonName: first.signerName, valid: true, coversWholeDocument: false, subFilter: 'ETSI.CAdES.detached' },
      { signerCommonName: second.signerName, valid: true, coversWholeDocument: true, subFilter: 'ETSI.CAdES.detached' },
    ]);
    expect(report.structureProblems).toEqual([]);
    expect((await signatureDictionaries(twice)).map(({ name, reason }) => ({ name, reason }))).toEqual([
      { name: first.signerName, reason: first.reason },
      { name: second.signerName, reason: second.reason },
    ]);
  });

  it('makes a signature visible in the rectangle given, on the page given, after an invisible one', async () => {
    const source = await load();
    const pageCount = (await PDFDocument.load(source, { updateMetadata: false })).getPageCount();
    const once = await signPdf(source, { authority, ...first });
    const rect = { page: pageCount, left: 60, top: 80, width: 180, height: 50 };
    const twice = await signPdf(once, { authority, ...second, signedAt: new Date('2026-11-20T10:00:00Z'), rect });

    const report = await inspectPdfSignatures(twice);
    expect(report.signatures.map(({ valid, signerCommonName }) => ({ valid, signerCommonName })), report.tool).toEqual([
      { valid: true, signerCommonName: first.signerName },
      { valid: true, signerCommonName: second.signerName },
    ]);
    expect(report.structureProblems).toEqual([]);

    const document = await PDFDocument.load(twice, { updateMetadata: false });
    const widgets = document.getPages().flatMap((page, index) => {
      const annotations = page.node.lookup(PDFName.of('Annots'));
      return annotations instanceof PDFArray
        ? annotations.asArray().map((ref) => ({ page: index + 1, widget: document.context.lookup(ref, PDFDict), crop: page.getCropBox() }))
        : [];
    }).filter(({ widget }) => widget.lookup(PDFName.of('FT')) === PDFName.of('Sig'));
    expect(widgets).toHaveLength(2);
    const [invisible, visible] = widgets;
    expect(invisible?.page).toBe(1);
    expect(invisible?.widget.lookup(PDFName.of('Rect'))?.toString()).toBe('[ 0 0 0 0 ]');
    expect(invisible?.widget.get(PDFName.of('AP'))).toBeUndefined();
    expect(visible?.page).toBe(pageCount);
    const crop = visible!.crop;
    const expected = [crop.x + 60, crop.y + crop.height - 80 - 50, crop.x + 240, crop.y + crop.height - 80].map((value) => Math.round(value * 100) / 100);
    expect(visible?.widget.lookup(PDFName.of('Rect'))?.toString()).toBe(`[ ${expected.join(' ')} ]`);
    expect(visible?.widget.lookup(PDFName.of('AP'))).toBeInstanceOf(PDFDict);
  });
});

describe('signPdf refusals', () => {
  it('refuses a rectangle on a page the PDF lacks, and one of no size', async () => {
    const pdf = await pdfLibPdf({ useObjectStreams: true });
    const base = { authority, signerName: 'Anna Nowak', reason: 'r' };
    await expect(signPdf(pdf, { ...base, rect: { page: 3, left: 0, top: 0, width: 10, height: 10 } })).rejects.toThrow(/no page 3/);
    await expect(signPdf(pdf, { ...base, rect: { page: 1, left: 0, top: 0, width: 10, height: -1 } })).rejects.toThrow(/positive size/);
  });
});

describe('sandboxSigningKey', () => {
  it('gives the private key that belongs to the signing certificate', () => {
    const { privateKeyPem, certificatePem } = sandboxSigningKey(authority);
    expect(certificatePem).toBe(authority.signingCertificatePem);
    const data = Buffer.from('audit proof');
    const signature = sign('sha256', data, privateKeyPem);
    expect(verify('sha256', data, new X509Certificate(certificatePem).publicKey, signature)).toBe(true);
  });
});

describe('loadOrCreateSandboxAuthority', () => {
  const fingerprint = (pem: string) => new X509Certificate(pem).fingerprint256;

  it('creates the authority once, with mode 0600, and loads the same one afterwards', async () => {
    const dir = join(workDir, 'fresh', 'nested'); // the folder does not exist yet
    const created = await loadOrCreateSandboxAuthority(dir, { name: 'Autenti Sandbox' });
    const loaded = await loadOrCreateSandboxAuthority(dir, { name: 'ignored once created' });

    expect(loaded.name).toBe('Autenti Sandbox');
    expect(fingerprint(loaded.caCertificatePem)).toBe(fingerprint(created.caCertificatePem));
    expect(fingerprint(loaded.signingCertificatePem)).toBe(fingerprint(created.signingCertificatePem));
    expect(loaded.pkcs12.equals(created.pkcs12)).toBe(true);
    const files = await readdir(dir);
    expect(files).toEqual([AUTHORITY_FILE_NAME]); // no temp file left behind
    for (const file of files) expect((await stat(join(dir, file))).mode & 0o777).toBe(0o600);
  });

  it('gives concurrent first callers one and the same authority', async () => {
    const dir = join(workDir, 'concurrent');
    const authorities = await Promise.all([1, 2, 3].map(() => loadOrCreateSandboxAuthority(dir)));
    const fingerprints = new Set(authorities.map(({ caCertificatePem }) => fingerprint(caCertificatePem)));
    expect(fingerprints.size).toBe(1);
    expect(await readdir(dir)).toEqual([AUTHORITY_FILE_NAME]);
  });

  it('issues an RSA 2048 signing certificate from a 10-year CA, for digitalSignature and nonRepudiation', () => {
    const ca = new X509Certificate(authority.caCertificatePem);
    const signing = new X509Certificate(authority.signingCertificatePem);
    expect(ca.ca).toBe(true);
    expect(signing.checkIssued(ca) && signing.verify(ca.publicKey)).toBe(true);
    expect(signing.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const years = (Date.parse(ca.validTo) - Date.parse(ca.validFrom)) / (365.25 * 24 * 3600 * 1000);
    expect(years).toBeGreaterThan(9.9);
    const keyUsage = forge.pki.certificateFromPem(authority.signingCertificatePem).getExtension('keyUsage') as {
      digitalSignature?: boolean;
      nonRepudiation?: boolean;
      keyCertSign?: boolean;
    };
    expect(keyUsage).toMatchObject({ digitalSignature: true, nonRepudiation: true, keyCertSign: false });

    // The PKCS#12 holds the key of the signing certificate (empty passphrase).
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(authority.pkcs12.toString('binary')), '');
    const bag = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]?.[0];
    const key = bag?.key as forge.pki.rsa.PrivateKey;
    const certificate = forge.pki.certificateFromPem(authority.signingCertificatePem);
    expect((certificate.publicKey as forge.pki.rsa.PublicKey).n.equals(key.n)).toBe(true);
  });
});
