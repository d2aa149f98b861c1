import { referencedBlobKeys } from '../../store/blob-references.js';
import type { AppContext } from '../context.js';

/**
 * Deletes stored blobs that no row refers to. An upload is written to the blob store before its
 * document row exists (its content is checked in between), and a signed file before its artifact
 * row; a process killed in between leaves a file nobody can reach. Run at start, before the server
 * listens and the queue works, so no write is in flight. Returns how many were removed.
 *
 * The filesystem store belongs to one server; a store shared by several instances would need a grace
 * period instead (a blob younger than the oldest upload in progress elsewhere is not an orphan yet).
 */
export async function sweepOrphanBlobs(context: Pick<AppContext, 'db' | 'blobs'>): Promise<number> {
  const batchSize = 500;
  let removed = 0;
  let batch: string[] = [];
  const flush = async () => {
    const referenced = await referencedBlobKeys(context.db, batch);
    for (const key of batch) {
      if (referenced.has(key)) continue;
      await context.blobs.delete(key);
      removed += 1;
    }
    batch = [];
  };
  for await (const key of context.blobs.keys()) {
    batch.push(key);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  return removed;
}
