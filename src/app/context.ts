import type { Logger } from 'pino';
import type { JobQueue } from '../jobs/queue.js';
import type { Db } from '../store/database.js';
import type { BlobStore } from '../store/blobs.js';

/** What every use case may touch. Built once at start (src/app/boot.ts); tests build their own. */
export interface AppContext {
  db: Db;
  blobs: BlobStore;
  queue: JobQueue;
  logger: Logger;
  limits: { maxUploadBytes: number };
  now: () => Date;
}

export function timestamp(context: Pick<AppContext, 'now'>): string {
  return context.now().toISOString();
}
