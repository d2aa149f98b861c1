/**
 * PDF signing shared by the offline provider sandboxes (Autenti and the others): a local certificate
 * authority, PAdES signatures added as incremental updates, and a stand-in PDF for documents the
 * sandbox cannot convert. Independent of the product code (nothing from src/domain, src/providers,
 * src/app) so that a sandbox behaves like a third-party service, not like a mirror of our adapters.
 */
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';

export { loadOrCreateSandboxAuthority, sandboxAuthorityOnFirstUse, sandboxSigningKey, type SandboxAuthority } from './authority.js';
export { signPdf, type SignPdfOptions, type SignatureRect } from './sign-pdf.js';

const PAGE_SIZE: [number, number] = [595.28, 841.89]; // A4 in points
const MARGIN = 56;

/**
 * A one-page A4 PDF standing in for a document that is not a PDF (DOCX, XLS…), since the sandbox has
 * no office converter: the title, then the original file name, then `lines` (e.g. who signed and when).
 * Characters outside the standard Helvetica set are transliterated (ł → l, ą → a) or shown as "?";
 * the document title metadata keeps the exact text.
 */
export async function renderPlaceholderPdf(options: { title: string; filename: string; lines: string[] }): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.setTitle(options.title);
  document.setProducer('Countersign sandbox');
  // Fixed dates keep the output reproducible for the same input.
  document.setCreationDate(new Date(0));
  document.setModificationDate(new Date(0));
  const regular = await document.embedFont(StandardFonts.Helvetica);
  const bold = await document.embedFont(StandardFonts.HelveticaBold);
  const page = document.addPage(PAGE_SIZE);
  const width = PAGE_SIZE[0] - 2 * MARGIN;
  let y = PAGE_SIZE[1] - MARGIN;

  const write = (text: string, font: PDFFont, size: number) => {
    for (const line of wrap(encodable(text, font), font, size, width)) {
      y -= size * 1.4;
      if (y < MARGIN) return; // one page by design: whatever does not fit is dropped
      page.drawText(line, { x: MARGIN, y, size, font });
    }
  };
  write(options.title, bold, 18);
  y -= 8;
  write(`File: ${options.filename}`, regular, 11);
  write('The sandbox cannot render this file type; this page stands in for it.', regular, 9);
  y -= 8;
  for (const line of options.lines) write(line, regular, 11);
  return Buffer.from(await document.save());
}

/** Standard 14 fonts only cover WinAnsi: keep what it has (é, ö), strip other accents (ą → a), else "?". */
export function encodable(text: string, font: PDFFont): string {
  const supported = new Set(font.getCharacterSet());
  const has = (character: string) => [...character].every((c) => supported.has(c.codePointAt(0) ?? -1));
  return [...text]
    .map((character) => {
      if (has(character)) return character;
      // NFD leaves these letters whole: their stroke is not a combining mark.
      const base = (STROKED[character] ?? character).normalize('NFD').replace(/\p{Mn}/gu, '');
      return base && has(base) ? base : '?';
    })
    .join('');
}

const STROKED: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ħ: 'h', Ħ: 'H' };

/** Greedy word wrap; a single word wider than the line is cut, not allowed to run off the page. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = word;
    while (font.widthOfTextAtSize(current, size) > width && current.length > 1) {
      let cut = current.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(current.slice(0, cut), size) > width) cut--;
      lines.push(current.slice(0, cut));
      current = current.slice(cut);
    }
  }
  if (current) lines.push(current);
  return lines;
}
