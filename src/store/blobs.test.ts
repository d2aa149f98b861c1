import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobNotFoundError, createFsBlobStore } from './blobs.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function store() {
  const folder = mkdtempSync(join(tmpdir(), 'countersign-blobs-'));
  folders.push(folder);
  return createFsBlobStore(folder);
}

describe('FsBlobStore.chunks', () => {
  it('gives the whole blob in order, each chunk in the same reused buffer', async () => {
    const blobs = await store();
    const bytes = randomBytes(200 * 1024 + 17);
    const { key } = await blobs.write(Readable.from([bytes]));
    const copies: Buffer[] = [];
    const buffers = new Set<ArrayBufferLike>();
    for await (const chunk of blobs.chunks(key)) {
      copies.push(Buffer.from(chunk));
      buffers.add(chunk.buffer);
    }
    expect(Buffer.concat(copies).equals(bytes)).toBe(true);
    expect(copies.length).toBeGreaterThan(1);
    expect(buffers.size).toBe(1);
  });

  it('gives nothing for an empty blob and refuses a key it does not hold', async () => {
    const blobs = await store();
    const { key } = await blobs.write(Readable.from([]));
    const chunks: Buffer[] = [];
    for await (const chunk of blobs.chunks(key)) chunks.push(chunk);
    expect(chunks).toEqual([]);
    await expect(async () => {
      for await (const _chunk of blobs.chunks('0123456789abcdef0123456789abcdef'));
    }).rejects.toBeInstanceOf(BlobNotFoundError);
  });
});
