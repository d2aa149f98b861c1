import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { JobQueue } from './jobs/queue.js';
import type { RateLimiters } from './providers/rate-limit.js';
import { createFsBlobStore, type BlobStore } from './store/blobs.js';
import { migrateToLatest, openSqlite, sqliteFileIn, type Db } from './store/database.js';

/**
 * Where an installation keeps its data, opened and migrated: the one place that chooses between the
 * embedded deployment (SQLite file, table queue, blob files in the data folder, budgets in memory)
 * and the shared one on PostgreSQL (one pool for the store, pg-boss and the blob chunks; budgets in
 * the database). `start`, `export` and `import` open it the same way.
 */
export interface Installation {
  db: Db;
  blobs: BlobStore;
  queue: JobQueue;
  /** Several instances may share this data (PostgreSQL): start-up sweeps leave others' work alone. */
  shared: boolean;
  /** Provider call budgets kept where every instance sees them; undefined: in this process. */
  rateLimiters: RateLimiters | undefined;
  /** The names of the migrations this open ran. */
  migrated: string[];
}

/**
 * Connections per instance: the store's queries, pg-boss's fetches and the blob chunks share them.
 * Three instances take 48 of PostgreSQL's default 100.
 */
const POOL_CONNECTIONS = 16;

export async function openInstallation(config: Config, logger: Logger): Promise<Installation> {
  if (config.databaseUrl === undefined) {
    const db = openSqlite({ filename: sqliteFileIn(config.dataDir) });
    const migrated = await migrateToLatest(db);
    const { createTableQueue } = await import('./jobs/table-queue.js');
    return {
      db,
      migrated,
      blobs: await createFsBlobStore(config.blobDir ?? join(config.dataDir, 'blobs')),
      // The embedded server is the only worker of its own SQLite file (docs/operations.md).
      queue: createTableQueue(db, { logger: logger.child({ component: 'jobs' }), exclusive: true }),
      shared: false,
      rateLimiters: undefined,
    };
  }
  const { kyselyOverPool, openPostgresPool } = await import('./store/postgres.js');
  const pool = openPostgresPool({
    url: config.databaseUrl,
    maxConnections: POOL_CONNECTIONS,
    onIdleConnectionError: (error) => logger.warn({ err: error }, 'a pooled PostgreSQL connection failed while idle; it is replaced'),
  });
  const db = kyselyOverPool(pool);
  // Instances starting together migrate once: Kysely's migrator holds an advisory lock on PostgreSQL.
  const migrated = await migrateToLatest(db);
  const [{ createPgBlobStore }, { createPgBossQueue }, { createSharedCallBudgets }] = await Promise.all([
    import('./store/pg-blobs.js'),
    import('./jobs/pg-boss-queue.js'),
    import('./store/shared-call-budgets.js'),
  ]);
  return {
    db,
    migrated,
    blobs: config.blobDir ? await createFsBlobStore(config.blobDir, { shared: true }) : await createPgBlobStore(pool, { copiesDir: join(config.dataDir, 'blob-copies') }),
    queue: createPgBossQueue({ pool, leaseMs: config.jobLeaseSeconds * 1000, logger: logger.child({ component: 'jobs' }) }),
    shared: true,
    rateLimiters: createSharedCallBudgets(db, { onError: (error) => logger.warn({ err: error }, 'could not record a provider call’s answer in the shared budget; its place is given back later') }),
  };
}
