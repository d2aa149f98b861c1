import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

/**
 * A `multipart/form-data` body with one file part, streamed: the part's headers, the file's bytes as
 * they are read, the closing boundary. Its length is known up front (`Content-Length`), so nothing is
 * buffered and ConsignO sees an ordinary upload (`POST /documents`).
 */
export function multipartFile(input: { field: string; filename: string; mediaType: string; size: number; fields?: Readonly<Record<string, string>> }) {
  const boundary = `countersign-${randomBytes(12).toString('hex')}`;
  const quoted = (text: string) => text.replace(/["\r\n\\]/g, '_');
  const head = Buffer.from(
    [
      ...Object.entries(input.fields ?? {}).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`),
      `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(input.field)}"; filename="${quoted(input.filename)}"\r\nContent-Type: ${input.mediaType}\r\n\r\n`,
    ].join(''),
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length: head.length + input.size + tail.length,
    /** The body around `file`, a fresh stream of the document. */
    stream(file: Readable): Readable {
      return Readable.from(
        (async function* () {
          yield head;
          for await (const chunk of file) yield chunk as Buffer;
          yield tail;
        })(),
      );
    },
  };
}
