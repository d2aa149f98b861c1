/**
 * Checks the signatures in a PDF for tests: with poppler's `pdfsig` when it is installed (CI installs
 * poppler-utils; an implementation independent of ours is the stronger check), otherwise with the
 * builtin verifier below, so that `npm test` verifies signed PDFs on a machine that has only Node.js
 * instead of failing or skipping.
 *
 * pdfsig is `$PDFSIG` when that is set (a path, or a command name looked up on PATH), else `pdfsig` on
 * PATH. Setting PDFSIG to something that is not an executable counts as "not installed":
 * `PDFSIG=/nonexistent npm test` runs the builtin verifier on a machine that has pdfsig.
 *
 * The builtin verifier uses node:crypto and node-forge's ASN.1 parser only. It deliberately imports
 * nothing from src/sandbox/signing: a verifier sharing code with the signer would share its bugs.
 *
 * Test code, kept under src/ because tests beside the sources import it and `npm run build` compiles
 * src/ alone (rootDir); tests under test/ import it as test/support/pdf-signatures.ts.
 */
import { execFile } from 'node:child_process';
import { createHash, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import forge from 'node-forge';
import { crossReferenceProblems } from './pdf-cross-references.js';

export type PdfSignatureTool = 'pdfsig' | 'builtin';

export interface PdfSignature {
  /** The common name (CN) of the signer certificate's subject; '' when the certificate cannot be read. */
  signerCommonName: string;
  /**
   * The signature matches the bytes it covers. Whether the certificate chains to a trusted root is not
   * part of it: the sandbox's CA is trusted nowhere (pdfsig reports that on a separate line).
   */
  valid: boolean;
  /** The signed byte ranges reach the end of the file: nothing was appended after this signature. */
  coversWholeDocument: boolean;
  /** The signature dictionary's /SubFilter without its slash, e.g. 'ETSI.CAdES.detached'. */
  subFilter?: string;
  /** Why `valid` is false, for failure messages: pdfsig's verdict or the builtin verifier's reason. */
  problem?: string;
}

export interface PdfSignatureReport {
  /** Which verifier produced the report. */
  tool: PdfSignatureTool;
  /** One entry per signature, earliest first (incremental updates append later signatures). */
  signatures: PdfSignature[];
  /**
   * Structure a reader had to repair: poppler's "Syntax Error/Warning" lines with pdfsig; with the
   * builtin verifier, cross-reference entries that miss their object. Empty for a well-formed file.
   */
  structureProblems: string[];
}

export interface InspectPdfSignaturesOptions {
  /** 'auto' (the default) uses pdfsig when it is installed; 'pdfsig' fails when it is not. */
  tool?: 'auto' | PdfSignatureTool;
}

/** The signatures of `pdf` (its bytes, or a path to it), checked with pdfsig or the builtin verifier. */
export async function inspectPdfSignatures(pdf: Buffer | string, options: InspectPdfSignaturesOptions = {}): Promise<PdfSignatureReport> {
  const wanted = options.tool ?? 'auto';
  if (wanted !== 'builtin') {
    const pdfsig = await findPdfsig();
    if (pdfsig) return runPdfsig(pdfsig, pdf);
    if (wanted === 'pdfsig') {
      throw new Error(
        `inspectPdfSignatures was asked for pdfsig, but ${process.env.PDFSIG === undefined ? 'there is no pdfsig on PATH' : `PDFSIG=${process.env.PDFSIG} is not an executable`}. ` +
          'Install poppler-utils (apt-get install poppler-utils, brew install poppler) or set PDFSIG to its path.',
      );
    }
  }
  return verifyWithBuiltin(typeof pdf === 'string' ? await readFile(pdf) : pdf);
}

/** The pdfsig executable that {@link inspectPdfSignatures} would run, or undefined when there is none. */
export async function findPdfsig(): Promise<string | undefined> {
  const configured = process.env.PDFSIG;
  if (configured !== undefined && /[\\/]/.test(configured)) return (await isExecutableFile(configured)) ? configured : undefined;
  const name = configured || 'pdfsig';
  for (const directory of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const candidate of process.platform === 'win32' ? [`${name}.exe`, name] : [name]) {
      if (await isExecutableFile(join(directory, candidate))) return join(directory, candidate);
    }
  }
  return undefined;
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------- pdfsig

/** Lines poppler prints when it had to repair the file (cross-references, syntax). */
const POPPLER_REPAIRS = /(Syntax|Internal) (Error|Warning)/;

async function runPdfsig(executable: string, pdf: Buffer | string): Promise<PdfSignatureReport> {
  const folder = typeof pdf === 'string' ? undefined : await mkdtemp(join(tmpdir(), 'countersign-pdfsig-'));
  try {
    const path = folder ? join(folder, 'signed.pdf') : (pdf as string);
    if (folder) await writeFile(path, pdf);
    const { stdout, stderr, exitCode } = await new Promise<{ stdout: string; stderr: string; exitCode: number | string | null | undefined }>((resolve, reject) => {
      execFile(executable, [path], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        // A spawn failure is ours to report; a non-zero exit is not: pdfsig exits 2 for "no signatures",
        // and some versions exit non-zero for an untrusted issuer, with the verdicts still in stdout.
        if (error && typeof error.code === 'string') reject(new Error(`Could not run ${executable}: ${error.message}`));
        else resolve({ stdout, stderr, exitCode: error?.code });
      });
    });
    if (!/^Digital Signature Info of:|does not contain any signatures/m.test(stdout)) {
      throw new Error(`${executable} could not read ${path} (exit code ${exitCode ?? 0}): ${stderr.trim() || stdout.trim()}`);
    }
    const signatures = stdout
      .split(/^Signature #\d+:\s*$/m)
      .slice(1)
      .map((section): PdfSignature => {
        const line = (label: string) => new RegExp(`^\\s*- ${label}: (.*)$`, 'm').exec(section)?.[1]?.trim();
        const validation = line('Signature Validation');
        const valid = validation === 'Signature is Valid.';
        return {
          signerCommonName: line('Signer Certificate Common Name') ?? '',
          valid,
          coversWholeDocument: /^\s*- Total document signed\s*$/m.test(section),
          subFilter: line('Signature Type'),
          ...(valid ? {} : { problem: `pdfsig: ${validation ?? 'no "Signature Validation" line'}` }),
        };
      });
    return { tool: 'pdfsig', signatures, structureProblems: stderr.split('\n').filter((text) => POPPLER_REPAIRS.test(text)) };
  } finally {
    if (folder) await rm(folder, { recursive: true, force: true });
  }
}

// --------------------------------------------------------------------------------------------- builtin

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  messageDigest: '1.2.840.113549.1.9.4',
  commonName: '2.5.4.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const;

/** Digest algorithms by OID, with the RSA signature algorithm that names the same digest. */
const DIGESTS: Record<string, { name: string; withRsa: string }> = {
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', withRsa: '1.2.840.113549.1.1.11' },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', withRsa: '1.2.840.113549.1.1.12' },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', withRsa: '1.2.840.113549.1.1.13' },
};

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

