import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';

/** One entry of a ZIP built by {@link buildZip}. */
export interface ZipEntrySource {
  name: string;
  /** The content, or a run of this many zero bytes (deflated as a stream, never held whole). */
  content: Buffer | { zeros: number };
  /** The uncompressed size written in the headers, when a test wants the archive to lie about it. */
  declaredSize?: number;
}

/** The entries of a ZIP file, inflated: for rebuilding a real document with extra entries. */
export async function readZipEntries(bytes: Buffer): Promise<Array<{ name: string; content: Buffer }>> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  const entries: Array<{ name: string; content: Buffer }> = [];
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.push({ name: entry.fileName, content: Buffer.concat(chunks) });
  }
  return entries;
}

/** A ZIP archive (deflate, no ZIP64) written byte by byte, so tests can make bombs and liars. */
export async function buildZip(entries: ZipEntrySource[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const { compressed, crc, size } = await deflate(entry.content);
    const name = Buffer.from(entry.name, 'utf8');
    const declared = entry.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(compressed.length, 20);
    header.writeUInt32LE(declared, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, compressed);
    central.push(header, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

async function deflate(content: ZipEntrySource['content']): Promise<{ compressed: Buffer; crc: number; size: number }> {
  if (Buffer.isBuffer(content)) return { compressed: deflateRawSync(content), crc: crc32(content), size: content.length };
  const chunk = Buffer.alloc(1024 * 1024);
  const deflater = createDeflateRaw({ level: 9 });
  const output: Buffer[] = [];
  deflater.on('data', (data: Buffer) => output.push(data));
  const finished = new Promise((resolve, reject) => deflater.on('end', resolve).on('error', reject));
  let crc = 0;
  for (let written = 0; written < content.zeros; written += chunk.length) {
    const piece = chunk.subarray(0, Math.min(chunk.length, content.zeros - written));
    crc = crc32(piece, crc);
    if (!deflater.write(piece)) await new Promise((resolve) => deflater.once('drain', resolve));
  }
  deflater.end();
  await finished;
  return { compressed: Buffer.concat(output), crc, size: content.zeros };
}
