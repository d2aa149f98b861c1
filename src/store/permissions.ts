import { chmod, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The data folder holds the database (provider credentials, sealed), the master key and every
 * uploaded document: only the account the server runs as may read it. Folders are 0700, files 0600.
 */
export const PRIVATE_DIRECTORY_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Takes group and other permissions off everything under `root` (the folder included), for data
 * folders made by an earlier version or copied in with a loose umask. Symbolic links are left alone
 * and not followed. Returns how many entries were changed, for the start-up log.
 */
export async function restrictToOwner(root: string): Promise<number> {
  let changed = 0;
  const visit = async (path: string): Promise<void> => {
    const info = await lstat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!info || info.isSymbolicLink()) return;
    if ((info.mode & 0o077) !== 0) {
      await chmod(path, info.isDirectory() ? PRIVATE_DIRECTORY_MODE : PRIVATE_FILE_MODE);
      changed += 1;
    }
    if (info.isDirectory()) {
      for (const name of await readdir(path)) await visit(join(path, name));
    }
  };
  await visit(root);
  return changed;
}
