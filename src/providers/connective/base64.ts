import { Readable } from 'node:stream';

/**
 * Base64 of a stream, chunk by chunk (docs/providers.md U17): Connective's Add document to package
 * takes the document as base64 inside a JSON body, and a document may be hundreds of megabytes, so it
 * is never held whole in memory. Each chunk is encoded up to its last multiple of 3 bytes (base64
 * turns 3 bytes into 4 characters with no padding, so the pieces join into one valid string); the
 * 0–2 bytes left over are carried into the next chunk, and only the very end is padded.
 */
export async function* encodeBase64(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<Buffer> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    // The bytes carried over and the chunk's first ones make one group of 3, encoded on its own: the
    // chunk is never copied to join them (that was a copy of nearly every 64 KB chunk of a document).
    let head = '';
    if (carry.length > 0) {
      const needed = 3 - carry.length;
      if (bytes.length < needed) {
        carry = Buffer.concat([carry, bytes]);
        continue;
      }
      head = Buffer.concat([carry, bytes.subarray(0, needed)]).toString('base64');
      bytes = bytes.subarray(needed);
    }
    const whole = bytes.length - (bytes.length % 3);
    if (head.length + whole > 0) {
      const encoded = Buffer.allocUnsafe(head.length + base64Length(whole));
      encoded.write(head, 0, 'latin1');
      encoded.write(bytes.subarray(0, whole).toString('base64'), head.length, 'latin1');
      yield encoded;
    }
    // Copied: the source may reuse its buffer for the next chunk.
    carry = Buffer.from(bytes.subarray(whole));
  }
  if (carry.length > 0) yield Buffer.from(carry.toString('base64'), 'latin1');
}

/** Characters of the base64 of `size` bytes (padded). */
export function base64Length(size: number): number {
  return Math.ceil(size / 3) * 4;
}

/**
 * A JSON object whose `field` is the base64 of a stream, written last, as a stream of bytes:
 * `{...fields, "<field>": "<base64>"}`. `size` (the document's bytes) gives the exact
 * `Content-Length`; a source that turns out longer or shorter fails the stream instead of sending a
 * body of another length than announced.
 */
export function jsonWithBase64(
  fields: Readonly<Record<string, unknown>>,
  field: string,
  size: number,
): { length: number; stream(source: AsyncIterable<Uint8Array | string>): Readable } {
  const head = JSON.stringify(fields);
  const prefix = Buffer.from(`${head === '{}' ? '{' : `${head.slice(0, -1)},`}${JSON.stringify(field)}:"`, 'utf8');
  const suffix = Buffer.from('"}', 'utf8');
  const length = prefix.length + base64Length(size) + suffix.length;
  async function* body(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<Buffer> {
    yield prefix;
    let counted = 0;
    yield* encodeBase64(
      (async function* () {
        for await (const chunk of source) {
          counted += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
          yield chunk;
        }
      })(),
    );
    if (counted !== size) throw new Error(`The document has ${counted} bytes, not the ${size} Countersign stored for it; it was not sent.`);
    yield suffix;
  }
  return { length, stream: (source) => Readable.from(body(source), { objectMode: false }) };
}
