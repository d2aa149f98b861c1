/**
 * Checks an OOXML (DOCX, XLSX) or ODF (ODT, ODS) package — a ZIP archive — before it is accepted:
 * every entry is inflated and counted, never kept, under caps on the number of entries, the total
 * inflated size and its ratio to the file's size, so a zip bomb is stopped as soon as it passes a cap
 * instead of filling memory or disk downstream (a converter, a provider). Macros are reported, not
 * refused: the document is signed as rendered, and a macro does not run there.
 */

import { PassThrough, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { DocumentWarning } from '../../domain/envelope.js';

export interface PackageLimits {
  /** Most entries (files and folders) a package may list. */
  maxEntries: number;
  /** Most bytes all entries may inflate to together. */
  maxTotalBytes: number;
  /** Most times larger than the file itself all entries may inflate to… */
  maxRatio: number;
  /** …except that below this many inflated bytes the ratio is not applied: tiny files of plain XML compress well. */
  ratioFloorBytes: number;
}

/**
 * Real documents have a few dozen to a few thousand entries and inflate to 3–20 times their size
 * (text-heavy XML at most ~50×); a zip bomb inflates to thousands of times. The total is capped at
 * four times the upload limit.
 */
export function packageLimitsFor(maxUploadBytes: number): PackageLimits {
  return { maxEntries: 10_000, maxTotalBytes: 4 * maxUploadBytes, maxRatio: 100, ratioFloorBytes: 16 * 1024 * 1024 };
}

export type PackageInspection = { ok: true; warnings: DocumentWarning[] } | { ok: false; reason: string };

/** How the package's bytes are read: a stream of `[start, end)`, as the blob store gives. */
export type OpenRange = (start: number, end: number) => Promise<Readable>;

class PackageRefusal extends Error {}

export async function inspectPackage(open: OpenRange, size: number, limits: PackageLimits): Promise<PackageInspection> {
  let zip: ZipFile;
  try {
    zip = await yauzl.fromRandomAccessReaderPromise(new RangeReader(open), size, { lazyEntries: true, validateEntrySizes: true });
  } catch (error) {
    return { ok: false, reason: `it is not a readable ZIP package (${zipReason(error)})` };
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new PackageRefusal(`it lists ${zip.entryCount} entries, more than the ${limits.maxEntries} allowed`);
    }
    const allowedBytes = Math.min(limits.maxTotalBytes, Math.max(limits.ratioFloorBytes, limits.maxRatio * size));
    const why = (total: number) =>
      total > limits.maxTotalBytes
        ? `it unpacks to more than ${megabytes(limits.maxTotalBytes)} MB, the limit (four times the upload limit)`
        : `it unpacks to more than ${limits.maxRatio} times its own size (over ${megabytes(allowedBytes)} MB), which only a zip bomb does`;

    let declared = 0;
    let inflated = 0;
    const macros = new Set<string>();
    for await (const entry of zip.eachEntry()) {
      // The sizes the archive declares come first: a bomb that admits its size is refused unread.
      declared += entry.uncompressedSize;
      if (declared > allowedBytes) throw new PackageRefusal(why(declared));
      const macro = macroKind(entry.fileName);
      if (macro) macros.add(macro);
      if (entry.fileName.endsWith('/')) continue;
      // …and the bytes actually inflated are counted too, in case it lies (yauzl also checks each entry).
      const content = await zip.openReadStreamPromise(entry);
      await pipeline(
        content,
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            inflated += chunk.length;
            done(inflated > allowedBytes ? new PackageRefusal(why(inflated)) : null);
          },
        }),
      );
    }
    return { ok: true, warnings: macros.size > 0 ? [macroWarning([...macros])] : [] };
  } catch (error) {
    if (error instanceof PackageRefusal) return { ok: false, reason: error.message };
    return { ok: false, reason: `it is not a readable ZIP package (${zipReason(error)})` };
  } finally {
    zip.close();
  }
}

/**
 * Where macros live: `vbaProject.bin` in OOXML (word/, xl/; a DOCX or XLSX keeps one only when
 * renamed from .docm/.xlsm, and Office will not run it — still worth saying), `Basic/` (StarBasic)
 * and `Scripts/` in ODF.
 */
function macroKind(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('vbaproject.bin')) return 'VBA';
  if (lower.startsWith('basic/')) return 'Basic';
  if (lower.startsWith('scripts/')) return 'script';
  return undefined;
}

export function macroWarning(kinds: string[]): DocumentWarning {
  return {
    code: 'macros',
    message: `This document contains macros (${kinds.join(', ')}). They are not run when the document is sent for signature, but a person who opens the file may be asked to enable them; check it comes from a trusted source.`,
  };
}

function megabytes(bytes: number): number {
  return Math.round(bytes / (1024 * 1024));
}

function zipReason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 200);
}

/** yauzl's random access over the blob store's ranged reads (yauzl's `end` is exclusive). */
class RangeReader extends yauzl.RandomAccessReader {
  constructor(private readonly open: OpenRange) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const through = new PassThrough();
    this.open(start, end).then(
      (source) => source.on('error', (error) => through.destroy(error)).pipe(through),
      (error: Error) => through.destroy(error),
    );
    return through;
  }
}
