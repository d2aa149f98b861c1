import { createHash, KeyObject, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { exportJWK, generateKeyPair } from 'jose';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOPBACK_ALLOWED } from '../../net/outbound-guard.js';
import { startAutentiSandbox } from '../../sandbox/autenti/index.js';
import { ProviderError } from '../errors.js';
import { createMemoryCheckpoint, type SendCheckpoint, type SendDocument, type SendParticipant, type SendRequest } from '../provider.js';
import type { ConnectionConfig } from '../registry.js';
import { decodeBase64Url } from './challenges.js';
import { createAutentiProvider, type AutentiProvider, type AutentiSendState } from './index.js';
import { sandboxControl } from '../../../test/support/sandbox-control.js';
import { NOTHING_ASKED } from '../../../test/support/send-participants.js';

/**
 * The adapter against the Autenti sandbox (src/sandbox/autenti), which was written from seed 003
 * separately from the adapter: what both agree on is what the seed says, not what one file assumed.
 */

let sandbox: { url: string; close(): Promise<void> };
let dataDir: string;
let pdf: Uint8Array;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'countersign-autenti-'));
  sandbox = await startAutentiSandbox({ port: 0, dataDir });
  const document = await PDFDocument.create();
  document.addPage([595, 842]).drawText('Boat rental agreement', { x: 72, y: 760 });
  pdf = await document.save();
});

afterAll(async () => {
  await sandbox?.close();
  await rm(dataDir, { recursive: true, force: true });
});

type RecordedCall = { seq: number; method: string; path: string; headers: Record<string, string | string[] | undefined>; status: number };

const sandboxCall = sandboxControl(() => sandbox.url);

const lastSeq = async () => (await sandboxCall<RecordedCall[]>('GET', '/calls')).at(-1)?.seq ?? 0;
const callsSince = (seq: number) => sandboxCall<RecordedCall[]>('GET', `/calls?since=${seq}`);
const assertionsOf = (call: RecordedCall) =>
  [call.headers['x-assertion'] ?? []]
    .flat()
    .flatMap((value) => value.split(','))
    .map((value) => JSON.parse(decodeBase64Url(value)) as { classifiers: string[]; attributes: Record<string, unknown> });
const isDocumentSent = (call: RecordedCall) =>
  call.path.endsWith('/actions') && call.status === 200 && assertionsOf(call).some((a) => JSON.stringify(a.attributes).includes('DOCUMENT_SENT'));

type Setup = { connection: ConnectionConfig; provider: AutentiProvider; sleeps: number[]; accountEmail: string };

/** A client application in the sandbox, a fresh key pair, and an adapter acting for a fresh account. */
async function connect(options: { registerKey?: 'own' | 'other' | 'none'; secret?: string; baseUrl?: string; maxAttempts?: number } = {}): Promise<Setup> {
  const client = await sandboxCall<{ clientId: string; clientSecret: string }>('POST', '/clients', { name: 'Countersign tests' });
  const keys = await generateKeyPair('RS256', { extractable: true });
  const keyId = `key-${randomUUID()}`;
  const publicJwk = { ...(await exportJWK(keys.publicKey)), kid: keyId, alg: 'RS256', use: 'sig' };
  if ((options.registerKey ?? 'own') === 'own') await sandboxCall('PUT', `/clients/${client.clientId}/public-key`, publicJwk);
  if (options.registerKey === 'other') {
    const other = await generateKeyPair('RS256', { extractable: true });
    await sandboxCall('PUT', `/clients/${client.clientId}/public-key`, { ...(await exportJWK(other.publicKey)), kid: keyId, alg: 'RS256' });
  }
  const accountEmail = `sender-${randomUUID().slice(0, 8)}@acme.test`;
  const connection: ConnectionConfig = {
    id: 'con_test',
    provider: 'autenti',
    baseUrl: options.baseUrl ?? `${sandbox.url}/api/v2/`,
    credentials: { clientId: client.clientId, clientSecret: options.secret ?? client.clientSecret, accountEmail },
    keyPair: { keyId, algorithm: 'RS256', publicJwk, privateKey: async () => KeyObject.from(keys.privateKey) },
    // The sandbox listens on loopback: opened explicitly, as an operator would with COUNTERSIGN_ALLOW_PRIVATE_URLS.
    outbound: { allow: LOOPBACK_ALLOWED },
  };
  const sleeps: number[] = [];
  const provider = createAutentiProvider(connection, {
    // Waits are recorded, not slept: tests assert on what the client would wait.
    http: { sleep: async (ms) => void sleeps.push(ms), maxAttempts: options.maxAttempts ?? 6 },
    pageSize: 2,
  });
  return { connection, provider, sleeps, accountEmail };
}

