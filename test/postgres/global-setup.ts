import { randomBytes } from 'node:crypto';

/**
 * The PostgreSQL run's databases share a prefix of this run (every test file's process inherits it),
 * and the teardown drops them all, whichever test made them and however it ended.
 *
 * The run also migrates one database once, the template that the databases of `openTestDatabase` and
 * of the servers the tests start are copied from (test/support/postgres.ts): migrating each afresh
 * took up to a second each, and the suite's files 890 s in all against 649 s with the template. A
 * server's first start then finds its schema current; the cluster test and `countersign migrate`'s
 * test still migrate empty databases. Connections to the template are refused: PostgreSQL copies a
 * database only while nobody is connected to it.
 */
export async function setup(): Promise<() => Promise<void>> {
  if (!process.env.COUNTERSIGN_TEST_DATABASE_URL) {
    throw new Error('The PostgreSQL suite needs COUNTERSIGN_TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres');
  }
  const prefix = `cs_${randomBytes(4).toString('hex')}_`;
  process.env.COUNTERSIGN_TEST_DATABASE_PREFIX = prefix;
  const { createTestDatabase, dropDatabasesStartingWith, withServerClient } = await import('../support/postgres.js');
  const { migrateToLatest } = await import('../../src/store/database.js');
  const { openPostgres } = await import('../../src/store/postgres.js');
  const template = await createTestDatabase('template');
  const db = openPostgres({ url: template.url, maxConnections: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  await withServerClient((client) => client.query(`alter database "${template.name}" with allow_connections false`));
  process.env.COUNTERSIGN_TEST_DATABASE_TEMPLATE = template.name;
  return () => dropDatabasesStartingWith(prefix);
}
