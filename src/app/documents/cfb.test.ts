import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classifyCompoundFile, MalformedCompoundFileError, readCompoundFileRoot, type CompoundFileRoot } from './cfb.js';
import type { ReadAt } from './media-type.js';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/documents/', import.meta.url));
const endOfChain = 0xfffffffe;
const noStream = 0xffffffff;

function readAtOf(bytes: Buffer): ReadAt {
  return async (offset, length) => Buffer.from(bytes.subarray(offset, offset + length));
}

describe('readCompoundFileRoot', () => {
  it('lists the root storage of a Word document', async () => {
    const doc = await readFile(fixtures + 'sample.doc');

    const root = await readCompoundFileRoot(readAtOf(doc), doc.length);

    expect(root.classId).toBe('00020906-0000-0000-C000-000000000046');
    expect(root.entries.map((entry) => entry.name).sort()).toEqual(
      ['\u0001CompObj', '\u0001Ole', '\u0005DocumentSummaryInformation', '\u0005SummaryInformation', '1Table', 'WordDocument'].sort(),
    );
    expect(root.entries.every((entry) => entry.type === 'stream')).toBe(true);
  });

  it('names a loop in the directory chain', async () => {
    const doc = await readFile(fixtures + 'sample.doc');
    const directorySector = doc.readUInt32LE(0x30);
    doc.writeUInt32LE(directorySector, (doc.readUInt32LE(0x4c) + 1) * 512 + directorySector * 4);

    await expect(readCompoundFileRoot(readAtOf(doc), doc.length)).rejects.toThrow(/directory chain has a cycle/);
  });

  it('stops at the directory sector limit', async () => {
    const doc = await readFile(fixtures + 'sample.doc');

    // sample.doc's seven entries take two 512-byte directory sectors.
    await expect(readCompoundFileRoot(readAtOf(doc), doc.length, { maxDirectorySectors: 1 })).rejects.toThrow(
      /longer than 1 sectors/,
    );
  });

  it('follows the DIFAT chain to FAT sectors past the 109 listed in the header', async () => {
    // FAT sector 109 describes sectors 13952–14079; it is listed by the first DIFAT sector.
    const file = new SparseCompoundFile({ fatSectorCount: 110, firstDifatSector: 1, difatSectorCount: 1, directorySector: 14_000 });
    file.sector(1, (sector) => {
      sector.writeUInt32LE(2, 0); // FAT sector 109 is sector 2
      sector.writeUInt32LE(endOfChain, 127 * 4);
    });
    file.sector(2, (sector) => {
      sector.writeUInt32LE(14_001, (14_000 % 128) * 4);
      sector.writeUInt32LE(endOfChain, (14_001 % 128) * 4);
    });
    file.directory([{ name: 'Workbook', type: 2 }, { name: 'Ctls', type: 2 }]);

    const root = await readCompoundFileRoot(file.readAt, file.size);

    expect(root.entries).toEqual([
      { name: 'Workbook', type: 'stream' },
      { name: 'Ctls', type: 'stream' },
    ]);
    expect(classifyCompoundFile(root)).toEqual({ kind: 'xls' });
    expect(file.reads).toBeLessThan(10);
  });

  it('refuses a DIFAT chain that loops', async () => {
    // FAT sector 300 sits in the third DIFAT sector, but the first one names itself as the next.
    const file = new SparseCompoundFile({ fatSectorCount: 301, firstDifatSector: 1, difatSectorCount: 5, directorySector: 300 * 128 });
    file.sector(1, (sector) => sector.writeUInt32LE(1, 127 * 4));
    file.directory([{ name: 'Workbook', type: 2 }]);

    await expect(readCompoundFileRoot(file.readAt, file.size)).rejects.toThrow(/DIFAT chain has a cycle/);
  });

  it('refuses a FAT sector the header does not declare', async () => {
    const file = new SparseCompoundFile({ fatSectorCount: 1, firstDifatSector: endOfChain, difatSectorCount: 0, directorySector: 14_000 });
    file.directory([{ name: 'Workbook', type: 2 }]);

    const reading = readCompoundFileRoot(file.readAt, file.size);

    await expect(reading).rejects.toBeInstanceOf(MalformedCompoundFileError);
    await expect(reading).rejects.toThrow(/FAT sector 109 is past the 1 the header declares/);
  });
});

