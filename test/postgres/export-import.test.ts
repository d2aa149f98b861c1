import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TRANSFER_TABLES } from '../../src/store/transfer.js';
import { cliRunner } from '../support/cli.js';
import { FIXTURES } from '../support/fixtures.js';
import { apiClient } from '../support/http.js';
import { createTestDatabase, TEST_DATABASE_SERVER } from '../support/postgres.js';
import { randomApiKey, startServer, temporaryDataDir } from '../support/server.js';

/**
 * The way from the embedded installation to PostgreSQL (issue 13): a SQLite installation with a
 * document and an envelope, `countersign export`, `countersign import` into a new PostgreSQL
 * database, and a server on that database showing the same envelope and the same bytes.
 */
const sqliteFolder = temporaryDataDir();
const postgresFolder = temporaryDataDir();
const exportFolder = join(temporaryDataDir().dataDir, 'export');
const masterKey = randomBytes(32).toString('base64');
const apiKey = randomApiKey();
const countersign = cliRunner({ url: 'http://127.0.0.1:9', apiKey: '' });

afterAll(() => {
  sqliteFolder.remove();
  postgresFolder.remove();
});

describe.runIf(TEST_DATABASE_SERVER)('moving an installation from SQLite to PostgreSQL', () => {
  it('exports, refuses another master key, imports and serves the same envelopes and files', async () => {
    // On SQLite: an empty COUNTERSIGN_DATABASE_URL keeps the test harness from choosing PostgreSQL.
    const onSqlite = { COUNTERSIGN_DATA_DIR: sqliteFolder.dataDir, COUNTERSIGN_MASTER_KEY: masterKey, COUNTERSIGN_DATABASE_URL: '' };
    const source = await startServer({ dataDir: sqliteFolder.dataDir, apiKey, env: onSqlite });
    const api = apiClient(source.url, apiKey);
    const document = await api.upload('/api/v1/documents', FIXTURES.pdf, 'contract.pdf');
    const envelope = await api.post('/api/v1/envelopes', {
      title: 'Moved to PostgreSQL',
      documentIds: [document.body.id],
      participants: [{ firstName: 'Mia', lastName: 'Moved', email: 'mia@example.com', role: 'signer' }],
    });
    expect(envelope.status, envelope.text).toBe(201);
    const before = (await api.get(`/api/v1/envelopes/${envelope.body.id}`)).body;
    const connections = (await api.get('/api/v1/connections')).body.data.map((connection: { id: string }) => connection.id);
    await source.stop();

    const exported = await countersign(['export', exportFolder], onSqlite);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(new RegExp(`^Exported to .*: \\d+ rows in ${TRANSFER_TABLES.length} tables, 1 files`));

    // Dropped with the run's other databases by test/postgres/global-setup.ts.
    const database = await createTestDatabase('moved');
    const onPostgres = { COUNTERSIGN_DATA_DIR: postgresFolder.dataDir, COUNTERSIGN_DATABASE_URL: database.url };
    const wrongKey = await countersign(['import', exportFolder], { ...onPostgres, COUNTERSIGN_MASTER_KEY: randomBytes(32).toString('base64') });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain('sealed with another master key');

    const imported = await countersign(['import', exportFolder], { ...onPostgres, COUNTERSIGN_MASTER_KEY: masterKey });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(new RegExp(`^Imported from .*, every table and file checked: \\d+ rows in ${TRANSFER_TABLES.length} tables, 1 files`));

    const target = await startServer({ dataDir: postgresFolder.dataDir, apiKey, env: { ...onPostgres, COUNTERSIGN_MASTER_KEY: masterKey } });
    try {
      const moved = apiClient(target.url, apiKey);
      expect((await moved.get(`/api/v1/envelopes/${envelope.body.id}`)).body).toEqual(before);
      expect((await moved.get('/api/v1/connections')).body.data.map((connection: { id: string }) => connection.id)).toEqual(connections);
      const content = await fetch(`${target.url}/api/v1/documents/${document.body.id}/content`, { headers: { authorization: `Bearer ${apiKey}` } });
      expect(Buffer.from(await content.arrayBuffer()).equals(readFileSync(FIXTURES.pdf))).toBe(true);
    } finally {
      await target.stop();
    }
  }, 180_000);
});
