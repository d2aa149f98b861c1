/**
 * A minimal reader for OLE2 / Compound File Binary files (MS-CFB), just enough to list the entries
 * of the root storage. Legacy Word (.doc), Excel (.xls), PowerPoint (.ppt) and Windows Installer
 * (.msi) files all share this container, so the magic number alone cannot tell them apart: the
 * names of the streams in the root storage can.
 *
 * Every number in the file is untrusted. Sector numbers are range-checked, chains are checked for
 * cycles and the number of directory sectors read is bounded, so a malformed or hostile file ends
 * in MalformedCompoundFileError rather than a crash, a hang or a large read.
 *
 * @see [MS-CFB] Compound File Binary File Format, sections 2.2 (header), 2.3–2.5 (FAT, DIFAT) and
 *      2.6 (directory entries).
 */

import type { ReadAt } from './read-at.js';

/** The compound file's type, as far as accepting a document is concerned. */
export type CompoundFileKind =
  | { kind: 'doc' | 'xls' }
  /** `detected` is the media type the file looked like, for the refusal message. */
  | { kind: null; detected: string };

export interface CompoundFileEntry {
  name: string;
  type: 'storage' | 'stream';
}

export interface CompoundFileRoot {
  /** The root storage's CLSID as a GUID string, e.g. `00020906-0000-0000-C000-000000000046`. */
  classId: string;
  /** The direct children of the root storage (not their descendants). */
  entries: CompoundFileEntry[];
}

export interface CompoundFileLimits {
  /** The most directory sectors read before the file is taken as malformed. */
  maxDirectorySectors: number;
}

/** Real documents have a handful of directory sectors; a thousand leaves room for many embedded objects. */
const defaultLimits: CompoundFileLimits = { maxDirectorySectors: 1024 };

export const COMPOUND_FILE_MEDIA_TYPE = 'application/x-cfb';

export class MalformedCompoundFileError extends Error {
  constructor(reason: string) {
    super(`Not a well-formed compound file: ${reason}.`);
    this.name = 'MalformedCompoundFileError';
  }
}

const signature = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const headerSize = 512;
const headerDifatEntries = 109;
const directoryEntrySize = 128;

/** Sector numbers above this are markers (FREESECT, ENDOFCHAIN, FATSECT, DIFSECT), not locations. */
const maxRegularSector = 0xfffffffa;
const endOfChain = 0xfffffffe;
const noStream = 0xffffffff;

const entryTypeStorage = 1;
const entryTypeStream = 2;
const entryTypeRoot = 5;

/**
 * Windows Installer databases (.msi, .msm), patches (.msp) and transforms (.mst) mark their root
 * storage with these CLSIDs. They are refused even if a stream is named like a Word or Excel one.
 */
const installerClassIds = new Set([
  '000C1084-0000-0000-C000-000000000046',
  '000C1086-0000-0000-C000-000000000046',
  '000C1082-0000-0000-C000-000000000046',
]);

/** Tells a .doc or .xls from every other compound file by the streams in its root storage. */
export async function detectCompoundFileKind(
  readAt: ReadAt,
  size: number,
  limits: CompoundFileLimits = defaultLimits,
): Promise<CompoundFileKind> {
  let root: CompoundFileRoot;
  try {
    root = await readCompoundFileRoot(readAt, size, limits);
  } catch (error) {
    if (error instanceof MalformedCompoundFileError) return { kind: null, detected: COMPOUND_FILE_MEDIA_TYPE };
    throw error;
  }
  return classifyCompoundFile(root);
}

export function classifyCompoundFile(root: CompoundFileRoot): CompoundFileKind {
  if (installerClassIds.has(root.classId)) return { kind: null, detected: 'application/x-msi' };
  // Stream names compare case-insensitively in a compound file (MS-CFB 2.6.4).
  const streams = new Set(root.entries.filter((entry) => entry.type === 'stream').map((entry) => entry.name.toUpperCase()));
  if (streams.has('WORDDOCUMENT')) return { kind: 'doc' };
  // Excel 97 and later write `Workbook`; Excel 5 and 95 wrote `Book`.
  if (streams.has('WORKBOOK') || streams.has('BOOK')) return { kind: 'xls' };
  if (streams.has('POWERPOINT DOCUMENT')) return { kind: null, detected: 'application/vnd.ms-powerpoint' };
  return { kind: null, detected: COMPOUND_FILE_MEDIA_TYPE };
}

/**
 * Lists the root storage's children. Reads the header, then only the FAT, DIFAT and directory
 * sectors needed to walk the root's child tree. Throws MalformedCompoundFileError on anything
 * inconsistent; errors from `readAt` itself pass through unchanged.
 */
