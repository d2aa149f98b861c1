/**
 * Reads a PDF (its skeleton: pdf-skeleton.ts) with pdf-lib and says whether it is one: what a reader would refuse, how many
 * pages it has, and which active content (JavaScript, launch actions) it carries. Runs inside the
 * check's worker thread (pdf-check.worker.ts), never on the server's main thread: a hostile file may
 * cost the parser a lot of memory or time, and the worker has limits on both.
 *
 * Every rule here is about the bytes alone; nothing is written.
 */

import { createRequire } from 'node:module';
import type PDFArrayModule from 'pdf-lib/cjs/core/objects/PDFArray.js';
import type PDFDictModule from 'pdf-lib/cjs/core/objects/PDFDict.js';
import type PDFNameModule from 'pdf-lib/cjs/core/objects/PDFName.js';
import type PDFObjectModule from 'pdf-lib/cjs/core/objects/PDFObject.js';
import type PDFStreamModule from 'pdf-lib/cjs/core/objects/PDFStream.js';
import type PDFParserModule from 'pdf-lib/cjs/core/parser/PDFParser.js';
import type PDFContextModule from 'pdf-lib/cjs/core/PDFContext.js';
import type PDFCatalogModule from 'pdf-lib/cjs/core/structures/PDFCatalog.js';
import type PDFPageLeafModule from 'pdf-lib/cjs/core/structures/PDFPageLeaf.js';
import type { DocumentWarning } from '../../domain/envelope.js';
import type { PdfSkeleton } from './pdf-skeleton.js';

// pdf-lib's parser and object model, not its entry point: the entry loads the rest of pdf-lib too
// (forms, fonts, images, drawing), which more than doubled what the check's worker costs in memory
// (some 22 MB instead of 10) and in start-up time, for nothing the check reads. The modules are
// CommonJS, each exporting its class as `default`; required, not imported, so that every runtime
// (Node.js, Vitest's module runner) hands over the same module object.
const require = createRequire(import.meta.url);
const { default: PDFArray } = require('pdf-lib/cjs/core/objects/PDFArray.js') as typeof PDFArrayModule;
const { default: PDFDict } = require('pdf-lib/cjs/core/objects/PDFDict.js') as typeof PDFDictModule;
const { default: PDFName } = require('pdf-lib/cjs/core/objects/PDFName.js') as typeof PDFNameModule;
const { default: PDFStream } = require('pdf-lib/cjs/core/objects/PDFStream.js') as typeof PDFStreamModule;
const { default: PDFParser } = require('pdf-lib/cjs/core/parser/PDFParser.js') as typeof PDFParserModule;
const { default: PDFPageLeaf } = require('pdf-lib/cjs/core/structures/PDFPageLeaf.js') as typeof PDFPageLeafModule;
// Instance types, read off the prototypes: the constructors are private, which InstanceType refuses.
type PDFDict = typeof PDFDict.prototype;
type PDFObject = typeof PDFObjectModule.default.prototype;
type PDFContext = typeof PDFContextModule.default.prototype;
type PDFCatalog = typeof PDFCatalogModule.default.prototype;

export type PdfInspection =
  | { ok: true; pageCount: number; warnings: DocumentWarning[] }
  /** `reason` is plain words for the refusal, e.g. "it ends before its end-of-file marker (%%EOF)". */
  | { ok: false; reason: string };

const endOfFileMarker = Buffer.from('%%EOF');

/** After the last %%EOF only line ends, spaces and NUL padding may follow (what writers leave). */
const trailingPadding = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);

/** How deep a chain of nested dictionaries and arrays is followed; real PDFs nest a few levels. */
const maxNesting = 64;

/** Objects the parser reads between two looks at memory (`memoryExhausted`). */
const OBJECTS_BETWEEN_MEMORY_LOOKS = 1_000;

/** Thrown out of `inspectPdf` once its `memoryExhausted` has said yes; the caller words the refusal. */
export class PdfParseOutOfMemory extends Error {
  constructor() {
    super('The PDF parse was stopped: its memory ran short.');
  }
}

/**
 * Inspects the file through its skeleton (pdf-skeleton.ts): everything but the data of its streams.
 * `memoryExhausted` is asked every OBJECTS_BETWEEN_MEMORY_LOOKS objects parsed; once it says yes, the
 * parse stops and PdfParseOutOfMemory is thrown.
 */