function verifyWithBuiltin(pdf: Buffer): PdfSignatureReport {
  if (!pdf.subarray(0, 1024).includes('%PDF-')) throw new Error('inspectPdfSignatures: this is not a PDF (no "%PDF-" header).');
  const text = pdf.toString('latin1');
  // Signature dictionaries are found by their /ByteRange rather than through the AcroForm: their
  // /Contents must be outside any compressed stream for the byte ranges to skip it, so a plain scan
  // sees every one, in file order, which for incremental updates is signing order.
  const signatures = [...text.matchAll(BYTE_RANGE)].map((match) => {
    const [start, firstLength, secondStart, secondLength] = match.slice(1).map(Number) as [number, number, number, number];
    // The dictionary's other entries (/SubFilter) lie between the previous object's end and this one's.
    const dictionaryStart = Math.max(0, text.lastIndexOf('endobj', match.index));
    const dictionaryEnd = text.indexOf('endobj', Math.max(match.index, secondStart));
    const dictionary = text.slice(dictionaryStart, firstLength) + text.slice(secondStart, dictionaryEnd < 0 ? undefined : dictionaryEnd);
    const subFilter = /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(dictionary)?.[1]?.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const coversWholeDocument = start === 0 && secondStart + secondLength === pdf.length;
    const { signerCommonName, valid, problem } = verifySignatureValue(pdf, text, [start, firstLength, secondStart, secondLength]);
    return { signerCommonName, valid, coversWholeDocument, ...(subFilter === undefined ? {} : { subFilter }), ...(problem === undefined ? {} : { problem }) };
  });
  return { tool: 'builtin', signatures, structureProblems: crossReferenceProblems(pdf) };
}

