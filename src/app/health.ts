import { pendingMigrations, pingDatabase } from '../store/database.js';
import type { AppContext } from './context.js';

/** Busy, full, read-only, failing or unreachable storage, read from an error: what the API answers as a 503. */
export { storageTroubleOf } from '../store/storage-trouble.js';

/** Alive: the process answers and reaches its database (`GET /health`). */
export async function databaseAnswers(context: Pick<AppContext, 'db'>): Promise<boolean> {
  return pingDatabase(context.db).then(
    () => true,
    () => false,
  );
}

export interface ReadinessChecks {
  /** `ok`, or what is wrong; never a driver's message (the route needs no key, and those name hosts). */
  database: string;
  migrations: string;
  queue: string;
}

/**
 * Ready for traffic (`GET /health/ready`): the database answers, none of this build's migrations is
 * pending, and the job queue runs (`queueRunning`, which only the composition root knows).
 */
export async function readinessChecks(context: Pick<AppContext, 'db' | 'logger'>, queueRunning: boolean): Promise<{ ready: boolean; checks: ReadinessChecks }> {
  const checks: ReadinessChecks = { database: 'ok', migrations: 'ok', queue: queueRunning ? 'ok' : 'not running' };
  try {
    const pending = await pendingMigrations(context.db);
    if (pending.length > 0) checks.migrations = `pending: ${pending.join(', ')}`;
  } catch (error) {
    // The reason goes to the log only.
    context.logger.warn({ err: error }, 'readiness: the database did not answer');
    checks.database = 'unreachable';
    checks.migrations = 'unknown';
  }
  return { ready: Object.values(checks).every((check) => check === 'ok'), checks };
}
