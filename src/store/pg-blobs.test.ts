import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobNotFoundError } from './blobs.js';
import { CHUNK_BYTES, createPgBlobStore, type PgBlobStoreOptions } from './pg-blobs.js';
import { createTestDatabase, TEST_DATABASE_SERVER } from '../../test/support/postgres.js';
import { describeBlobStore } from './test-blob-store-contract.js';

/**
 * The PostgreSQL blob store on a database of its own (created here, dropped at the end). Runs when
 * COUNTERSIGN_TEST_DATABASE_URL names a server (test/support/postgres.ts); otherwise reported as not run.
 */
describe.runIf(TEST_DATABASE_SERVER !== undefined)('PostgreSQL blob store', () => {
  const databases: Awaited<ReturnType<typeof createTestDatabase>>[] = [];
  const pools: pg.Pool[] = [];
  const folders: string[] = [];

  /** A new pool on the test database: another instance, as far as the store can tell. */
  const newPool = (url = databases[0]!.url) => {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    // An idle connection cut when the database is dropped at the end is no test's failure.
    pool.on('error', () => {});
    pools.push(pool);
    return pool;
  };
  const newFolder = () => {
    const folder = mkdtempSync(join(tmpdir(), 'countersign-pg-blob-copies-'));
    folders.push(folder);
    return folder;
  };
  const open = async (pool = newPool(), options: PgBlobStoreOptions = {}) => {
    const copiesDir = options.copiesDir ?? newFolder();
    return { pool, copiesDir, blobs: await createPgBlobStore(pool, { ...options, copiesDir }) };
  };
  const incompleteKeys = async (pool: pg.Pool) => (await pool.query<{ key: string }>('select key from blobs where not complete order by key')).rows.map((row) => row.key);
  const chunkCount = async (pool: pg.Pool, key: string) => Number((await pool.query('select count(*) from blob_chunks where key = $1', [key])).rows[0].count);

  beforeAll(async () => {
    databases.push(await createTestDatabase('blob'));
  });

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    for (const database of databases) await database.drop();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  describeBlobStore('PostgreSQL', async () => {
    const { pool, copiesDir, blobs } = await open();
    return { blobs, leftovers: async () => [...(await incompleteKeys(pool)), ...readdirSync(copiesDir)] };
  }, { boundsReadBuffers: false });

  /**
   * Streaming shows as growth that does not follow the file's size. Some growth there is whatever the
   * store does: every socket read and every query allocates Buffers, which V8 frees only at a garbage
   * collection, and it lets some 32 MB of them wait first (measured: 25–45 MiB at peak for this test,
   * whatever the file's size, and up to 80 MiB in a process that ran other test files first, as
   * Vitest's workers do). So the file is 256 MiB and the bound half of it: a store that held the
   * file, or fell behind the source, would pass 256 MiB. A 16 MiB round first grows the heap to its
   * working size, which is not the file's doing either.
   */
  it('writes and reads back 256 MiB with the process growing by less than half of it', async () => {
    const { blobs } = await open();
    const pattern = randomBytes(1024 * 1024);
    const piece = 64 * 1024;
    // The source hands out views of one buffer, so that whatever grows is the store's doing.
    const source = (size: number, sample = () => {}) =>
      Readable.from(
        (function* () {
          for (let offset = 0; offset < size; offset += piece) {
            sample();
            yield pattern.subarray(offset % pattern.length, (offset % pattern.length) + piece);
          }
        })(),
        { objectMode: false },
      );
    const readThrough = async (key: string, sample = () => {}) => {
      const hash = createHash('sha256');
      let bytes = 0;
      for await (const part of await blobs.read(key)) {
        sample();
        hash.update(part as Buffer);
        bytes += (part as Buffer).length;
      }
      return { bytes, sha256: hash.digest('hex') };
    };

    const warmUp = await blobs.write(source(16 * 1024 * 1024));
    await readThrough(warmUp.key);

    const size = 256 * 1024 * 1024;
    const expected = createHash('sha256');
    for (let offset = 0; offset < size; offset += pattern.length) expected.update(pattern);
    const sha256 = expected.digest('hex');
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    };
    const stored = await blobs.write(source(size, sample));
    expect(stored).toMatchObject({ size, sha256 });
    expect(await readThrough(stored.key, sample)).toEqual({ bytes: size, sha256 });
    expect(peak - baseline).toBeLessThan(size / 2);
  });

  it('stores the bytes as fixed-size chunks', async () => {
    const { pool, blobs } = await open();
    const { key } = await blobs.write(Readable.from([randomBytes(3 * CHUNK_BYTES + 1)]));
    const { rows } = await pool.query<{ length: number }>('select length(data) as length from blob_chunks where key = $1 order by chunk_number', [key]);
    expect(rows.map((row) => row.length)).toEqual([CHUNK_BYTES, CHUNK_BYTES, CHUNK_BYTES, 1]);
  });

  it('sweeps at open an incomplete blob its writer abandoned, keeps one still being written, and fails the abandoned write', async () => {
    const writer = await open();
    const abandonedSource = new PassThrough();
    const liveSource = new PassThrough();
    const abandoned = writer.blobs.write(abandonedSource).catch((error: unknown) => error);
    abandonedSource.write(randomBytes(CHUNK_BYTES + 1));
    await waitFor(async () => (await incompleteKeys(writer.pool)).length === 1);
    const [abandonedKey] = await incompleteKeys(writer.pool);
    await waitFor(async () => (await chunkCount(writer.pool, abandonedKey!)) === 1);
    const live = writer.blobs.write(liveSource);
    liveSource.write(randomBytes(10));
    await waitFor(async () => (await incompleteKeys(writer.pool)).length === 2);
    const liveKey = (await incompleteKeys(writer.pool)).find((key) => key !== abandonedKey)!;

    // As if its writer had died an hour ago: the store's sweep goes by the time of the last chunk saved.
    await writer.pool.query("update blobs set touched_at = now() - interval '1 hour' where key = $1", [abandonedKey]);
    const restarted = await open(newPool(), { abandonedAfterMs: 10 * 60 * 1000 });

    expect(await incompleteKeys(restarted.pool)).toEqual([liveKey]);
    expect(await chunkCount(restarted.pool, abandonedKey!)).toBe(0);
    abandonedSource.end(randomBytes(CHUNK_BYTES));
    expect(String(await abandoned)).toMatch(/was removed while it was being written/);
    liveSource.end();
    const { key } = await live;
    expect(key).toBe(liveKey);
    expect(await restarted.blobs.size(key)).toBe(10);
    expect(await incompleteKeys(restarted.pool)).toEqual([]);
  });

  it('sweeps at open the temporary copies a crash left, and only those older than the abandon limit', async () => {
    const copiesDir = newFolder();
    const stale = join(copiesDir, 'a'.repeat(32) + '.copy');
    const fresh = join(copiesDir, 'b'.repeat(32) + '.copy');
    writeFileSync(stale, 'old copy', { mode: 0o600 });
    writeFileSync(fresh, 'copy in use', { mode: 0o600 });
    const anHourAgo = new Date(Date.now() - 60 * 60 * 1000);
    utimesSync(stale, anHourAgo, anHourAgo);
    await open(newPool(), { copiesDir, abandonedAfterMs: 10 * 60 * 1000 });
    expect({ stale: existsSync(stale), fresh: existsSync(fresh) }).toEqual({ stale: false, fresh: true });
  });

  it('refuses a copies folder that others can read', async () => {
    const copiesDir = newFolder();
    const { chmodSync } = await import('node:fs');
    chmodSync(copiesDir, 0o755);
    await expect(open(newPool(), { copiesDir })).rejects.toThrow(/closed to others/);
  });

  it('shares blobs between two instances (two pools): written by one, read, listed and deleted by the other', async () => {
    const first = await open();
    const second = await open();
    const bytes = randomBytes(CHUNK_BYTES + 99);
    const { key } = await first.blobs.write(Readable.from([bytes]));
    const fromSecond: Buffer[] = [];
    for await (const part of await second.blobs.read(key)) fromSecond.push(part as Buffer);
    expect(Buffer.concat(fromSecond).equals(bytes)).toBe(true);
    const listed: string[] = [];
    for await (const listedKey of second.blobs.keys()) listed.push(listedKey);
    expect(listed).toContain(key);
    await second.blobs.delete(key);
    await expect(first.blobs.size(key)).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('lists keys past one page', async () => {
    const { blobs } = await open();
    const written = new Set<string>();
    for (let batch = 0; batch < 11; batch += 1) {
      const stored = await Promise.all(Array.from({ length: 100 }, () => blobs.write(Readable.from([Buffer.from('x')]))));
      for (const { key } of stored) written.add(key);
    }
    const listed = new Set<string>();
    for await (const key of blobs.keys()) listed.add(key);
    expect([...written].filter((key) => !listed.has(key))).toEqual([]);
    expect(listed.size).toBeGreaterThan(1000);
  });

  it('is opened by three instances at once on a new database, which creates its tables once without a collision', async () => {
    const fresh = await createTestDatabase('blob');
    databases.push(fresh);
    const stores = await Promise.all([1, 2, 3].map(() => open(newPool(fresh.url))));
    const { key } = await stores[0]!.blobs.write(Readable.from([Buffer.from('shared')]));
    expect(await stores[2]!.blobs.size(key)).toBe(6);
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for the write to reach the database.');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
