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

describe('FsBlobStore.open', () => {
  it('opens the blob for reading', async () => {
    const blobs = await store();
    const bytes = randomBytes(100 * 1024 + 17);
    const { key } = await blobs.write(Readable.from([bytes]));
    const file = await blobs.open(key);
    try {
      expect((await file.readFile()).equals(bytes)).toBe(true);
    } finally {
      await file.close();
    }
  });

  it('refuses a key it does not hold', async () => {
    const blobs = await store();
    await expect(blobs.open('0123456789abcdef0123456789abcdef')).rejects.toBeInstanceOf(BlobNotFoundError);
  });
});
