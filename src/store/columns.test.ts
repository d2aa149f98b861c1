import { afterEach, beforeEach, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { API_KEY_COLUMNS } from './api-keys.js';
import { CONNECTION_COLUMNS } from './connections.js';
import { DOCUMENT_COLUMNS } from './documents.js';
import { IDEMPOTENCY_KEY_COLUMNS } from './idempotency.js';

/**
 * The queries that name every column of their table instead of selecting `*` (columns.ts) must name
 * the columns the migrations made: a column added by a migration and not to its list would be read by
 * no one. The compiler holds each list to its table's interface; this holds both to the database.
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
