import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectiveError } from './errors.js';
import { readJsonUpload } from './json-upload.js';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'connective-upload-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** The body cut into chunks of `size` bytes, as a network delivers it (splits land anywhere, even inside a UTF-8 character). */
async function* chunks(text: string, size: number) {
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

describe('readJsonUpload', () => {
  const document = Buffer.from(Array.from({ length: 5000 }, (_, index) => (index * 7) % 256));
  const body = JSON.stringify({
    DocumentName: 'Umowa – żółć.pdf',
    Document: document.toString('base64'),
    SigningFields: [{ MarkerOrFieldId: 'Document', Label: 'a "quoted" \\ label' }],
    Nested: { Document: 'not the top-level one' },
  });

  for (const size of [1, 3, 7, 64, 100_000]) {
    it(`decodes the top-level Document to a file and keeps every other member (chunks of ${size} bytes)`, async () => {
      const target = join(folder, `doc-${size}`);
      const upload = await readJsonUpload(chunks(body, size), { target, maxFileBytes: 10_000 });
      expect(upload.document).toEqual({ path: target, bytes: document.length });
      expect((await readFile(target)).equals(document)).toBe(true);
      expect(upload.fields).toEqual({
        DocumentName: 'Umowa – żółć.pdf',
        Document: null,
        SigningFields: [{ MarkerOrFieldId: 'Document', Label: 'a "quoted" \\ label' }],
        Nested: { Document: 'not the top-level one' },
      });
    });
  }

  it('accepts base64 with escaped slashes and line breaks (as some encoders write it)', async () => {
    const base64 = document.toString('base64').replace(/(.{76})/g, '$1\\r\\n').replace(/\//g, '\\/');
    const target = join(folder, 'escaped');
    const upload = await readJsonUpload(chunks(`{"Document":"${base64}","DocumentName":"x.pdf"}`, 50), { target, maxFileBytes: 10_000 });
    expect((await readFile(target)).equals(document)).toBe(true);
    expect(upload.fields.DocumentName).toBe('x.pdf');
  });

  it('refuses a document above the limit with 413 and leaves no file behind', async () => {
    const target = join(folder, 'too-large');
    const error = await readJsonUpload(chunks(body, 100), { target, maxFileBytes: 1000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectiveError);
    expect((error as ConnectiveError).status).toBe(413);
    await expect(stat(target)).rejects.toThrow();
  });

  it('refuses characters outside base64, a truncated body and invalid JSON with 400 Request.Invalid', async () => {
    for (const text of ['{"Document":"AAAA*AAA"}', '{"Document":"AAAA', '{"DocumentName": nope, "Document":"AAAA"}']) {
      const error = await readJsonUpload(chunks(text, 5), { target: join(folder, 'bad'), maxFileBytes: 1000 }).catch((caught: unknown) => caught);
      expect((error as ConnectiveError).errorCode, text).toBe('Request.Invalid');
    }
  });

  it('answers no document when the body has none, and removes the empty file', async () => {
    const target = join(folder, 'none');
    const upload = await readJsonUpload(chunks('{"DocumentName":"a.pdf","Document":null}', 4), { target, maxFileBytes: 10 });
    expect(upload.document).toBeNull();
    await expect(stat(target)).rejects.toThrow();
  });
});
