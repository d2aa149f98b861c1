import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { LOOPBACK_ALLOWED } from '../../net/outbound-guard.js';
import { ProviderError } from '../errors.js';
import { createMemoryCheckpoint, type SendParticipant, type SendRequest } from '../provider.js';
import { createConnectiveProvider } from './index.js';
import type { ConnectiveSendState } from './send.js';
import { participantNamed } from '../../../test/support/send-participants.js';

/**
 * A minimal Connective: enough of the wire contract to watch what send() asks, in order, and to
 * lose an answer on purpose. The conformance suite runs the real sandbox; this pins the exact bodies.
 */
async function fakeConnective(options: { loseStatusAnswer?: boolean; maxAttempts?: number } = {}) {
  const calls: Array<{ method: string; path: string; body: any }> = [];
  let documents: Array<{ DocumentId: string; ExternalDocumentReference: string }> = [];
  let status = 'Draft';
  let stakeholders: any[] = [];
  let lose = options.loseStatusAnswer ?? false;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text === '' ? undefined : JSON.parse(text);
      if (body?.Document) body.Document = Buffer.from(body.Document, 'base64').toString('utf8');
      const path = (request.url ?? '').replace('/webportalapi/v3/', '');
      calls.push({ method: request.method!, path, body });
      const json = (code: number, value: unknown) => response.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      const packageStatus = () => ({
        PackageStatus: status,
        ExpiryTimestamp: null,
        PackageDocuments: documents.map((document) => ({ ...document, DocumentName: 'x.pdf', DocumentType: 'application/pdf' })),
        Stakeholders: stakeholders.map((stakeholder, s) => ({
          EmailAddress: stakeholder.EmailAddress,
          ExternalStakeholderReference: stakeholder.ExternalStakeholderReference,
          StakeholderId: `s${s}`,
          Actors: stakeholder.Actors.map((_actor: unknown, a: number) => ({ ActorId: `a${s}${a}`, ActorStatus: status === 'Draft' ? 'Draft' : 'Available', ActionUrl: status === 'Draft' ? null : `https://sign.example/a${s}${a}` })),
        })),
      });
      if (request.method === 'POST' && path === 'packages') return json(201, { PackageId: 'pkg-1', CreationTimestamp: '2026-11-30T10:00:00Z' });
      if (request.method === 'POST' && path === 'packages/pkg-1/documents') {
        const DocumentId = `doc-${documents.length + 1}`;
        documents.push({ DocumentId, ExternalDocumentReference: body.ExternalDocumentReference });
        return json(200, { DocumentId, CreationTimestamp: null, Locations: (body.SigningFields ?? []).map((field: any, index: number) => ({ Id: `${DocumentId}-loc${index + 1}`, Label: field.Label, PageNumber: 1 })) });
      }
      if (request.method === 'GET' && path === 'packages/pkg-1/locations') return json(200, { Documents: documents.map((document) => ({ ...document, Locations: [] })) });
      if (request.method === 'DELETE' && path.startsWith('packages/pkg-1/documents/')) {
        documents = documents.filter((document) => !path.endsWith(`/${document.DocumentId}`));
        return json(200, {});
      }
      if (request.method === 'PUT' && path === 'packages/pkg-1/process') {
        stakeholders = body.Stakeholders;
        return json(200, {});
      }
      if (request.method === 'PUT' && path === 'packages/pkg-1/status') {
        // As the sandbox and the reference: only a Draft package can be set Pending.
        if (body.Status === 'Pending' && status !== 'Draft') return json(409, { ErrorCode: 'Package.InvalidStatus', Message: `Package pkg-1 is ${status}; only a Draft package can be set to Pending.` });
        status = body.Status;
        if (lose) {
          lose = false;
          return request.socket.destroy();
        }
        return json(200, packageStatus());
      }
      if (request.method === 'GET' && path === 'packages/pkg-1/status') return json(200, packageStatus());
      json(404, { ErrorCode: 'Request.NotFound', Message: `no route ${request.method} ${path}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const adapter = createConnectiveProvider(
    {
      id: 'con_1',
      provider: 'connective',
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webportalapi/v3/`,
      credentials: { username: 'api', password: 'secret', initiator: 'owner@example.test' },
      outbound: { allow: LOOPBACK_ALLOWED },
    },
    { http: { sleep: async () => {}, maxAttempts: options.maxAttempts ?? 1 } },
  );
  opened.push({ server, adapter });
  return { adapter, calls, summary: () => calls.map((call) => `${call.method} ${call.path}`) };
}