/** Checks the CMS in the /Contents gap of one /ByteRange against the bytes the ranges cover. */
function verifySignatureValue(
  pdf: Buffer,
  text: string,
  [start, firstLength, secondStart, secondLength]: [number, number, number, number],
): Pick<PdfSignature, 'signerCommonName' | 'valid' | 'problem'> {
  const invalid = (problem: string, signerCommonName = '') => ({ signerCommonName, valid: false, problem });
  if (start !== 0 || firstLength >= secondStart || secondStart + secondLength > pdf.length) {
    return invalid(`/ByteRange [${start} ${firstLength} ${secondStart} ${secondLength}] does not fit a file of ${pdf.length} bytes`);
  }
  const gap = text.slice(firstLength, secondStart);
  const hex = /^<([0-9a-fA-F\s]*)>$/.exec(gap)?.[1]?.replace(/\s/g, '');
  if (hex === undefined || !/\/Contents\s*$/.test(text.slice(Math.max(0, firstLength - 32), firstLength))) {
    return invalid('the gap between the two byte ranges is not the /Contents hex string');
  }

  let signerInfo: SignerInfo;
  try {
    signerInfo = readSignedData(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'));
  } catch (error) {
    return invalid(`/Contents is not a CMS SignedData this verifier reads: ${(error as Error).message}`);
  }
  const { signerCommonName, publicKey, digest, signedAttributes, signatureAlgorithm, signature } = signerInfo;
  if (publicKey.asymmetricKeyType !== 'rsa') return invalid(`the signer key is ${publicKey.asymmetricKeyType}; this verifier checks RSA only`, signerCommonName);
  if (signatureAlgorithm !== OID.rsaEncryption && signatureAlgorithm !== digest.withRsa) {
    return invalid(`signature algorithm ${signatureAlgorithm} does not go with digest ${digest.name}`, signerCommonName);
  }

  const hash = createHash(digest.name);
  hash.update(pdf.subarray(start, firstLength));
  hash.update(pdf.subarray(secondStart, secondStart + secondLength));
  const documentDigest = hash.digest();
  let signedBytes: Buffer;
  if (signedAttributes) {
    const messageDigest = attributeValue(signedAttributes, OID.messageDigest);
    if (!messageDigest?.equals(documentDigest)) return invalid('the messageDigest attribute does not match the signed byte ranges: the document was changed', signerCommonName);
    // The signature covers the attributes as a SET (tag 0x31), not with the [0] tag they carry here.
    signedBytes = der(forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, signedAttributes));
  } else {
    signedBytes = Buffer.concat([pdf.subarray(start, firstLength), pdf.subarray(secondStart, secondStart + secondLength)]);
  }
  if (!verify(digest.name, signedBytes, publicKey, signature)) return invalid('the RSA signature does not verify with the signer certificate', signerCommonName);
  return { signerCommonName, valid: true };
}

interface SignerInfo {
  signerCommonName: string;
  publicKey: KeyObject;
  digest: { name: string; withRsa: string };
  /** The signed attributes, if any; absent when the signature is over the content itself. */
  signedAttributes: forge.asn1.Asn1[] | undefined;
  signatureAlgorithm: string;
  signature: Buffer;
}

/**
 * The one SignerInfo of a CMS ContentInfo (RFC 5652) with its certificate. `cms` may carry the
 * /Contents zero padding after it.
 */
