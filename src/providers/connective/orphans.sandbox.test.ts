import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendRequestOf } from '../../../test/conformance/requests.js';
import { sandboxControl } from '../../../test/support/sandbox-control.js';
import { LOOPBACK_ALLOWED } from '../../net/outbound-guard.js';
import { startConnectiveSandbox } from '../../sandbox/connective/index.js';
import { createMemoryCheckpoint, type SendCheckpoint, type SendRequest } from '../provider.js';
import { createConnectiveProvider, type ConnectiveProvider } from './index.js';
import type { ConnectiveSendState } from './send.js';

/**
 * A crash between Create Package and the save of its id (send.ts, step 1): the resumed send adopts
 * the `Draft` package that create left, by its `ExternalPackageReference`, and never another
 * envelope's; with the intent saved and no such package, it creates one.
 */

let sandbox: { url: string; close(): Promise<void> };
let dataDir: string;
const control = sandboxControl(() => sandbox.url);
const opened: ConnectiveProvider[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'countersign-connective-orphans-'));
  sandbox = await startConnectiveSandbox({ port: 0, dataDir });
});

afterEach(async () => {
  for (const provider of opened.splice(0)) await provider.dispose?.();
});

afterAll(async () => {
  await sandbox?.close();
  await rm(dataDir, { recursive: true, force: true });
});

type ListedPackage = { Id: string; PackageStatus: string; ExternalPackageReference: string | null; Owner: string };
type RecordedCall = { seq: number; method: string; path: string; status: number };

/** An adapter acting as an API user of its own, and what the sandbox holds for that user. */
async function connect(pageSize?: number) {
  const user = await control<{ username: string; password: string }>('POST', '/api-users', { name: 'Orphans' });
  const provider = createConnectiveProvider(
    {
      id: 'con_orphans',
      provider: 'connective',
      baseUrl: `${sandbox.url}/webportalapi/v3/`,
      credentials: { username: user.username, password: user.password },
      outbound: { allow: LOOPBACK_ALLOWED },
    },
    { http: { sleep: async () => {} }, ...(pageSize ? { pageSize } : {}) },
  );
  opened.push(provider);
  const packages = async () => (await control<ListedPackage[]>('GET', '/packages')).filter((pkg) => pkg.Owner === user.username);
  return { provider, packages };
}

/** Creates and Package List calls made since `seq`, from the sandbox's call log. */
async function callsSince(seq: number) {
  const calls = await control<RecordedCall[]>('GET', `/calls?since=${seq}`);
  const isPackages = (call: RecordedCall) => /^\/webportalapi\/v3\/packages(\?|$)/.test(call.path) && call.status < 300;
  return {
    creates: calls.filter((call) => call.method === 'POST' && isPackages(call)).length,
    lists: calls.filter((call) => call.method === 'GET' && isPackages(call)).length,
  };
}
const lastSeq = async () => (await control<RecordedCall[]>('GET', '/calls')).at(-1)?.seq ?? 0;

/**
 * The first attempt of a send, killed when it saves the new package's id: the checkpoint keeps what
 * was saved before (the create intent only), and the sandbox the `Draft` the create made.
 */
async function crashAfterCreate(provider: ConnectiveProvider, request: SendRequest): Promise<Partial<ConnectiveSendState>> {
  let stored: Partial<ConnectiveSendState> = {};
  const crashing: SendCheckpoint<ConnectiveSendState> = {
    get state() {
      return stored;
    },
    async save(state) {
      if (state.packageId !== undefined) throw new Error('crash before the save');
      stored = structuredClone(state);
    },
  };
  await expect(provider.send(request, crashing)).rejects.toThrow(/crash/);
  return stored;
}

describe('a send resumed after a crash between the create and its save', () => {
  it('adopts the Draft package that create left, sends it, and leaves the user with that one package', async () => {
    const { provider, packages } = await connect();
    const request = await sendRequestOf();
    const other = await sendRequestOf();
    const stored = await crashAfterCreate(provider, request);
    expect(Object.keys(stored)).toEqual(['creatingAt']);
    await crashAfterCreate(provider, other);
    const drafts = await packages();
    const orphan = drafts.find((pkg) => pkg.ExternalPackageReference === request.envelopeId);
    const otherOrphan = drafts.find((pkg) => pkg.ExternalPackageReference === other.envelopeId);
    expect(drafts.map((pkg) => pkg.PackageStatus)).toEqual(['Draft', 'Draft']);

    const before = await lastSeq();
    const resumed = createMemoryCheckpoint<ConnectiveSendState>(stored);
    const result = await provider.send(request, resumed);

    expect(result.reference).toBe(orphan!.Id);
    // One Package List call found it (both drafts fit on a page); nothing was created.
    expect(await callsSince(before)).toEqual({ creates: 0, lists: 1 });
    expect(resumed.saves[0]).toEqual({ ...stored, packageId: orphan!.Id });
    expect((await provider.fetch(result.reference)).status.unified).toBe('sent');
    expect((await packages()).map(({ Id, PackageStatus }) => ({ Id, PackageStatus }))).toEqual([
      { Id: orphan!.Id, PackageStatus: 'Pending' },
      { Id: otherOrphan!.Id, PackageStatus: 'Draft' },
    ]);
  });

  it('creates the package when the intent was saved but no draft was made, without saving the intent again', async () => {
    const { provider, packages } = await connect();
    const request = await sendRequestOf();
    const before = await lastSeq();
    const resumed = createMemoryCheckpoint<ConnectiveSendState>({ creatingAt: new Date().toISOString() });
    const result = await provider.send(request, resumed);

    expect(await callsSince(before)).toEqual({ creates: 1, lists: 1 });
    expect(resumed.saves[0]!.packageId).toBe(result.reference);
    expect(await packages()).toMatchObject([{ Id: result.reference, PackageStatus: 'Pending' }]);
  });

  it('never adopts another envelope\'s draft', async () => {
    const { provider, packages } = await connect();
    const orphaned = await sendRequestOf();
    await crashAfterCreate(provider, orphaned);
    const [orphan] = await packages();

    const request = await sendRequestOf();
    const before = await lastSeq();
    const result = await provider.send(request, createMemoryCheckpoint<ConnectiveSendState>({ creatingAt: new Date().toISOString() }));

    expect(result.reference).not.toBe(orphan!.Id);
    expect((await callsSince(before)).creates).toBe(1);
    expect(await packages()).toMatchObject([
      { Id: orphan!.Id, PackageStatus: 'Draft', ExternalPackageReference: orphaned.envelopeId },
      { Id: result.reference, PackageStatus: 'Pending' },
    ]);
  });

  it('pages through Package List with the continuation token until it finds the draft', async () => {
    // Pages of 2: three other envelopes' drafts, created after the intent and before the orphan,
    // fill the first page and half the second (the list is in creation order).
    const { provider, packages } = await connect(2);
    const request = await sendRequestOf();
    const stored: Partial<ConnectiveSendState> = { creatingAt: new Date().toISOString() };
    for (let index = 0; index < 3; index += 1) await crashAfterCreate(provider, await sendRequestOf());
    await crashAfterCreate(provider, request);
    const orphan = (await packages()).find((pkg) => pkg.ExternalPackageReference === request.envelopeId);

    const before = await lastSeq();
    const result = await provider.send(request, createMemoryCheckpoint<ConnectiveSendState>(stored));
    expect(result.reference).toBe(orphan!.Id);
    expect(await callsSince(before)).toEqual({ creates: 0, lists: 2 });
  });
});
