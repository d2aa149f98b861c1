import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countersignArgs } from '../support/countersign-command.js';
import { apiClient } from '../support/http.js';
import { FIXTURES } from '../support/fixtures.js';
import { checkRuntime } from '../../src/runtime-support.js';
import { openRaw } from '../support/raw-http.js';
import { randomApiKey, startServer, temporaryDataDir } from '../support/server.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('a restart', () => {
  it('keeps documents, envelopes, participants, history and keys', async () => {
    const folder = temporaryDataDir();
    const apiKey = randomApiKey();
    try {
      const first = await startServer({ dataDir: folder.dataDir, apiKey });
      const api = apiClient(first.url, apiKey);
      const document = await api.upload('/api/v1/documents', FIXTURES.pdf, 'kept.pdf');
      const envelope = await api.post('/api/v1/envelopes', {
        title: 'Survives restarts',
        documentIds: [document.body.id],
        participants: [
          { firstName: 'James', lastName: 'Dawson', email: 'james@example.com', role: 'signer', step: 1 },
          { firstName: 'Anna', lastName: 'Nowak', email: 'anna@example.com', role: 'signer', step: 2 },
        ],
      });
      const key = await api.post('/api/v1/keys', { name: 'kept' });
      // SIGKILL: no graceful shutdown. What was acknowledged must be on disk.
      await first.kill('SIGKILL');

      const second = await startServer({ dataDir: folder.dataDir, apiKey });
      const again = apiClient(second.url, apiKey);
      expect((await again.get(`/api/v1/envelopes/${envelope.body.id}`)).body).toEqual(envelope.body);
      expect((await again.get(`/api/v1/documents/${document.body.id}`)).body).toEqual(document.body);
      const content = await fetch(new URL(`/api/v1/documents/${document.body.id}/content`, second.url), { headers: { authorization: `Bearer ${apiKey}` } });
      expect(Buffer.from(await content.arrayBuffer()).equals(readFileSync(FIXTURES.pdf))).toBe(true);
      expect((await apiClient(second.url, key.body.secret).get('/api/v1/envelopes')).status).toBe(200);
      await second.stop();
    } finally {
      folder.remove();
    }
  });
});

describe('a graceful stop', () => {
  it('is not held up by a connection that never sends a request: it is closed after the grace period', async () => {
    const folder = temporaryDataDir();
    try {
      const server = await startServer({ dataDir: folder.dataDir });
      // Once a request is answered, the process has also installed its signal handlers.
      expect((await apiClient(server.url, server.apiKey).get('/api/v1/envelopes')).status).toBe(200);
      // Node counts a fresh connection as busy (its headers timeout, 60 s, applies), so closing the idle
      // ones at shutdown does not end it. HTTP clients open such spare connections.
      const silent = openRaw(server.url, 60_000);
      await new Promise<void>((resolveConnect) => silent.socket.once('connect', () => resolveConnect()));
      await server.stop();
      expect(server.exitCode()).toBe(0);
      await silent.closed;
      expect(silent.socket.destroyed).toBe(true);
    } finally {
      folder.remove();
    }
  });
});

describe('the runtime', () => {
  it('logs the Node.js version at start, and warns when the line is past its end of life', async () => {
    const folder = temporaryDataDir();
    try {
      const server = await startServer({ dataDir: folder.dataDir, env: { COUNTERSIGN_SANDBOXES: 'off' } });
      const starting = JSON.parse(await server.waitForLine((line) => line.includes('"msg":"starting"'))) as Record<string, unknown>;
      expect(starting.nodeVersion).toBe(process.version);
      const check = checkRuntime(process.version, new Date());
      const warnings = server.output().split('\n').filter((line) => line.includes('end of life') || line.includes('not a release line'));
      expect(warnings).toHaveLength(check.warning ? 1 : 0);
      if (check.warning) expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 40, msg: check.warning });
      await server.stop();
    } finally {
      folder.remove();
    }
  });
});

describe('configuration', () => {
  it.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number from 0 to 65535; got "eighty"/],
    [{ COUNTERSIGN_MAX_UPLOAD_MB: '0' }, /COUNTERSIGN_MAX_UPLOAD_MB must be a whole number from 1/],
    [{ COUNTERSIGN_API_KEY: 'short' }, /COUNTERSIGN_API_KEY must be at least 24 characters/],
    [{ COUNTERSIGN_LOG_LEVEL: 'loud' }, /COUNTERSIGN_LOG_LEVEL must be one of/],
  ])('refuses %o at start with a clear message', (env, message) => {
    const folder = temporaryDataDir();
    try {
      const result = spawnSync(process.execPath, countersignArgs('start'), {
        cwd: ROOT,
        env: { ...process.env, PORT: '0', COUNTERSIGN_DATA_DIR: folder.dataDir, ...env },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      folder.remove();
    }
  });
});
