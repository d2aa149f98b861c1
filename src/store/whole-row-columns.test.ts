import { afterEach, beforeEach, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { API_KEY_COLUMNS } from './api-keys.js';
import { CONNECTION_COLUMNS } from './connections.js';
import { DOCUMENT_COLUMNS } from './documents.js';
import { IDEMPOTENCY_KEY_COLUMNS } from './idempotency.js';

/**
 * The hot reads of whole rows name every column instead of selecting `*`, which PostgreSQL never
 * prepares (pg-prepared.ts). Their lists must name exactly the columns the migrations made: a column
 * added by a migration and not to its list would be read by no one.
 */

let database: TestDatabase;

beforeEach(async () => {
  database = await openTestDatabase();
});

afterEach(async () => {
  await database.close();
});

it.each([
  ['api_keys', API_KEY_COLUMNS],
  ['connections', CONNECTION_COLUMNS],
  ['documents', DOCUMENT_COLUMNS],
  ['idempotency_keys', IDEMPOTENCY_KEY_COLUMNS],
])('the columns listed for %s are the columns of the migrated table', async (table, listed) => {
  const tables = await database.db.introspection.getTables();
  const migrated = tables.find((candidate) => candidate.name === table)?.columns.map((column) => column.name);
  expect(migrated).toBeDefined();
  expect([...listed].sort()).toEqual(migrated!.sort());
});
