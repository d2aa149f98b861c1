import { SignPdf, Signer } from '@signpdf/signpdf';
import {
  EncryptedPDFError,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFPage,
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
  /** How to reach the signer (/ContactInfo), e.g. their email address, when given. */
  contactInfo?: string;
  /**
   * Makes the signature visible: its widget covers this rectangle of page `page` (1-based) and shows
   * the signer's name and the signing time. Points from the top-left corner of the page as displayed
   * (crop box, /Rotate applied). Without it the signature is invisible (a zero-size widget on page 1).
   */
  rect?: SignatureRect;
}

/** A rectangle of a page as displayed: PDF points from its top-left corner; `page` is 1-based. */
export interface SignatureRect {
  page: number;
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Adds one PAdES signature (invisible unless `options.rect` is given) (SubFilter ETSI.CAdES.detached) for `signerName` to `pdf` as an
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
  const pageNumber = fields.rect?.page ?? 1;
  const targetPage = document.getPages()[pageNumber - 1];
  if (!targetPage) {
    throw new Error(pageNumber === 1 ? 'signPdf: the PDF has no page to put the signature widget on.' : `signPdf: the PDF has no page ${pageNumber}.`);
  }

  // pdf-lib does not register cross-reference stream objects, so /Size may exceed what it has seen.
  let nextObjectNumber = Math.max(previous.size, context.largestObjectNumber + 1);
  const allocate = () => PDFRef.of(nextObjectNumber++);
  const signatureRef = allocate();
  const widgetRef = allocate();

  const { objects, fieldName } = addFieldToAcroForm(document, catalogRef, widgetRef, allocate);
  const page = targetPage.node.clone();
  const existingAnnotations = targetPage.node.lookup(PDFName.of('Annots'));
  const annotations = existingAnnotations instanceof PDFArray ? existingAnnotations.clone() : context.obj([]);
  annotations.push(widgetRef);
  page.set(PDFName.of('Annots'), annotations);
  const widget = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: textString(fieldName),
    V: signatureRef,
    P: targetPage.ref,
    Rect: [0, 0, 0, 0], // invisible unless a rectangle is asked for
    F: 4 | 128, // Print | Locked
  });
  if (fields.rect) {
    const appearanceRef = allocate();
    const { rect, matrix, width, height } = placeRect(targetPage, fields.rect);
    widget.set(PDFName.of('Rect'), context.obj(rect));
    widget.set(PDFName.of('AP'), context.obj({ N: appearanceRef }));
    objects.push({ ref: appearanceRef, body: appearanceStream(width, height, matrix, fields) });
  }
  objects.push(
    { ref: targetPage.ref, body: page.toString() },
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
    fields.contactInfo === undefined ? '' : `/ContactInfo ${textString(fields.contactInfo).toString()}`,
    `/M ${PDFString.fromDate(fields.signedAt).toString()}`,
    '>>',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The widget rectangle in default user space for `rect` (displayed coordinates), and the appearance
 * matrix that turns the drawing against the page's /Rotate, so the text reads upright on screen.
 */
function placeRect(page: PDFPage, rect: SignatureRect) {
  const crop = page.getCropBox();
  const rotation = ((page.getRotation().angle % 360) + 360) % 360;
  const { left, top, width, height } = rect;
  if (![left, top, width, height].every(Number.isFinite) || width <= 0 || height <= 0) {
    throw new Error(`signPdf: the signature rectangle ${JSON.stringify(rect)} is not a box of positive size.`);
  }
  // Displayed point (dx, dy from the top-left) → user space, for each multiple of 90° (ISO 32000 8.3.2.3: /Rotate turns clockwise).
  const toUser = (dx: number, dy: number): [number, number] => {
    switch (rotation) {
      case 90:
        return [crop.x + dy, crop.y + dx];
      case 180:
        return [crop.x + crop.width - dx, crop.y + dy];
      case 270:
        return [crop.x + crop.width - dy, crop.y + crop.height - dx];
      default:
        return [crop.x + dx, crop.y + crop.height - dy];
    }
  };
  const [x1, y1] = toUser(left, top);
  const [x2, y2] = toUser(left + width, top + height);
  const radians = (rotation * Math.PI) / 180;
  const [cos, sin] = [Math.round(Math.cos(radians)), Math.round(Math.sin(radians))];
  return {
    rect: [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)].map(points),
    // The form is drawn in displayed orientation (width × height) and turned counter-clockwise by the
    // page's rotation; the viewer maps the turned box onto /Rect and the page rotation turns it back.
    matrix: [cos, sin, -sin, cos, 0, 0],
    width,
    height,
  };
}

const points = (value: number) => Math.round(value * 100) / 100;

/**
 * A form XObject drawing a thin frame, "Signed by <name>" and the signing time (UTC) in Helvetica,
 * sized to the box. Helvetica with WinAnsiEncoding cannot show every name: letters outside Latin-1
 * lose their accents (Łęcka → Lecka) and anything else becomes "?"; /Name keeps the exact text.
 */
function appearanceStream(width: number, height: number, matrix: number[], fields: { signerName: string; signedAt: Date }): string {
  const lines = [`Signed by ${fields.signerName}`, `${fields.signedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`];
  const size = Math.max(4, Math.min(10, (height - 6) / (lines.length * 1.25), (width - 8) / (Math.max(...lines.map((line) => line.length)) * 0.5)));
  const text = lines
    .map((line, index) => `BT /Helv ${points(size)} Tf 4 ${points(height - 3 - size * (index + 1) * 1.2)} Td (${pdfLiteral(winAnsi(line))}) Tj ET`)
    .join('\n');
  const content = `q 0.1 0.3 0.7 RG 0.1 0.3 0.7 rg 0.75 w 0.5 0.5 ${points(width - 1)} ${points(height - 1)} re S\n0 0 ${points(width)} ${points(height)} re W n\n${text}\nQ`;
  const dictionary = [
    '<< /Type /XObject /Subtype /Form',
    `/BBox [0 0 ${points(width)} ${points(height)}]`,
    `/Matrix [${matrix.join(' ')}]`,
    '/Resources << /Font << /Helv << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >> >> >>',
    `/Length ${Buffer.byteLength(content, 'latin1')} >>`,
  ].join('\n');
  return `${dictionary}\nstream\n${content}\nendstream`;
}

/** Letters WinAnsi lacks lose their marks (ł → l is not a mark: mapped by hand); the rest becomes "?". */
function winAnsi(text: string): string {
  const stroked: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ø: 'o', Ø: 'O', ħ: 'h', Ħ: 'H' };
  return [...text]
    .map((character) => {
      if (/^[\x20-\x7e\xa0-\xff]$/.test(character)) return character;
      const base = (stroked[character] ?? character).normalize('NFD').replace(/\p{Mn}/gu, '');
      return /^[\x20-\x7e]$/.test(base) ? base : '?';
    })
    .join('');
}

/** The body of a PDF literal string (Latin-1 bytes), its delimiters and backslash escaped. */
const pdfLiteral = (text: string) => text.replace(/[\\()]/g, '\\$&');

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
