/**
 * The text of a PDF with where it is, and the size of its pages, read with pdfjs-dist (its legacy
 * build, the one meant for Node.js). Sandboxes place signing zones by text found in a document
 * (Connective's markers, ConsignO's anchors); both need the pages as a viewer shows them.
 *
 * Coordinates, here and in the rest of the sandbox: PDF points (1/72 in), from the top-left corner of
 * the page as displayed — the crop box (what viewers show), with the page's /Rotate applied.
 * `signPdf`'s `rect` uses the same convention, so a box found here can be handed to it unchanged.
 *
 * pdfjs is imported lazily, on first use: a server that never reads a PDF's text does not load it.
 * It runs with its "fake worker" (the parser on the calling thread, no worker file) and without
 * standard font data: text extraction only needs the fonts' widths, not their glyphs.
 */
import { open } from 'node:fs/promises';

/** A file that is not a PDF pdfjs can read: not a PDF at all, damaged beyond repair, or encrypted. */
export class InvalidPdfError extends Error {
  override readonly name = 'InvalidPdfError';
}

/** A page's size as displayed, in points. */
export interface PageSize {
  width: number;
  height: number;
}

/** Number of pages and the size of each, in PDF points, as displayed (crop box, rotation applied). */
export interface PdfGeometry {
  pageCount: number;
  pages: PageSize[];
}

/** A box on a page as displayed: points from its top-left corner. */
export interface TextBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Where one occurrence of some text is: 1-based page and its box. */
export interface TextHit extends TextBox {
  page: number;
}

/**
 * One line of a page's text, as pdfjs's text items joined. `boxes[i]` is the box of the UTF-16 code
 * unit `text[i]` (a character outside the BMP has the same box for both its units), so the box of
 * `text.slice(start, end)` is {@link boxAround}`(boxes.slice(start, end))`.
 */
export interface TextLine {
  text: string;
  boxes: TextBox[];
}

/** A page's size and its text lines, in the order the page's content draws them. */
export interface PageText extends PageSize {
  /** 1-based. */
  page: number;
  lines: TextLine[];
}

/** The page count and every page's displayed size. Throws {@link InvalidPdfError} for what pdfjs cannot open. */
export async function readPdfGeometry(path: string): Promise<PdfGeometry> {
  return withDocument(path, async (document) => {
    const pages: PageSize[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const { width, height } = page.getViewport({ scale: 1 });
      pages.push({ width: round(width), height: round(height) });
      page.cleanup();
    }
    return { pageCount: document.numPages, pages };
  });
}

/** The number of pages, without reading them. Throws {@link InvalidPdfError} for what pdfjs cannot open. */
export async function readPdfPageCount(path: string): Promise<number> {
  return withDocument(path, async (document) => document.numPages);
}

/** Which pages to read: all when omitted; page numbers beyond the document are ignored. */
export interface PageSelection {
  pages?: Iterable<number>;
}

/**
 * The text of each page (or of `options.pages`) with its positions. Holds every selected page's text
 * at once: for searching a large document use {@link findText}, which keeps one page at a time.
 * Throws {@link InvalidPdfError} for what pdfjs cannot open.
 */
export async function readPdfText(path: string, options: PageSelection = {}): Promise<PageText[]> {
  const pages: PageText[] = [];
  await eachPageText(path, options, (page) => {
    pages.push(page);
  });
  return pages;
}

/**
 * Every occurrence of each of `needles` in the text of the PDF (or of `options.pages`), in reading
 * order (page by page, in the order the page's content draws its text). A needle matches inside one
 * text item or across adjacent items of the same line (PDF producers often cut "{{sign_1}}" into
 * several runs); it does not match across lines. Needles not found map to an empty array; the map
 * has the needles in the order given. Throws {@link InvalidPdfError} for what pdfjs cannot open.
 */
export async function findText(path: string, needles: string[], options: PageSelection = {}): Promise<Map<string, TextHit[]>> {
  const hits = new Map<string, TextHit[]>(needles.map((needle) => [needle, []]));
  const wanted = [...new Set(needles)].filter((needle) => needle.length > 0);
  if (wanted.length === 0) return hits;
  await eachPageText(path, options, ({ page, lines }) => {
    for (const line of lines) {
      for (const needle of wanted) {
        for (let at = line.text.indexOf(needle); at >= 0; at = line.text.indexOf(needle, at + needle.length)) {
          hits.get(needle)?.push({ page, ...boxAround(line.boxes.slice(at, at + needle.length)) });
        }
      }
    }
  });
  return hits;
}

