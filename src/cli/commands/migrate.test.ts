import { afterEach, expect, it } from 'vitest';
import { cliRunner } from '../../../test/support/cli.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { migrations } from '../../store/migrations/index.js';

/** `countersign migrate` on the test database (SQLite, or PostgreSQL with COUNTERSIGN_TEST_DATABASE_URL). */

let database: TestDatabase | undefined;

afterEach(async () => {
  await database?.close();
  database = undefined;
});

// No server: migrate talks to the database, not to the API.
const countersign = cliRunner({ url: 'http://127.0.0.1:9', apiKey: '' });

it('runs the pending migrations and prints them, then finds nothing to run', async () => {
  database = await openTestDatabase({ migrate: false });
  const first = await countersign(['migrate'], database.environment);
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  expect(first.stdout).toContain(`ran ${Object.keys(migrations).length} migrations:`);
  for (const name of Object.keys(migrations)) expect(first.stdout).toContain(`  ${name}\n`);
  expect(first.stdout).toMatch(database.dialect === 'postgres' ? /^PostgreSQL at postgres:\/\// : /^SQLite file \//);

  const again = await countersign(['migrate'], database.environment);
  expect(again.code).toBe(0);
  expect(again.stdout).toMatch(/: the schema is up to date; no migration ran\.\n$/);
});

it('refuses a database URL that is not PostgreSQL, naming the variable', async () => {
  const run = await countersign(['migrate'], { COUNTERSIGN_DATABASE_URL: 'mysql://root:hunter22@127.0.0.1/countersign' });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('COUNTERSIGN_DATABASE_URL must be a PostgreSQL URL');
  expect(run.stderr).not.toContain('hunter22');
});
