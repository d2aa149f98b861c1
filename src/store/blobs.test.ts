import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobNotFoundError, createFsBlobStore, ABANDONED_WRITE_AGE_MS } from './blobs.js';
import { describeBlobStore } from './test-blob-store-contract.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function store() {
  const folder = mkdtempSync(join(tmpdir(), 'countersign-blobs-'));
  folders.push(folder);
  return { folder, blobs: await createFsBlobStore(folder) };
}

describeBlobStore('filesystem', async () => {
  const { folder, blobs } = await store();
  return { blobs, leftovers: async () => readdirSync(join(folder, 'tmp')) };
});

describe('FsBlobStore.openLocalFile', () => {
  it('opens the blob’s own file, with no copy', async () => {
    const { folder, blobs } = await store();
    const bytes = randomBytes(100 * 1024 + 17);
    const { key } = await blobs.write(Readable.from([bytes]));
    const file = await blobs.openLocalFile(key);
    try {
      expect((await file.handle.readFile()).equals(bytes)).toBe(true);
      expect((await file.handle.stat()).ino).toBe(statSync(join(folder, key.slice(0, 2), key)).ino);
    } finally {
      await file.release();
    }
  });

  it('refuses a key it does not hold', async () => {
    const { blobs } = await store();
    await expect(blobs.openLocalFile('0123456789abcdef0123456789abcdef')).rejects.toBeInstanceOf(BlobNotFoundError);
  });
});

describe('FsBlobStore start-up sweep', () => {
  it('removes every temporary file of its own folder, and only abandoned ones of a shared folder', async () => {
    const { folder } = await store();
    const part = (name: string, ageMs: number) => {
      const path = join(folder, 'tmp', `${name}.part`);
      writeFileSync(path, 'half an upload');
      const at = new Date(Date.now() - ageMs);
      utimesSync(path, at, at);
    };
    part('abandoned', ABANDONED_WRITE_AGE_MS + 60_000);
    part('in-progress', 1000);
    await createFsBlobStore(folder, { shared: true });
    expect(readdirSync(join(folder, 'tmp'))).toEqual(['in-progress.part']);
    await createFsBlobStore(folder);
    expect(readdirSync(join(folder, 'tmp'))).toEqual([]);
  });
});
