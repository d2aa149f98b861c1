import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentsOf, participantOf, sendRequestOf } from '../../../test/conformance/requests.js';
import { sandboxControl, type SandboxControl } from '../../../test/support/sandbox-control.js';
import { LOOPBACK_ALLOWED } from '../../net/outbound-guard.js';
import { startConsignoSandbox } from '../../sandbox/consigno/index.js';
import { ProviderError } from '../errors.js';
import { createMemoryCheckpoint, type SendRequest } from '../provider.js';
import { createConsignoProvider, type ConsignoProvider, type ConsignoSendState } from './index.js';

/**
 * The adapter against the ConsignO sandbox (src/sandbox/consigno) over HTTP, for what the conformance
 * suite does not ask: the resume rule without a listing, token expiry and rotation mid-flow, second
 * factors, embedded signing, the default zone, receivers, and the files of a download.
 */

type RecordedCall = { seq: number; method: string; path: string; status: number };
type ControlView = {
  status: number;
  documents: Array<{ name: string; fields: Array<{ x: number; y: number; width: number; height: number; page: number; assignedTo: string }> }>;
  notifications: Array<{ contact: { email: string } }>;
  actions: Array<{ mode: string; signingUrl: string | null; signer: { amr: string[]; ref: string } }>;
};

let sandbox: { url: string; close(): Promise<void> };
let dataDir: string;
let control: SandboxControl;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'countersign-consigno-adapter-'));
  sandbox = await startConsignoSandbox({ port: 0, host: '127.0.0.1', dataDir, outbound: { allow: LOOPBACK_ALLOWED } });
  control = sandboxControl(() => sandbox.url);
});

