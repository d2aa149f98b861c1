import { createWriteStream } from 'node:fs';
import { lstat, mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Pool } from 'pg';
import { ABANDONED_WRITE_AGE_MS, BlobNotFoundError, isBlobKey, MeasuringStream, newBlobKey, type BlobStore } from './blobs.js';
import { noteStreamedBytes } from './chunk-collection.js';
import { PRIVATE_DIRECTORY_MODE, PRIVATE_FILE_MODE } from './permissions.js';

/**
 * Blobs in PostgreSQL, for several instances that share one database and no folder: each blob is a
 * row of `blobs` and its bytes rows of `blob_chunks`, CHUNK_BYTES each, so that no statement moves
 * more than a few chunks and no file is ever whole in memory, on either side.
 */

/** 256 KiB: large enough that a 1 GiB file is 4,096 rows, small enough that a range read fetches little it discards. */
export const CHUNK_BYTES = 256 * 1024;

/** Chunks fetched per query when reading: 1 MiB in flight at most, per read. */
const CHUNKS_PER_FETCH = 4;

/** Keys listed per query by `keys()`. */
const KEYS_PER_PAGE = 1000;

export interface PgBlobStoreOptions {
  /**
   * Where `openLocalFile` puts its temporary copies; a private folder (0700) of this store's, by
   * default `countersign-blob-copies-<uid>` in the system's temporary folder.
   */
  copiesDir?: string;
  /**
   * An incomplete blob (or a temporary copy) untouched for this long belongs to a writer that died
   * (a write in progress touches its row with every chunk). Default ABANDONED_WRITE_AGE_MS; tests shorten it.
   */
  abandonedAfterMs?: number;
}

/**
 * The blob schema is this store's own and exists only on PostgreSQL, so the store creates it at open
 * rather than through the migrations, which both databases share. The advisory lock makes instances
 * that start together create it once (two concurrent `create table if not exists` can collide on the
 * catalog). Storage EXTERNAL: documents are mostly compressed already (PDF streams, OOXML zips), so
 * compressing chunks would cost CPU for nothing. One simple-protocol string: one implicit transaction.
 */
const SCHEMA = `
select pg_advisory_xact_lock(hashtext('countersign blob store schema'));
do $$
begin
  if to_regclass('blob_chunks') is null then
    create table blobs (
      key text primary key,
      complete boolean not null default false,
      size bigint,
      sha256 text,
      touched_at timestamptz not null default now()
    );
    create table blob_chunks (
      key text not null references blobs (key) on delete cascade,
      chunk_number integer not null,
      data bytea not null,
      primary key (key, chunk_number)
    );
    alter table blob_chunks alter column data set storage external;
  end if;
end $$;
`;

/**
 * Opens the store on `pool`: creates its tables if need be, and removes what crashed writers left
 * (incomplete blobs and temporary copies older than `abandonedAfterMs`).
 */