const documentOf = (id: string, filename = `${id}.pdf`): SendDocument => ({
  id,
  filename,
  mediaType: 'application/pdf',
  size: pdf.length,
  sha256: createHash('sha256').update(pdf).digest('hex'),
  open: async () => Readable.from([Buffer.from(pdf)]),
});

const signer = (id: string, email: string, step: number, overrides: Partial<SendParticipant> = {}): SendParticipant => ({
  id,
  firstName: id,
  lastName: 'Tester',
  email,
  step,
  ...NOTHING_ASKED,
  ...overrides,
});

const twoSteps = (documents: SendDocument[] = [documentOf('doc_1')]): SendRequest => ({
  envelopeId: `env_${randomUUID()}`,
  title: 'Boat rental agreement',
  message: 'Please review the terms and sign',
  language: 'en',
  expiresAt: null,
  externalRef: null,
  callbackUrl: null,
  documents,
  participants: [signer('par_anna', 'anna@client.test', 1), signer('par_bert', 'Bert@Client.test', 2)],
});

const act = (processId: string, email: string, action: 'sign' | 'approve' | 'reject', reason?: string) =>
  sandboxCall('POST', `/document-processes/${encodeURIComponent(processId)}/parties/${encodeURIComponent(email)}/actions`, { action, ...(reason ? { reason } : {}) });

async function sendTwoSteps(setup: Setup, request = twoSteps()) {
  const result = await setup.provider.send(request, createMemoryCheckpoint<AutentiSendState>());
  return { request, result, reference: result.reference };
}

describe('verify', () => {
  it('answers with the account when the client, secret and key are right', async () => {
    const setup = await connect();
    expect(await setup.provider.verify()).toEqual({ account: setup.accountEmail });
  });

  it('names a wrong secret in plain words', async () => {
    const setup = await connect({ secret: 'not-the-secret' });
    const error = await setup.provider.verify().catch((e: unknown) => e);
    expect(ProviderError.is(error, 'authentication')).toBe(true);
    expect((error as Error).message).toMatch(/^Autenti refused the client id or secret for client .+: check them in Settings → Connections/);
    expect((error as ProviderError).providerMessage).toContain('client secret does not match');
  });

  it('names an unregistered or different key in plain words', async () => {
    for (const registerKey of ['none', 'other'] as const) {
      const error = await (await connect({ registerKey })).provider.verify().catch((e: unknown) => e);
      expect(ProviderError.is(error, 'authentication'), registerKey).toBe(true);
      expect((error as Error).message).toMatch(/^Autenti refused the signed assertion: the public key registered for client .+ does not match this connection's key\. Paste the key shown in Settings → Connections into Autenti's Integration settings\./);
    }
  });

  it('names a wrong URL or an unreachable server', async () => {
    const wrongPath = await (await connect({ baseUrl: `${sandbox.url}/api/v1/` })).provider.verify().catch((e: unknown) => e);
    expect(ProviderError.is(wrongPath, 'not-found')).toBe(true);
    expect((wrongPath as Error).message).toContain('check the API URL in Settings → Connections');
    const closed = await (await connect({ baseUrl: 'http://127.0.0.1:9/api/v2/' })).provider.verify().catch((e: unknown) => e);
    expect(ProviderError.is(closed, 'unavailable')).toBe(true);
    expect((closed as Error).message).toBe(
      'Autenti could not be reached at http://127.0.0.1:9/api/v2/ (ECONNREFUSED): check the API URL in Settings → Connections (production https://api.autenti.com/api/v2/, test https://api.accept.autenti.net/api/v2/) and that this server can reach it.',
    );
  });
});

