import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { storageTroubleOf } from '../store/storage-trouble.js';

/**
 * The data folder refused at start: read-only, on a full disk, not a folder, not ours to write. Its
 * message is one line that names the folder and says what to do; `countersign start` prints it alone
 * (no stack) and exits non-zero.
 */
export class DataFolderError extends Error {
  override readonly name = 'DataFolderError';
}

/**
 * Proves the data folder takes a write that reaches the disk (a small file written, synced, removed),
 * so that a read-only or full folder is told at start, by name, rather than at the first upload.
 */
export async function checkDataFolderWritable(dataDir: string): Promise<void> {
  const probe = join(dataDir, '.countersign-write-check');
  const file = await open(probe, 'w', 0o600);
  try {
    await file.write(Buffer.alloc(4096));
    await file.sync();
  } finally {
    await file.close();
    await unlink(probe).catch(() => undefined);
  }
}

/**
 * Runs the start's steps that write in the data folder (making it private, the write check, opening
 * and migrating a SQLite database there) and turns the folder's trouble into a {@link DataFolderError}.
 * With `databaseInFolder` false (PostgreSQL) a database error is the database's, and passes as it is.
 */
export async function inDataFolder<T>(dataDir: string, options: { databaseInFolder: boolean }, steps: () => Promise<T>): Promise<T> {
  try {
    return await steps();
  } catch (error) {
    const reason = folderTrouble(error, options.databaseInFolder);
    if (!reason) throw error;
    throw new DataFolderError(`The data folder ${dataDir} ${reason}`, { cause: error });
  }
}

function folderTrouble(error: unknown, databaseInFolder: boolean): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'EROFS':
      return 'is on a read-only file system. Countersign keeps its database and files there: make it writable, or set COUNTERSIGN_DATA_DIR to a writable folder.';
    case 'EACCES':
    case 'EPERM':
      return 'is not writable by this user. Give the user that runs Countersign write access to it, or set COUNTERSIGN_DATA_DIR to a folder it owns.';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'is on a full disk (or over its quota). Free some space there, then start again.';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'cannot be made: a part of its path is a file, not a folder. Set COUNTERSIGN_DATA_DIR to a folder.';
    case 'EIO':
      return 'could not be written: the disk reported an input/output error. Check the disk, then start again.';
  }
  if (!databaseInFolder) return undefined;
  switch (storageTroubleOf(error)?.kind) {
    case 'read-only':
      return 'holds a database that is read-only. Make the folder and its countersign.sqlite files writable by this user, then start again.';
    case 'full':
      return 'is on a full disk: the database cannot grow. Free some space there, then start again.';
    case 'io':
      return 'holds a database that cannot be read or written (an input/output error, or a damaged file). Check the disk; restore the folder from a backup if the file is damaged.';
    default:
      return undefined;
  }
}
