import { buffer } from 'node:stream/consumers';
import { ZipFile } from 'yazl';

/** One file of a ZIP a sandbox hands out (Autenti's CONTENT_ARCHIVE, a Connective package download). */
export interface ZipEntry {
  name: string;
  bytes: Buffer;
}

/** A ZIP of `entries` (deflated, dated `modifiedAt`), through yazl, the writing twin of the yauzl the tests read it with. */
export function writeZip(entries: ZipEntry[], modifiedAt: Date): Promise<Buffer> {
  const zip = new ZipFile();
  for (const entry of entries) zip.addBuffer(entry.bytes, entry.name, { mtime: modifiedAt });
  zip.end();
  return buffer(zip.outputStream);
}