afterAll(async () => {
  await sandbox?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function adapterFor(
  user: { secondFactorRequired?: boolean; same?: { username: string; password: string } } = {},
): Promise<{ adapter: ConsignoProvider; username: string; password: string }> {
  const created = user.same ?? (await control<{ username: string; password: string }>('POST', '/api-users', { name: 'Adapter test', secondFactorRequired: user.secondFactorRequired ?? false }));
  const adapter = createConsignoProvider({
    id: 'con_test',
    provider: 'consigno',
    baseUrl: `${sandbox.url}/api/v1`,
    credentials: { username: created.username, password: created.password },
    outbound: { allow: LOOPBACK_ALLOWED },
  });
  return { adapter, username: created.username, password: created.password };
}

async function callsAfter(seq: number): Promise<RecordedCall[]> {
  return control<RecordedCall[]>('GET', `/calls?since=${seq}`);
}
async function lastSeq(): Promise<number> {
  return (await control<RecordedCall[]>('GET', '/calls?since=0')).at(-1)?.seq ?? 0;
}
const logins = (calls: RecordedCall[]) => calls.filter((call) => call.method === 'POST' && call.path.startsWith('/api/v1/auth')).length;

describe('ConsignO adapter against its sandbox', () => {
  it('resumes a create whose outcome was lost: posts again when it never happened, and asks a person when it did', async () => {
    const { adapter, username, password } = await adapterFor();
    try {
      const request = await sendRequestOf({ documents: 2, steps: [1] });
      // Uploaded and the intent saved, then a crash before the create: posting again makes the one workflow.
      const first = createMemoryCheckpoint<ConsignoSendState>();
      const uploadsOnly = { ...first, save: async (state: Partial<ConsignoSendState>) => (state.creating ? Promise.reject(new Error('crash at the intent')) : first.save(state)) };
      await expect(adapter.send(request, uploadsOnly)).rejects.toThrow(/crash/);
      const resumed = createMemoryCheckpoint<ConsignoSendState>({ ...first.state, creating: true });
      const result = await adapter.send(request, resumed);
      expect((await adapter.fetch(result.reference)).status.unified).toBe('sent');
      expect(resumed.state.workflowId).toBe(result.reference);

      // The same intent again in a new process (no memory of that create): ConsignO says the documents
      // are taken, so the create happened and its id is lost.
      const { adapter: restarted } = await adapterFor({ same: { username, password } });
      const error = await restarted.send(request, createMemoryCheckpoint<ConsignoSendState>({ documents: first.state.documents, creating: true })).catch((caught: unknown) => caught);
      await restarted.dispose();
      expect(ProviderError.is(error, 'outcome-unknown'), String(error)).toBe(true);
      expect((error as ProviderError).retryable).toBe(false);
      expect((error as ProviderError).message).toContain('"Conformance agreement"');
      for (const documentId of Object.values(first.state.documents!)) expect((error as ProviderError).message).toContain(documentId);
    } finally {
      await adapter.dispose();
    }
  });

  it('logs in again once when the sandbox has expired the token (30 minutes idle on its clock)', async () => {
    const { adapter } = await adapterFor();
    try {
      const { reference } = await adapter.send(await sendRequestOf({ steps: [1] }), createMemoryCheckpoint());
      await control('POST', '/clock', { advanceMs: 31 * 60 * 1000 });
      const mark = await lastSeq();
      expect((await adapter.fetch(reference)).status.unified).toBe('sent');
      const calls = await callsAfter(mark);
      expect(calls.map((call) => [call.method, call.path.replace(/\/workflows\/[^/?]+/, '/workflows/{id}'), call.status])).toEqual([
        ['GET', '/api/v1/workflows/{id}', 401],
        ['POST', '/api/v1/auth/login', 200],
        ['GET', '/api/v1/workflows/{id}', 200],
      ]);
    } finally {
      await adapter.dispose();
    }
  });

  it('adopts a rotated token at once, so a sandbox that refuses the replaced one needs no new login', async () => {
    const { adapter, username } = await adapterFor();
    await control('PUT', '/faults', { rotatedTokenFails: true });
    try {
      const { reference } = await adapter.send(await sendRequestOf({ steps: [1] }), createMemoryCheckpoint());
      await control('PATCH', `/api-users/${encodeURIComponent(username)}`, { lang: 'fr' });
      const mark = await lastSeq();
      await adapter.fetch(reference);
      await adapter.fetch(reference);
      const calls = await callsAfter(mark);
      // The first answer carried the new token; the second call used it and was not refused.
      expect(calls.map((call) => call.status)).toEqual([200, 200]);
      expect(logins(calls)).toBe(0);
    } finally {
      await control('DELETE', '/faults');
      await adapter.dispose();
    }
  });

  it('says what ConsignO refuses when the user must use a second factor and the participant has none', async () => {
    const { adapter } = await adapterFor({ secondFactorRequired: true });
    try {
      const refused = createMemoryCheckpoint<ConsignoSendState>();
      const error = await adapter.send(await sendRequestOf({ steps: [1] }), refused).catch((caught: unknown) => caught);
      expect(ProviderError.is(error, 'validation'), String(error)).toBe(true);
      expect((error as ProviderError).message).toContain('actions[0].signer.amr');
      // A refusal created nothing: the intent to create was saved, then withdrawn.
      expect(refused.saves.map((state) => state.creating)).toEqual([undefined, true, undefined]);

      const request = await sendRequestOf({ steps: [1] });
      const withSms: SendRequest = { ...request, participants: [{ ...request.participants[0]!, phone: '+15145550100', authentication: [{ method: 'sms' }] }] };
      const { reference } = await adapter.send(withSms, createMemoryCheckpoint());
      const view = await control<ControlView>('GET', `/workflows/${reference}`);
      expect(view.actions[0]!.signer.amr).toEqual(['link', 'sms']);
    } finally {
      await adapter.dispose();
    }
  });

  it('gives signers without a field stacked default zones on the last page, and sends receivers as notifications', async () => {
    const { adapter } = await adapterFor();
    try {
      const base = await sendRequestOf({ steps: [1, 1] });
      const receiver = participantOf(3, 2, { role: 'receiver' });
      const request: SendRequest = { ...base, participants: [...base.participants, receiver] };
      const { reference } = await adapter.send(request, createMemoryCheckpoint());
      const view = await control<ControlView>('GET', `/workflows/${reference}`);
      expect(view.documents[0]!.fields).toEqual([
        { x: 40, y: 732, width: 165, height: 37, page: 1, assignedTo: 'par_1' },
        { x: 40, y: 687, width: 165, height: 37, page: 1, assignedTo: 'par_2' },
      ]);
      expect(view.notifications.map((notification) => notification.contact.email)).toEqual([receiver.email]);
      const snapshot = await adapter.fetch(reference);
      expect(snapshot.participants.map((participant) => [participant.match.email, participant.status.unified])).toEqual([
        [base.participants[0]!.email, 'notified'],
        [base.participants[1]!.email, 'notified'],
        [receiver.email, 'waiting'],
      ]);
    } finally {
      await adapter.dispose();
    }
  });

  it('places an anchor where its text is in the PDF, and says which tag ConsignO cannot find', async () => {
    const { adapter } = await adapterFor();
    try {
      const base = await sendRequestOf({ steps: [1] });
      const anchored = (anchor: string): SendRequest => ({
        ...base,
        participants: [{ ...base.participants[0]!, fields: [{ type: 'signature', documentId: 'doc_1', anchor, offsetX: 10, pages: [1] }] }],
      });
      const { reference } = await adapter.send(anchored('Conformance document 1'), createMemoryCheckpoint());
      const zones = (await control<ControlView>('GET', `/workflows/${reference}`)).documents[0]!.fields;
      expect(zones).toHaveLength(1);
      expect(zones[0]).toMatchObject({ page: 1, width: 165, height: 37, assignedTo: 'par_1' });
      // The text starts 72 points from the left (requests.ts draws it there); the offset moves the box right.
      expect(Math.round(zones[0]!.x)).toBe(82);

      const missing = await adapter.send(anchored('[[nowhere]]'), createMemoryCheckpoint()).catch((caught: unknown) => caught);
      expect(ProviderError.is(missing, 'validation'), String(missing)).toBe(true);
      expect((missing as ProviderError).message).toContain('[[nowhere]]');
    } finally {
      await adapter.dispose();
    }
  });

  it('sends an embedded participant with its return URL and gives their signing URL; a remote one has none', async () => {
    const { adapter } = await adapterFor();
    try {
      const base = await sendRequestOf({ steps: [1, 2] });
      const request: SendRequest = {
        ...base,
        participants: [{ ...base.participants[0]!, delivery: { mode: 'embedded', returnUrl: 'https://host.example.com/signed?case=7' } }, base.participants[1]!],
      };
      const result = await adapter.send(request, createMemoryCheckpoint());
      const embedded = result.participants[0]!;
      expect(embedded.signingUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_sandbox\/sign\//);
      expect(await adapter.signingUrl!(result.reference, embedded.providerReference!, { returnUrl: null })).toEqual({ url: embedded.signingUrl });
      expect(await adapter.signingUrl!(result.reference, 'par_1', { returnUrl: null })).toEqual({ url: embedded.signingUrl });
      await expect(adapter.signingUrl!(result.reference, 'par_2', { returnUrl: null })).rejects.toMatchObject({ kind: 'conflict' });
      const view = await control<ControlView>('GET', `/workflows/${result.reference}`);
      expect(view.actions[0]!.mode).toBe('embedded');
    } finally {
      await adapter.dispose();
    }
  });

  it('downloads the signed documents split out of the ZIP under their names, and the audit trail; conflict before completion', async () => {
    const { adapter, username, password } = await adapterFor();
    try {
      const request = await sendRequestOf({ documents: 2, steps: [1] });
      const { reference } = await adapter.send(request, createMemoryCheckpoint());
      const early = await (async () => {
        for await (const file of adapter.download(reference, 'signed')) return file;
      })().catch((caught: unknown) => caught);
      expect(ProviderError.is(early, 'conflict'), String(early)).toBe(true);
      await control('POST', `/workflows/${reference}/signers/${encodeURIComponent(request.participants[0]!.email)}/actions`, { action: 'sign' });
      const files: Array<{ filename: string; mediaType: string; head: string }> = [];
      for (const kind of ['signed', 'audit'] as const) {
        for await (const file of adapter.download(reference, kind)) {
          const chunks: Buffer[] = [];
          for await (const chunk of await file.open()) chunks.push(chunk as Buffer);
          files.push({ filename: file.filename, mediaType: file.mediaType, head: Buffer.concat(chunks).subarray(0, 5).toString('latin1') });
        }
      }
      expect(files).toEqual([
        { filename: 'doc-1.pdf', mediaType: 'application/pdf', head: '%PDF-' },
        { filename: 'doc-2.pdf', mediaType: 'application/pdf', head: '%PDF-' },
        { filename: `audit-trail-${reference}.pdf`, mediaType: 'application/pdf', head: '%PDF-' },
      ]);
    } finally {
      await adapter.dispose();
    }
  });

  it('says a completed workflow deleted since is completed, its files gone for good, instead of "not completed yet"', async () => {
    const { adapter } = await adapterFor();
    try {
      const request = await sendRequestOf({ documents: 1, steps: [1] });
      const { reference } = await adapter.send(request, createMemoryCheckpoint());
      await control('POST', `/workflows/${reference}/signers/${encodeURIComponent(request.participants[0]!.email)}/actions`, { action: 'sign' });
      await adapter.delete!(reference);
      expect((await adapter.fetch(reference)).status.unified).toBe('completed');
      const refused = await (async () => {
        for await (const file of adapter.download(reference, 'signed')) return file;
      })().catch((caught: unknown) => caught);
      expect(ProviderError.is(refused, 'gone'), String(refused)).toBe(true);
      expect(String(refused)).toContain('was deleted at ConsignO Cloud');
    } finally {
      await adapter.dispose();
    }
  });

  it('reports a withdrawal whose delete crossed the last signature as the completion it met, not as withdrawn', async () => {
    const request = await sendRequestOf({ documents: 1, steps: [1] });
    // Between the adapter's read (in progress) and its delete, the signer signs: a proxy in front of
    // the sandbox lets the signature land just before it forwards the DELETE.
    const proxy = await startProxy(sandbox.url, async (method, path) => {
      const deleting = /^\/api\/v1\/workflows\/([^/]+)$/.exec(path);
      if (method === 'DELETE' && deleting) await control('POST', `/workflows/${deleting[1]}/signers/${encodeURIComponent(request.participants[0]!.email)}/actions`, { action: 'sign' });
    });
    const created = await control<{ username: string; password: string }>('POST', '/api-users', { name: 'Adapter test', secondFactorRequired: false });
    const adapter = createConsignoProvider({
      id: 'con_test',
      provider: 'consigno',
      baseUrl: `${proxy.url}/api/v1`,
      credentials: { username: created.username, password: created.password },
      outbound: { allow: LOOPBACK_ALLOWED },
    });
    try {
      const { reference } = await adapter.send(request, createMemoryCheckpoint());
      const refused = await adapter.withdraw(reference).catch((caught: unknown) => caught);
      expect(ProviderError.is(refused, 'conflict'), String(refused)).toBe(true);
      expect(String(refused)).toMatch(/was completed at ConsignO Cloud just before the withdrawal reached it/);
      expect((await adapter.fetch(reference)).status.unified).toBe('completed');
    } finally {
      await adapter.dispose();
      await proxy.close();
    }
  });

  it('downloads a one-document workflow as the PDF ConsignO answers, without a ZIP', async () => {
    const { adapter } = await adapterFor();
    try {
      const request = await sendRequestOf({ documents: 1, steps: [1] });
      const { reference } = await adapter.send(request, createMemoryCheckpoint());
      await control('POST', `/workflows/${reference}/signers/${encodeURIComponent(request.participants[0]!.email)}/actions`, { action: 'sign' });
      const files: Array<{ filename: string; head: string }> = [];
      for await (const file of adapter.download(reference, 'signed')) {
        const chunks: Buffer[] = [];
        for await (const chunk of await file.open()) chunks.push(chunk as Buffer);
        files.push({ filename: file.filename, head: Buffer.concat(chunks).subarray(0, 5).toString('latin1') });
      }
      expect(files).toEqual([{ filename: 'doc-1.pdf', head: '%PDF-' }]);
    } finally {
      await adapter.dispose();
    }
  });

  it('verifies in plain words: the account when the key and secret are right, which credentials to check when not', async () => {
    const { adapter, username } = await adapterFor();
    const wrong = createConsignoProvider({ id: 'con_wrong', provider: 'consigno', baseUrl: `${sandbox.url}/api/v1`, credentials: { username, password: 'not-the-secret' }, outbound: { allow: LOOPBACK_ALLOWED } });
    try {
      expect((await adapter.verify()).account).toBeTypeOf('string');
      const error = await wrong.verify().catch((caught: unknown) => caught);
      expect(ProviderError.is(error, 'authentication'), String(error)).toBe(true);
      expect((error as ProviderError).message).toMatch(/refused the username or password .*Settings → Connections/);
      expect((error as ProviderError).message).not.toContain('not-the-secret');
    } finally {
      await adapter.dispose();
      await wrong.dispose();
    }
  });

  it('withdraws by deleting: every link dies and the workflow reads withdrawn', async () => {
    const { adapter } = await adapterFor();
    try {
      const { reference } = await adapter.send({ ...(await sendRequestOf({ steps: [1] })), documents: await documentsOf(1) }, createMemoryCheckpoint());
      await adapter.withdraw(reference);
      expect((await adapter.fetch(reference)).status).toEqual({ unified: 'withdrawn', raw: { status: 6 } });
      // A second delete (ConsignO: 409, already deleted) counts as done.
      await adapter.delete!(reference);
      expect((await adapter.fetch(reference)).status.unified).toBe('withdrawn');
    } finally {
      await adapter.dispose();
    }
  });

  it('refuses to withdraw a workflow that ended meanwhile, and leaves it (and its signed files) in place', async () => {
    // Deleting is ConsignO's only withdrawal, and it takes a completed workflow's files with it: a
    // withdrawal that raced a decline deleted the declined workflow in the chaos soak.
    const { adapter } = await adapterFor();
    try {
      const request = { ...(await sendRequestOf({ steps: [1] })), documents: await documentsOf(1) };
      const { reference } = await adapter.send(request, createMemoryCheckpoint());
      await control('POST', `/workflows/${reference}/signers/${encodeURIComponent(request.participants[0]!.email)}/actions`, { action: 'decline', reason: 'Wrong amount' });
      const refused = await adapter.withdraw(reference).then(() => null, (error: unknown) => error);
      expect(ProviderError.is(refused, 'conflict'), String(refused)).toBe(true);
      expect((refused as ProviderError).message).toMatch(/is rejected at ConsignO Cloud.*not deleted/);
      expect((await adapter.fetch(reference)).status).toEqual({ unified: 'rejected', raw: { status: 5 } });
    } finally {
      await adapter.dispose();
    }
  });
});

/** A pass-through HTTP proxy to `target` that runs `before` ahead of forwarding each request. */
async function startProxy(target: string, before: (method: string, path: string) => Promise<void>): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((incoming, outgoing) => {
    void before(incoming.method ?? 'GET', incoming.url ?? '/').then(() => {
      const forwarded = request(new URL(incoming.url ?? '/', target), { method: incoming.method, headers: incoming.headers }, (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      incoming.pipe(forwarded);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