describe('send, fetch, act', () => {
  it('sends two signers in two steps, at a counted cost, and fetches sent / notified / waiting', async () => {
    const setup = await connect();
    const before = await lastSeq();
    const { result, reference } = await sendTwoSteps(setup);
    const calls = await callsSince(before);
    // The provider calls one send of one document costs, the token included.
    expect(calls.map((call) => `${call.method} ${call.path.replace(/DOCUMENT_PROCESS:[0-9a-f-]+/, '{id}')} ${call.status}`)).toEqual([
      'POST /api/v2/auth/token 200',
      'POST /api/v2/document-processes 200',
      'PUT /api/v2/document-processes/{id} 200',
      'POST /api/v2/document-processes/{id}/files 200',
      'POST /api/v2/document-processes/{id}/actions 403',
      'POST /api/v2/document-processes/{id}/actions 200',
      'GET /api/v2/document-processes/{id} 200',
    ]);
    expect(calls.filter(isDocumentSent)).toHaveLength(1);

    const snapshot = await setup.provider.fetch(reference);
    expect(snapshot.status).toEqual({ unified: 'sent', raw: { status: 'PROCESSING' } });
    expect(snapshot.participants.map((p) => [p.match.email, p.match.step, p.status.unified])).toEqual([
      ['anna@client.test', 1, 'notified'],
      ['bert@client.test', 2, 'waiting'],
    ]);
    expect(result.participants.map((p) => p.providerReference)).toEqual(snapshot.participants.map((p) => p.match.providerReference));
    expect(result.participants.every((p) => typeof p.providerReference === 'string')).toBe(true);
  });

  it('completes when both sign, and downloads the signed PDF', async () => {
    const setup = await connect();
    const { reference } = await sendTwoSteps(setup);
    await act(reference, 'anna@client.test', 'sign');
    expect((await setup.provider.fetch(reference)).participants.map((p) => p.status.unified)).toEqual(['completed', 'notified']);
    await act(reference, 'bert@client.test', 'sign');
    const snapshot = await setup.provider.fetch(reference);
    expect(snapshot.status.unified).toBe('completed');
    expect(snapshot.participants.every((p) => p.status.unified === 'completed' && p.timestamps.completedAt !== undefined)).toBe(true);

    const files = [];
    for await (const file of setup.provider.download(reference, 'signed')) files.push(file);
    expect(files).toHaveLength(1);
    expect(files[0]!.mediaType).toBe('application/pdf');
    const chunks: Buffer[] = [];
    for await (const chunk of await files[0]!.open()) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.includes(Buffer.from('/ByteRange'))).toBe(true);

    const audit = await (async () => {
      for await (const file of setup.provider.download(reference, 'audit')) void file;
    })().catch((e: unknown) => e);
    expect(ProviderError.is(audit, 'unsupported')).toBe(true);
  });

  it('says plainly that nothing is signed yet before completion', async () => {
    const setup = await connect();
    const { reference } = await sendTwoSteps(setup);
    const error = await (async () => {
      for await (const file of setup.provider.download(reference, 'signed')) void file;
    })().catch((e: unknown) => e);
    expect(ProviderError.is(error, 'conflict')).toBe(true);
  });

  it('reports a rejection with its reason', async () => {
    const setup = await connect();
    const { reference } = await sendTwoSteps(setup);
    await act(reference, 'anna@client.test', 'reject', 'The price is wrong');
    const snapshot = await setup.provider.fetch(reference);
    expect(snapshot.status.unified).toBe('rejected');
    expect(snapshot.reason).toBe('The price is wrong');
    expect(snapshot.participants[0]).toMatchObject({ status: { unified: 'rejected' }, rejectionReason: 'The price is wrong' });
  });

  it('withdraws, and then cannot withdraw again', async () => {
    const setup = await connect();
    const { reference } = await sendTwoSteps(setup);
    await setup.provider.withdraw(reference);
    expect((await setup.provider.fetch(reference)).status).toEqual({ unified: 'withdrawn', raw: { status: 'WITHDRAWN' } });
    const again = await setup.provider.withdraw(reference).catch((e: unknown) => e);
    expect(ProviderError.is(again, 'conflict')).toBe(true);
  });

  it('reminds the chosen parties, or everyone who can be reminded', async () => {
    const setup = await connect();
    const { reference } = await sendTwoSteps(setup);
    const [anna] = (await setup.provider.fetch(reference)).participants;
    const before = await lastSeq();
    await setup.provider.remind(reference, { participants: [anna!.match.providerReference!] });
    await setup.provider.remind(reference);
    const selections = (await callsSince(before))
      .filter((call) => call.path.endsWith('/actions') && call.status === 200)
      .map((call) => assertionsOf(call).find((a) => a.classifiers.includes('CHALLENGE_CLASSIFIER-UNIQUE_TYPE:DOCUMENT_REMINDER_PARTY_SELECTION'))?.attributes);
    expect(selections[0]).toEqual({ selectedIds: [anna!.match.providerReference] });
    expect(selections).toHaveLength(2);
    expect((selections[1]!['selectedIds'] as string[]).length).toBeGreaterThanOrEqual(1);
  });
});