export async function inspectPdf(skeleton: PdfSkeleton, memoryExhausted: () => boolean = () => false): Promise<PdfInspection> {
  if (skeleton.problem) return { ok: false, reason: skeleton.problem };
  const end = checkEnd(skeleton.bytes) ?? (endsLikeZip(skeleton) ? ZIP_REASON : undefined);
  if (end) return { ok: false, reason: end };

  let context: PDFContext;
  // throwOnInvalidObject: pdf-lib otherwise skips what it cannot parse and "reads" any garbage.
  // Encryption is not looked at: a password-protected PDF still has a readable page tree; its
  // strings and streams are left encrypted, which is all the check needs.
  const parser = PDFParser.forBytesWithOptions(skeleton.bytes, Infinity, true);
  const memory = watchMemory(parser, memoryExhausted);
  try {
    context = await parser.parseDocument();
  } catch (error) {
    // Whatever the parse failed with after the stop (the parser catches what is thrown inside an
    // object stream and tries the object again), the stop is the reason.
    if (memory.exhausted) throw new PdfParseOutOfMemory();
    return { ok: false, reason: parserReason(error) };
  }
  if (memory.exhausted) throw new PdfParseOutOfMemory();

  // As pdf-lib's PDFDocument counts pages: the catalog is the trailer's /Root, its page tree counted
  // leaf by leaf (never its /Count, which a file may state wrongly). A /Root that is no catalog
  // fails the walk with a TypeError, which parserReason words.
  const catalog = context.lookup(context.trailerInfo.Root) as PDFCatalog;
  let pageCount = 0;
  try {
    catalog.Pages().traverse((node) => {
      if (node instanceof PDFPageLeaf) pageCount += 1;
    });
  } catch (error) {
    return { ok: false, reason: parserReason(error) };
  }
  if (pageCount < 1) return { ok: false, reason: 'it has no pages' };
  return { ok: true, pageCount, warnings: activeContentWarnings(context, catalog) };
}

/**
 * A PDF ends with %%EOF. Missing, the file was cut short. Followed by more than padding, another file
 * was appended to it; an earlier %%EOF followed by anything but an incremental update hides one in
 * the middle. Either is the classic polyglot (PDF + executable, PDF + ZIP): other programs open it as
 * that other type, and PDF readers tolerate the extra bytes, which is what makes it work. (A ZIP
 * archive is read from its end, so its end record is looked for too: endsLikeZip.) Markers inside
 * stream data are not in the skeleton, as before they were allowed anyway (an embedded PDF).
 */
function checkEnd(buffer: Buffer): string | undefined {
  const last = buffer.lastIndexOf(endOfFileMarker);
  if (last < 0) return 'it ends before its end-of-file marker (%%EOF), so the file is cut short or is not a PDF';
  const extra = countNonPadding(buffer, last + endOfFileMarker.length, buffer.length);
  if (extra > 0) {
    return `${extra} bytes of other data follow its end-of-file marker (%%EOF); a PDF with another file appended to it is refused`;
  }
  for (let marker = buffer.indexOf(endOfFileMarker); marker >= 0 && marker < last; marker = buffer.indexOf(endOfFileMarker, marker + 1)) {
    let next = marker + endOfFileMarker.length;
    while (next < buffer.length && trailingPadding.has(buffer[next]!)) next++;
    if (!startsIncrementalUpdate(buffer, next)) {
      return `data that is not PDF follows an end-of-file marker (%%EOF) at byte ${marker}; a PDF with another file inside it is refused`;
    }
  }
  return undefined;
}

function countNonPadding(buffer: Buffer, start: number, end: number): number {
  let count = 0;
  for (let index = start; index < end; index++) if (!trailingPadding.has(buffer[index]!)) count++;
  return count;
}

/**
 * What may follow an earlier %%EOF: the next revision's objects ("12 0 obj"), its xref table, trailer
 * or startxref, a comment, or — when the marker belongs to a PDF embedded uncompressed in a stream —
 * that stream's end.
 */
function startsIncrementalUpdate(buffer: Buffer, at: number): boolean {
  const byte = buffer[at];
  if (byte === undefined) return true;
  if (byte >= 0x30 && byte <= 0x39) return true;
  const ahead = buffer.toString('latin1', at, at + 9);
  return ['%', 'xref', 'trailer', 'startxref', 'endstream'].some((start) => ahead.startsWith(start));
}

const ZIP_REASON = 'it ends with the directory of a ZIP archive, so it opens as an archive too; a PDF combined with another file is refused';

/**
 * A ZIP end-of-central-directory record near the end whose comment length reaches exactly the end of
 * the file and whose directory lies before it: what an unzip tool looks for. Chance bytes in a PDF's
 * compressed streams practically never satisfy all three. Read in the file's untouched tail, as the
 * record may lie in stream data the skeleton leaves out.
 */
function endsLikeZip({ tail, size }: PdfSkeleton): boolean {
  const signature = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
  const recordSize = 22;
  const tailStart = size - tail.length;
  for (let at = tail.lastIndexOf(signature); at >= 0; at = at > 0 ? tail.lastIndexOf(signature, at - 1) : -1) {
    if (at + recordSize > tail.length) continue;
    const directorySize = tail.readUInt32LE(at + 12);
    const directoryOffset = tail.readUInt32LE(at + 16);
    const commentLength = tail.readUInt16LE(at + 20);
    if (at + recordSize + commentLength === tail.length && directoryOffset + directorySize <= tailStart + at) return true;
  }
  return false;
}

