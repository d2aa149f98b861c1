import { openAsBlob } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCountersignClient, CountersignError, verifyWebhook, WebhookVerificationError, type CountersignClient, type WebhookEvent } from '../../packages/client/src/index.js';
import { callBuiltInSandbox } from '../support/built-in-sandbox.js';
import { FIXTURES } from '../support/fixtures.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';
import { waitUntil } from '../support/waiting.js';

/**
 * The typed client (@countersign/client, from its source) against the real server and its built-in
 * Autenti sandbox, as a host application uses it: create and send an envelope, page through lists,
 * read a refusal, and receive webhooks on loopback (opened with COUNTERSIGN_ALLOW_PRIVATE_URLS) with a
 * handler that verifies each delivery with verifyWebhook and downloads the signed file.
 */

let server: ServerProcess;
let countersign: CountersignClient;
let folder: ReturnType<typeof temporaryDataDir>;

beforeAll(async () => {
  folder = temporaryDataDir();
  server = await startServer({ dataDir: folder.dataDir, env: { COUNTERSIGN_ALLOW_PRIVATE_URLS: '127.0.0.1' } });
  countersign = createCountersignClient({ baseUrl: server.url, apiKey: server.apiKey });
});

afterAll(async () => {
  await server?.stop();
  folder?.remove();
});