describe('changesSince', () => {
  it('lists everything on the first pass, then only what changed', async () => {
    const setup = await connect();
    const first = await sendTwoSteps(setup);
    const second = await sendTwoSteps(setup);
    const third = await sendTwoSteps(setup);

    // Page size 2 (set in connect): the first pass takes two pages.
    const seen: string[] = [];
    let page = await setup.provider.changesSince!(null);
    seen.push(...page.snapshots.map((s) => s.reference));
    expect(page.hasMore).toBe(true);
    while (page.hasMore) {
      page = await setup.provider.changesSince!(page.nextCursor);
      seen.push(...page.snapshots.map((s) => s.reference));
    }
    expect(seen.sort()).toEqual([first.reference, second.reference, third.reference].sort());
    expect(page.snapshots.every((s) => s.detail === 'full')).toBe(true);

    const quiet = await setup.provider.changesSince!(page.nextCursor);
    expect(quiet.snapshots).toEqual([]);

    await act(second.reference, 'anna@client.test', 'sign');
    const changed = await setup.provider.changesSince!(quiet.nextCursor);
    expect(changed.snapshots.map((s) => s.reference)).toEqual([second.reference]);
    expect(changed.snapshots[0]!.participants[0]!.status.unified).toBe('completed');
    expect((await setup.provider.changesSince!(changed.nextCursor)).snapshots).toEqual([]);
  });
});

describe('resuming an interrupted send', () => {
  /**
   * A checkpoint that crashes on its (n+1)-th save: either before the state is stored (`lost`) or
   * after (`stored`, as when the process dies between the write and its acknowledgement).
   */
  function crashingCheckpoint(n: number, mode: 'lost' | 'stored'): SendCheckpoint<AutentiSendState> & { stored: Partial<AutentiSendState> } {
    let saves = 0;
    const checkpoint = {
      stored: {} as Partial<AutentiSendState>,
      get state() {
        return checkpoint.stored;
      },
      async save(state: Partial<AutentiSendState>) {
        saves += 1;
        if (saves > n && mode === 'lost') throw new Error('crash before the save');
        checkpoint.stored = structuredClone(state);
        if (saves > n) throw new Error('crash after the save');
      },
    };
    return checkpoint;
  }

  it('creates one process, uploads each file once and sends once, wherever it crashed', async () => {
    const setup = await connect();
    const documents = [documentOf('doc_a', 'a.pdf'), documentOf('doc_b', 'b.pdf')];
    // the create intent; the process id; the PUT and the first file (before the second upload); the second file with the send intent
    const saveCount = 4;
    for (const mode of ['lost', 'stored'] as const) {
      for (let n = 0; n < saveCount; n += 1) {
        const request = twoSteps(documents);
        const before = await lastSeq();
        const crashing = crashingCheckpoint(n, mode);
        await expect(setup.provider.send(request, crashing)).rejects.toThrow(/crash/);
        const resumed = createMemoryCheckpoint<AutentiSendState>(crashing.stored);
        const result = await setup.provider.send(request, resumed);
        const snapshot = await setup.provider.fetch(result.reference);

        const calls = await callsSince(before);
        const label = `${mode} after ${n} saves`;
        const creates = calls.filter((call) => call.method === 'POST' && call.path === '/api/v2/document-processes');
        // Also when the crash lost the new process's id (lost after 1 save): the resume adopts that draft.
        expect(creates, label).toHaveLength(1);
        expect(calls.filter(isDocumentSent), label).toHaveLength(1);
        expect(calls.filter(isDocumentSent)[0]!.path, label).toContain(result.reference);
        expect(snapshot.status.unified, label).toBe('sent');
        const process = await sandboxCall<{ contentElements: Array<{ filename: string; filePurpose: string }> }>(
          'GET',
          `/document-processes/${encodeURIComponent(result.reference)}`,
        );
        const sources = process.contentElements.filter((file) => file.filePurpose === 'SOURCE_FILE').map((file) => file.filename);
        expect(sources, label).toEqual(['a.pdf', 'b.pdf']);
        // The intent was saved before the one send (its success is the app's to record, not a save).
        expect(resumed.state.sending, label).toBe(true);
      }
    }
  });
});

