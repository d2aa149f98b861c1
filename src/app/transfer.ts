import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { CountersignError } from '../domain/errors.js';
import { fromKysely } from '../jobs/queue.js';
import { PRIVATE_DIRECTORY_MODE, PRIVATE_FILE_MODE } from '../store/permissions.js';
import type { Db } from '../store/database.js';
import { BLOB_KEY_COLUMNS, inSnapshot, insertRows, nonEmptyTables, TableChecksum, tableRows, TRANSFER_TABLES, unfinishedTableQueueJobs, type ExportedJob, type Row, type TransferTable } from '../store/transfer.js';
import type { AppContext } from './context.js';

/**
 * `countersign export <folder>` and `import <folder>` (issue 13): an installation moved between
 * SQLite and PostgreSQL (or backed up) as a folder anyone can inspect —
 *   manifest.json          format, and each table's row count and checksum (store/transfer.ts)
 *   tables/<table>.ndjson  the rows, one JSON object per line, in key order
 *   blobs.ndjson, blobs/   every stored file a document or artifact refers to, with its size and SHA-256
 *   jobs.ndjson            unfinished jobs (sends waiting for a retry, syncs), enqueued again on import
 * Sealed secrets travel sealed: the target needs the same master key, which the import checks first.
 * The folder holds everything the installation does (documents, hashed keys, sealed credentials):
 * it is created private (0700, files 0600).
 */

const FORMAT = 'countersign-export';
const VERSION = 1;
/** Rows per insert: 200 rows of the widest table stay well under the bound values SQLite (32,766) and PostgreSQL (65,535) take in one statement. */
const INSERT_BATCH_ROWS = 200;

interface Manifest {
  format: typeof FORMAT;
  version: number;
  exportedAt: string;
  tables: Record<string, { count: number; checksum: string }>;
  blobs: number;
  jobs: number;
}

interface BlobEntry {
  key: string;
  size: number;
  sha256: string;
}

export interface TransferReport {
  tables: Record<string, number>;
  blobs: number;
  blobBytes: number;
  jobs: number;
}

type TransferContext = Pick<AppContext, 'db' | 'blobs'>;

