import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL run of the suite (test/postgres/vitest.config.ts sets COUNTERSIGN_TEST_DATABASE_URL,
 * e.g. postgres://postgres@127.0.0.1:5432/postgres): servers the tests start get a database of their
 * own, named after their data folder so that a restart on the same folder finds its data again, with
 * a master key derived the same way (PostgreSQL installations take theirs from the environment). The
 * run's global teardown drops every database of the run (test/postgres/global-setup.ts).
 */
export const TEST_DATABASE_SERVER = process.env.COUNTERSIGN_TEST_DATABASE_URL?.trim() || undefined;

/** Databases of one run start with this; set by the global setup, so that a teardown drops only its own. */
export const RUN_PREFIX = process.env.COUNTERSIGN_TEST_DATABASE_PREFIX ?? 'cs_test_';

/**
 * The clause of CREATE DATABASE that copies the database the PostgreSQL run's global setup migrated
 * once (test/postgres/global-setup.ts); empty when the run made none, and the database is migrated as usual.
 */
const TEMPLATE = process.env.COUNTERSIGN_TEST_DATABASE_TEMPLATE;
const FROM_MIGRATED_TEMPLATE = TEMPLATE ? ` template "${TEMPLATE}"` : '';

export function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_SERVER!);
  url.pathname = `/${name}`;
  return url.href;
}

/** Runs `work` with a client of its own on the database at `url` (CREATE and DROP DATABASE need one). */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs `work` with a client of the server's maintenance database. */
export function withServerClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClient(TEST_DATABASE_SERVER!, work);
}

/**
 * A new, empty database on the test server (`<run prefix><label>_<random>`, so the PostgreSQL run's
 * teardown drops it too if a test never does), and its removal. WITH (FORCE) at the drop: a
 * connection a failed test left open must not keep the database behind. `migrated`: a copy of the
 * run's migrated template instead, when the run made one (else the caller migrates it as usual).
 */
export async function createTestDatabase(label: string, options: { migrated?: boolean } = {}): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_SERVER) throw new Error('Set COUNTERSIGN_TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run the PostgreSQL tests.');
  const name = `${RUN_PREFIX}${label}_${randomBytes(6).toString('hex')}`;
  await withServerClient((client) => client.query(`create database "${name}"${options.migrated ? FROM_MIGRATED_TEMPLATE : ''}`));
  return { name, url: databaseUrl(name), drop: () => withServerClient(async (client) => void (await client.query(`drop database if exists "${name}" with (force)`))) };
}

/** Drops every database whose name starts with `prefix`: what a run made, however it ended. */
export async function dropDatabasesStartingWith(prefix: string): Promise<void> {
  await withServerClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1)', [prefix]);
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
  });
}

/** Creates the database unless it exists (CREATE DATABASE has no IF NOT EXISTS): a copy of the run's migrated template when there is one. */
export async function ensureDatabase(name: string): Promise<void> {
  await withServerClient(async (client) => {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount === 0) await client.query(`create database "${name}"${FROM_MIGRATED_TEMPLATE}`);
  });
}

/** The environment that puts a server started on `dataDir` on its own PostgreSQL database. */
export async function postgresEnvironmentFor(dataDir: string): Promise<Record<string, string>> {
  const digest = createHash('sha256').update(dataDir).digest();
  const name = `${RUN_PREFIX}${digest.subarray(0, 8).toString('hex')}`;
  await ensureDatabase(name);
  return {
    COUNTERSIGN_DATABASE_URL: databaseUrl(name),
    COUNTERSIGN_MASTER_KEY: createHash('sha256').update('countersign test master key').update(digest).digest('base64'),
  };
}