const signer = { firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', role: 'signer' as const, step: 1 };

async function createEnvelope(title: string, externalRef: string) {
  const document = await countersign.uploadDocument(await openAsBlob(FIXTURES.pdf), 'Agreement.pdf');
  return countersign.POST('/api/v1/envelopes', { body: { title, documentIds: [document.id], participants: [signer], externalRef } });
}

function waitForStatus(envelopeId: string, status: string) {
  return waitUntil(
    () => countersign.GET('/api/v1/envelopes/{envelopeId}', { params: { path: { envelopeId } } }),
    (envelope) => envelope.status === status,
    { what: `envelope ${envelopeId} to be ${status}` },
  );
}

describe('@countersign/client against the real server', () => {
  it('creates an envelope and sends it once through the built-in Autenti sandbox, a repeated send with its Idempotency-Key answered as the first', async () => {
    const envelope = await createEnvelope('Boat rental', 'crm-4711');
    expect(envelope).toMatchObject({ title: 'Boat rental', status: 'ready', externalRef: 'crm-4711', documents: [{ filename: 'Agreement.pdf' }] });

    const send = { params: { path: { envelopeId: envelope.id } }, idempotencyKey: `crm-4711-send-${envelope.id}` };
    const first = await countersign.POST('/api/v1/envelopes/{envelopeId}/send', send);
    const repeated = await countersign.POST('/api/v1/envelopes/{envelopeId}/send', send);
    expect(first.status).toBe('sending');
    expect(repeated).toEqual(first);

    const sent = await waitForStatus(envelope.id, 'sent');
    expect(sent.providerReference).toMatch(/^DOCUMENT_PROCESS:/);
    // Once only: one envelope-sending line in its history, whatever the repeat did.
    expect(sent.events.filter((event) => event.type === 'envelope-sending')).toHaveLength(1);
  });

  it('throws the server’s refusals as CountersignErrors with its detail, status and problem members', async () => {
    const envelope = await createEnvelope('Sent twice', 'crm-4712');
    await countersign.POST('/api/v1/envelopes/{envelopeId}/send', { params: { path: { envelopeId: envelope.id } } });
    await waitForStatus(envelope.id, 'sent');

    // A second send without the first's key is a new request: the server refuses it (409) and says why.
    const conflict = await countersign.POST('/api/v1/envelopes/{envelopeId}/send', { params: { path: { envelopeId: envelope.id } } }).catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(CountersignError);
    expect(conflict).toMatchObject({ status: 409, problem: { currentStatus: 'sent' } });
    expect((conflict as CountersignError).detail).toContain(envelope.id);
    expect((conflict as CountersignError).message).toBe((conflict as CountersignError).detail);
    expect((conflict as CountersignError).requestId).toEqual(expect.any(String));

    const missing = await countersign.GET('/api/v1/envelopes/{envelopeId}', { params: { path: { envelopeId: 'env_01KBQ6T1S1J5R0C2Y7V8N3B6QK' } } }).catch((error: unknown) => error);
    expect(missing).toMatchObject({ status: 404, title: expect.any(String), detail: expect.stringContaining('env_01KBQ6T1S1J5R0C2Y7V8N3B6QK') });

    const invalid = await countersign
      .POST('/api/v1/envelopes', { body: { title: 'Bad email', documentIds: [envelope.documents[0]!.id], participants: [{ ...signer, email: 'james.dawson' }] } })
      .catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(CountersignError);
    expect((invalid as CountersignError).status).toBeGreaterThanOrEqual(400);
    expect((invalid as CountersignError).errors.map((error) => error.path)).toContain('participants[0].email');

    const stranger = createCountersignClient({ baseUrl: server.url, apiKey: 'csk_not-a-key' });
    await expect(stranger.GET('/api/v1/envelopes')).rejects.toMatchObject({ name: 'CountersignError', status: 401 });
  });

  it('iterates a cursor-paginated list of envelopes and the events feed page by page', async () => {
    const created: string[] = [];
    for (let index = 0; index < 5; index++) created.push((await createEnvelope(`Paged ${index}`, 'paged')).id);

    const listed: string[] = [];
    for await (const envelope of countersign.paginate('/api/v1/envelopes', { params: { query: { externalRef: 'paged', limit: 2 } } })) listed.push(envelope.id);
    expect(listed).toEqual([...created].reverse()); // newest first, over three pages

    const everything = await countersign.GET('/api/v1/events', { params: { query: { limit: 1000 } } });
    expect(everything.hasMore).toBe(false);
    const paged: string[] = [];
    for await (const event of countersign.paginate('/api/v1/events', { params: { query: { limit: 3 } } })) paged.push(event.id);
    expect(paged.length).toBeGreaterThan(3);
    expect(paged).toEqual(everything.data.map((event) => event.id));
  });

  it('delivers to a host whose handler verifies each delivery with verifyWebhook and downloads the signed file, through a secret rotation', async () => {
    const host = await startHost();
    try {
      const endpoint = await countersign.POST('/api/v1/webhook-endpoints', { body: { url: host.url, events: ['envelope.completed', 'artifact.archived'], description: 'CRM' } });
      host.secret = endpoint.secret;

      const envelope = await createEnvelope('Boat rental', 'crm-4713');
      await countersign.POST('/api/v1/envelopes/{envelopeId}/send', { params: { path: { envelopeId: envelope.id } } });
      const sent = await waitForStatus(envelope.id, 'sent');
      const signed = await callBuiltInSandbox(`${server.url}/sandbox/autenti`, server.apiKey, 'POST', `/_sandbox/document-processes/${sent.providerReference}/parties/${signer.email}/actions`, {
        action: 'sign',
      });
      expect(signed.status).toBe(200);

      await waitUntil(
        async () => {
          // The sandbox's callback or the next scheduled sync brings the signature; a sync now saves the wait.
          if (!host.events.some((event) => event.type === 'envelope.completed')) {
            await countersign.POST('/api/v1/envelopes/{envelopeId}/sync', { params: { path: { envelopeId: envelope.id } } });
          }
          return host.signedFiles.length;
        },
        (files) => files > 0,
        { what: 'the host to download the signed file' },
      );
      const completed = host.events.find((event) => event.type === 'envelope.completed');
      expect(completed).toMatchObject({ envelopeId: envelope.id, data: { externalRef: 'crm-4713', envelope: { status: 'completed' } } });
      expect(host.signedFiles[0]!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect([host.refused, host.failed]).toEqual([0, []]);

      // After a rotation every delivery carries both secrets' signatures for 24 h: the host, still on the
      // old secret, accepts the ping; so would one already on the new secret.
      const rotated = await countersign.POST('/api/v1/webhook-endpoints/{endpointId}/rotate-secret', { params: { path: { endpointId: endpoint.id } } });
      expect(rotated.secret).not.toBe(endpoint.secret);
      await countersign.POST('/api/v1/webhook-endpoints/{endpointId}/test', { params: { path: { endpointId: endpoint.id } } });
      const ping = await waitUntil(
        async () => host.received.find((request) => request.event.type === 'ping'),
        (request) => request !== undefined,
        { what: 'the ping' },
      );
      expect(ping!.headers['webhook-signature']!.toString().split(' ')).toHaveLength(2);
      expect(verifyWebhook(rotated.secret, ping!.headers, ping!.body)).toEqual(ping!.event);
      expect([host.refused, host.failed]).toEqual([0, []]);

      // Another endpoint's secret verifies none of them: the host answers 400, and the server records it.
      host.secret = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
      await countersign.POST('/api/v1/webhook-endpoints/{endpointId}/test', { params: { path: { endpointId: endpoint.id } } });
      await waitUntil(async () => host.refused, (refused) => refused > 0, { what: 'the host to refuse a delivery' });
    } finally {
      await host.close();
    }
  });
});

/**
 * A host application's webhook receiver, written as packages/client/README.md shows it: the raw body,
 * verifyWebhook with the endpoint's secret, 400 for what does not verify, the signed file downloaded
 * when its artifact.archived arrives.
 */
async function startHost() {
  const host = {
    secret: '',
    url: '',
    events: [] as WebhookEvent[],
    /** The deliveries that verified, as received. */
    received: [] as Array<{ headers: Record<string, string | string[] | undefined>; body: Buffer; event: WebhookEvent }>,
    signedFiles: [] as Buffer[],
    refused: 0,
    /** What failed after a delivery verified (a download): answered 500, and the test fails on it. */
    failed: [] as unknown[],
    close: async () => {},
  };
  const receiver: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    try {
      const event = verifyWebhook(host.secret, request.headers, body);
      host.received.push({ headers: request.headers, body, event });
      host.events.push(event);
      if (event.type === 'artifact.archived' && event.data.artifact.kind === 'signed') {
        const path = { envelopeId: event.envelopeId, artifactId: event.data.artifact.id };
        const file = await countersign.GET('/api/v1/envelopes/{envelopeId}/artifacts/{artifactId}/content', { params: { path }, parseAs: 'arrayBuffer' });
        host.signedFiles.push(Buffer.from(file));
      }
      response.writeHead(204).end();
    } catch (error) {
      if (error instanceof WebhookVerificationError) host.refused++;
      else host.failed.push(error);
      response.writeHead(error instanceof WebhookVerificationError ? 400 : 500).end(); // a 5xx is retried
    }
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  host.url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/countersign`;
  host.close = async () => {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  };
  return host;
}