export async function exportInstallation(context: TransferContext, folder: string): Promise<TransferReport> {
  await mkdir(folder, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  if ((await readdir(folder)).length > 0) throw invalid(`The export folder ${folder} is not empty: give a new or empty folder.`);
  await mkdir(join(folder, 'tables'), { mode: PRIVATE_DIRECTORY_MODE });
  await mkdir(join(folder, 'blobs'), { mode: PRIVATE_DIRECTORY_MODE });

  const manifest: Manifest = { format: FORMAT, version: VERSION, exportedAt: new Date().toISOString(), tables: {}, blobs: 0, jobs: 0 };
  const blobKeys = new Set<string>();

  async function exportTable(db: Db, table: TransferTable): Promise<void> {
    const checksum = new TableChecksum();
    await writeLines(join(folder, 'tables', `${table.name}.ndjson`), async (write) => {
      for await (const row of tableRows(db, table)) {
        checksum.add(row);
        for (const column of BLOB_KEY_COLUMNS[table.name] ?? []) if (typeof row[column] === 'string') blobKeys.add(row[column]);
        await write(row);
      }
    });
    manifest.tables[table.name] = { count: checksum.count, checksum: checksum.value };
  }

  // One consistent view of every table: a row exported is never missing the row it refers to.
  const jobs = await inSnapshot(context.db, async (db) => {
    for (const table of TRANSFER_TABLES) await exportTable(db, table);
    return unfinishedTableQueueJobs(db);
  });

  let blobBytes = 0;
  await writeLines(join(folder, 'blobs.ndjson'), async (write) => {
    for (const key of blobKeys) {
      const hash = createHash('sha256');
      let size = 0;
      const source = await context.blobs.read(key);
      source.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        size += chunk.length;
      });
      await pipeline(source, createWriteStream(join(folder, 'blobs', key), { flags: 'wx', mode: PRIVATE_FILE_MODE }));
      await write({ key, size, sha256: hash.digest('hex') } satisfies BlobEntry);
      blobBytes += size;
    }
  });
  manifest.blobs = blobKeys.size;

  await writeLines(join(folder, 'jobs.ndjson'), async (write) => {
    for (const job of jobs) await write(job);
  });
  manifest.jobs = jobs.length;
  // Written last: a folder without a manifest is an export that did not finish.
  await writeFile(join(folder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  return { tables: countsOf(manifest), blobs: manifest.blobs, blobBytes, jobs: manifest.jobs };
}

/**
 * Loads an export into an installation whose tables are empty (migrated, never started): the blobs
 * first (each stored anew under a new key, its SHA-256 compared with the export's), then every table
 * in one transaction with the blob keys rewritten and the unfinished jobs enqueued, each table's
 * lines checked against the manifest on the way. After the commit every table and blob is read back
 * from the target and compared. A failure before the commit leaves the target as it was.
 */
export async function importInstallation(context: Pick<AppContext, 'db' | 'blobs' | 'queue' | 'secrets'>, folder: string): Promise<TransferReport> {
  const manifest = await readManifest(folder);
  const occupied = await nonEmptyTables(context.db);
  if (occupied.length > 0) {
    throw invalid(`The target installation already holds data (${occupied.join(', ')}): import into a new, empty database before the server's first start.`);
  }
  await checkMasterKey(context, folder);

  const newKeys = new Map<string, string>();
  let blobBytes = 0;
  try {
    for await (const entry of readLines<BlobEntry>(join(folder, 'blobs.ndjson'))) {
      const stored = await context.blobs.write(createReadStream(join(folder, 'blobs', entry.key)));
      newKeys.set(entry.key, stored.key);
      if (stored.sha256 !== entry.sha256 || stored.size !== entry.size) {
        throw invalid(`The export's file blobs/${entry.key} differs from what was exported (SHA-256 or size): the export is damaged.`);
      }
      blobBytes += stored.size;
    }
    if (newKeys.size !== manifest.blobs) throw invalid(`blobs.ndjson lists ${newKeys.size} files where the manifest says ${manifest.blobs}: the export is damaged.`);

    const expected = new Map<string, TableChecksum>();
    await context.db.transaction().execute(async (transaction) => {
      for (const table of TRANSFER_TABLES) {
        const asExported = new TableChecksum();
        const asImported = new TableChecksum();
        let batch: Row[] = [];
        for await (const row of readLines<Row>(join(folder, 'tables', `${table.name}.ndjson`))) {
          asExported.add(row);
          for (const column of BLOB_KEY_COLUMNS[table.name] ?? []) if (typeof row[column] === 'string') row[column] = newKeyOf(newKeys, row[column]);
          asImported.add(row);
          batch.push(row);
          if (batch.length === INSERT_BATCH_ROWS) {
            await insertRows(transaction, table, batch);
            batch = [];
          }
        }
        await insertRows(transaction, table, batch);
        const listed = manifest.tables[table.name];
        if (!listed || listed.count !== asExported.count || listed.checksum !== asExported.value) {
          throw invalid(`tables/${table.name}.ndjson does not match the manifest's row count and checksum: the export is damaged.`);
        }
        expected.set(table.name, asImported);
      }
      for await (const job of readLines<ExportedJob>(join(folder, 'jobs.ndjson'))) {
        await context.queue.enqueue(job.name, job.data, {
          runAfter: new Date(job.runAfter),
          maxAttempts: job.maxAttempts,
          ...(job.singletonKey ? { singletonKey: job.singletonKey } : {}),
          executor: fromKysely(transaction),
        });
      }
    });
    await verifyTarget(context, expected, newKeys, folder);
  } catch (error) {
    // Tables rolled back with their transaction; the blobs stored for them go too.
    for (const key of newKeys.values()) await context.blobs.delete(key);
    throw error;
  }
  return { tables: countsOf(manifest), blobs: newKeys.size, blobBytes, jobs: manifest.jobs };
}

/** Reads every table and blob back from the target and compares it with what was loaded. */
async function verifyTarget(context: TransferContext, expected: Map<string, TableChecksum>, newKeys: Map<string, string>, folder: string): Promise<void> {
  for (const table of TRANSFER_TABLES) {
    const found = new TableChecksum();
    for await (const row of tableRows(context.db, table)) found.add(row);
    const wanted = expected.get(table.name)!;
    if (found.count !== wanted.count || found.value !== wanted.value) {
      throw new Error(`After the import, table ${table.name} holds ${found.count} rows whose checksum differs from the ${wanted.count} loaded: the target database changed them.`);
    }
  }
  for await (const entry of readLines<BlobEntry>(join(folder, 'blobs.ndjson'))) {
    const hash = createHash('sha256');
    for await (const chunk of await context.blobs.read(newKeys.get(entry.key)!)) hash.update(chunk as Buffer);
    if (hash.digest('hex') !== entry.sha256) throw new Error(`After the import, the stored copy of blob ${entry.key} differs from the exported one.`);
  }
}

/**
 * Sealed secrets open only with the master key that sealed them: check one of each kind (a
 * connection's credentials, a webhook endpoint's secret) before loading anything.
 */
async function checkMasterKey(context: Pick<AppContext, 'secrets'>, folder: string): Promise<void> {
  const sealed = [
    { file: 'connections.ndjson', column: 'credentials' },
    { file: 'webhook_endpoints.ndjson', column: 'secret' },
  ];
  for (const { file, column } of sealed) {
    for await (const row of readLines<Record<string, string>>(join(folder, 'tables', file))) {
      try {
        context.secrets.open(row[column]!, row.id!);
      } catch {
        throw invalid(
          'The export was sealed with another master key: set COUNTERSIGN_MASTER_KEY to the source installation’s key (its COUNTERSIGN_MASTER_KEY, or the content of master.key in its data folder) and import again.',
        );
      }
      break;
    }
  }
}

async function readManifest(folder: string): Promise<Manifest> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    throw invalid(`${folder} holds no readable manifest.json: it is not a finished Countersign export.`);
  }
  if (manifest.format !== FORMAT || manifest.version !== VERSION) {
    throw invalid(`${folder}/manifest.json is not a Countersign export of format version ${VERSION}.`);
  }
  return manifest;
}

function newKeyOf(newKeys: Map<string, string>, key: string): string {
  const found = newKeys.get(key);
  if (!found) throw invalid(`A row refers to the file ${key}, which blobs.ndjson does not list: the export is damaged.`);
  return found;
}

function countsOf(manifest: Manifest): Record<string, number> {
  return Object.fromEntries(Object.entries(manifest.tables).map(([name, table]) => [name, table.count]));
}

function invalid(message: string): CountersignError {
  return new CountersignError('VALIDATION_FAILED', message);
}

/** Writes one JSON line per call, waiting when the file falls behind. */
async function writeLines(path: string, produce: (write: (value: unknown) => Promise<void>) => Promise<void>): Promise<void> {
  const output: WriteStream = createWriteStream(path, { flags: 'wx', mode: PRIVATE_FILE_MODE });
  await produce(async (value) => {
    if (!output.write(`${JSON.stringify(value)}\n`)) await once(output, 'drain');
  });
  output.end();
  await once(output, 'close');
}

async function* readLines<T>(path: string): AsyncGenerator<T> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) if (line.trim() !== '') yield JSON.parse(line) as T;
}
