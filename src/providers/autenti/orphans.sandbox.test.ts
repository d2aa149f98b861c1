import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendRequestOf } from '../../../test/conformance/requests.js';
import { registerAutentiSandboxClient } from '../../../test/support/autenti-sandbox-client.js';
import { sandboxControl } from '../../../test/support/sandbox-control.js';
import { startAutentiSandbox } from '../../sandbox/autenti/index.js';
import { createMemoryCheckpoint, type SendCheckpoint, type SendRequest } from '../provider.js';
import { createAutentiProvider, type AutentiProvider, type AutentiSendState } from './index.js';

/**
 * A crash between `POST /document-processes` and the save of its id (send.ts, step 1): the resumed
 * send adopts the DRAFT that create left, by the envelope id in its title, and never another
 * envelope's; with the intent saved and no such draft, it creates one.
 */

let sandbox: { url: string; close(): Promise<void> };
let dataDir: string;
const control = sandboxControl(() => sandbox.url);
const opened: AutentiProvider[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'countersign-autenti-orphans-'));
  sandbox = await startAutentiSandbox({ port: 0, dataDir });
});

afterEach(async () => {
  for (const provider of opened.splice(0)) await provider.dispose?.();
});

afterAll(async () => {
  await sandbox?.close();
  await rm(dataDir, { recursive: true, force: true });
});

type ListedProcess = { id: string; title: string; status: string; ownerEmail: string };
type RecordedCall = { seq: number; method: string; path: string; status: number };

/** An adapter acting for an account of its own, and what the sandbox holds for that account. */
async function connect() {
  const { connection } = await registerAutentiSandboxClient(control, sandbox.url, { connectionId: 'con_orphans', name: 'Orphans', emailDomain: 'orphans.test' });
  const provider = createAutentiProvider(connection, { http: { sleep: async () => {} } });
  opened.push(provider);
  const account = connection.credentials.accountEmail as string;
  const processes = async () => (await control<ListedProcess[]>('GET', '/document-processes')).filter((process) => process.ownerEmail === account);
  return { provider, processes };
}

/** Creates made since `seq`, from the sandbox's call log. */
async function createsSince(seq: number): Promise<number> {
  const calls = await control<RecordedCall[]>('GET', `/calls?since=${seq}`);
  return calls.filter((call) => call.method === 'POST' && call.path === '/api/v2/document-processes' && call.status < 300).length;
}
const lastSeq = async () => (await control<RecordedCall[]>('GET', '/calls')).at(-1)?.seq ?? 0;

/**
 * The first attempt of a send, killed when it saves the new process's id: the checkpoint keeps what
 * was saved before (the create intent only), and the sandbox the DRAFT the create made.
 */
async function crashAfterCreate(provider: AutentiProvider, request: SendRequest): Promise<Partial<AutentiSendState>> {
  let stored: Partial<AutentiSendState> = {};
  const crashing: SendCheckpoint<AutentiSendState> = {
    get state() {
      return stored;
    },
    async save(state) {
      if (state.processId !== undefined) throw new Error('crash before the save');
      stored = structuredClone(state);
    },
  };
  await expect(provider.send(request, crashing)).rejects.toThrow(/crash/);
  return stored;
}

describe('a send resumed after a crash between the create and its save', () => {
  it('adopts the DRAFT that create left, sends it, and leaves the account with that one process', async () => {
    const { provider, processes } = await connect();
    const request = await sendRequestOf();
    const other = await sendRequestOf();
    const stored = await crashAfterCreate(provider, request);
    expect(Object.keys(stored)).toEqual(['creatingAt']);
    await crashAfterCreate(provider, other);
    const drafts = await processes();
    const orphan = drafts.find((process) => process.title === `Conformance agreement [Countersign ${request.envelopeId}]`);
    const otherOrphan = drafts.find((process) => process.title === `Conformance agreement [Countersign ${other.envelopeId}]`);
    expect(drafts.map((process) => process.status)).toEqual(['DRAFT', 'DRAFT']);

    const before = await lastSeq();
    const resumed = createMemoryCheckpoint<AutentiSendState>(stored);
    const result = await provider.send(request, resumed);

    expect(result.reference).toBe(orphan!.id);
    expect(await createsSince(before)).toBe(0);
    // The adopted id is saved first, before the PUT replaces the title it was found by.
    expect(resumed.saves[0]).toEqual({ ...stored, processId: orphan!.id });
    expect((await provider.fetch(result.reference)).status.unified).toBe('sent');
    // One process for the envelope, sent; the other envelope's draft is left alone.
    expect((await processes()).map(({ id, status }) => ({ id, status }))).toEqual([
      { id: otherOrphan!.id, status: 'DRAFT' },
      { id: orphan!.id, status: 'PROCESSING' },
    ]);
  });

  it('creates the process when the intent was saved but no draft was made, without saving the intent again', async () => {
    const { provider, processes } = await connect();
    const request = await sendRequestOf();
    const before = await lastSeq();
    const resumed = createMemoryCheckpoint<AutentiSendState>({ creatingAt: new Date().toISOString() });
    const result = await provider.send(request, resumed);

    expect(await createsSince(before)).toBe(1);
    expect(resumed.saves[0]!.processId).toBe(result.reference);
    expect(await processes()).toMatchObject([{ id: result.reference, status: 'PROCESSING' }]);
  });

  it('never adopts another envelope\'s draft', async () => {
    const { provider, processes } = await connect();
    const orphaned = await sendRequestOf();
    await crashAfterCreate(provider, orphaned);
    const [orphan] = await processes();

    const request = await sendRequestOf();
    const before = await lastSeq();
    const result = await provider.send(request, createMemoryCheckpoint<AutentiSendState>({ creatingAt: new Date().toISOString() }));

    expect(result.reference).not.toBe(orphan!.id);
    expect(await createsSince(before)).toBe(1);
    expect(await processes()).toMatchObject([
      { id: orphan!.id, status: 'DRAFT', title: `Conformance agreement [Countersign ${orphaned.envelopeId}]` },
      { id: result.reference, status: 'PROCESSING' },
    ]);
  });
});