export async function createPgBlobStore(pool: Pool, options: PgBlobStoreOptions = {}): Promise<BlobStore> {
  const abandonedAfterMs = options.abandonedAfterMs ?? ABANDONED_WRITE_AGE_MS;
  const copiesDir = options.copiesDir ?? join(tmpdir(), `countersign-blob-copies-${userInfo().uid}`);
  await pool.query(SCHEMA);
  await sweepAbandonedBlobs(pool, abandonedAfterMs);
  await preparePrivateFolder(copiesDir);
  await sweepAbandonedCopies(copiesDir, abandonedAfterMs);

  /** The size of a complete blob; BlobNotFoundError for anything else (an incomplete one included). */
  const sizeOf = async (key: string): Promise<number> => {
    if (!isBlobKey(key)) throw new BlobNotFoundError(key);
    const { rows } = await pool.query<{ size: string }>('select size from blobs where key = $1 and complete', [key]);
    if (rows[0] === undefined) throw new BlobNotFoundError(key);
    return Number(rows[0].size);
  };

  /** Bytes `start` to `end` (inclusive, within the blob), fetched a few chunks at a time as the reader asks. */
  async function* bytesOf(key: string, start: number, end: number): AsyncGenerator<Buffer> {
    const last = Math.floor(end / CHUNK_BYTES);
    for (let first = Math.floor(start / CHUNK_BYTES); first <= last; first += CHUNKS_PER_FETCH) {
      const upTo = Math.min(last, first + CHUNKS_PER_FETCH - 1);
      // Text results, which pg decodes from hex: its binary results pass through a UTF-8 string,
      // which mangles bytea (pg 8.23).
      const { rows } = await pool.query<{ data: Buffer }>(
        'select data from blob_chunks where key = $1 and chunk_number between $2 and $3 order by chunk_number',
        [key, first, upTo],
      );
      // Fewer rows than chunks: the blob was deleted while it was being read.
      if (rows.length !== upTo - first + 1) throw new BlobNotFoundError(key);
      for (const [offset, { data }] of rows.entries()) {
        // Each byte came as two hex characters, through the socket's buffers and pg's message buffer,
        // before it was decoded into this chunk: some four bytes of buffers a byte. The contract's
        // long read held at most 17–20 MB counted once or not at all, 5.5 MB (Node.js 20) and 13 MB
        // (22, 24) counted four times, but 36 MB counted eight times on 22: collections in the middle
        // of a query's answer promote pg's buffers, which only a whole collection frees then.
        noteStreamedBytes(4 * data.length);
        const chunkStart = (first + offset) * CHUNK_BYTES;
        yield data.subarray(Math.max(0, start - chunkStart), Math.min(data.length, end + 1 - chunkStart));
      }
    }
  }

  const read: BlobStore['read'] = async (key, range = {}) => {
    const size = await sizeOf(key);
    const start = range.start ?? 0;
    const end = Math.min(range.end ?? size - 1, size - 1);
    if (start > end) return Readable.from([], { objectMode: false });
    // Not object mode: the stream holds one chunk ahead at most, so a slow reader stops the fetching.
    return Readable.from(bytesOf(key, start, end), { objectMode: false });
  };

  return {
    async write(source, writeOptions = {}) {
      const key = newBlobKey();
      const measuring = new MeasuringStream(writeOptions.maxBytes ?? Number.POSITIVE_INFINITY);
      // Each chunk commits on its own, so a slow upload holds no connection and no transaction open;
      // the row stays incomplete (invisible to readers) until the last one is in.
      await pool.query('insert into blobs (key) values ($1)', [key]);
      try {
        await pipeline(source, measuring, new ChunkWriter((chunkNumber, data) => saveChunk(pool, key, chunkNumber, data)));
        const sha256 = measuring.hash.digest('hex');
        const completed = await pool.query('update blobs set complete = true, size = $2, sha256 = $3, touched_at = now() where key = $1', [key, measuring.size, sha256]);
        if (completed.rowCount !== 1) throw abandonedWhileWritten(key);
        return { key, size: measuring.size, sha256 };
      } catch (error) {
        // If this fails too (the database gone), the sweep at a later open removes the incomplete blob.
        await pool.query('delete from blobs where key = $1', [key]).catch(() => {});
        throw error;
      }
    },

    read,

    /**
     * The PDF check's worker reads through a descriptor, so the blob is first copied to a private
     * temporary file: a read of the whole blob and as much disk as the file, for as long as the
     * check runs. A sweep at open removes copies a crash left.
     */
    async openLocalFile(key) {
      const source = await read(key);
      const path = join(copiesDir, `${newBlobKey()}.copy`);
      const remove = () => rm(path, { force: true });
      try {
        await pipeline(source, createWriteStream(path, { flags: 'wx', mode: PRIVATE_FILE_MODE }));
        const handle = await open(path, 'r');
        return {
          handle,
          release: async () => {
            await handle.close().finally(remove);
          },
        };
      } catch (error) {
        await remove();
        throw error;
      }
    },

    async readAt(key, offset, length) {
      if (length <= 0) {
        await sizeOf(key);
        return Buffer.alloc(0);
      }
      const parts: Buffer[] = [];
      for await (const part of await read(key, { start: offset, end: offset + length - 1 })) parts.push(part as Buffer);
      return Buffer.concat(parts);
    },

    size: sizeOf,

    async delete(key) {
      // The chunks go with the row (on delete cascade).
      await pool.query('delete from blobs where key = $1', [key]);
    },

    async *keys({ olderThanMs = 0 } = {}) {
      let after = '';
      for (;;) {
        // touched_at of a complete blob is when it was completed, by the database's clock.
        const { rows } = await pool.query<{ key: string }>(
          "select key from blobs where complete and key > $1 and touched_at <= now() - $3 * interval '1 millisecond' order by key limit $2",
          [after, KEYS_PER_PAGE, olderThanMs],
        );
        for (const row of rows) yield row.key;
        if (rows.length < KEYS_PER_PAGE) return;
        after = rows.at(-1)!.key;
      }
    },
  };
}

