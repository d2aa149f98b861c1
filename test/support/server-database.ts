import { openSqlite, sqliteFileIn, type Db } from '../../src/store/database.js';
import { openPostgres } from '../../src/store/postgres.js';
import { postgresEnvironmentFor, TEST_DATABASE_SERVER, withClient } from './postgres.js';

/**
 * SQL straight into the database of a server a test started (test/support/server.ts): its SQLite file,
 * or in the PostgreSQL run the database the harness gave its data folder. For what a test must set up
 * or look at behind the API (a status the API cannot reach, a stored hash). `?` marks a parameter.
 * Started with an explicit COUNTERSIGN_DATABASE_URL, a server's database is the test's to reach.
 */
export async function queryServerDatabase<Row = Record<string, unknown>>(server: { dataDir: string }, text: string, params: unknown[] = []): Promise<Row[]> {
  if (!TEST_DATABASE_SERVER) {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(`${server.dataDir}/countersign.sqlite`);
    try {
      db.pragma('busy_timeout = 5000');
      const statement = db.prepare(text);
      return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as Row[];
    } finally {
      db.close();
    }
  }
  const { COUNTERSIGN_DATABASE_URL } = await postgresEnvironmentFor(server.dataDir);
  let index = 0;
  return withClient(COUNTERSIGN_DATABASE_URL!, async (client) => (await client.query(text.replace(/\?/g, () => `$${(index += 1)}`), params)).rows as Row[]);
}

/** Whether the servers of this run keep their data in PostgreSQL rather than a file in the data folder. */
export const SERVERS_ON_POSTGRES = Boolean(TEST_DATABASE_SERVER);

/**
 * The store of a server a test or the bench started, opened beside it through Kysely (its SQLite file,
 * or its PostgreSQL database on one connection): for writing many rows behind the API at once, the
 * same way on both backends. The caller destroys it.
 */
export async function openServerStore(server: { dataDir: string }): Promise<Db> {
  if (!TEST_DATABASE_SERVER) return openSqlite({ filename: sqliteFileIn(server.dataDir) });
  const { COUNTERSIGN_DATABASE_URL } = await postgresEnvironmentFor(server.dataDir);
  return openPostgres({ url: COUNTERSIGN_DATABASE_URL!, maxConnections: 1 });
}
