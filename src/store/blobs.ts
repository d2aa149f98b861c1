import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { close, createReadStream, createWriteStream, open as openFile, read as readFile } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { noteStreamedBytes } from './chunk-collection.js';
import { PRIVATE_DIRECTORY_MODE, PRIVATE_FILE_MODE } from './permissions.js';

/**
 * Where document bytes live. Streams in, streams out: a large file never sits whole in memory.
 * Keys are generated here and never derive from a user's file name.
 */
export interface BlobStore {
  /**
   * Streams `source` into a new blob and returns its key, size and SHA-256. If the source fails or
   * grows past `maxBytes`, nothing is kept and the error is rethrown (BlobTooLargeError for the limit).
   */
  write(source: Readable, options?: { maxBytes?: number }): Promise<StoredBlob>;
  /** The blob's bytes from `start` to `end` inclusive (the whole blob by default). */
  read(key: string, range?: { start?: number; end?: number }): Promise<Readable>;
  /**
   * The blob as a local file opened for reading, for a reader that needs a descriptor (the PDF check's
   * worker thread reads through it with a reused buffer). The caller calls `release` once done.
   * The filesystem store opens the blob's own file; a store that keeps blobs elsewhere copies it
   * to a private temporary file first, which `release` removes.
   */
  openLocalFile(key: string): Promise<LocalBlobFile>;
  /** Up to `length` bytes at `offset`; fewer at the end of the blob. For content sniffing. */
  readAt(key: string, offset: number, length: number): Promise<Buffer>;
  size(key: string): Promise<number>;
  delete(key: string): Promise<void>;
  /**
   * Every stored key, in no particular order; for the start-up sweep of unreferenced blobs. With
   * `olderThanMs`, only blobs completed at least that long ago (by the store's clock): a store that
   * other instances write to holds blobs whose rows are still on their way.
   */
  keys(options?: { olderThanMs?: number }): AsyncIterable<string>;
}

export interface StoredBlob {
  key: string;
  size: number;
  sha256: string;
}

export interface LocalBlobFile {
  handle: FileHandle;
  /** Closes the handle (and removes the file when it was a temporary copy). */
  release(): Promise<void>;
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The content is larger than ${maxBytes} bytes.`);
  }
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored content for key ${key}.`);
  }
}

