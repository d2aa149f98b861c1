import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SandboxContext } from './context.js';
import type { StoredFile } from './model.js';

/**
 * Where file bytes live: `<dataDir>/sandbox/autenti-files/<process uuid>/<file uuid>-v<version>`.
 * A new version is a new file, so a download in progress never sees bytes change under it.
 */

export const uuidOf = (prefixedId: string): string => prefixedId.slice(prefixedId.indexOf(':') + 1).replace(/[^A-Za-z0-9-]/g, '_');

/** Relative storage path of one version of a file. */
export function storagePathFor(processId: string, fileId: string, version: number): string {
  return join(uuidOf(processId), `${uuidOf(fileId)}-v${version}`);
}

/** Where a stored file's bytes are on disk. */
export function absolutePath(context: SandboxContext, file: Pick<StoredFile, 'storagePath'>): string {
  return join(context.store.filesDir, file.storagePath);
}

/** Strong validator of a content: the first 16 hex digits of its SHA-256 (seed's If-Match value is a short hex). */
export function etagOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** Writes bytes to a storage path, creating its folder. */
export async function writeBytes(context: SandboxContext, storagePath: string, bytes: Buffer): Promise<void> {
  const target = join(context.store.filesDir, storagePath);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, bytes);
}

/** Reads a stored file whole (signing needs the whole PDF). */
export function readBytes(context: SandboxContext, file: StoredFile): Promise<Buffer> {
  return readFile(absolutePath(context, file));
}

/** Deletes a stored file's bytes; a missing file is not an error. */
export async function removeBytes(context: SandboxContext, file: StoredFile): Promise<void> {
  await rm(absolutePath(context, file), { force: true });
}
