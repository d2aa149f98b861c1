import { randomBytes } from 'node:crypto';

/**
 * The PostgreSQL run's databases share a prefix of this run (every test file's process inherits it),
 * and the teardown drops them all, whichever test made them and however it ended.
 */
export async function setup(): Promise<() => Promise<void>> {
  if (!process.env.COUNTERSIGN_TEST_DATABASE_URL) {
    throw new Error('The PostgreSQL suite needs COUNTERSIGN_TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres');
  }
  const prefix = `cs_${randomBytes(4).toString('hex')}_`;
  process.env.COUNTERSIGN_TEST_DATABASE_PREFIX = prefix;
  return async () => (await import('../support/postgres.js')).dropDatabasesStartingWith(prefix);
}
