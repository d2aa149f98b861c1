import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOPBACK_ALLOWED } from '../../net/outbound-guard.js';
import type { ConnectionConfig } from '../connection.js';
import type { HttpLogEvent } from '../http.js';
import { autentiProvider } from './descriptor.js';

/**
 * Autenti through its descriptor alone, as the app and the conformance suite use it: the sandbox
 * started by `sandbox.start`, the adapter made by `create(connection, runtime)`.
 */

let sandbox: { url: string; close(): Promise<void> };
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'countersign-descriptor-'));
  sandbox = await autentiProvider.sandbox!.start({ dataDir, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await sandbox?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** An API client in the sandbox with our public key registered, as `provision` does in-process. */
async function sandboxConnection(): Promise<ConnectionConfig> {
  const control = (path: string, method: string, body: unknown) =>
    fetch(`${sandbox.url}/_sandbox${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const client = (await (await control('/clients', 'POST', { name: 'Descriptor test' })).json()) as { clientId: string; clientSecret: string };
  const keys = await generateKeyPair('RS256', { extractable: true });
  const keyId = `key-${randomUUID()}`;
  const publicJwk = { ...(await exportJWK(keys.publicKey)), kid: keyId, alg: 'RS256', use: 'sig' };
  expect((await control(`/clients/${client.clientId}/public-key`, 'PUT', publicJwk)).ok).toBe(true);
  return {
    id: 'con_descriptor',
    provider: 'autenti',
    baseUrl: `${sandbox.url}/${autentiProvider.sandbox!.apiPath}`,
    credentials: { clientId: client.clientId, clientSecret: client.clientSecret, accountEmail: `sender-${randomUUID().slice(0, 8)}@acme.test` },
    keyPair: { keyId, algorithm: 'RS256', publicJwk, privateKey: async () => keys.privateKey as never },
    outbound: { allow: LOOPBACK_ALLOWED },
  };
}

describe('the Autenti descriptor', () => {
  it('creates an adapter that logs and counts every call through the runtime, with ids out of the logged paths', async () => {
    const connection = await sandboxConnection();
    const logged: Array<Record<string, unknown>> = [];
    const counted: HttpLogEvent[] = [];
    const provider = await autentiProvider.create(connection, {
      logger: { debug: (object) => void logged.push(object) },
      recordCall: (event) => void counted.push(event),
    });
    try {
      expect(await provider.verify()).toEqual({ account: connection.credentials.accountEmail });
      expect(counted.map((event) => [event.method, event.path, event.status])).toEqual([
        ['POST', '/api/v2/auth/token', 200],
        ['GET', '/api/v2/document-processes', 200],
      ]);
      expect(logged[0]).toMatchObject({ connectionId: 'con_descriptor', host: new URL(sandbox.url).host, attempt: 1 });
      await expect(provider.fetch('DOCUMENT_PROCESS:3c4a9e1b-0000-4000-8000-000000000000')).rejects.toMatchObject({ kind: 'not-found' });
      expect(counted.at(-1)).toMatchObject({ path: '/api/v2/document-processes/{id}', status: 404 });
      // Nothing of the credentials or the assertion reaches the log.
      expect(JSON.stringify(logged)).not.toContain(connection.credentials.clientSecret!);
    } finally {
      await provider.dispose();
    }
  });

  it('makes no call for an aborted signal, and none after dispose', async () => {
    const connection = await sandboxConnection();
    const counted: HttpLogEvent[] = [];
    const provider = await autentiProvider.create(connection, { recordCall: (event) => void counted.push(event) });
    await provider.verify();
    const before = counted.length;
    const controller = new AbortController();
    controller.abort(new Error('the job stopped'));
    await expect(provider.fetch('DOCUMENT_PROCESS:1', { signal: controller.signal })).rejects.toThrow('the job stopped');
    expect(counted).toHaveLength(before);
    await provider.dispose();
    await expect(provider.fetch('DOCUMENT_PROCESS:1')).rejects.toThrow(/disposed/);
    expect(counted).toHaveLength(before);
  });
});
