import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerFixtureJson, providerFixtureText } from '../../../test/support/provider-fixtures.js';
import {
  LiveActionAnswer,
  LiveChallenge,
  LiveFile,
  LiveNotification,
  LiveParty,
  LiveProcess,
  LiveProcessListEntry,
  LiveSubscription,
  schemaViolation,
} from './test-reference-schemas.js';
import { challengesOf, createTestClient, postJson, samplePdf, startTestSandbox, tokenFor, type RunningSandbox, type TestClient } from './test-helpers.js';

/**
 * Replays the operations of Autenti's own Power Automate connector (the reference definition in
 * ../shared/references/autenti-power-automate/) against the sandbox over real HTTP, with requests shaped
 * exactly as the connector sends them (test/fixtures/providers/autenti/live/), and checks every answer
 * against the schemas the connector reads (test-reference-schemas.ts). Runs with the sandbox's default shapes.
 */

const live = <T = Record<string, unknown>>(name: string) => providerFixtureJson<T>('autenti', `live/${name}`);
const OWNER = 'sender@lessor.example';

let sandbox: RunningSandbox;
let client: TestClient;
let token: string;
let receiver: Server;
let receiverUrl: string;
const deliveries: unknown[] = [];
let delivered: (() => void) | null = null;

const auth = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });

function expectConforms(schema: Parameters<typeof schemaViolation>[0], value: unknown): void {
  expect(schemaViolation(schema, value), JSON.stringify(value).slice(0, 400)).toBeNull();
}