/** The smallest box holding all of `boxes` (an empty box at the origin for none). */
export function boxAround(boxes: TextBox[]): TextBox {
  if (boxes.length === 0) return { left: 0, top: 0, width: 0, height: 0 };
  const left = Math.min(...boxes.map((box) => box.left));
  const top = Math.min(...boxes.map((box) => box.top));
  const right = Math.max(...boxes.map((box) => box.left + box.width));
  const bottom = Math.max(...boxes.map((box) => box.top + box.height));
  return { left: round(left), top: round(top), width: round(right - left), height: round(bottom - top) };
}

/** Calls `visit` with each selected page's text in turn, releasing each page before the next. */
async function eachPageText(path: string, options: PageSelection, visit: (page: PageText) => void): Promise<void> {
  const selected = options.pages === undefined ? undefined : new Set(options.pages);
  await withDocument(path, async (document) => {
    for (let number = 1; number <= document.numPages; number++) {
      if (selected && !selected.has(number)) continue;
      const page = await document.getPage(number);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const lines = textLines(content.items).map(({ text, glyphs }) => ({ text, boxes: glyphs.map((glyph) => glyphBox(glyph, viewport)) }));
      visit({ page: number, width: round(viewport.width), height: round(viewport.height), lines });
      page.cleanup();
    }
  });
}

// ------------------------------------------------------------------------------------------- pdfjs

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;
type Viewport = ReturnType<Awaited<ReturnType<PdfDocument['getPage']>>['getViewport']>;

let pdfjsLoading: Promise<Pdfjs> | undefined;

/**
 * pdfjs, loaded once. At import its Node.js build tries to load the optional native `@napi-rs/canvas`
 * (for rendering, which the sandbox never does; package.json keeps it out of the install) and prints a
 * "Warning: Cannot …" line per missing polyfill with console.log — on the server's stdout, which
 * carries the JSON log. Those lines, and only those, are held back while the module initialises.
 */
function loadPdfjs(): Promise<Pdfjs> {
  pdfjsLoading ??= (async () => {
    const log = console.log;
    console.log = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && /^Warning: Cannot (load "@napi-rs\/canvas"|polyfill|access the `require`)/.test(args[0])) return;
      log(...args);
    };
    try {
      // Later warnings are silenced per document (getDocument's `verbosity`).
      return await import('pdfjs-dist/legacy/build/pdf.mjs');
    } catch (error) {
      pdfjsLoading = undefined; // let the next call try again rather than keep the failure
      throw error;
    } finally {
      console.log = log;
    }
  })();
  return pdfjsLoading;
}

/** Bytes pdfjs reads at a time; it asks for the ranges it needs (the trailer, the objects of a page). */
const CHUNK_BYTES = 64 * 1024;

/**
 * Opens the PDF at `path` for `use`. The file is not read into memory whole: pdfjs is handed a range
 * transport and reads the parts it needs (documents may be hundreds of megabytes; the text and page
 * boxes are a small part of them).
 */
async function withDocument<T>(path: string, use: (document: PdfDocument) => Promise<T>): Promise<T> {
  const file = await open(path, 'r');
  let closed = false;
  try {
    const { size } = await file.stat();
    const read = async (begin: number, end: number) => {
      const chunk = Buffer.alloc(Math.max(0, Math.min(end, size) - begin));
      const { bytesRead } = await file.read(chunk, 0, chunk.length, begin);
      return new Uint8Array(chunk.buffer, chunk.byteOffset, bytesRead);
    };
    const initial = await read(0, CHUNK_BYTES);
    // pdfjs repairs almost anything that has PDF objects in it; without the header it is not a PDF upload.
    if (Buffer.from(initial.buffer, initial.byteOffset, Math.min(initial.length, 1024)).indexOf('%PDF-') < 0) {
      throw new InvalidPdfError('The file is not a PDF (no "%PDF-" header).');
    }
    const pdfjs = await loadPdfjs();
    let readError: Error | undefined;
    let task: ReturnType<Pdfjs['getDocument']> | undefined; // set right below; the transport needs it only later
    class FileRangeTransport extends pdfjs.PDFDataRangeTransport {
      override requestDataRange(begin: number, end: number): void {
        if (closed) return; // a request pdfjs made as the document was being destroyed
        read(begin, end).then(
          (chunk) => {
            if (!closed) this.onDataRange(begin, chunk);
          },
          (error: Error) => {
            // pdfjs has no way to fail a range request: stop the document instead; the error is reported below.
            readError ??= error;
            void task?.destroy();
          },
        );
      }
    }
    task = pdfjs.getDocument({
      range: new FileRangeTransport(size, initial),
      length: size,
      rangeChunkSize: CHUNK_BYTES,
      disableAutoFetch: true,
      disableStream: true,
      verbosity: pdfjs.VerbosityLevel.ERRORS,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
    });
    try {
      return await useDocument(task, use);
    } catch (error) {
      if (readError) throw readError;
      throw error;
    }
  } finally {
    closed = true;
    await file.close();
  }
}

