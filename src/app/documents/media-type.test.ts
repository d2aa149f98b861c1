import { open, readFile, type FileHandle } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ACCEPTED_MEDIA_TYPES,
  describeAcceptedTypes,
  detectMediaType,
  type AcceptedKind,
  type DocumentBytes,
  type ReadAt,
} from './media-type.js';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/documents/', import.meta.url));
const openHandles: FileHandle[] = [];

afterAll(async () => {
  await Promise.all(openHandles.map((handle) => handle.close()));
});

/** The production caller reads from its blob store; tests read a fixture file the same way. */
async function readAtFromFile(name: string): Promise<DocumentBytes> {
  const handle = await open(fixtures + name, 'r');
  openHandles.push(handle);
  const { size } = await handle.stat();
  const readAt: ReadAt = async (offset, length) => {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    return buffer.subarray(0, bytesRead);
  };
  return { size, readAt };
}

/** Bytes in memory, counting what detection reads. */
function fromBytes(bytes: Buffer): DocumentBytes & { bytesRead: () => number; calls: () => number } {
  let bytesRead = 0;
  let calls = 0;
  return {
    size: bytes.length,
    readAt: async (offset, length) => {
      calls++;
      const slice = bytes.subarray(offset, offset + length);
      bytesRead += slice.length;
      return Buffer.from(slice);
    },
    bytesRead: () => bytesRead,
    calls: () => calls,
  };
}

describe('detectMediaType', () => {
  const acceptedFixtures: Array<[string, AcceptedKind]> = [
    ['sample.pdf', 'pdf'],
    ['sample.doc', 'doc'],
    ['sample.docx', 'docx'],
    ['sample.odt', 'odt'],
    ['sample.ods', 'ods'],
    ['sample.xls', 'xls'],
    ['sample.xlsx', 'xlsx'],
    ['sample.rtf', 'rtf'],
  ];

  it.each(acceptedFixtures)('accepts %s as %s', async (name, kind) => {
    const result = await detectMediaType(await readAtFromFile(name));

    expect(result).toEqual({ kind, mediaType: ACCEPTED_MEDIA_TYPES[kind].mediaType });
  });

  it.each([
    ['linux-program.pdf', 'application/x-elf'],
    ['windows-program.pdf', 'application/x-msdownload'],
    ['installer.msi', 'application/x-msi'],
    ['slides.ppt', 'application/vnd.ms-powerpoint'],
    ['slides.pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['archive.zip', 'application/zip'],
    ['image.png', 'image/png'],
    ['notes.txt', null],
  ])('refuses %s, which looks like %s', async (name, detected) => {
    const result = await detectMediaType(await readAtFromFile(name));

    expect(result).toEqual({ kind: null, detected });
  });

  it('refuses an empty file without reading it', async () => {
    const source = fromBytes(Buffer.alloc(0));

    expect(await detectMediaType(source)).toEqual({ kind: null, detected: null });
    expect(source.calls()).toBe(0);
  });

  it('rejects with the store error when the bytes cannot be read', async () => {
    const failure = new Error('disk on fire');
    const source: DocumentBytes = { size: 1000, readAt: () => Promise.reject(failure) };

    await expect(detectMediaType(source)).rejects.toBe(failure);
  });

  it('rejects when the store returns fewer bytes than the size it reported', async () => {
    const docx = await readFile(fixtures + 'sample.docx');
    const source: DocumentBytes = { size: docx.length + 100, readAt: async (offset, length) => docx.subarray(offset, offset + length) };

    await expect(detectMediaType(source)).rejects.toThrow(/short of its size/);
  });

  it('finds a DOCX whose [Content_Types].xml follows a large entry, reading only entry headers', async () => {
    // LibreOffice writes [Content_Types].xml last: after any images the document holds.
    const docx = storedZip([
      ['word/document.xml', Buffer.from('<w:document/>')],
      ['word/media/image1.png', Buffer.alloc(3 * 1024 * 1024, 7)],
      ['[Content_Types].xml', Buffer.from(contentTypesXml)],
    ]);
    const source = fromBytes(docx);

    expect(await detectMediaType(source)).toEqual({ kind: 'docx', mediaType: ACCEPTED_MEDIA_TYPES.docx.mediaType });
    expect(source.bytesRead()).toBeLessThan(256 * 1024);
  });

  describe('with a malformed compound file', () => {
    const refused = { kind: null, detected: 'application/x-cfb' };

    it('refuses a header cut short', async () => {
      const doc = await readFile(fixtures + 'sample.doc');

      expect(await detectMediaType(fromBytes(doc.subarray(0, 300)))).toEqual(refused);
    });

    it('refuses an impossible sector size', async () => {
      const doc = await readFile(fixtures + 'sample.doc');
      doc.writeUInt16LE(30, 0x1e);

      expect(await detectMediaType(fromBytes(doc))).toEqual(refused);
    });

    it('refuses a directory that starts outside the file', async () => {
      const doc = await readFile(fixtures + 'sample.doc');
      doc.writeUInt32LE(0x00ffff00, 0x30);

      expect(await detectMediaType(fromBytes(doc))).toEqual(refused);
    });

    it('refuses a directory sector chain that loops, without hanging', async () => {
      const doc = await readFile(fixtures + 'sample.doc');
      const directorySector = doc.readUInt32LE(0x30);
      const firstFatSector = doc.readUInt32LE(0x4c);
      // The directory's first sector now names itself as the next one.
      doc.writeUInt32LE(directorySector, (firstFatSector + 1) * 512 + directorySector * 4);
      const source = fromBytes(doc);

      expect(await detectMediaType(source)).toEqual(refused);
      expect(source.calls()).toBeLessThan(10);
    });

    it('refuses a directory tree that loops, without hanging', async () => {
      const doc = await readFile(fixtures + 'sample.doc');
      const directoryOffset = (doc.readUInt32LE(0x30) + 1) * 512;
      doc.writeUInt32LE(1, directoryOffset + 76); // root's child: entry 1
      doc.writeUInt32LE(1, directoryOffset + 128 + 68); // entry 1's left sibling: itself

      expect(await detectMediaType(fromBytes(doc))).toEqual(refused);
    });

    it('refuses a directory entry id past the end of the directory', async () => {
      const doc = await readFile(fixtures + 'sample.doc');
      doc.writeUInt32LE(100_000, (doc.readUInt32LE(0x30) + 1) * 512 + 76);

      expect(await detectMediaType(fromBytes(doc))).toEqual(refused);
    });

    it('refuses random bytes after the signature', async () => {
      const noise = Buffer.alloc(8192);
      for (let index = 0; index < noise.length; index++) noise[index] = (index * 7919 + 13) % 251;
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(noise);

      expect(await detectMediaType(fromBytes(noise))).toEqual(refused);
    });
  });
});

describe('describeAcceptedTypes', () => {
  it('lists the accepted types for messages', () => {
    expect(describeAcceptedTypes()).toBe('PDF, DOC, DOCX, ODT, ODS, XLS, XLSX, RTF');
  });
});

const contentTypesXml =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

/** A ZIP with uncompressed entries, in the given order. */
function storedZip(entries: Array<[string, Buffer]>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt32LE(crc32(data), 16);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(nameBytes.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, data);
    central.push(header, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralSize = central.reduce((total, part) => total + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}