describe('an upload cut off half-way', () => {
  it('fails with the stream\'s own error, and a resume leaves exactly one copy of each file', async () => {
    const setup = await connect();
    const good = documentOf('doc_b', 'b.pdf');
    let breakStream = true;
    // A document whose stream dies after its first bytes on the first attempt (a blob store failure).
    const flaky: SendDocument = {
      ...documentOf('doc_a', 'a.pdf'),
      open: async () => {
        if (!breakStream) return Readable.from([Buffer.from(pdf)]);
        return new Readable({
          read() {
            this.push(Buffer.from(pdf).subarray(0, 100));
            this.destroy(new Error('blob store: read failed'));
          },
        });
      },
    };
    const request = twoSteps([good, flaky]);
    const checkpoint = createMemoryCheckpoint<AutentiSendState>();
    await expect(setup.provider.send(request, checkpoint)).rejects.toThrow('blob store: read failed');
    expect(Object.keys(checkpoint.state.files ?? {})).toEqual(['doc_b']);

    breakStream = false;
    const before = await lastSeq();
    const result = await setup.provider.send(request, checkpoint);
    const process = await sandboxCall<{ contentElements: Array<{ filename: string; filePurpose: string }> }>(
      'GET',
      `/document-processes/${encodeURIComponent(result.reference)}`,
    );
    expect(process.contentElements.filter((file) => file.filePurpose === 'SOURCE_FILE').map((file) => file.filename)).toEqual(['b.pdf', 'a.pdf']);
    const calls = await callsSince(before);
    // The resume lists the files first (to remove anything unrecorded), then uploads only what is missing.
    expect(calls.filter((call) => call.path.endsWith('/files')).map((call) => call.method)).toEqual(['GET', 'POST']);
  });
});

describe('faults', () => {
  it('recovers transparently when every token expires', async () => {
    const setup = await connect();
    const { reference } = await sendTwoSteps(setup);
    await sandboxCall('PUT', '/faults', { expireTokensNow: true });
    const before = await lastSeq();
    expect((await setup.provider.fetch(reference)).status.unified).toBe('sent');
    const calls = await callsSince(before);
    expect(calls.map((call) => `${call.method} ${call.status}`)).toEqual(['GET 401', 'POST 200', 'GET 200']);
  });

  it('retries a share of 503 answers on reads, waiting as Retry-After says', async () => {
    // 30 reads at a 30 % fault rate: some 503 is all but certain (1 − 0.7^30), and ten in a row on
    // one read (0.3^10 per read) all but impossible.
    const setup = await connect({ maxAttempts: 10 });
    const { reference } = await sendTwoSteps(setup);
    try {
      await sandboxCall('PUT', '/faults', { errorRate: 0.3, errorStatuses: [503] });
      for (let index = 0; index < 30; index += 1) expect((await setup.provider.fetch(reference)).status.unified).toBe('sent');
    } finally {
      await sandboxCall('DELETE', '/faults');
    }
    expect(setup.sleeps.length).toBeGreaterThan(0);
    // The sandbox sends Retry-After: 1 with its 503s.
    expect(new Set(setup.sleeps)).toEqual(new Set([1000]));
  });

  it('waits out a 429 with Retry-After, even in the middle of a send', async () => {
    const setup = await connect();
    try {
      await sandboxCall('PUT', '/faults', { rateLimit: { every: 3, retryAfterSeconds: 2 } });
      const { reference } = await sendTwoSteps(setup);
      expect((await setup.provider.fetch(reference)).status.unified).toBe('sent');
    } finally {
      await sandboxCall('DELETE', '/faults');
    }
    expect(setup.sleeps.length).toBeGreaterThanOrEqual(2);
    expect(setup.sleeps.every((ms) => ms === 2000)).toBe(true);
  });
});

describe('callbacks', () => {
  it('reads the seed\'s event shape as the process to fetch', async () => {
    const setup = await connect();
    const body = JSON.stringify({
      timestamp: '2021-02-10T15:37:37.311Z',
      id: 'EVENT-AUTENTI:87c61861-DOCUMENT_SENT',
      eventType: 'EVENT_CLASSIFIER-UNIQUE_TYPE:DOCUMENT_SENT',
      object: { id: 'DOCUMENT_PROCESS:21c3a201-e3ea-4fbd-b850-2f0b8246ac2b', type: 'EVENT_OBJECT-TYPE:DOCUMENT_PROCESS' },
      attributes: {},
    });
    expect(await setup.provider.parseCallback({ method: 'POST', url: '/cb', headers: {}, body })).toEqual({
      reference: 'DOCUMENT_PROCESS:21c3a201-e3ea-4fbd-b850-2f0b8246ac2b',
    });
    expect(await setup.provider.parseCallback({ method: 'POST', url: '/cb', headers: {}, body: '{"object":{"id":"TAG:1","type":"EVENT_OBJECT-TYPE:TAG"}}' })).toBeNull();
    expect(await setup.provider.parseCallback({ method: 'POST', url: '/cb', headers: {}, body: 'not json' })).toBeNull();
  });
});