/**
 * Stores one chunk and marks the blob as still being written, in one statement. No row touched:
 * another instance's sweep took the blob for abandoned (the writer stalled that long), so the write fails.
 */
async function saveChunk(pool: Pool, key: string, chunkNumber: number, data: Buffer): Promise<void> {
  const saved = await pool.query(
    `with touched as (update blobs set touched_at = now() where key = $1 and not complete returning key)
     insert into blob_chunks (key, chunk_number, data) select key, $2, $3 from touched`,
    [key, chunkNumber, data],
  );
  if (saved.rowCount !== 1) throw abandonedWhileWritten(key);
}

function abandonedWhileWritten(key: string): Error {
  return new Error(
    `Blob ${key} was removed while it was being written: no chunk arrived for longer than the store waits before it takes a write for abandoned. Send the file again.`,
  );
}

/**
 * Cuts the byte stream into CHUNK_BYTES pieces through one reused buffer and saves each before it
 * takes more (the pipeline's backpressure: the source is read only as fast as the database writes).
 */
class ChunkWriter extends Writable {
  private readonly buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  private filled = 0;
  private chunkNumber = 0;

  constructor(private readonly save: (chunkNumber: number, data: Buffer) => Promise<void>) {
    super();
  }

  override _write(data: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.take(data).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    (this.filled > 0 ? this.flush() : Promise.resolve()).then(() => callback(), callback);
  }

  private async take(data: Buffer): Promise<void> {
    let offset = 0;
    while (offset < data.length) {
      const copied = data.copy(this.buffer, this.filled, offset);
      this.filled += copied;
      offset += copied;
      if (this.filled === CHUNK_BYTES) await this.flush();
    }
  }

  /** pg has copied the bytes into its outgoing message by the time the query answers: the buffer is free again. */
  private async flush(): Promise<void> {
    await this.save(this.chunkNumber, this.buffer.subarray(0, this.filled));
    this.chunkNumber += 1;
    this.filled = 0;
  }
}

/** Incomplete blobs whose writer has not saved a chunk for `abandonedAfterMs` (by the database's clock, the same for every instance). */
async function sweepAbandonedBlobs(pool: Pool, abandonedAfterMs: number): Promise<number> {
  const { rowCount } = await pool.query("delete from blobs where not complete and touched_at < now() - $1 * interval '1 millisecond'", [abandonedAfterMs]);
  return rowCount ?? 0;
}

/**
 * The copies folder may be shared by instances on one host (same user): it must be a real folder,
 * ours and closed to others, since the copies are documents.
 */
async function preparePrivateFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  const info = await lstat(path);
  const ownedByUs = process.getuid === undefined || info.uid === process.getuid();
  if (!info.isDirectory() || !ownedByUs || (info.mode & 0o077) !== 0) {
    throw new Error(
      `The blob store's folder for temporary copies, ${path}, must be a folder owned by this user and closed to others (mode 0700). Remove it (it holds only temporary copies) or point copiesDir elsewhere.`,
    );
  }
}

/** Copies older than `abandonedAfterMs`: a check lasts a minute at most, so only a crash leaves one this old. */
async function sweepAbandonedCopies(folder: string, abandonedAfterMs: number): Promise<void> {
  const cutoff = Date.now() - abandonedAfterMs;
  for (const name of await readdir(folder)) {
    if (!name.endsWith('.copy')) continue;
    const path = join(folder, name);
    const info = await stat(path).catch(() => undefined);
    if (info && info.mtimeMs < cutoff) await rm(path, { force: true });
  }
}