const opened: Array<{ server: Server; adapter: { dispose(): Promise<void> } }> = [];
afterEach(async () => {
  for (const { server, adapter } of opened.splice(0)) {
    await adapter.dispose();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const participant = participantNamed;

function request(participants: SendParticipant[]): SendRequest {
  const document = (id: string, text: string) => ({ id, filename: `${id}.pdf`, mediaType: 'application/pdf', size: Buffer.byteLength(text), sha256: '', open: async () => Readable.from([Buffer.from(text)]) });
  return {
    envelopeId: 'env_1',
    title: 'Lease',
    message: null,
    language: 'en',
    expiresAt: null,
    externalRef: null,
    callbackUrl: 'https://app.example/cb/token',
    documents: [document('doc_1', '%PDF-one'), document('doc_2', '%PDF-two')],
    participants,
  };
}

describe('send', () => {
  it('creates, adds each document with its fields, sets the process with their location ids, then sends: one call each, a checkpoint after each', async () => {
    const { adapter, calls, summary } = await fakeConnective();
    const checkpoint = createMemoryCheckpoint<ConnectiveSendState>();
    const sent = request([
      participant('par_1', { delivery: { mode: 'embedded', returnUrl: 'https://host.example/back' }, fields: [{ type: 'signature', documentId: 'doc_2', anchor: '#one' }] }),
      participant('par_2', { step: 2, fields: [{ type: 'signature', documentId: 'doc_2', page: 1, left: 1, top: 2, width: 3, height: 4 }] }),
    ]);
    const result = await adapter.send(sent, checkpoint);
    expect(summary()).toEqual(['POST packages', 'POST packages/pkg-1/documents', 'POST packages/pkg-1/documents', 'PUT packages/pkg-1/process', 'PUT packages/pkg-1/status']);
    expect(calls[0]!.body).toEqual({ PackageName: 'Lease', Initiator: 'owner@example.test', CallBackUrl: 'https://app.example/cb/token', ExternalPackageReference: 'env_1' });
    expect(calls[1]!.body).toEqual({ DocumentName: 'doc_1.pdf', DocumentLanguage: 'en', DocumentType: 'application/pdf', ExternalDocumentReference: 'doc_1', Document: '%PDF-one' });
    expect(calls[2]!.body.SigningFields).toEqual([{ MarkerOrFieldId: '#one', Label: 'par_1#1' }, { PageNumber: 1, Left: 1, Top: 2, Width: 3, Height: 4, Label: 'par_2#1' }]);
    expect(calls[3]!.body.Stakeholders.map((stakeholder: any) => stakeholder.Actors)).toEqual([
      [{ Type: 'Signer', OrderIndex: 1, LocationIds: ['doc-2-loc1'], SendNotifications: false, RedirectURL: 'https://host.example/back' }],
      [{ Type: 'Signer', OrderIndex: 2, LocationIds: ['doc-2-loc2'] }],
    ]);
    expect(calls[4]!.body).toEqual({ Status: 'Pending' });
    expect(checkpoint.saves.map((state) => Object.keys(state).filter((key) => key !== 'creatingAt').sort().join(','))).toEqual([
      '',
      'packageId',
      'documentIds,locationIds,packageId',
      'documentIds,locationIds,packageId',
      'documentIds,locationIds,packageId,processSet',
      'documentIds,locationIds,packageId,processSet,sending',
      'documentIds,locationIds,packageId,processSet,sending,sent',
    ]);
    // The create intent comes first, stamped before the create.
    expect(Object.keys(checkpoint.saves[0]!)).toEqual(['creatingAt']);
    expect(result).toEqual({
      reference: 'pkg-1',
      participants: [
        { participantId: 'par_1', providerReference: 's0/a00', signingUrl: 'https://sign.example/a00' },
        { participantId: 'par_2', providerReference: 's1/a10' },
      ],
    });
  });

  it('after a lost answer to the send, asks the package status and does not send again', async () => {
    const { adapter, summary } = await fakeConnective({ loseStatusAnswer: true });
    const checkpoint = createMemoryCheckpoint<ConnectiveSendState>();
    await expect(adapter.send(request([participant('par_1')]), checkpoint)).rejects.toBeInstanceOf(ProviderError);
    expect(checkpoint.state.sending).toBe(true);
    const result = await adapter.send(request([participant('par_1')]), createMemoryCheckpoint(checkpoint.state));
    expect(result.reference).toBe('pkg-1');
    expect(summary().filter((call) => call === 'PUT packages/pkg-1/status')).toHaveLength(1);
    expect(summary().slice(-1)).toEqual(['GET packages/pkg-1/status']);
  });

  it('reads a refused repeat of the send (its first answer lost, the HTTP client asked again) as sent when the package is no longer a draft', async () => {
    const { adapter, summary } = await fakeConnective({ loseStatusAnswer: true, maxAttempts: 2 });
    const result = await adapter.send(request([participant('par_1')]), createMemoryCheckpoint<ConnectiveSendState>());
    expect(result.reference).toBe('pkg-1');
    expect(summary().slice(-3)).toEqual(['PUT packages/pkg-1/status', 'PUT packages/pkg-1/status', 'GET packages/pkg-1/status']);
  });

  it('on resume, removes a document added by an upload whose save was lost before adding it again', async () => {
    const { adapter, summary } = await fakeConnective();
    // An earlier attempt created the package and added doc_1, but crashed before saving its id (the
    // third save, after the create intent and the package id).
    const first = createMemoryCheckpoint<ConnectiveSendState>();
    let saves = 0;
    const crashing = { state: {}, save: async (state: Partial<ConnectiveSendState>) => { saves += 1; if (saves === 3) throw new Error('crash'); await first.save(state); } };
    await expect(adapter.send(request([participant('par_1')]), crashing)).rejects.toThrow('crash');
    const result = await adapter.send(request([participant('par_1')]), createMemoryCheckpoint(first.state));
    expect(result.reference).toBe('pkg-1');
    expect(summary()).toEqual([
      'POST packages',
      'POST packages/pkg-1/documents',
      'GET packages/pkg-1/locations',
      'DELETE packages/pkg-1/documents/doc-1',
      'POST packages/pkg-1/documents',
      'POST packages/pkg-1/documents',
      'GET packages/pkg-1/status',
      'PUT packages/pkg-1/process',
      'PUT packages/pkg-1/status',
    ]);
  });
});
