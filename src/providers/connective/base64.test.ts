import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { base64Length, encodeBase64, jsonWithBase64 } from './base64.js';

async function collect(stream: AsyncIterable<Buffer | Uint8Array | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** `bytes` cut into chunks of the given sizes, cycling. */
function chunked(bytes: Buffer, sizes: number[]): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0, index = 0; at < bytes.length; index += 1) {
    const size = sizes[index % sizes.length]!;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

describe('encodeBase64', () => {
  it('gives the same base64 as encoding the whole buffer, whatever the chunk sizes (1, 2, 4, 7, 1000 bytes)', async () => {
    for (const length of [0, 1, 2, 3, 4, 5, 100, 1001, 65_537]) {
      const bytes = randomBytes(length);
      for (const sizes of [[1], [2], [4], [7, 1, 2], [1000]]) {
        const encoded = await collect(encodeBase64(Readable.from(chunked(bytes, sizes))));
        expect(encoded.toString('latin1'), `${length} bytes in chunks of ${sizes.join('/')}`).toBe(bytes.toString('base64'));
      }
    }
  });

  it('emits only whole groups of 4 characters before the end: every piece but the last is unpadded and a multiple of 4', async () => {
    const pieces: Buffer[] = [];
    for await (const piece of encodeBase64(Readable.from(chunked(randomBytes(1000), [5, 7, 11])))) pieces.push(piece);
    expect(pieces.length).toBeGreaterThan(10);
    for (const piece of pieces.slice(0, -1)) {
      expect(piece.length % 4).toBe(0);
      expect(piece.toString('latin1')).not.toContain('=');
    }
  });

  it('never holds more than one chunk (plus 2 bytes) of the source: each piece encodes at most the chunk that came in', async () => {
    const chunk = 64 * 1024;
    let largest = 0;
    const source = Readable.from(chunked(randomBytes(4 * 1024 * 1024), [chunk]));
    for await (const piece of encodeBase64(source)) largest = Math.max(largest, piece.length);
    expect(largest).toBeLessThanOrEqual(base64Length(chunk + 2));
  });

  it('copies the bytes it carries over, so a source that reuses its buffer does not corrupt the output', async () => {
    const bytes = randomBytes(3001);
    const shared = Buffer.alloc(10);
    async function* reusing() {
      for (let at = 0; at < bytes.length; at += 10) {
        const length = Math.min(10, bytes.length - at);
        bytes.copy(shared, 0, at, at + length);
        yield shared.subarray(0, length);
      }
    }
    expect((await collect(encodeBase64(reusing()))).toString('latin1')).toBe(bytes.toString('base64'));
  });
});

describe('jsonWithBase64', () => {
  it('writes the fields, then the document as base64, as one JSON object of exactly the announced length', async () => {
    const bytes = randomBytes(10_000);
    const body = jsonWithBase64({ DocumentName: 'Contrat signé.pdf', SigningFields: [{ MarkerOrFieldId: '#sig', Label: 'par_1#1' }] }, 'Document', bytes.length);
    const written = await collect(body.stream(Readable.from(chunked(bytes, [333]))));
    expect(written.length).toBe(body.length);
    const parsed = JSON.parse(written.toString('utf8')) as { DocumentName: string; Document: string; SigningFields: unknown[] };
    expect(parsed.DocumentName).toBe('Contrat signé.pdf');
    expect(parsed.SigningFields).toEqual([{ MarkerOrFieldId: '#sig', Label: 'par_1#1' }]);
    expect(Buffer.from(parsed.Document, 'base64').equals(bytes)).toBe(true);
  });

  it('fails the stream when the document is not the size announced, instead of sending a body of another length', async () => {
    const body = jsonWithBase64({ DocumentName: 'a.pdf' }, 'Document', 100);
    await expect(collect(body.stream(Readable.from([randomBytes(99)])))).rejects.toThrow(/99 bytes, not the 100/);
  });
});
