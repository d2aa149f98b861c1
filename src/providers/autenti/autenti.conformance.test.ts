import { KeyObject, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { describeProvider } from '../../../test/conformance/describe-provider.js';
import type { ConformanceSandbox, ProviderOperation, SandboxCall } from '../../../test/conformance/harness.js';
import { LOOPBACK_ALLOWED } from '../../net/outbound-guard.js';
import { startAutentiSandbox } from '../../sandbox/autenti/index.js';
import type { ConnectionConfig } from '../registry.js';
import { decodeBase64Url } from './challenges.js';
import { AUTENTI_CAPABILITIES, createAutentiProvider } from './index.js';

/**
 * Autenti runs the conformance suite (test/conformance) against its sandbox (src/sandbox/autenti),
 * which records every API call at `GET /_sandbox/calls`; this file says what those calls mean.
 */
describeProvider({
  id: 'autenti',
  capabilities: AUTENTI_CAPABILITIES,
  // Page size 2: delta listing runs over several pages. Waits are not slept (the sandbox injects no faults here).
  create: (connection) => createAutentiProvider(connection, { pageSize: 2, http: { sleep: async () => {} } }),
  startSandbox: startAutentiConformanceSandbox,
});

type RecordedCall = { seq: number; method: string; path: string; headers: Record<string, string | string[] | undefined>; status: number };

async function startAutentiConformanceSandbox(): Promise<ConformanceSandbox> {
  const dataDir = await mkdtemp(join(tmpdir(), 'countersign-autenti-conformance-'));
  const sandbox = await startAutentiSandbox({ port: 0, dataDir, callbackRetryDelaysMs: [100, 100, 100] });

  async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Autenti sandbox ${method} ${path}: HTTP ${response.status} ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  let lastSeq = 0;
  const process = (reference: string) => `/document-processes/${encodeURIComponent(reference)}`;

  return {
    async connect(options) {
      const client = await control<{ clientId: string; clientSecret: string }>('POST', '/clients', { name: 'Countersign conformance' });
      const keys = await generateKeyPair('RS256', { extractable: true });
      const keyId = `key-${randomUUID()}`;
      const publicJwk = { ...(await exportJWK(keys.publicKey)), kid: keyId, alg: 'RS256', use: 'sig' };
      await control('PUT', `/clients/${client.clientId}/public-key`, publicJwk);
      // Autenti calls back per client application, not per process (docs/providers.md U9).
      if (options?.callbackUrl) await control('PUT', `/clients/${client.clientId}/callback`, { url: options.callbackUrl });
      const connection: ConnectionConfig = {
        id: 'con_conformance',
        provider: 'autenti',
        baseUrl: `${sandbox.url}/api/v2/`,
        credentials: { clientId: client.clientId, clientSecret: client.clientSecret, accountEmail: `sender-${randomUUID().slice(0, 8)}@conformance.test` },
        keyPair: { keyId, algorithm: 'RS256', publicJwk, privateKey: async () => KeyObject.from(keys.privateKey) },
        // The sandbox listens on loopback: opened explicitly, as an operator would with COUNTERSIGN_ALLOW_PRIVATE_URLS.
        outbound: { allow: LOOPBACK_ALLOWED },
      };
      return connection;
    },
    async mark() {
      const calls = await control<RecordedCall[]>('GET', `/calls?since=${lastSeq}`);
      lastSeq = calls.at(-1)?.seq ?? lastSeq;
      return lastSeq;
    },
    async callsSince(mark) {
      const calls = await control<RecordedCall[]>('GET', `/calls?since=${mark}`);
      lastSeq = Math.max(lastSeq, calls.at(-1)?.seq ?? 0);
      return calls.map(classify);
    },
    async inspect(reference) {
      type Contact = { type: string; attributes: { email?: string } };
      const found = await control<{ contentElements: Array<{ filename: string; filePurpose: string }>; parties: Array<{ role: string; party: { contacts: Contact[] } }> }>(
        'GET',
        process(reference),
      );
      return {
        documents: found.contentElements.filter((file) => file.filePurpose === 'SOURCE_FILE').map((file) => file.filename),
        participants: found.parties
          .filter((party) => party.role !== 'SENDER')
          .map((party) => party.party.contacts.find((contact) => contact.type === 'CONTACT-TYPE:EMAIL')?.attributes.email ?? '(no email)'),
      };
    },
    async act(reference, email, action, reason) {
      await control('POST', `${process(reference)}/parties/${encodeURIComponent(email)}/actions`, { action, ...(reason ? { reason } : {}) });
    },
    async close() {
      await sandbox.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The Autenti action each `X-ASSERTION` value selects (seed 003 "Sending a document"). */
function selectedActions(call: RecordedCall): string {
  return [call.headers['x-assertion'] ?? []]
    .flat()
    .flatMap((value) => value.split(','))
    .map((value) => JSON.stringify((JSON.parse(decodeBase64Url(value)) as { attributes?: unknown }).attributes ?? {}))
    .join(' ');
}

const ACTION_OPERATIONS: ReadonlyArray<[string, ProviderOperation]> = [
  ['DOCUMENT_SENT', 'send'],
  ['DOCUMENT_WITHDRAWAL', 'withdraw'],
  ['DOCUMENT_REMINDER_SENT', 'remind'],
];

/** What a recorded Autenti API call did, in the suite's words. */
function classify(call: RecordedCall): SandboxCall {
  const path = call.path.replace(/^\/api\/v2/, '');
  const id = /^\/document-processes\/([^/?]+)/.exec(path)?.[1];
  const reference = id === undefined ? null : decodeURIComponent(id);
  const rest = id === undefined ? path : path.slice(`/document-processes/${id}`.length);
  const operation = ((): ProviderOperation => {
    if (path.startsWith('/auth/')) return 'auth';
    if (reference === null) {
      if (call.method === 'POST' && /^\/document-processes\/?$/.test(path)) return 'create';
      if (call.method === 'GET' && path.startsWith('/document-processes')) return 'list';
      return 'other';
    }
    if (rest === '' || rest.startsWith('?')) return call.method === 'GET' ? 'fetch' : call.method === 'PUT' || call.method === 'PATCH' ? 'update' : 'other';
    if (rest === '/files' && call.method === 'POST') return 'upload';
    if (/^\/files\/[^/]+\/content/.test(rest) && call.method === 'GET') return 'download';
    if (rest === '/actions' && call.method === 'POST') {
      const selected = selectedActions(call);
      return ACTION_OPERATIONS.find(([action]) => selected.includes(action))?.[1] ?? 'other';
    }
    return 'other';
  })();
  return { operation, reference, status: call.status, summary: `${call.method} ${call.path}` };
}
