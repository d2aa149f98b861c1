import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeProvider, type FakeProvider } from '../../../test/support/fake-provider.js';
import { TEST_API_KEY, createReadyEnvelope, jobContextOf, startTestApi } from '../../../test/support/app-context.js';
import { createApiKey } from '../../app/api-keys.js';
import type { AppContext } from '../../app/context.js';
import { buildSendRequest } from '../../app/envelopes/sending.js';
import { ENVIRONMENT_PRINCIPAL } from '../../app/principal.js';
import { runBulkSendJob } from '../../app/templates/bulk-send.js';
import { acceptInvitation, inviteUser } from '../../app/users.js';
import { ROLE_SCOPES } from '../../domain/roles.js';
import type { JobContext } from '../../jobs/queue.js';
import * as store from '../../store/envelopes.js';
import type { CountersignServer } from '../server.js';

/**
 * Templates over the real HTTP stack (buildServer, injected requests): saved from an envelope, edited,
 * filled into envelopes through the create path's checks, and sent to a CSV's rows by the bulk-send
 * job (run here by hand, as the queue would), which keeps each row's result and resumes without
 * making or sending a row twice.
 */

const KEY = TEST_API_KEY;
let fake: FakeProvider;
let context: AppContext;
let close: () => Promise<void>;
let server: CountersignServer;
let connectionId: string;

beforeEach(async () => {
  fake = createFakeProvider({ capabilities: { authenticationMethods: ['email-link', 'secret'], expiry: true, signatureFields: ['box'], fieldTypes: ['signature'] } });
  ({ context, connectionId, server, close } = await startTestApi(fake));
});

afterEach(() => close());

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, key = KEY) =>
  server.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload === undefined ? {} : { payload: payload as object }) });

/** An API key of a member, who sees only their own and shared envelopes. */
async function memberKey(): Promise<string> {
  const { user, invitation } = await inviteUser(context, ENVIRONMENT_PRINCIPAL, { email: 'mia@client.test', role: 'member' });
  await acceptInvitation(context, invitation.url.split('#')[1]!, 'a long enough password');
  const member = { id: user.id, name: user.email, kind: 'user' as const, accountId: user.id, role: 'member' as const, scopes: ROLE_SCOPES.member };
  return (await createApiKey(context, member, { name: 'Mia’s key' })).secret;
}

/** A ready envelope whose first signer answers a secret question and signs in a box; saved as a template. */
async function savedTemplate(): Promise<{ envelopeId: string; template: Record<string, any> }> {
  const envelopeId = await createReadyEnvelope(context, connectionId, {
    expiresAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
    participants: [
      { firstName: 'Anna', lastName: 'Nowak', email: 'anna@client.test', role: 'signer', step: 1, authentication: [{ method: 'secret', question: 'Boat name?', answer: 'Wavedancer' }] },
      { firstName: 'Bert', lastName: 'Berg', email: 'bert@client.test', role: 'signer', step: 2 },
    ],
  });
  const envelope = (await call('GET', `/api/v1/envelopes/${envelopeId}`)).json();
  const placed = await call('PATCH', `/api/v1/envelopes/${envelopeId}/participants/${envelope.participants[1].id}`, {
    // The step again: the participant PATCH schema's default (step 1) fills an absent step.
    step: 2,
    fields: [{ type: 'signature', documentId: envelope.documents[0].id, page: 1, left: 72, top: 700, width: 160, height: 48 }],
  });
  expect(placed.json()).toMatchObject({ fields: [{ page: 1 }] });
  const saved = await call('POST', '/api/v1/templates', { name: 'Boat rental', envelopeId });
  expect(saved.statusCode).toBe(201);
  return { envelopeId, template: saved.json() };
}

const person = (name: string) => ({ firstName: name, lastName: 'Test', email: `${name.toLowerCase()}@client.test` });

