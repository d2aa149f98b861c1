import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentsOf } from '../../../test/conformance/requests.js';
import { sandboxControl } from '../../../test/support/sandbox-control.js';
import { LOOPBACK_ALLOWED } from '../../net/outbound-guard.js';
import type { ConnectionConfig } from '../connection.js';
import type { HttpLogEvent } from '../http.js';
import { createMemoryCheckpoint, type SendParticipant, type SendRequest } from '../provider.js';
import { connectiveProvider } from './descriptor.js';
import { NOTHING_ASKED } from '../../../test/support/send-participants.js';

/**
 * Connective through its descriptor alone, as the app uses it, against the sandbox its descriptor
 * starts: what the conformance suite does not ask for (embedded signing, SMS, one person in two
 * roles, receivers, downloads tied to our documents, plain words for wrong credentials).
 */

let sandbox: { url: string; close(): Promise<void> };
let dataDir: string;
const control = sandboxControl(() => sandbox.url);

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'countersign-connective-descriptor-'));
  sandbox = await connectiveProvider.sandbox!.start({ dataDir, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await sandbox?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function connection(overrides: Partial<Record<string, string>> = {}): Promise<ConnectionConfig> {
  const user = await control<{ username: string; password: string }>('POST', '/api-users', { name: 'Descriptor test' });
  return {
    id: 'con_connective',
    provider: 'connective',
    // The host alone, as an admin types it: the adapter adds the API path.
    baseUrl: `${sandbox.url}`,
    credentials: { username: user.username, password: user.password, ...overrides } as Record<string, string>,
    outbound: { allow: LOOPBACK_ALLOWED },
  };
}

function participant(index: number, overrides: Partial<SendParticipant> = {}): SendParticipant {
  return {
    id: `par_${index}`,
    firstName: `Person${index}`,
    lastName: 'Sandbox',
    email: `person${index}-${Math.random().toString(36).slice(2, 8)}@sandbox.test`,
    step: index,
    ...NOTHING_ASKED,
    ...overrides,
  };
}

async function request(participants: SendParticipant[], documents = 1): Promise<SendRequest> {
  return {
    envelopeId: `env_${Math.random().toString(36).slice(2, 12)}`,
    title: 'Sandbox lease',
    message: null,
    language: 'en',
    expiresAt: null,
    externalRef: null,
    callbackUrl: null,
    documents: await documentsOf(documents),
    participants,
  };
}

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

describe('the Connective descriptor', () => {
  it('verifies with the host alone as URL, logs and counts every call with ids out of the paths, and never logs the password', async () => {
    const config = await connection();
    const logged: Array<Record<string, unknown>> = [];
    const counted: HttpLogEvent[] = [];
    const provider = await connectiveProvider.create(config, { logger: { debug: (object) => void logged.push(object) }, recordCall: (event) => void counted.push(event) });
    try {
      expect(await provider.verify()).toEqual({ account: config.credentials.username });
      expect(counted.map((event) => [event.method, event.path, event.status])).toEqual([['GET', '/webportalapi/v3/packages', 200]]);
      await expect(provider.fetch('3c4a9e1b-0000-4000-8000-000000000000')).rejects.toMatchObject({ kind: 'not-found' });
      expect(counted.at(-1)).toMatchObject({ path: '/webportalapi/v3/packages/{id}/status', status: 404 });
      expect(JSON.stringify(logged)).not.toContain(config.credentials.password!);
    } finally {
      await provider.dispose();
    }
  });

  it('says in plain words that a wrong password is not accepted', async () => {
    const provider = await connectiveProvider.create(await connection({ password: 'not-the-password' }), {});
    try {
      await expect(provider.verify()).rejects.toMatchObject({ kind: 'authentication', message: expect.stringMatching(/^The API username or password is not accepted by Connective eSignatures/) });
    } finally {
      await provider.dispose();
    }
  });

  it('makes no call for an aborted signal, and none after dispose', async () => {
    const counted: HttpLogEvent[] = [];
    const provider = await connectiveProvider.create(await connection(), { recordCall: (event) => void counted.push(event) });
    await provider.verify();
    const before = counted.length;
    const controller = new AbortController();
    controller.abort(new Error('the job stopped'));
    await expect(provider.fetch('p-1', { signal: controller.signal })).rejects.toThrow('the job stopped');
    expect(counted).toHaveLength(before);
    await provider.dispose();
    await expect(provider.fetch('p-1')).rejects.toThrow(/disposed/);
    expect(counted).toHaveLength(before);
  });

  it('provisions the built-in connection with a new API user', async () => {
    const made: Array<{ name: string }> = [];
    const connected: unknown[] = [];
    await connectiveProvider.sandbox!.provision(
      { createApiUser: async (input: { name: string }) => (made.push(input), { username: 'api-1', password: 'pw-1' }) },
      async (input) => (connected.push(input), { id: 'con_1', publicJwk: null, callbackUrl: 'http://x/cb' }),
    );
    expect(made).toEqual([{ name: 'Countersign (built-in)' }]);
    expect(connected).toEqual([{ name: 'Connective sandbox (built-in)', credentials: { username: 'api-1', password: 'pw-1' } }]);
  });
});

describe('Connective against its sandbox', () => {
  it('gives an embedded participant its ActionUrl without mailing them, and a fresh one from signingUrl()', async () => {
    const provider = await connectiveProvider.create(await connection(), {});
    try {
      const embedded = participant(1, { delivery: { mode: 'embedded', returnUrl: 'https://host.example/back' } });
      const sent = await request([embedded]);
      const result = await provider.send(sent, createMemoryCheckpoint());
      const link = result.participants[0]!;
      expect(link.signingUrl?.startsWith(`${sandbox.url}/_sandbox/sign/`), link.signingUrl).toBe(true);
      expect(await provider.signingUrl!(result.reference, link.providerReference!, { returnUrl: null })).toEqual({ url: link.signingUrl });
      const held = await control<{ Stakeholders: Array<{ Actors: Array<{ SendNotifications: boolean; RedirectURL: string | null }> }> }>('GET', `/packages/${result.reference}`);
      expect(held.Stakeholders[0]!.Actors[0]).toMatchObject({ SendNotifications: false, RedirectURL: 'https://host.example/back' });
      expect(await control<unknown[]>('GET', `/mailbox?to=${encodeURIComponent(embedded.email)}`)).toEqual([]);
    } finally {
      await provider.dispose();
    }
  });

  it('sends one person who approves and then signs as one stakeholder with two actors, plus a receiver, and matches each back', async () => {
    const provider = await connectiveProvider.create(await connection(), {});
    try {
      const approver = participant(1, { role: 'approver' });
      const signer = participant(2, { email: approver.email, phone: '+32470123456', authentication: [{ method: 'sms' }] });
      const receiver = participant(3, { role: 'receiver' });
      const sent = await request([approver, signer, receiver]);
      const { reference } = await provider.send(sent, createMemoryCheckpoint());
      const held = await control<{ Stakeholders: Array<{ EmailAddress: string; Actors: Array<{ Type: string; OrderIndex: number; Phonenumber: string | null; SigningType: string | null }> }> }>('GET', `/packages/${reference}`);
      expect(held.Stakeholders.map((stakeholder) => [stakeholder.EmailAddress.toLowerCase(), stakeholder.Actors.map((actor) => [actor.Type, actor.OrderIndex])])).toEqual([
        [approver.email, [['Approver', 1], ['Signer', 2]]],
        [receiver.email, [['Receiver', 3]]],
      ]);
      expect(held.Stakeholders[0]!.Actors[1]).toMatchObject({ Phonenumber: '+32470123456', SigningType: 'SmsOtp' });

      await control('POST', `/packages/${reference}/actors/${encodeURIComponent(approver.email)}/actions`, { action: 'sign' });
      const snapshot = await provider.fetch(reference);
      expect(snapshot.participants.map((entry) => [entry.match.participantId, entry.match.role, entry.status.unified])).toEqual([
        ['par_1', 'approver', 'completed'],
        ['par_2', 'signer', 'notified'],
        ['par_3', 'receiver', 'waiting'],
      ]);
    } finally {
      await provider.dispose();
    }
  });

  it('downloads nothing before the package finishes, then each signed PDF tied to our document, and the XML audit proof', async () => {
    const provider = await connectiveProvider.create(await connection(), {});
    try {
      const signer = participant(1);
      const sent = await request([signer], 2);
      const { reference } = await provider.send(sent, createMemoryCheckpoint());
      const early = async (kind: 'signed' | 'audit') => {
        for await (const file of provider.download(reference, kind)) void file;
      };
      await expect(early('signed')).rejects.toMatchObject({ kind: 'conflict' });
      await expect(early('audit')).rejects.toMatchObject({ kind: 'conflict' });
      await control('POST', `/packages/${reference}/actors/${encodeURIComponent(signer.email)}/actions`, { action: 'sign' });
      const signed = [];
      for await (const file of provider.download(reference, 'signed')) signed.push({ ...file, bytes: await read(await file.open()) });
      expect(signed.map((file) => [file.filename, file.documentId, file.mediaType, file.bytes.subarray(0, 5).toString('latin1')])).toEqual([
        ['doc-1.pdf', 'doc_1', 'application/pdf', '%PDF-'],
        ['doc-2.pdf', 'doc_2', 'application/pdf', '%PDF-'],
      ]);
      const audit = [];
      for await (const file of provider.download(reference, 'audit')) audit.push({ ...file, text: (await read(await file.open())).toString('utf8') });
      expect(audit).toHaveLength(1);
      expect(audit[0]!.mediaType).toBe('application/xml');
      expect(audit[0]!.text).toMatch(/^<\?xml|^</);
    } finally {
      await provider.dispose();
    }
  });

  it('places a text anchor where Connective finds the text, labelled as ours and given to the signer', async () => {
    const provider = await connectiveProvider.create(await connection(), {});
    try {
      // documentsOf draws "Conformance document 1" on page 1 of doc-1.pdf.
      const sent = await request([participant(1, { fields: [{ type: 'signature', documentId: 'doc_1', anchor: 'Conformance document 1' }] })]);
      const { reference } = await provider.send(sent, createMemoryCheckpoint());
      const held = await control<{
        PackageDocuments: Array<{ Locations: Array<{ Id: string; Label: string | null; PageNumber: number }> }>;
        Stakeholders: Array<{ Actors: Array<{ LocationIds: string[] }> }>;
      }>('GET', `/packages/${reference}`);
      const [location] = held.PackageDocuments[0]!.Locations;
      expect(held.PackageDocuments[0]!.Locations).toHaveLength(1);
      expect(location).toMatchObject({ Label: 'par_1#1', PageNumber: 1 });
      expect(held.Stakeholders[0]!.Actors[0]!.LocationIds).toEqual([location!.Id]);
      expect((await provider.fetch(reference)).status.unified).toBe('sent');
    } finally {
      await provider.dispose();
    }
  });

  it('fails a send whose text anchor is not in the document with Connective\'s own reason, before anything is sent', async () => {
    const provider = await connectiveProvider.create(await connection(), {});
    try {
      const sent = await request([participant(1, { fields: [{ type: 'signature', documentId: 'doc_1', anchor: '#no-such-marker#' }] })]);
      const checkpoint = createMemoryCheckpoint();
      const error = await provider.send(sent, checkpoint).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ kind: 'conflict', providerMessage: expect.stringContaining('Document.MarkerNotFound') });
      // The package stays a draft: nobody was invited.
      const packageId = (checkpoint.state as { packageId?: string }).packageId!;
      expect((await provider.fetch(packageId)).status.unified).toBe('draft');
    } finally {
      await provider.dispose();
    }
  });
});