/**
 * pdf-lib calls its parser's `shouldWaitForTick` after each object (to yield every `objectsPerTick`,
 * which the check never does): the one hook inside its loop, so memory is looked at there. Once
 * exhausted, every later call throws too, since the parser catches what is thrown inside an object
 * stream, tries the object again as an invalid one and may go on.
 */
function watchMemory(parser: typeof PDFParser.prototype, memoryExhausted: () => boolean): { exhausted: boolean } {
  const memory = { exhausted: false };
  let objects = 0;
  (parser as unknown as { shouldWaitForTick: () => boolean }).shouldWaitForTick = () => {
    objects += 1;
    if (!memory.exhausted && objects % OBJECTS_BETWEEN_MEMORY_LOOKS === 0) memory.exhausted = memoryExhausted();
    if (memory.exhausted) throw new PdfParseOutOfMemory();
    return false;
  };
  return memory;
}

function parserReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // pdf-lib reaches for the catalog's /Pages without checking it is there.
  if (error instanceof TypeError) return 'it has no readable catalog or page tree';
  return `the PDF parser stopped: ${message.replace(/\s+/g, ' ').slice(0, 300)}`;
}

/** What a PDF would run on its own: JavaScript anywhere, launch actions (start a program or open a file). */
function activeContentWarnings(context: PDFContext, catalog: PDFCatalog): DocumentWarning[] {
  const found = { javascript: false, launch: false, onOpen: false };
  /** Where actions that run by themselves start: the catalog's /OpenAction and every /AA (additional actions). */
  const automatic: PDFObject[] = [];

  const classify = (dict: PDFDict): { javascript: boolean; launch: boolean } => {
    const action = dict.get(PDFName.of('S'));
    return { javascript: dict.has(PDFName.of('JS')) || action === PDFName.of('JavaScript'), launch: action === PDFName.of('Launch') };
  };

  // Pass 1: every object once, each with its direct children only (references are other objects of
  // this same loop), so the cost is the size of the file, not of its graph.
  const visitDirect = (object: PDFObject, depth: number): void => {
    if (depth > maxNesting) return;
    const dict = object instanceof PDFDict ? object : object instanceof PDFStream ? object.dict : undefined;
    if (dict) {
      const kind = classify(dict);
      found.javascript ||= kind.javascript;
      found.launch ||= kind.launch;
      const additional = dict.get(PDFName.of('AA'));
      if (additional) automatic.push(additional);
      for (const [, value] of dict.entries()) visitDirect(value, depth + 1);
    } else if (object instanceof PDFArray) {
      for (const value of object.asArray()) visitDirect(value, depth + 1);
    }
  };
  for (const [, object] of context.enumerateIndirectObjects()) visitDirect(object, 0);
  const openAction = catalog.get(PDFName.of('OpenAction'));
  if (openAction) automatic.push(openAction);

  // Pass 2: whether JavaScript or a launch runs by itself — follow what /OpenAction and /AA lead to
  // (an action's /Next chain, a dictionary of triggers), each object once.
  if (found.javascript || found.launch) {
    const seen = new Set<PDFObject>();
    const pending = automatic.map((object) => ({ object, depth: 0 }));
    for (let item = pending.pop(); item && !found.onOpen; item = pending.pop()) {
      const object = context.lookup(item.object);
      if (!object || seen.has(object) || item.depth > maxNesting) continue;
      seen.add(object);
      if (object instanceof PDFDict) {
        const kind = classify(object);
        if (kind.javascript || kind.launch) found.onOpen = true;
        for (const [, value] of object.entries()) pending.push({ object: value, depth: item.depth + 1 });
      } else if (object instanceof PDFArray) {
        for (const value of object.asArray()) pending.push({ object: value, depth: item.depth + 1 });
      }
    }
  }

  // The document-level JavaScript name tree runs when the document opens.
  const names = context.lookup(catalog.get(PDFName.of('Names')));
  if (names instanceof PDFDict && names.has(PDFName.of('JavaScript'))) {
    found.javascript = true;
    found.onOpen = true;
  }

  const warnings: DocumentWarning[] = [];
  const when = found.onOpen ? ' Some of it runs by itself when the document is opened or used.' : '';
  if (found.javascript) {
    warnings.push({
      code: 'pdf-javascript',
      message: `This PDF contains JavaScript.${when} Signing services and readers may run or strip it; check the document comes from a trusted source.`,
    });
  }
  if (found.launch) {
    warnings.push({
      code: 'pdf-launch-action',
      message: `This PDF contains a launch action, which asks the reader to start a program or open another file.${when} Check the document comes from a trusted source.`,
    });
  }
  return warnings;
}