/** The connector's X-ASSERTION: its own compact JSON, standard base64 (C#'s Convert.ToBase64String). */
function connectorAssertion(eventType: 'DOCUMENT_SENT' | 'DOCUMENT_WITHDRAWAL'): string {
  const json = `{"classifiers":["CHALLENGE_CLASSIFIER-UNIQUE_TYPE:ACTION_SELECTION"],"attributes":{"selectedIds":["EVENT_CLASSIFIER-UNIQUE_TYPE:${eventType}"]}}`;
  return Buffer.from(json, 'utf8').toString('base64');
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      deliveries.push(JSON.parse(body));
      response.writeHead(200).end();
      delivered?.();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/flow-7f3a`;
  client = await createTestClient(sandbox, 'Power Automate');
  token = await tokenFor(sandbox, client, OWNER);
});
afterAll(async () => {
  await sandbox?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe("Autenti's Power Automate connector, operation by operation", () => {
  let processId = '';
  let fileId = '';
  let subscriptionId = '';
  const pdf = samplePdf('Equipment lease');

  it('Document_change refuses to subscribe a client without notification_management (403, Autenti problem shape)', async () => {
    const body = { ...live('subscribe.request.json'), callbackParameters: { callbackUrl: receiverUrl } };
    const response = await postJson(`${sandbox.api}/applications/callbacks?responseVariant=microsoft_power_automate`, body, auth());
    expect(response.status).toBe(403);
    const problem = (await response.json()) as { type: string; detail: string };
    expect(problem.type).toBe('/forbidden');
    expect(problem.detail).toMatch(/notification_management/);
  });

  it('Document_change subscribes once an administrator granted the scope (201 with a CALLBACK id)', async () => {
    const granted = await fetch(`${sandbox.url}/_sandbox/clients/${client.clientId}/scopes`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scopes: ['full', 'notification_management'] }),
    });
    expect(granted.status).toBe(200);
    const text = providerFixtureText('autenti', 'live/subscribe.request.json').replace('{{callbackUrl}}', receiverUrl);
    const response = await fetch(`${sandbox.api}/applications/callbacks?responseVariant=microsoft_power_automate`, { method: 'POST', headers: auth({ 'content-type': 'application/json' }), body: text });
    expect(response.status).toBe(201);
    const subscription = (await response.json()) as { id: string; callbackParameters: { callbackUrl: string } };
    expectConforms(LiveSubscription, subscription);
    expect(subscription.callbackParameters.callbackUrl).toBe(receiverUrl);
    subscriptionId = subscription.id;
    const listed = (await (await fetch(`${sandbox.api}/applications/callbacks`, { headers: auth() })).json()) as { id: string }[];
    expect(listed.map((entry) => entry.id)).toEqual([subscriptionId]);
  });

  it('Create_draft answers the whole process, status DRAFT, and a link to it in the sandbox', async () => {
    const response = await postJson(`${sandbox.api}/document-processes`, live('create-draft.request.json'), auth());
    expect(response.status).toBe(200);
    const process = (await response.json()) as { id: string; status: string; title: string; links: { ui: string } };
    expectConforms(LiveProcess, process);
    expect(process).toMatchObject({ status: 'DRAFT', title: 'Equipment lease 2026/14' });
    processId = process.id;
    const page = await fetch(process.links.ui, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Equipment lease 2026/14');
  });

  it('Document_process_participants adds the party the connector builds from its form fields', async () => {
    const response = await postJson(`${sandbox.api}/document-processes/${processId}/parties`, live('add-participant.request.json'), auth());
    expect(response.status).toBe(200);
    const party = (await response.json()) as { role: string; party: { contacts: { attributes: { email: string } }[]; relationships: unknown[] } };
    expectConforms(LiveParty, party);
    expect(party.role).toBe('SIGNER');
    expect(party.party.contacts[0]!.attributes.email).toBe('olga.nowicka@lessee.example');
    expect(party.party.relationships).toEqual(live<{ party: { relationships: unknown[] } }>('add-participant.request.json').party.relationships);
  });

  it('Add_file takes filePurpose and mimeType as form fields, with no fileMeta, and answers the size', async () => {
    const bytes = await pdf;
    const form = new FormData();
    form.append('filePurpose', 'SOURCE_FILE');
    form.append('mimeType', 'application/pdf');
    form.append('file', new Blob([bytes], { type: 'application/octet-stream' }), 'lease.pdf');
    const response = await fetch(`${sandbox.api}/document-processes/${processId}/files`, { method: 'POST', headers: auth(), body: form });
    const file = (await response.json()) as { id: string; size: number; filename: string; mimeType: string };
    expect(response.status, JSON.stringify(file)).toBe(200);
    expectConforms(LiveFile, file);
    expect(file).toMatchObject({ size: bytes.length, filename: 'lease.pdf', mimeType: 'application/pdf' });
    fileId = file.id;
  });

  it('Get_files_info without Accept: application/json answers one JSON object per line', async () => {
    const response = await fetch(`${sandbox.api}/document-processes/${processId}/files`, { headers: auth() });
    expect(response.status).toBe(200);
    const lines = (await response.text()).split('\n').filter((line) => line.trim() !== '');
    expect(lines).toHaveLength(1);
    const file = JSON.parse(lines[0]!) as { id: string };
    expectConforms(LiveFile, file);
    expect(file.id).toBe(fileId);
  });

  it('Actions_availability without an assertion answers 403 with challenges the connector decodes', async () => {
    const response = await fetch(`${sandbox.api}/document-processes/${processId}/actions`, { method: 'POST', headers: auth({ 'content-type': 'application/json' }) });
    expect(response.status).toBe(403);
    const challenges = challengesOf(response);
    expect(challenges).toHaveLength(1);
    expectConforms(LiveChallenge, challenges[0]);
  });

  it("Actions_availability sends on the connector's X-ASSERTION and event_type body, answers an array of events, and the subscription gets an array", async () => {
    const arrived = new Promise<void>((resolve) => (delivered = resolve));
    const response = await fetch(`${sandbox.api}/document-processes/${processId}/actions`, {
      method: 'POST',
      headers: auth({ 'content-type': 'application/json', 'x-assertion': connectorAssertion('DOCUMENT_SENT') }),
      body: providerFixtureText('autenti', 'live/action.request.json'),
    });
    const answer = (await response.json()) as { eventType: string }[];
    expect(response.status, JSON.stringify(answer)).toBe(200);
    expectConforms(LiveActionAnswer, answer);
    expect(answer[0]!.eventType).toBe('EVENT_CLASSIFIER-UNIQUE_TYPE:DOCUMENT_SENT');
    await arrived;
    const delivery = deliveries.at(-1) as { eventType: string; object: { id: string } }[];
    expectConforms(LiveNotification, delivery);
    expect(delivery[0]).toMatchObject({ eventType: 'EVENT_CLASSIFIER-UNIQUE_TYPE:DOCUMENT_SENT', object: { id: processId } });
  });

  it('Get_by_id answers the live process: files, party events, status', async () => {
    const response = await fetch(`${sandbox.api}/document-processes/${processId}`, { headers: auth() });
    expect(response.status).toBe(200);
    const process = (await response.json()) as { status: string; files: { id: string }[]; parties: { role: string; events?: unknown[] }[] };
    expectConforms(LiveProcess, process);
    expect(process.status).toBe('PROCESSING');
    expect(process.files.map((file) => file.id)).toEqual([fileId]);
    expect(process.parties.find((party) => party.role === 'SENDER')!.events).toEqual([expect.objectContaining({ eventType: 'SUBMISSION' })]);
  });

  it('List_documents lists the process', async () => {
    const response = await fetch(`${sandbox.api}/document-processes`, { headers: auth({ accept: 'application/json' }) });
    expect(response.status).toBe(200);
    const list = (await response.json()) as { id: string }[];
    for (const entry of list) expectConforms(LiveProcessListEntry, entry);
    expect(list.map((entry) => entry.id)).toContain(processId);
  });

  it('Download_file answers the uploaded bytes', async () => {
    const response = await fetch(`${sandbox.api}/document-processes/${processId}/files/${encodeURIComponent(fileId)}/content`, { headers: auth() });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(await pdf)).toBe(true);
  });

  it("Actions_availability withdraws on the connector's assertion, again as an array", async () => {
    const response = await fetch(`${sandbox.api}/document-processes/${processId}/actions`, {
      method: 'POST',
      headers: auth({ 'content-type': 'application/json', 'x-assertion': connectorAssertion('DOCUMENT_WITHDRAWAL') }),
      body: JSON.stringify({ event_type: 'Withdraw (stop) document process' }),
    });
    const answer = (await response.json()) as { eventType: string }[];
    expect(response.status).toBe(200);
    expectConforms(LiveActionAnswer, answer);
    expect(answer[0]!.eventType).toBe('EVENT_CLASSIFIER-UNIQUE_TYPE:DOCUMENT_WITHDRAWAL');
  });

  it('DeleteDocument_change removes the subscription (204), then knows it no more (404)', async () => {
    const url = `${sandbox.api}/applications/callbacks/${encodeURIComponent(subscriptionId)}?responseVariant=microsoft_power_automate`;
    expect((await fetch(url, { method: 'DELETE', headers: auth() })).status).toBe(204);
    expect((await fetch(url, { method: 'DELETE', headers: auth() })).status).toBe(404);
    expect(await (await fetch(`${sandbox.api}/applications/callbacks`, { headers: auth() })).json()).toEqual([]);
  });

  it('refuses an unknown callbackAdapterId (400 naming the one it knows)', async () => {
    const response = await postJson(`${sandbox.api}/applications/callbacks`, { callbackAdapterId: 'CALLBACK_ADAPTER:SMOKE_SIGNALS', callbackParameters: { callbackUrl: receiverUrl } }, auth());
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/CALLBACK_ADAPTER:API_V2/);
  });
});