function readSignedData(cms: Buffer): SignerInfo {
  // The padding is not stripped by hand: the DER can itself end in zero bytes. (@types/node-forge
  // lacks fromDer's options object, which forge has had since 1.0.)
  const fromDer = forge.asn1.fromDer as unknown as (bytes: string, options: { parseAllBytes: boolean; decodeBitStrings: boolean }) => forge.asn1.Asn1;
  const contentInfo = fromDer(cms.toString('binary'), { parseAllBytes: false, decodeBitStrings: false });
  const [contentType, explicitContent] = children(contentInfo);
  if (!contentType || oidOf(contentType) !== OID.signedData || !explicitContent) throw new Error('the content type is not signedData');
  const signedData = children(children(explicitContent)[0]);
  const certificates = signedData.filter((node) => isContextTag(node, 0)).flatMap(children);
  const signerInfos = children(signedData.at(-1));
  if (signerInfos.length !== 1) throw new Error(`expected one SignerInfo, found ${signerInfos.length}`);

  const [, signerId, digestAlgorithm, ...rest] = children(signerInfos[0]);
  const signedAttributes = isContextTag(rest[0], 0) ? children(rest.shift()) : undefined;
  const [signatureAlgorithm, signature] = rest;
  const digestOid = oidOf(children(digestAlgorithm)[0]);
  const digest = DIGESTS[digestOid];
  if (!digest) throw new Error(`digest algorithm ${digestOid} is not SHA-2`);
  if (!signerId || isContextTag(signerId, 0)) throw new Error('the signer is named by subject key identifier; this verifier matches issuer and serial number');

  const [issuer, serialNumber] = children(signerId);
  const certificate = certificates.find((candidate) => {
    const fields = tbsFields(candidate);
    return issuer !== undefined && bytesOf(fields.serialNumber) === bytesOf(serialNumber) && der(fields.issuer).equals(der(issuer));
  });
  if (!certificate) throw new Error('the certificate of the signer (issuer and serial number of the SignerInfo) is not in the CMS');
  return {
    signerCommonName: commonNameOf(tbsFields(certificate).subject),
    publicKey: new X509Certificate(der(certificate)).publicKey,
    digest,
    signedAttributes,
    signatureAlgorithm: oidOf(children(signatureAlgorithm)[0]),
    signature: Buffer.from(bytesOf(signature), 'binary'),
  };
}

/** serialNumber, issuer and subject of a Certificate, skipping the optional [0] version. */
function tbsFields(certificate: forge.asn1.Asn1) {
  const tbs = children(children(certificate)[0]);
  const fields = isContextTag(tbs[0], 0) ? tbs.slice(1) : tbs;
  const [serialNumber, , issuer, , subject] = fields;
  if (!serialNumber || !issuer || !subject) throw new Error('a certificate in the CMS is truncated');
  return { serialNumber, issuer, subject };
}

/** The last CN of a Name (the most specific, as NSS and so pdfsig take it), decoded from its string type. */
function commonNameOf(name: forge.asn1.Asn1): string {
  let commonName = '';
  for (const relativeName of children(name)) {
    for (const attribute of children(relativeName)) {
      const [type, value] = children(attribute);
      if (!type || !value || oidOf(type) !== OID.commonName) continue;
      const bytes = Buffer.from(bytesOf(value), 'binary');
      if (value.type === forge.asn1.Type.UTF8) commonName = bytes.toString('utf8');
      else if (value.type === forge.asn1.Type.BMPSTRING) commonName = Buffer.from(bytes).swap16().toString('utf16le');
      else commonName = bytes.toString('latin1'); // PrintableString, IA5String, TeletexString
    }
  }
  return commonName;
}

/** The single value of the attribute `type` (an OCTET STRING's bytes), if present. */
function attributeValue(attributes: forge.asn1.Asn1[], type: string): Buffer | undefined {
  for (const attribute of attributes) {
    const [attributeType, values] = children(attribute);
    if (attributeType && oidOf(attributeType) === type) return Buffer.from(bytesOf(children(values)[0]), 'binary');
  }
  return undefined;
}

function children(node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] {
  if (!node || !Array.isArray(node.value)) throw new Error('unexpected ASN.1 structure');
  return node.value;
}

function bytesOf(node: forge.asn1.Asn1 | undefined): string {
  if (!node || typeof node.value !== 'string') throw new Error('unexpected ASN.1 structure');
  return node.value;
}

function oidOf(node: forge.asn1.Asn1 | undefined): string {
  return forge.asn1.derToOid(bytesOf(node));
}

function isContextTag(node: forge.asn1.Asn1 | undefined, tag: number): boolean {
  return node?.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && node.type === tag;
}

function der(node: forge.asn1.Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
}
