import { SignPdf, Signer } from '@signpdf/signpdf';
import {
  EncryptedPDFError,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';
import { createCadesDetachedSignature, type SandboxAuthority } from './authority.js';

/** Bytes reserved for the CMS; ours is ~3 KB (two certificates), the rest leaves room for growth. */
const SIGNATURE_PLACEHOLDER_BYTES = 16 * 1024;
// The marker @signpdf/signpdf looks for and replaces with the real /ByteRange, padded to equal length.
const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 /********** /********** /**********]';

/** Options of {@link signPdf}. */
export interface SignPdfOptions {
  /** Whose keys sign (see `loadOrCreateSandboxAuthority`). */
  authority: SandboxAuthority;
  /** The signer's name: the common name of the certificate issued for this signature and the /Name entry. */
  signerName: string;
  /** Shown as the signature's reason (/Reason). */
  reason: string;
  /** Shown as the signature's location (/Location) when given. */
  location?: string;
  /** The claimed signing time (/M); now when omitted. */
  signedAt?: Date;
}

/**
 * Adds one invisible PAdES signature (SubFilter ETSI.CAdES.detached) for `signerName` to `pdf` as an
 * incremental update: the original bytes are kept as they are and new objects are appended, so
 * signatures already in the file stay valid. Works on files with classic cross-reference tables and
 * with cross-reference streams. Encrypted PDFs are refused.
 */
export async function signPdf(pdf: Buffer, options: SignPdfOptions): Promise<Buffer> {
  const signedAt = options.signedAt ?? new Date();
  const prepared = await appendSignaturePlaceholder(pdf, { ...options, signedAt });
  // @signpdf/signpdf does the byte-range bookkeeping: it fills /ByteRange, hands the bytes around
  // /Contents to the signer and writes the hex CMS into the placeholder.
  return new SignPdf().sign(prepared, new SandboxCadesSigner(options.authority, options.signerName, signedAt));
}

class SandboxCadesSigner extends Signer {
  constructor(
    private readonly authority: SandboxAuthority,
    private readonly signerName: string,
    private readonly signedAt: Date,
  ) {
    super();
  }

  override async sign(signedBytes: Buffer): Promise<Buffer> {
    return createCadesDetachedSignature(this.authority, signedBytes, this.signerName, this.signedAt);
  }
}

interface NewObject {
  ref: PDFRef;
  body: string;
}

/**
 * Appends a signature dictionary with an empty /Contents, its widget, an updated AcroForm (or catalog)
 * and first page, and a cross-reference section whose /Prev chains to the existing one. pdf-lib only
 * reads the structure here: re-saving the file with it would rewrite earlier signed bytes.
 */
async function appendSignaturePlaceholder(
  pdf: Buffer,
  fields: Omit<SignPdfOptions, 'authority'> & { signedAt: Date },
): Promise<Buffer> {
  const previous = readLastCrossReference(pdf);
  const document = await loadForReading(pdf);
  const { context } = document;
  const catalogRef = context.trailerInfo.Root;
  if (!(catalogRef instanceof PDFRef)) throw new Error('signPdf: the PDF trailer has no /Root reference.');
  const firstPage = document.getPages()[0];
  if (!firstPage) throw new Error('signPdf: the PDF has no page to put the signature widget on.');

  // pdf-lib does not register cross-reference stream objects, so /Size may exceed what it has seen.
  let nextObjectNumber = Math.max(previous.size, context.largestObjectNumber + 1);
  const allocate = () => PDFRef.of(nextObjectNumber++);
  const signatureRef = allocate();
  const widgetRef = allocate();

  const { objects, fieldName } = addFieldToAcroForm(document, catalogRef, widgetRef, allocate);
  const page = firstPage.node.clone();
  const existingAnnotations = firstPage.node.lookup(PDFName.of('Annots'));
  const annotations = existingAnnotations instanceof PDFArray ? existingAnnotations.clone() : context.obj([]);
  annotations.push(widgetRef);
  page.set(PDFName.of('Annots'), annotations);
  const widget = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: textString(fieldName),
    V: signatureRef,
    P: firstPage.ref,
    Rect: [0, 0, 0, 0], // invisible: the sandbox has no appearance to draw
    F: 4 | 128, // Print | Locked
  });
  objects.push(
    { ref: firstPage.ref, body: page.toString() },
    { ref: widgetRef, body: widget.toString() },
    { ref: signatureRef, body: signatureDictionary(fields) },
  );

  const separator = pdf.at(-1) === 0x0a || pdf.at(-1) === 0x0d ? '' : '\n';
  const chunks: Buffer[] = [pdf, Buffer.from(separator, 'latin1')];
  let length = pdf.length + separator.length;
  const entries: Entry[] = [];
  for (const { ref, body } of objects) {
    entries.push({ ref, offset: length });
    const bytes = Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n${body}\nendobj\n`, 'latin1');
    chunks.push(bytes);
    length += bytes.length;
  }
  const trailer = [
    `/Root ${catalogRef.toString()}`,
    context.trailerInfo.Info ? `/Info ${context.trailerInfo.Info.toString()}` : '',
    context.trailerInfo.ID ? `/ID ${context.trailerInfo.ID.toString()}` : '',
    `/Prev ${previous.offset}`,
  ].filter(Boolean);
  if (previous.kind === 'stream') {
    const streamRef = allocate(); // before /Size is read: the stream is an object of its own
    chunks.push(crossReferenceStream(entries, trailer, streamRef, length, nextObjectNumber));
  } else {
    chunks.push(crossReferenceTable(entries, trailer, nextObjectNumber, length));
  }
  return Buffer.concat(chunks);
}

/** The AcroForm with `widgetRef` added to /Fields, and the objects to write for it (and the catalog). */
function addFieldToAcroForm(document: PDFDocument, catalogRef: PDFRef, widgetRef: PDFRef, allocate: () => PDFRef) {
  const { context } = document;
  const catalog = context.lookup(catalogRef, PDFDict);
  const acroFormEntry = catalog.get(PDFName.of('AcroForm'));
  const existingAcroForm = acroFormEntry ? context.lookup(acroFormEntry, PDFDict) : undefined;
  const acroForm = existingAcroForm ? existingAcroForm.clone() : context.obj({});
  const existingFields = acroForm.lookup(PDFName.of('Fields'));
  const formFields = existingFields instanceof PDFArray ? existingFields.clone() : context.obj([]);
  const fieldName = uniqueFieldName(formFields);
  formFields.push(widgetRef);
  acroForm.set(PDFName.of('Fields'), formFields);
  const sigFlags = acroForm.lookup(PDFName.of('SigFlags'));
  // SignaturesExist | AppendOnly: tells editors to save incrementally from now on.
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of((sigFlags instanceof PDFNumber ? sigFlags.asNumber() : 0) | 3));

  if (acroFormEntry instanceof PDFRef) {
    return { fieldName, objects: [{ ref: acroFormEntry, body: acroForm.toString() }] };
  }
  // No AcroForm, or one written inline in the catalog: give it its own object and update the catalog.
  const acroFormRef = allocate();
  const updatedCatalog = catalog.clone();
  updatedCatalog.set(PDFName.of('AcroForm'), acroFormRef);
  const objects: NewObject[] = [
    { ref: acroFormRef, body: acroForm.toString() },
    { ref: catalogRef, body: updatedCatalog.toString() },
  ];
  return { fieldName, objects };
}

async function loadForReading(pdf: Buffer): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(pdf, { updateMetadata: false, throwOnInvalidObject: false });
  } catch (error) {
    if (error instanceof EncryptedPDFError) {
      throw new Error('signPdf: the PDF is encrypted; the sandbox only signs unencrypted documents.');
    }
    throw error;
  }
}

/** "Signature<n>", skipping names that other top-level fields already use. */
function uniqueFieldName(fields: PDFArray): string {
  const taken = new Set<string>();
  for (let index = 0; index < fields.size(); index++) {
    const field = fields.lookup(index);
    const name = field instanceof PDFDict ? field.lookup(PDFName.of('T')) : undefined;
    if (name instanceof PDFString || name instanceof PDFHexString) taken.add(name.decodeText());
  }
  let number = fields.size() + 1;
  while (taken.has(`Signature${number}`)) number++;
  return `Signature${number}`;
}

/** A PDF text string: a literal for printable ASCII, UTF-16BE hex otherwise (Polish names and the like). */
function textString(text: string): PDFObject {
  return /^[\x20-\x7e]*$/.test(text) ? PDFString.of(text.replace(/[\\()]/g, '\\$&')) : PDFHexString.fromText(text);
}

function signatureDictionary(fields: Omit<SignPdfOptions, 'authority'> & { signedAt: Date }): string {
  // /ByteRange then /Contents, in that order and spelled so: @signpdf/signpdf searches for exactly this.
  return [
    '<<',
    '/Type /Sig',
    '/Filter /Adobe.PPKLite',
    '/SubFilter /ETSI.CAdES.detached',
    BYTE_RANGE_PLACEHOLDER,
    `/Contents <${'0'.repeat(SIGNATURE_PLACEHOLDER_BYTES * 2)}>`,
    `/Name ${textString(fields.signerName).toString()}`,
    `/Reason ${textString(fields.reason).toString()}`,
    fields.location === undefined ? '' : `/Location ${textString(fields.location).toString()}`,
    `/M ${PDFString.fromDate(fields.signedAt).toString()}`,
    '>>',
  ]
    .filter(Boolean)
    .join('\n');
}

interface PreviousCrossReference {
  /** Byte offset of the last cross-reference section: the new section's /Prev. */
  offset: number;
  kind: 'table' | 'stream';
  /** The last section's /Size: object numbers at or above it are free for new objects. */
  size: number;
}

function readLastCrossReference(pdf: Buffer): PreviousCrossReference {
  const startxref = pdf.lastIndexOf('startxref');
  const offsetMatch = startxref < 0 ? null : /^startxref\s+(\d+)/.exec(pdf.subarray(startxref, startxref + 40).toString('latin1'));
  if (!offsetMatch?.[1]) throw new Error('signPdf: no "startxref" at the end of the PDF; the file looks truncated.');
  const offset = Number(offsetMatch[1]);
  const head = pdf.subarray(offset, offset + 40).toString('latin1');
  let dictionaryText: string;
  let kind: PreviousCrossReference['kind'];
  if (/^\s*xref\b/.test(head)) {
    kind = 'table';
    const trailerAt = pdf.indexOf('trailer', offset);
    dictionaryText = trailerAt < 0 ? '' : pdf.subarray(trailerAt, startxref).toString('latin1');
  } else if (/^\s*\d+\s+\d+\s+obj\b/.test(head)) {
    kind = 'stream';
    const streamAt = pdf.indexOf('stream', offset);
    dictionaryText = streamAt < 0 ? '' : pdf.subarray(offset, streamAt).toString('latin1');
  } else {
    throw new Error(`signPdf: startxref points at byte ${offset}, where there is no cross-reference section.`);
  }
  const size = /\/Size\s+(\d+)/.exec(dictionaryText)?.[1];
  if (!size) throw new Error(`signPdf: the cross-reference section at byte ${offset} has no /Size.`);
  return { offset, kind, size: Number(size) };
}

type Entry = { ref: PDFRef; offset: number };

/** Consecutive object numbers grouped into the subsections both xref forms are made of. */
function subsections(entries: Entry[]): Entry[][] {
  const sorted = [...entries].sort((a, b) => a.ref.objectNumber - b.ref.objectNumber);
  const groups: Entry[][] = [];
  for (const entry of sorted) {
    const group = groups.at(-1);
    const last = group?.at(-1);
    if (group && last && last.ref.objectNumber + 1 === entry.ref.objectNumber) group.push(entry);
    else groups.push([entry]);
  }
  return groups;
}

function crossReferenceTable(entries: Entry[], trailer: string[], size: number, offset: number): Buffer {
  const lines = ['xref'];
  for (const group of subsections(entries)) {
    lines.push(`${group[0]?.ref.objectNumber} ${group.length}`);
    // Each entry is exactly 20 bytes, its end-of-line included.
    for (const { ref, offset } of group) {
      lines.push(`${String(offset).padStart(10, '0')} ${String(ref.generationNumber).padStart(5, '0')} n\r`);
    }
  }
  lines.push('trailer', `<< /Size ${size} ${trailer.join(' ')} >>`, 'startxref', String(offset), '%%EOF', '');
  return Buffer.from(lines.join('\n'), 'latin1');
}

/**
 * The previous section is a cross-reference stream, so this one is one too: the file keeps a single
 * form (a table chained to streams is legal, but fewer readers are tested on such hybrids).
 */
function crossReferenceStream(entries: Entry[], trailer: string[], ref: PDFRef, offset: number, size: number): Buffer {
  const groups = subsections([...entries, { ref, offset }]);
  // /W [1 4 2]: type 1 (in use), a 4-byte offset, a 2-byte generation; left uncompressed, it is tiny.
  const rows = Buffer.alloc((entries.length + 1) * 7);
  groups.flat().forEach((entry, row) => {
    rows.writeUInt8(1, row * 7);
    rows.writeUInt32BE(entry.offset, row * 7 + 1);
    rows.writeUInt16BE(entry.ref.generationNumber, row * 7 + 5);
  });
  const index = groups.map((group) => `${group[0]?.ref.objectNumber} ${group.length}`).join(' ');
  const dictionary = `<< /Type /XRef /Size ${size} /W [1 4 2] /Index [${index}] ${trailer.join(' ')} /Length ${rows.length} >>`;
  return Buffer.concat([
    Buffer.from(`${ref.objectNumber} 0 obj\n${dictionary}\nstream\n`, 'latin1'),
    rows,
    Buffer.from(`\nendstream\nendobj\nstartxref\n${offset}\n%%EOF\n`, 'latin1'),
  ]);
}