export async function readCompoundFileRoot(
  readAt: ReadAt,
  size: number,
  limits: CompoundFileLimits = defaultLimits,
): Promise<CompoundFileRoot> {
  const reader = await CompoundFileReader.open(readAt, size, limits);
  const rootEntry = await reader.directoryEntry(0);
  if (rootEntry.type !== entryTypeRoot) throw new MalformedCompoundFileError('the first directory entry is not the root');

  // The children of a storage form a binary search tree through their left/right sibling ids.
  const entries: CompoundFileEntry[] = [];
  const visited = new Set<number>();
  const pending = [rootEntry.childId];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (id === noStream) continue;
    if (visited.has(id)) throw new MalformedCompoundFileError('the directory tree has a cycle');
    visited.add(id);
    const entry = await reader.directoryEntry(id);
    if (entry.type !== entryTypeStorage && entry.type !== entryTypeStream) {
      throw new MalformedCompoundFileError(`directory entry ${id} has type ${entry.type} inside the root storage`);
    }
    entries.push({ name: entry.name, type: entry.type === entryTypeStorage ? 'storage' : 'stream' });
    pending.push(entry.leftSiblingId, entry.rightSiblingId);
  }
  return { classId: rootEntry.classId, entries };
}

interface DirectoryEntry {
  name: string;
  type: number;
  leftSiblingId: number;
  rightSiblingId: number;
  childId: number;
  classId: string;
}

class CompoundFileReader {
  private readonly sectorSize: number;
  private readonly entriesPerFatSector: number;
  /** Locations of FAT sectors listed by DIFAT sectors (beyond the 109 in the header), read on demand. */
  private readonly difatSectorFatLocations: number[] = [];
  private nextDifatSector: number;
  private readonly visitedDifatSectors = new Set<number>();
  private readonly fatSectors = new Map<number, Buffer>();
  /** The directory's chain of sectors as far as it has been followed. */
  private readonly directoryChain: number[] = [];
  private readonly directoryChainVisited = new Set<number>();
  private directoryChainEnded = false;

  private constructor(
    private readonly readAt: ReadAt,
    private readonly size: number,
    private readonly limits: CompoundFileLimits,
    private readonly header: Buffer,
  ) {
    this.sectorSize = 1 << header.readUInt16LE(0x1e);
    this.entriesPerFatSector = this.sectorSize / 4;
    this.nextDifatSector = header.readUInt32LE(0x44);
    this.directoryChain.push(header.readUInt32LE(0x30));
  }

  static async open(readAt: ReadAt, size: number, limits: CompoundFileLimits): Promise<CompoundFileReader> {
    if (size < headerSize) throw new MalformedCompoundFileError('the file is shorter than the 512-byte header');
    const header = await readExactly(readAt, 0, headerSize);
    if (!header.subarray(0, 8).equals(signature)) throw new MalformedCompoundFileError('the signature is wrong');
    if (header.readUInt16LE(0x1c) !== 0xfffe) throw new MalformedCompoundFileError('the byte order mark is wrong');
    const sectorShift = header.readUInt16LE(0x1e);
    // Version 3 files use 512-byte sectors and version 4 files 4096-byte ones; nothing else exists.
    if (sectorShift !== 9 && sectorShift !== 12) {
      throw new MalformedCompoundFileError(`the sector shift is ${sectorShift}, not 9 or 12`);
    }
    return new CompoundFileReader(readAt, size, limits, header);
  }

  async directoryEntry(id: number): Promise<DirectoryEntry> {
    const entriesPerSector = this.sectorSize / directoryEntrySize;
    const sector = await this.directorySector(Math.floor(id / entriesPerSector));
    const entry = await this.readSectorBytes(sector, (id % entriesPerSector) * directoryEntrySize, directoryEntrySize);
    const nameLength = entry.readUInt16LE(64);
    // The length counts the terminating NUL; 64 bytes hold at most 31 UTF-16 characters and the NUL.
    if (nameLength > 64 || nameLength % 2 !== 0) {
      throw new MalformedCompoundFileError(`directory entry ${id} has a name length of ${nameLength}`);
    }
    return {
      name: entry.toString('utf16le', 0, Math.max(0, nameLength - 2)),
      type: entry.readUInt8(66),
      leftSiblingId: entry.readUInt32LE(68),
      rightSiblingId: entry.readUInt32LE(72),
      childId: entry.readUInt32LE(76),
      classId: formatClassId(entry.subarray(80, 96)),
    };
  }

