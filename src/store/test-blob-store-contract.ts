import { createHash, randomBytes } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BlobNotFoundError, BlobTooLargeError, type BlobStore } from './blobs.js';

/**
 * What every BlobStore does, run against each of them (blobs.test.ts: the filesystem store;
 * pg-blobs.test.ts: the PostgreSQL store), so that the app can take either.
 */
export interface BlobStoreUnderTest {
  blobs: BlobStore;
  /** What the store holds besides complete blobs: unfinished writes, temporary copies. Empty when nothing is in flight. */
  leftovers(): Promise<string[]>;
}

/** Sizes that cross the PostgreSQL store's 256 KiB chunks (and the filesystem's 64 KiB reads). */
const CHUNK = 256 * 1024;
const unknownKey = '0123456789abcdef0123456789abcdef';

async function bytesOf(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

async function keysOf(blobs: BlobStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of blobs.keys()) keys.push(key);
  return keys;
}

/** Some bytes, then the error: a client that drops its upload half-way. */
function failingSource(bytes: Buffer, error: Error): Readable {
  return Readable.from(
    (async function* () {
      yield bytes;
      throw error;
    })(),
  );
}

async function waitFor(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * `boundsReadBuffers`: whether a long read holds few of its buffers at once. The PostgreSQL store's
 * reads arrive as whole query answers, 2 MiB of hex each, which pg gathers in buffers of its own:
 * collections in the middle of one promote them, and only a whole collection frees them then
 * (pg-blobs.ts), so only its writes are held to the bound.
 */
export function describeBlobStore(name: string, open: () => Promise<BlobStoreUnderTest>, options: { boundsReadBuffers?: boolean } = {}): void {
  const { boundsReadBuffers = true } = options;
  describe(`BlobStore contract: ${name}`, () => {
    it('stores a stream and gives back its bytes, size and SHA-256', async () => {
      const { blobs } = await open();
      const bytes = randomBytes(2 * CHUNK + 17);
      const stored = await blobs.write(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]));
      expect(stored).toEqual({ key: expect.stringMatching(/^[0-9a-f]{32}$/), size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
      expect((await bytesOf(await blobs.read(stored.key))).equals(bytes)).toBe(true);
      expect(await blobs.size(stored.key)).toBe(bytes.length);
    });

    it('stores an empty file', async () => {
      const { blobs } = await open();
      const stored = await blobs.write(Readable.from([]));
      expect(stored.size).toBe(0);
      expect(stored.sha256).toBe(createHash('sha256').digest('hex'));
      expect((await bytesOf(await blobs.read(stored.key))).length).toBe(0);
      expect(await blobs.readAt(stored.key, 0, 10)).toEqual(Buffer.alloc(0));
    });

    it('reads a range, inclusive of its end, across chunk boundaries and past the end', async () => {
      const { blobs } = await open();
      const bytes = randomBytes(3 * CHUNK + 5);
      const { key } = await blobs.write(Readable.from([bytes]));
      const ranges = [
        { start: 0, end: 0 },
        { start: CHUNK - 1, end: CHUNK },
        { start: CHUNK, end: 2 * CHUNK - 1 },
        { start: 10, end: 3 * CHUNK + 2 },
        { start: 2 * CHUNK + 3 },
        { end: 4999 },
        { start: 3 * CHUNK, end: 10 * CHUNK },
      ];
      for (const range of ranges) {
        const expected = bytes.subarray(range.start ?? 0, (range.end ?? bytes.length - 1) + 1);
        expect({ range, equal: (await bytesOf(await blobs.read(key, range))).equals(expected) }).toEqual({ range, equal: true });
      }
      expect((await bytesOf(await blobs.read(key, { start: bytes.length + 10 }))).length).toBe(0);
    });

    it('reads at an offset, fewer bytes at the end and none past it', async () => {
      const { blobs } = await open();
      const bytes = randomBytes(CHUNK + 100);
      const { key } = await blobs.write(Readable.from([bytes]));
      expect((await blobs.readAt(key, CHUNK - 8, 16)).equals(bytes.subarray(CHUNK - 8, CHUNK + 8))).toBe(true);
      expect((await blobs.readAt(key, bytes.length - 4, 512)).equals(bytes.subarray(bytes.length - 4))).toBe(true);
      expect((await blobs.readAt(key, bytes.length + 4, 512)).length).toBe(0);
    });

    it('deletes a blob: all of it, and a second delete or one of an unknown key is no error', async () => {
      const { blobs } = await open();
      const kept = await blobs.write(Readable.from([randomBytes(100)]));
      const { key } = await blobs.write(Readable.from([randomBytes(2 * CHUNK)]));
      await blobs.delete(key);
      await blobs.delete(key);
      await blobs.delete(unknownKey);
      await expect(blobs.read(key)).rejects.toBeInstanceOf(BlobNotFoundError);
      await expect(blobs.size(key)).rejects.toBeInstanceOf(BlobNotFoundError);
      expect(await keysOf(blobs)).not.toContain(key);
      expect(await blobs.size(kept.key)).toBe(100);
    });

    it('lists every stored key, and none that was deleted', async () => {
      const { blobs } = await open();
      const written = await Promise.all([1, 2, 3].map(() => blobs.write(Readable.from([randomBytes(10)]))));
      await blobs.delete(written[1]!.key);
      const keys = await keysOf(blobs);
      expect(keys).toEqual(expect.arrayContaining([written[0]!.key, written[2]!.key]));
      expect(keys).not.toContain(written[1]!.key);
      expect(new Set(keys).size).toBe(keys.length);
    });

    it('lists, with olderThanMs, only the blobs completed at least that long ago', async () => {
      const { blobs } = await open();
      const { key } = await blobs.write(Readable.from([randomBytes(10)]));
      const keysOlderThan = async (olderThanMs: number) => {
        const keys: string[] = [];
        for await (const listed of blobs.keys({ olderThanMs })) keys.push(listed);
        return keys;
      };
      expect(await keysOlderThan(60_000)).not.toContain(key);
      await waitFor(async () => (await keysOlderThan(1)).includes(key), 'the blob to be a millisecond old');
      expect(await keysOlderThan(0)).toContain(key);
    });

    it('refuses a stream past maxBytes with BlobTooLargeError and keeps nothing of it', async () => {
      const { blobs, leftovers } = await open();
      const before = await keysOf(blobs);
      const error = await blobs.write(Readable.from([randomBytes(CHUNK), randomBytes(CHUNK)]), { maxBytes: CHUNK + 1 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BlobTooLargeError);
      expect((error as BlobTooLargeError).maxBytes).toBe(CHUNK + 1);
      expect(await keysOf(blobs)).toEqual(before);
      expect(await leftovers()).toEqual([]);
      // Exactly the limit is allowed.
      expect((await blobs.write(Readable.from([randomBytes(CHUNK + 1)]), { maxBytes: CHUNK + 1 })).size).toBe(CHUNK + 1);
    });

    it('keeps nothing of a source that fails half-way, and rethrows its error', async () => {
      const { blobs, leftovers } = await open();
      const before = await keysOf(blobs);
      const dropped = new Error('client went away');
      await expect(blobs.write(failingSource(randomBytes(CHUNK + 3), dropped))).rejects.toBe(dropped);
      expect(await keysOf(blobs)).toEqual(before);
      expect(await leftovers()).toEqual([]);
    });

    it('does not list a blob while it is being written', async () => {
      const { blobs, leftovers } = await open();
      const before = await keysOf(blobs);
      const source = new PassThrough();
      const writing = blobs.write(source);
      source.write(randomBytes(CHUNK + 1));
      await waitFor(async () => (await leftovers()).length > 0, 'the write to begin');
      expect(await keysOf(blobs)).toEqual(before);
      source.end(randomBytes(5));
      const { key, size } = await writing;
      expect(size).toBe(CHUNK + 6);
      expect(await keysOf(blobs)).toContain(key);
      expect(await leftovers()).toEqual([]);
    });

    it('refuses a key it does not hold, or one it could never have made, with BlobNotFoundError', async () => {
      const { blobs } = await open();
      for (const key of [unknownKey, '../../etc/passwd', '']) {
        await expect(blobs.read(key)).rejects.toBeInstanceOf(BlobNotFoundError);
        await expect(blobs.readAt(key, 0, 10)).rejects.toBeInstanceOf(BlobNotFoundError);
        await expect(blobs.size(key)).rejects.toBeInstanceOf(BlobNotFoundError);
        await expect(blobs.openLocalFile(key)).rejects.toBeInstanceOf(BlobNotFoundError);
      }
    });

    it("holds few of a long stream's chunks at once, as it writes and as it reads", async () => {
      const { blobs } = await open();
      // 64 MiB in 64 KiB chunks, each a fresh buffer as an upload's are. V8 alone let 29 MB of them
      // wait for a collection in the file store; chunk-collection.ts keeps it to some 4.
      const chunkBytes = 64 * 1024;
      const chunks = 1024;
      const before = process.memoryUsage().arrayBuffers;
      let most = 0;
      const note = () => (most = Math.max(most, process.memoryUsage().arrayBuffers - before));
      const source = Readable.from(
        (function* () {
          for (let index = 0; index < chunks; index++) {
            note();
            yield Buffer.alloc(chunkBytes, index);
          }
        })(),
      );
      const { key, size } = await blobs.write(source);
      expect(size).toBe(chunks * chunkBytes);
      const writing = most;
      most = 0;
      let read = 0;
      for await (const chunk of await blobs.read(key)) {
        read += (chunk as Buffer).length;
        note();
      }
      expect(read).toBe(size);
      expect(writing, 'bytes of buffers held at most while writing').toBeLessThan(12 * 1024 * 1024);
      if (boundsReadBuffers) expect(most, 'bytes of buffers held at most while reading').toBeLessThan(12 * 1024 * 1024);
    });

    it('opens a blob as a local file, read through its descriptor, and leaves nothing once released', async () => {
      const { blobs, leftovers } = await open();
      const bytes = randomBytes(CHUNK + 17);
      const { key } = await blobs.write(Readable.from([bytes]));
      const file = await blobs.openLocalFile(key);
      try {
        const buffer = Buffer.alloc(bytes.length + 10);
        const { bytesRead } = await file.handle.read(buffer, 0, buffer.length, 0);
        expect(buffer.subarray(0, bytesRead).equals(bytes)).toBe(true);
        expect((await file.handle.stat()).mode & 0o077).toBe(0);
      } finally {
        await file.release();
      }
      expect(await leftovers()).toEqual([]);
      expect(await blobs.size(key)).toBe(bytes.length);
    });
  });
}
