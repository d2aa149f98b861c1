import { referencedBlobKeys } from '../../store/blob-references.js';
import type { AppContext } from '../context.js';

/**
 * How long a blob shared with other instances may go without a row before it counts as an orphan:
 * its writer stores the row once the content check (a minute at most) is done, or a conversion's or
 * a download's blob once it is complete; an hour leaves room for a slow database, and an orphan
 * costs only disk until the next start.
 */
export const SHARED_STORE_ORPHAN_GRACE_MS = 60 * 60 * 1000;

/**
 * Deletes stored blobs that no row refers to. An upload is written to the blob store before its
 * document row exists (its content is checked in between), and a signed file before its artifact
 * row; a process killed in between leaves a file nobody can reach. Run at start, before the server
 * listens and the queue works, so no write of this instance is in flight. Returns how many were removed.
 *
 * A store that other instances write to too (PostgreSQL, or a shared COUNTERSIGN_BLOB_DIR) holds
 * their uploads in progress: pass `graceMs` (SHARED_STORE_ORPHAN_GRACE_MS) so that only blobs
 * completed longer ago than that are taken for orphans.
 */
export async function sweepOrphanBlobs(context: Pick<AppContext, 'db' | 'blobs'>, { graceMs = 0 }: { graceMs?: number } = {}): Promise<number> {
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
  for await (const key of context.blobs.keys({ olderThanMs: graceMs })) {
    batch.push(key);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  return removed;
}