  /** The sector holding the `index`th part of the directory, following the FAT chain as far as needed. */
  private async directorySector(index: number): Promise<number> {
    if (index >= this.limits.maxDirectorySectors) {
      throw new MalformedCompoundFileError(`the directory is longer than ${this.limits.maxDirectorySectors} sectors`);
    }
    while (this.directoryChain.length <= index) {
      if (this.directoryChainEnded) throw new MalformedCompoundFileError('a directory entry id is past the end of the directory');
      const last = this.directoryChain.at(-1) as number;
      this.checkSector(last, 'directory');
      this.directoryChainVisited.add(last);
      const next = await this.fatEntry(last);
      if (next === endOfChain) {
        this.directoryChainEnded = true;
        continue;
      }
      if (this.directoryChainVisited.has(next)) throw new MalformedCompoundFileError('the directory chain has a cycle');
      this.directoryChain.push(next);
    }
    const sector = this.directoryChain[index] as number;
    this.checkSector(sector, 'directory');
    return sector;
  }

  private async fatEntry(sector: number): Promise<number> {
    const fatIndex = Math.floor(sector / this.entriesPerFatSector);
    let fat = this.fatSectors.get(fatIndex);
    if (!fat) {
      const location = await this.fatSectorLocation(fatIndex);
      this.checkSector(location, 'FAT');
      fat = await this.readSectorBytes(location, 0, this.sectorSize);
      this.fatSectors.set(fatIndex, fat);
    }
    return fat.readUInt32LE((sector % this.entriesPerFatSector) * 4);
  }

  /** Where the `index`th FAT sector is: the header lists the first 109, a chain of DIFAT sectors the rest. */
  private async fatSectorLocation(index: number): Promise<number> {
    const fatSectorCount = this.header.readUInt32LE(0x2c);
    if (index >= fatSectorCount) throw new MalformedCompoundFileError(`FAT sector ${index} is past the ${fatSectorCount} the header declares`);
    if (index < headerDifatEntries) return this.header.readUInt32LE(0x4c + index * 4);

    const wanted = index - headerDifatEntries;
    // Each DIFAT sector lists FAT sectors in all but its last slot, which points to the next DIFAT sector.
    const locationsPerDifatSector = this.entriesPerFatSector - 1;
    const difatSectorCount = this.header.readUInt32LE(0x48);
    while (this.difatSectorFatLocations.length <= wanted) {
      const sector = this.nextDifatSector;
      if (this.visitedDifatSectors.size >= difatSectorCount) {
        throw new MalformedCompoundFileError(`the DIFAT chain is longer than the ${difatSectorCount} sectors the header declares`);
      }
      if (this.visitedDifatSectors.has(sector)) throw new MalformedCompoundFileError('the DIFAT chain has a cycle');
      this.checkSector(sector, 'DIFAT');
      this.visitedDifatSectors.add(sector);
      const difat = await this.readSectorBytes(sector, 0, this.sectorSize);
      for (let slot = 0; slot < locationsPerDifatSector; slot++) this.difatSectorFatLocations.push(difat.readUInt32LE(slot * 4));
      this.nextDifatSector = difat.readUInt32LE(locationsPerDifatSector * 4);
    }
    return this.difatSectorFatLocations[wanted] as number;
  }

  /** Throws unless `sector` is a regular sector that starts inside the file. */
  private checkSector(sector: number, role: string): void {
    if (sector > maxRegularSector || this.sectorOffset(sector) >= this.size) {
      throw new MalformedCompoundFileError(`${role} sector ${sector} is outside the file`);
    }
  }

  private sectorOffset(sector: number): number {
    // Sector 0 starts right after the header, which takes one whole sector (512 or 4096 bytes).
    return (sector + 1) * this.sectorSize;
  }

  /**
   * Bytes of a sector. Some writers leave the last sector short; the missing bytes read as zeros,
   * which parse as unused directory entries or as FAT links that the cycle checks catch.
   */
  private async readSectorBytes(sector: number, start: number, length: number): Promise<Buffer> {
    const offset = this.sectorOffset(sector) + start;
    const available = Math.max(0, Math.min(length, this.size - offset));
    const bytes = Buffer.alloc(length);
    if (available > 0) (await readExactly(this.readAt, offset, available)).copy(bytes);
    return bytes;
  }
}

async function readExactly(readAt: ReadAt, offset: number, length: number): Promise<Buffer> {
  const bytes = await readAt(offset, length);
  if (bytes.length < length) {
    throw new MalformedCompoundFileError(`only ${bytes.length} of ${length} bytes could be read at offset ${offset}`);
  }
  return bytes.subarray(0, length);
}

/** A GUID's first three fields are little-endian in the file; the last two are byte strings. */
function formatClassId(bytes: Buffer): string {
  const hex = (buffer: Buffer) => buffer.toString('hex').toUpperCase();
  const reversed = (start: number, end: number) => hex(Buffer.from(bytes.subarray(start, end)).reverse());
  return `${reversed(0, 4)}-${reversed(4, 6)}-${reversed(6, 8)}-${hex(bytes.subarray(8, 10))}-${hex(bytes.subarray(10, 16))}`;
}