describe('templates', () => {
  it('saves an envelope as roles to fill, without its people, and lists, renames and deletes it', async () => {
    const { envelopeId, template } = await savedTemplate();
    const envelope = (await call('GET', `/api/v1/envelopes/${envelopeId}`)).json();
    expect(template).toMatchObject({
      name: 'Boat rental',
      title: 'Boat rental agreement',
      expiryDays: 10,
      documentIds: [envelope.documents[0].id],
      sourceEnvelopeId: envelopeId,
      roles: [
        { key: 'signer1', label: 'Signer 1', role: 'signer', step: 1, authentication: [{ method: 'secret', question: 'Boat name?' }], fields: [] },
        { key: 'signer2', label: 'Signer 2', role: 'signer', step: 2, fields: [{ type: 'signature', page: 1, left: 72 }] },
      ],
    });
    expect(JSON.stringify(template)).not.toMatch(/anna|Wavedancer/i);

    const renamed = await call('PATCH', `/api/v1/templates/${template.id}`, { name: 'Boat rental (2027)', expiryDays: 14 });
    expect(renamed.json()).toMatchObject({ name: 'Boat rental (2027)', expiryDays: 14 });
    expect((await call('GET', '/api/v1/templates')).json().data.map((listed: { name: string }) => listed.name)).toEqual(['Boat rental (2027)']);

    // Its document is in use: deleting it is refused, naming the template.
    const documentDeletion = await call('DELETE', `/api/v1/documents/${envelope.documents[0].id}`);
    expect(documentDeletion.statusCode).toBe(409);
    expect(documentDeletion.json().detail).toContain('Boat rental (2027)');

    expect((await call('DELETE', `/api/v1/templates/${template.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/templates/${template.id}`)).statusCode).toBe(404);
  });

  it('keeps others’ private envelopes and bulk sends from a member, as their envelopes are', async () => {
    const { envelopeId, template } = await savedTemplate();
    const mia = await memberKey();
    const saving = await call('POST', '/api/v1/templates', { name: 'Not mine', envelopeId }, mia);
    expect(saving.statusCode).toBe(404);
    expect(saving.json().detail).toContain(envelopeId);

    const csv = 'signer1.firstName,signer1.lastName,signer1.email,signer1.secretAnswer,signer2.firstName,signer2.lastName,signer2.email\nCarla,Test,carla@client.test,Sea,Dirk,Test,dirk@client.test';
    const bulkSend = (await call('POST', `/api/v1/templates/${template.id}/bulk-sends`, { csv, connectionId })).json();
    expect((await call('GET', `/api/v1/templates/${template.id}/bulk-sends/${bulkSend.id}`, undefined, mia)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/templates/${template.id}/bulk-sends`, undefined, mia)).json().data).toEqual([]);
    expect((await call('GET', `/api/v1/templates/${template.id}/bulk-sends`)).json().data).toHaveLength(1);
  });

  it('refuses roles that clash or fields off its documents, naming each', async () => {
    const { template } = await savedTemplate();
    const [first, second] = template.roles;
    const answer = await call('PATCH', `/api/v1/templates/${template.id}`, {
      roles: [first, { ...second, key: 'signer1', fields: [{ ...second.fields[0], documentId: 'doc_elsewhere' }] }],
    });
    expect(answer.statusCode).toBe(422);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.json().errors).toEqual([
      { path: 'roles[1].key', message: expect.stringContaining('signer1 names another role') },
      { path: 'roles[1].fields[0].documentId', message: expect.stringContaining('not a document of this template') },
    ]);
    const badKey = await call('PATCH', `/api/v1/templates/${template.id}`, { roles: [{ ...first, key: 'Tenant' }] });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json().errors).toEqual([{ path: 'roles[0].key', message: expect.stringContaining('it names the CSV columns, as in tenant.email') }]);
    const noSigner = await call('PATCH', `/api/v1/templates/${template.id}`, { roles: [{ ...first, role: 'receiver' }] });
    expect(noSigner.json().errors).toEqual([{ path: 'roles', message: 'a template needs at least one signer role' }]);
  });

  it('creates an envelope through the create path: people in the roles, the secret answer sealed, the template named', async () => {
    const { template } = await savedTemplate();
    const answer = await call('POST', `/api/v1/templates/${template.id}/envelopes`, {
      connectionId,
      people: { signer1: { ...person('Carla'), secretAnswer: 'Sea Breeze' }, signer2: person('Dirk') },
    });
    expect(answer.statusCode).toBe(201);
    const envelope = answer.json();
    expect(envelope).toMatchObject({ status: 'ready', title: 'Boat rental agreement', connectionId, documents: [{ id: template.documentIds[0] }] });
    expect(Date.parse(envelope.expiresAt) - Date.now()).toBeGreaterThan(9.9 * 86_400_000);
    expect(envelope.participants.map((participant: Record<string, unknown>) => [participant.email, participant.step])).toEqual([
      ['carla@client.test', 1],
      ['dirk@client.test', 2],
    ]);
    expect(envelope.participants[1].fields).toEqual(template.roles[1].fields);
    expect(envelope.events).toEqual([expect.objectContaining({ type: 'envelope-created', detail: { status: 'ready', templateId: template.id } })]);
    const request = await buildSendRequest(context, context.db, (await store.findEnvelope(context.db, envelope.id))!, { callbackUrl: null, capabilities: fake.capabilities, purpose: 'send' });
    expect(request.participants[0]!.authentication).toEqual([{ method: 'secret', question: 'Boat name?', answer: 'Sea Breeze' }]);
  });

  it('refuses a missing role, a missing answer, an unknown role, and what the provider cannot do, creating nothing', async () => {
    const { template } = await savedTemplate();
    const before = (await call('GET', '/api/v1/envelopes')).json().data.length;
    const missing = await call('POST', `/api/v1/templates/${template.id}/envelopes`, { people: { signer1: person('Carla'), tenant: person('Eve') } });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors).toEqual([
      { path: 'people.tenant', message: expect.stringContaining('no role tenant') },
      { path: 'people.signer1.secretAnswer', message: expect.stringContaining('"Boat name?"') },
      { path: 'people.signer2', message: expect.stringContaining('needs a person') },
    ]);
    const badEmail = await call('POST', `/api/v1/templates/${template.id}/envelopes`, { people: { signer1: { ...person('Carla'), email: 'not-an-email' } } });
    expect(badEmail.statusCode).toBe(400);

    // The create path's provider check, named where the filler gave it: this provider has no SMS codes.
    await call('PATCH', `/api/v1/templates/${template.id}`, { roles: [template.roles[0], { ...template.roles[1], authentication: [{ method: 'sms' }] }] });
    const unsupported = await call('POST', `/api/v1/templates/${template.id}/envelopes`, {
      connectionId,
      people: { signer1: { ...person('Carla'), secretAnswer: 'x' }, signer2: { ...person('Dirk'), phone: '+48722722722' } },
    });
    expect(unsupported.statusCode).toBe(422);
    expect(unsupported.json().errors[0].path).toMatch(/^people\.signer2\.authentication/);
    const noPhone = await call('POST', `/api/v1/templates/${template.id}/envelopes`, { people: { signer1: { ...person('Carla'), secretAnswer: 'x' }, signer2: person('Dirk') } });
    expect(noPhone.json().errors).toEqual([{ path: 'people.signer2.phone', message: expect.stringContaining("needs the participant's phone number") }]);
    expect((await call('GET', '/api/v1/envelopes')).json().data.length).toBe(before);
  });
});

describe('bulk send', () => {
  const CSV = [
    'signer1.firstName,signer1.lastName,signer1.email,signer1.secretAnswer,signer2.firstName,signer2.lastName,signer2.email',
    'Carla,Test,carla@client.test,Sea Breeze,Dirk,Test,dirk@client.test',
    'Eve,Test,not-an-email,Blue,Finn,Test,finn@client.test',
    'Gina,Test,gina@client.test,Red,Hugo,Test,hugo@client.test',
  ].join('\n');

  it('offers an example CSV with the template’s columns', async () => {
    const { template } = await savedTemplate();
    const answer = await call('GET', `/api/v1/templates/${template.id}/bulk-send.csv`);
    expect(answer.headers['content-type']).toContain('text/csv');
    const [header, ...rows] = answer.body.trim().split('\n');
    expect(header).toBe('signer1.firstName,signer1.lastName,signer1.email,signer1.secretAnswer,signer2.firstName,signer2.lastName,signer2.email');
    expect(rows).toHaveLength(2);
  });

  it('sends each good row once and gives a bad row its own error', async () => {
    const { template } = await savedTemplate();
    const started = await call('POST', `/api/v1/templates/${template.id}/bulk-sends`, { csv: CSV, connectionId });
    expect(started.statusCode).toBe(202);
    const bulkSend = started.json();
    expect(bulkSend).toMatchObject({ status: 'running', rowCount: 3, counts: { pending: 2, failed: 1 } });
    expect(JSON.stringify(bulkSend)).not.toContain('Sea Breeze');

    await runBulkSendJob(context, { bulkSendId: bulkSend.id }, jobContextOf(1));
    const done = (await call('GET', `/api/v1/templates/${template.id}/bulk-sends/${bulkSend.id}`)).json();
    expect(done).toMatchObject({ status: 'completed', counts: { pending: 0, created: 0, sent: 2, failed: 1 } });
    expect(done.rows.map((row: Record<string, unknown>) => [row.row, row.status])).toEqual([
      [1, 'sent'],
      [2, 'failed'],
      [3, 'sent'],
    ]);
    expect(done.rows[1]).toMatchObject({ envelopeId: null, errors: [{ path: 'signer1.email', message: '"not-an-email" is not an email address' }] });
    expect(done.rows[1].detail).toContain('signer1.email');
    for (const row of [done.rows[0], done.rows[2]]) {
      const envelope = (await call('GET', `/api/v1/envelopes/${row.envelopeId}`)).json();
      expect(envelope.status).toBe('sending');
      expect(envelope.participants[0].email).toBe(row.cells['signer1.email']);
    }
    expect((await call('GET', `/api/v1/templates/${template.id}/bulk-sends`)).json().data).toEqual([expect.objectContaining({ id: bulkSend.id, counts: { pending: 0, created: 0, sent: 2, failed: 1 } })]);
  });

  it('fails a row whose envelope the create path refuses, and the others still go', async () => {
    const { template } = await savedTemplate();
    // Row 2 passes the edge's checks but names one person for both signer roles, which an envelope refuses.
    const csv = `${CSV.replace('not-an-email', 'eve@client.test').replace('finn@client.test', 'eve@client.test')}\n`;
    const bulkSend = (await call('POST', `/api/v1/templates/${template.id}/bulk-sends`, { csv, connectionId })).json();
    expect(bulkSend.counts).toMatchObject({ pending: 3, failed: 0 });
    await runBulkSendJob(context, { bulkSendId: bulkSend.id }, jobContextOf(1));
    const done = (await call('GET', `/api/v1/templates/${template.id}/bulk-sends/${bulkSend.id}`)).json();
    expect(done.rows.map((row: Record<string, unknown>) => row.status)).toEqual(['sent', 'failed', 'sent']);
    expect(done.rows[1]).toMatchObject({ envelopeId: null, errors: [{ path: 'people.signer2.email', message: 'eve@client.test is already a signer at people.signer1; a person takes each role once (two different roles are fine)' }] });
    expect(done.rows[1].detail).toMatch(/^Row 2: people\.signer2\.email: /);
  });

  it('holds each row to an envelope’s limits: a name, a secret answer and a title too long fail that row, named by column', async () => {
    const { template } = await savedTemplate();
    const csv = [
      `${CSV.split('\n')[0]},title`,
      `Carla,Test,carla@client.test,Sea Breeze,Dirk,Test,dirk@client.test,${'T'.repeat(201)}`,
      `${'C'.repeat(101)},Test,carla@client.test,${'S'.repeat(201)},,Test,dirk@client.test,Fine`,
    ].join('\n');
    const bulkSend = (await call('POST', `/api/v1/templates/${template.id}/bulk-sends`, { csv, connectionId })).json();
    const rows = (await call('GET', `/api/v1/templates/${template.id}/bulk-sends/${bulkSend.id}`)).json().rows;
    expect(rows.map((row: { errors: unknown }) => row.errors)).toEqual([
      [{ path: 'title', message: 'is too long: at most 200 characters' }],
      [
        { path: 'signer1.firstName', message: 'is too long: at most 100 characters' },
        { path: 'signer1.secretAnswer', message: 'is too long: at most 200 characters' },
        { path: 'signer2.firstName', message: 'is empty; every row needs it' },
      ],
    ]);
  });

  it('refuses a CSV it cannot take as a whole, saying which column or limit', async () => {
    const { template } = await savedTemplate();
    const noColumn = await call('POST', `/api/v1/templates/${template.id}/bulk-sends`, { csv: 'signer1.email,signer1.firstName\nanna@client.test,Anna' });
    expect(noColumn.statusCode).toBe(422);
    expect(noColumn.json().errors).toEqual([
      { path: 'csv', message: expect.stringContaining('signer1 (Signer 1) needs the columns signer1.lastName, signer1.secretAnswer') },
      { path: 'csv', message: expect.stringContaining('signer2 (Signer 2) needs the columns signer2.firstName, signer2.lastName, signer2.email') },
    ]);
    const header = CSV.split('\n')[0]!;
    const tooMany = await call('POST', `/api/v1/templates/${template.id}/bulk-sends`, { csv: [header, ...Array.from({ length: 501 }, () => CSV.split('\n')[1])].join('\n') });
    expect(tooMany.json().detail).toBe('The CSV has 501 rows; one bulk send takes at most 500. Split it into several files.');
    const broken = await call('POST', `/api/v1/templates/${template.id}/bulk-sends`, { csv: `${header}\n"Carla,Test` });
    expect(broken.json().detail).toMatch(/^The CSV cannot be read: /);
  });

  it('resumes after a stop without making or sending a row twice', async () => {
    const { template } = await savedTemplate();
    const good = CSV.replace('not-an-email', 'eve@client.test');
    const bulkSend = (await call('POST', `/api/v1/templates/${template.id}/bulk-sends`, { csv: good, connectionId })).json();
    // The worker stops in row 2, after its envelope was made and before it was sent (the 4th look at the signal).
    await expect(runBulkSendJob(context, { bulkSendId: bulkSend.id }, stoppingAt(4))).rejects.toThrow(/row 2 is sent when it resumes/);
    const stopped = (await call('GET', `/api/v1/templates/${template.id}/bulk-sends/${bulkSend.id}`)).json();
    expect(stopped.rows.map((row: Record<string, unknown>) => row.status)).toEqual(['sent', 'created', 'pending']);

    await runBulkSendJob(context, { bulkSendId: bulkSend.id }, jobContextOf(2));
    // And once more, as a replayed job would: nothing changes.
    await runBulkSendJob(context, { bulkSendId: bulkSend.id }, jobContextOf(3));
    const done = (await call('GET', `/api/v1/templates/${template.id}/bulk-sends/${bulkSend.id}`)).json();
    expect(done.rows.map((row: Record<string, unknown>) => [row.status, row.envelopeId])).toEqual([
      ['sent', stopped.rows[0].envelopeId],
      ['sent', stopped.rows[1].envelopeId],
      ['sent', expect.stringMatching(/^env_/)],
    ]);
    const envelopes = (await call('GET', '/api/v1/envelopes?limit=100')).json().data;
    // The template's source envelope and one per row.
    expect(envelopes).toHaveLength(4);
    const sendingEvents = await Promise.all(done.rows.map(async (row: { envelopeId: string }) => (await store.listEvents(context.db, row.envelopeId)).filter((event) => event.type === 'envelope-sending')));
    expect(sendingEvents.map((events) => events.length)).toEqual([1, 1, 1]);
  });
});

/** A job context whose signal reads aborted from its `count`-th look on: a worker stopping mid-job. */
function stoppingAt(count: number): JobContext {
  const base = jobContextOf(1);
  let looks = 0;
  const signal = { get aborted() { looks += 1; return looks >= count; } } as AbortSignal;
  return { ...base, signal };
}