describe('classifyCompoundFile', () => {
  const root = (entries: CompoundFileRoot['entries'], classId = '00000000-0000-0000-0000-000000000000'): CompoundFileRoot => ({
    classId,
    entries,
  });

  it('takes a WordDocument stream for a Word document', () => {
    expect(classifyCompoundFile(root([{ name: 'WordDocument', type: 'stream' }]))).toEqual({ kind: 'doc' });
  });

  it('takes Workbook or the Excel 5 Book stream, in any case, for a workbook', () => {
    expect(classifyCompoundFile(root([{ name: 'Book', type: 'stream' }]))).toEqual({ kind: 'xls' });
    expect(classifyCompoundFile(root([{ name: 'WORKBOOK', type: 'stream' }]))).toEqual({ kind: 'xls' });
  });

  it('does not take a storage named WordDocument for the stream', () => {
    expect(classifyCompoundFile(root([{ name: 'WordDocument', type: 'storage' }]))).toEqual({
      kind: null,
      detected: 'application/x-cfb',
    });
  });

  it('refuses an installer even when it carries a WordDocument stream', () => {
    const installer = root([{ name: 'WordDocument', type: 'stream' }], '000C1084-0000-0000-C000-000000000046');

    expect(classifyCompoundFile(installer)).toEqual({ kind: null, detected: 'application/x-msi' });
  });

  it('names a PowerPoint presentation', () => {
    expect(classifyCompoundFile(root([{ name: 'PowerPoint Document', type: 'stream' }]))).toEqual({
      kind: null,
      detected: 'application/vnd.ms-powerpoint',
    });
  });
});

/**
 * A compound file with 512-byte sectors of which only a few are written; every other byte reads as
 * zero. Lets a test place a directory sector megabytes in, without megabytes of fixture.
 */
class SparseCompoundFile {
  readonly size: number;
  reads = 0;
  private readonly sectors = new Map<number, Buffer>();
  private readonly header = Buffer.alloc(512);

  constructor(
    private readonly layout: { fatSectorCount: number; firstDifatSector: number; difatSectorCount: number; directorySector: number },
  ) {
    this.size = (layout.directorySector + 3) * 512;
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(this.header);
    this.header.writeUInt16LE(0x3e, 0x18);
    this.header.writeUInt16LE(3, 0x1a);
    this.header.writeUInt16LE(0xfffe, 0x1c);
    this.header.writeUInt16LE(9, 0x1e);
    this.header.writeUInt16LE(6, 0x20);
    this.header.writeUInt32LE(layout.fatSectorCount, 0x2c);
    this.header.writeUInt32LE(layout.directorySector, 0x30);
    this.header.writeUInt32LE(4096, 0x38);
    this.header.writeUInt32LE(endOfChain, 0x3c);
    this.header.writeUInt32LE(layout.firstDifatSector, 0x44);
    this.header.writeUInt32LE(layout.difatSectorCount, 0x48);
    // The header's 109 FAT sector slots all name sector 0, which stays zero (never consulted here).
  }

  sector(index: number, write: (sector: Buffer) => void): void {
    const sector = this.sectors.get(index) ?? Buffer.alloc(512);
    write(sector);
    this.sectors.set(index, sector);
  }

  /**
   * A root entry in the directory's first sector and its children, as a right-leaning chain, in the
   * second (the sector after it), so that finding them means following the directory's FAT chain.
   */
  directory(children: Array<{ name: string; type: number }>): void {
    const write = (sector: Buffer, slot: number, entry: { name: string; type: number; child: number; right: number }) => {
      const offset = slot * 128;
      const encoded = Buffer.from(`${entry.name}\0`, 'utf16le');
      encoded.copy(sector, offset);
      sector.writeUInt16LE(encoded.length, offset + 64);
      sector.writeUInt8(entry.type, offset + 66);
      sector.writeUInt32LE(noStream, offset + 68);
      sector.writeUInt32LE(entry.right, offset + 72);
      sector.writeUInt32LE(entry.child, offset + 76);
    };
    this.sector(this.layout.directorySector, (sector) => write(sector, 0, { name: 'Root Entry', type: 5, child: 4, right: noStream }));
    this.sector(this.layout.directorySector + 1, (sector) =>
      children.forEach((child, slot) => write(sector, slot, { ...child, child: noStream, right: slot + 1 < children.length ? slot + 5 : noStream })),
    );
  }

  readonly readAt: ReadAt = async (offset, length) => {
    this.reads++;
    const bytes = Buffer.alloc(Math.max(0, Math.min(length, this.size - offset)));
    for (let position = offset; position < offset + bytes.length; ) {
      const index = Math.floor(position / 512) - 1;
      const sectorStart = (index + 1) * 512;
      const source = index < 0 ? this.header : this.sectors.get(index);
      const end = Math.min(sectorStart + 512, offset + bytes.length);
      source?.copy(bytes, position - offset, position - sectorStart, end - sectorStart);
      position = end;
    }
    return bytes;
  };
}
