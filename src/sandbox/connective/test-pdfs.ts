/**
 * PDFs built for the tests of this folder's outputs (locations, signed output): text placed at known
 * positions with pdf-lib, and encrypted files written by hand (pdf-lib cannot encrypt).
 */
import { createHash, randomBytes } from 'node:crypto';
import { degrees, PDFDocument, StandardFonts } from 'pdf-lib';

export interface TextPlacement {
  text: string;
  /** User-space position of the baseline start; size in points. */
  x: number;
  y: number;
  size?: number;
}

export interface PdfOptions {
  /** Bytes of incompressible filler written before the pages, to make a file pdfjs reads in many ranges. */
  fillerBytes?: number;
}

export interface PageSpec {
  size?: [number, number];
  rotate?: 0 | 90 | 180 | 270;
  cropBox?: [number, number, number, number];
  texts?: TextPlacement[];
}

/** A PDF with the given pages, text in Helvetica. */
export async function pdfWithPages(pages: PageSpec[], options: PdfOptions = {}): Promise<Buffer> {
  const document = await PDFDocument.create();
  if (options.fillerBytes) document.context.register(document.context.stream(randomBytes(options.fillerBytes)));
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (const spec of pages) {
    const page = document.addPage(spec.size ?? [595.28, 841.89]);
    if (spec.rotate) page.setRotation(degrees(spec.rotate));
    if (spec.cropBox) page.setCropBox(...spec.cropBox);
    for (const text of spec.texts ?? []) page.drawText(text.text, { x: text.x, y: text.y, size: text.size ?? 12, font });
  }
  return Buffer.from(await document.save());
}

/** Width of `text` in Helvetica at `size`, for placing a second run right after a first one. */
export async function helveticaWidth(text: string, size = 12): Promise<number> {
  const document = await PDFDocument.create();
  return (await document.embedFont(StandardFonts.Helvetica)).widthOfTextAtSize(text, size);
}

const PASSWORD_PADDING = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

/** RC4, which OpenSSL 3 keeps in its legacy provider only; a few lines are enough for a 32-byte test value. */
function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, index) => index);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

/**
 * A one-page PDF encrypted with the standard security handler (RC4 40-bit, revision 2). With
 * `userPassword: 'empty'` it opens without a password (only an owner password restricts it), as most
 * "protected" PDFs do; with `'required'` its /U matches no password a reader would try.
 */
export function encryptedPdf(userPassword: 'empty' | 'required'): Buffer {
  const id = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
  const owner = createHash('sha256').update('owner').digest(); // any 32 bytes: only /U is checked here
  const permissions = -44; // print and copy allowed, modify not
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  const key = createHash('md5').update(Buffer.concat([PASSWORD_PADDING, owner, p, id])).digest().subarray(0, 5);
  const user = userPassword === 'empty' ? rc4(key, PASSWORD_PADDING) : createHash('sha256').update('not a password').digest();
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 400] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${owner.toString('hex')}> /U <${user.toString('hex')}> /P ${permissions} >>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n\r\n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