/** Counts and hashes bytes on their way through, and stops the stream past a size limit. */
export class MeasuringStream extends Transform {
  readonly hash = createHash('sha256');
  size = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      callback(new BlobTooLargeError(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    noteStreamedBytes(chunk.length);
    callback(null, chunk);
  }
}

/**
 * The file system functions of a blob's read stream: Node's own, its reads counted for
 * chunk-collection.ts (createReadStream reads each chunk into a fresh buffer, and takes these from
 * its documented `fs` option).
 */
const countingFs = {
  open: openFile,
  close,
  read(fd: number, buffer: Buffer, offset: number, length: number, position: number | null, callback: (error: NodeJS.ErrnoException | null, bytesRead: number, buffer: Buffer) => void) {
    readFile(fd, buffer, offset, length, position, (error, bytesRead) => {
      if (!error) noteStreamedBytes(bytesRead);
      callback(error, bytesRead, buffer);
    });
  },
};

const keyPattern = /^[a-z0-9]{16,64}$/;

/** A new blob's key: random, never derived from what the user sent. */
export function newBlobKey(): string {
  return randomBytes(16).toString('hex');
}

/** Whether `key` has the shape of a key this module makes (anything else is never stored). */
export function isBlobKey(key: string): boolean {
  return keyPattern.test(key);
}

/**
 * Files under `<root>/<2 chars>/<key>`. A blob is written to `<root>/tmp` first, flushed to disk,
 * then renamed into place, so a crash mid-write leaves only a temporary file, which `open` sweeps.
 * A folder that several instances share (COUNTERSIGN_BLOB_DIR on PostgreSQL) may hold another
 * instance's write in progress: `shared` sweeps only temporary files untouched for
 * {@link ABANDONED_WRITE_AGE_MS}, as the PostgreSQL store does with its incomplete blobs.
 */
export async function createFsBlobStore(root: string, options: { shared?: boolean } = {}): Promise<BlobStore> {
  const tmpDir = join(root, 'tmp');
  await mkdir(tmpDir, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  await sweepTemporaryFiles(tmpDir, options.shared ? ABANDONED_WRITE_AGE_MS : 0);

  const pathOf = (key: string): string => {
    if (!isBlobKey(key)) throw new BlobNotFoundError(key);
    return join(root, key.slice(0, 2), key);
  };

  const openForReading = async (key: string): Promise<FileHandle> =>
    open(pathOf(key), 'r').catch(() => {
      throw new BlobNotFoundError(key);
    });

  return {
    async write(source, options = {}) {
      const key = newBlobKey();
      const temporary = join(tmpDir, `${key}.part`);
      const measuring = new MeasuringStream(options.maxBytes ?? Number.POSITIVE_INFINITY);
      const output = createWriteStream(temporary, { flags: 'wx', mode: PRIVATE_FILE_MODE });
      try {
        await pipeline(source, measuring, output);
        await flushToDisk(temporary);
        const finalPath = pathOf(key);
        await mkdir(dirname(finalPath), { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
        await rename(temporary, finalPath);
      } catch (error) {
        // A source that fails at once fails the pipeline while the file is still being opened: the
        // file is removed once its stream has closed, or the open would create it after the removal.
        if (!output.closed) await new Promise<void>((closed) => output.once('close', () => closed()));
        await rm(temporary, { force: true });
        throw error;
      }
      return { key, size: measuring.size, sha256: measuring.hash.digest('hex') };
    },

    async read(key, range = {}) {
      const stream = createReadStream(pathOf(key), { start: range.start, end: range.end, fs: countingFs });
      // Its own open tells whether the blob is there: no stat beforehand (one file-system call fewer
      // a read, and none between the look and the open for a delete to slip into).
      try {
        await once(stream, 'open');
      } catch {
        stream.destroy();
        throw new BlobNotFoundError(key);
      }
      return stream;
    },

    async openLocalFile(key) {
      const handle = await openForReading(key);
      return { handle, release: () => handle.close() };
    },

    async readAt(key, offset, length) {
      const handle = await openForReading(key);
      try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },

    async size(key) {
      const info = await stat(pathOf(key)).catch(() => {
        throw new BlobNotFoundError(key);
      });
      return info.size;
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },

    async *keys({ olderThanMs = 0 } = {}) {
      const cutoff = Date.now() - olderThanMs;
      for (const folder of await readdir(root, { withFileTypes: true })) {
        if (!folder.isDirectory() || !/^[a-z0-9]{2}$/.test(folder.name)) continue;
        for (const name of await readdir(join(root, folder.name))) {
          if (!keyPattern.test(name) || !name.startsWith(folder.name)) continue;
          // The file's last write is the blob's completion: the rename into place keeps it.
          if (olderThanMs > 0 && !(await lastWrittenBy(join(root, folder.name, name), cutoff))) continue;
          yield name;
        }
      }
    },
  };
}

/** Whether the file was last written by `cutoff` (ms since the epoch); false once it is gone. */
async function lastWrittenBy(path: string, cutoff: number): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  return info !== undefined && info.mtimeMs <= cutoff;
}

async function flushToDisk(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * A write in progress touches what it writes far more often than this: on a store other instances
 * share, an unfinished write older than this was left by a crash (both stores' start-up sweeps).
 */
export const ABANDONED_WRITE_AGE_MS = 15 * 60_000;

/** Temporary files belong to writes that a crash interrupted; their uploads were never acknowledged. */
async function sweepTemporaryFiles(tmpDir: string, olderThanMs: number): Promise<void> {
  const before = Date.now() - olderThanMs;
  for (const name of await readdir(tmpDir)) {
    if (!name.endsWith('.part')) continue;
    const path = join(tmpDir, name);
    if (olderThanMs > 0) {
      const modified = (await stat(path).catch(() => undefined))?.mtimeMs;
      if (modified === undefined || modified >= before) continue;
    }
    await rm(path, { force: true });
  }
}