async function useDocument<T>(task: ReturnType<Pdfjs['getDocument']>, use: (document: PdfDocument) => Promise<T>): Promise<T> {
  let document: PdfDocument;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    const { name, message } = error as Error;
    if (name === 'PasswordException') throw new InvalidPdfError('The PDF is encrypted (it needs a password to open).');
    throw new InvalidPdfError(`The PDF cannot be read: ${message}`);
  }
  try {
    // Every /Encrypt dictionary has /P, so permissions are only null for a file that is not encrypted.
    // Owner-password files open without a password, but the sandbox cannot sign them (incremental
    // updates of an encrypted file would have to be encrypted too): refused like the others.
    if ((await document.getPermissions()) !== null) throw new InvalidPdfError('The PDF is encrypted; only unencrypted PDFs can be signed.');
    return await use(document);
  } catch (error) {
    if (error instanceof InvalidPdfError) throw error;
    throw new InvalidPdfError(`The PDF cannot be read: ${(error as Error).message}`);
  } finally {
    await document.destroy();
  }
}

// -------------------------------------------------------------------------------------- text lines

/** One character of a text line: its quad in PDF user space (baseline start, advance, up vectors). */
interface Glyph {
  x: number;
  y: number;
  /** Advance vector of this character along the text direction. */
  dx: number;
  dy: number;
  /** From the baseline to the top of the line (font size along the up direction). */
  ux: number;
  uy: number;
}

/** A line as pdfjs's items give it, before its glyphs are turned into displayed boxes. */
interface GlyphLine {
  text: string;
  glyphs: Glyph[];
}

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

const isTextItem = (item: unknown): item is TextItemLike =>
  typeof item === 'object' && item !== null && typeof (item as TextItemLike).str === 'string' && Array.isArray((item as TextItemLike).transform);

/**
 * The page's text items joined into lines: consecutive items continue a line while none of them ended
 * one (pdfjs's hasEOL) and the next starts on the same baseline, in the same direction.
 */
function textLines(items: unknown[]): GlyphLine[] {
  const lines: GlyphLine[] = [];
  let current: GlyphLine | undefined;
  let previous: { item: TextItemLike; direction: [number, number]; size: number } | undefined;
  for (const item of items) {
    if (!isTextItem(item)) continue; // marked-content boundaries
    const [a = 1, b = 0, , , e = 0, f = 0] = item.transform;
    const length = Math.hypot(a, b) || 1;
    const direction: [number, number] = [a / length, b / length];
    const size = item.height || Math.hypot(item.transform[2] ?? 0, item.transform[3] ?? 0) || length;
    if (item.str.length > 0) {
      const sameLine =
        current &&
        previous &&
        !previous.item.hasEOL &&
        Math.abs(previous.direction[0] - direction[0]) < 0.01 &&
        Math.abs(previous.direction[1] - direction[1]) < 0.01 &&
        // The distance between the baselines, measured along the up direction.
        Math.abs((e - (previous.item.transform[4] ?? 0)) * -direction[1] + (f - (previous.item.transform[5] ?? 0)) * direction[0]) <
          Math.max(size, previous.size) * 0.5;
      if (!sameLine || !current) {
        current = { text: '', glyphs: [] };
        lines.push(current);
      }
      // pdfjs gives an item's width, not each glyph's: the characters share it evenly. Good enough for
      // a box that only has to land where the text is.
      const characters = [...item.str];
      const advance = item.width / characters.length;
      characters.forEach((character, index) => {
        current!.text += character;
        // A character outside the BMP takes two UTF-16 code units in `text`; one glyph each keeps indices aligned.
        for (let unit = 0; unit < character.length; unit++) {
          current!.glyphs.push({
            x: e + direction[0] * advance * index,
            y: f + direction[1] * advance * index,
            dx: direction[0] * advance,
            dy: direction[1] * advance,
            ux: -direction[1] * size,
            uy: direction[0] * size,
          });
        }
      });
    }
    previous = { item, direction, size };
    if (item.hasEOL) current = undefined;
  }
  return lines;
}

/** The displayed box of one glyph: from a descent below the baseline to the top of the font. */
function glyphBox(glyph: Glyph, viewport: Viewport): TextBox {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [along, up] of [
    [0, -0.2],
    [1, -0.2],
    [0, 0.8],
    [1, 0.8],
  ] as const) {
    const [x, y] = viewport.convertToViewportPoint(glyph.x + glyph.dx * along + glyph.ux * up, glyph.y + glyph.dy * along + glyph.uy * up);
    xs.push(x);
    ys.push(y);
  }
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  return { left: round(left), top: round(top), width: round(Math.max(...xs) - left), height: round(Math.max(...ys) - top) };
}

/** Hundredths of a point: beyond any use, and keeps answers free of float noise. */
const round = (value: number) => Math.round(value * 100) / 100;
