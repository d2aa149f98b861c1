import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL server the blob tests may use (e.g. postgres://postgres@127.0.0.1:5432/postgres);
 * without it they are reported as not run.
 */
export const testServerUrl = process.env.COUNTERSIGN_TEST_DATABASE_URL || undefined;

/** A new, empty database (`cs_blob_<random>`) on the test server, and its removal. */
export async function createBlobTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (testServerUrl === undefined) throw new Error('Set COUNTERSIGN_TEST_DATABASE_URL to run the PostgreSQL blob tests.');
  const name = `cs_blob_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testServerUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testServerUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: async () => {
      const client = new pg.Client({ connectionString: testServerUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
