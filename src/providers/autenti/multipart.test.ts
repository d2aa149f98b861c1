import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { createMultipartBody } from './multipart.js';

const fileChunks = [Buffer.from('%PDF-1.7 first chunk '), Buffer.from('second chunk %%EOF')];

const body = () =>
  createMultipartBody(
    [
      { name: 'fileMeta', contentType: 'application/json', value: '{"fileName":"contract.pdf"}' },
      { name: 'note', contentType: 'text/plain', value: 'zażółć' },
      { name: 'file', contentType: 'application/pdf', filename: 'contract.pdf', size: Buffer.concat(fileChunks).length, open: async () => Readable.from(fileChunks) },
    ],
    'test-boundary',
  );

/** The chunks as 'data' events give them: how undici takes a stream body, one socket write each. */
async function chunksOf(stream: Readable): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await finished(stream);
  return chunks;
}

describe('Autenti multipart body', () => {
  it('is a well-formed multipart/form-data body of the declared length', async () => {
    const multipart = body();
    const bytes = Buffer.concat(await chunksOf(await multipart.open()));
    expect(bytes.length).toBe(multipart.length);

    // Read back by a parser of its own: the platform's (undici's) multipart/form-data reader.
    const form = await new Response(bytes, { headers: { 'content-type': multipart.contentType } }).formData();
    expect(form.get('fileMeta')).toBe('{"fileName":"contract.pdf"}');
    expect(form.get('note')).toBe('zażółć');
    const file = form.get('file') as File;
    expect({ name: file.name, type: file.type, content: await file.text() }).toEqual({ name: 'contract.pdf', type: 'application/pdf', content: Buffer.concat(fileChunks).toString('utf8') });
  });

  it('sends what it knows up front in one chunk, and the end in one: not a socket write per head, value and separator', async () => {
    const multipart = body();
    const chunks = await chunksOf(await multipart.open());
    const text = chunks.map((chunk) => chunk.toString('utf8'));
    // Everything before the file's first byte: both form fields, their separators and the file part's head.
    expect(text[0]).toContain('name="fileMeta"');
    expect(text[0]).toContain('zażółć');
    expect(text[0]).toMatch(/name="file"; filename="contract\.pdf"\r\nContent-Type: application\/pdf\r\n\r\n$/);
    expect(text.slice(1, -1)).toEqual(fileChunks.map((chunk) => chunk.toString('utf8')));
    expect(text.at(-1)).toBe('\r\n--test-boundary--\r\n');
  });
});
