import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeProvider } from '../../../test/support/fake-provider.js';
import { createReadyEnvelope, startTestApi, TEST_API_KEY } from '../../../test/support/app-context.js';
import type { AppContext } from '../../app/context.js';
import { SEND_JOB } from '../../app/envelopes/sending.js';
import { listAuditEntries } from '../../store/audit-log.js';
import { dialectOf } from '../../store/dialect.js';
import type { CountersignServer } from '../server.js';

/**
 * An audited action writes its audit line in the transaction that carries it out: the two commit
 * together or not at all. Here the database refuses every audit line (a trigger, as a full or broken
 * log would), and the actions must then not happen either.
 */

let context: AppContext;
let connectionId: string;
let server: CountersignServer;
let close: () => Promise<void>;

beforeEach(async () => {
  ({ context, connectionId, server, close } = await startTestApi(createFakeProvider()));
});

afterEach(() => close());

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
  server.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${TEST_API_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });

async function refuseAuditLines(): Promise<void> {
  if (dialectOf(context.db) === 'postgres') {
    await sql`CREATE FUNCTION refuse_audit_line() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the audit log refuses lines'; END $$`.execute(context.db);
    await sql`CREATE TRIGGER refuse_audit_lines BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit_line()`.execute(context.db);
  } else {
    await sql`CREATE TRIGGER refuse_audit_lines BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log refuses lines'); END`.execute(context.db);
  }
}

async function acceptAuditLines(): Promise<void> {
  await sql`DROP TRIGGER refuse_audit_lines${sql.raw(dialectOf(context.db) === 'postgres' ? ' ON audit_log' : '')}`.execute(context.db);
}

const sendJobs = async () => (await sql<{ id: string }>`SELECT id FROM jobs WHERE name = ${SEND_JOB}`.execute(context.db)).rows.length;

describe('the audit line of an action', () => {
  it('commits with the action: when the line cannot be written, the action is not done', async () => {
    const envelopeId = await createReadyEnvelope(context, connectionId);
    await refuseAuditLines();

    const send = await call('POST', `/envelopes/${envelopeId}/send`);
    expect(send.statusCode).toBeGreaterThanOrEqual(500);
    expect(send.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await call('GET', `/envelopes/${envelopeId}`)).json()).toMatchObject({ status: 'ready' });
    expect(await sendJobs()).toBe(0);

    const created = await call('POST', '/webhook-endpoints', { url: 'https://crm.example.com/hooks' });
    expect(created.statusCode).toBeGreaterThanOrEqual(500);
    expect((await call('GET', '/webhook-endpoints')).json().data).toEqual([]);

    const removed = await call('DELETE', `/connections/${connectionId}`);
    expect(removed.statusCode).toBeGreaterThanOrEqual(500);
    expect((await call('GET', `/connections/${connectionId}`)).statusCode).toBe(200);

    await acceptAuditLines();
    expect((await call('POST', `/envelopes/${envelopeId}/send`)).statusCode).toBe(202);
    expect(await sendJobs()).toBe(1);
    const lines = (await listAuditEntries(context.db, { limit: 10 })).data;
    expect(lines).toEqual([expect.objectContaining({ action: 'envelope.sent', targetId: envelopeId, targetName: 'Boat rental agreement', actor: expect.objectContaining({ id: 'env' }) })]);
  });

  it('names what a create made, and is written once for an answer that changed something', async () => {
    const created = await call('POST', '/webhook-endpoints', { url: 'https://crm.example.com/hooks' });
    expect(created.statusCode).toBe(201);
    const key = await call('POST', '/keys', { name: 'Reporting', scopes: ['envelopes:read'] });
    expect(key.statusCode).toBe(201);
    // Revoking a revoked key again answers it as it is and changes nothing.
    for (let time = 0; time < 2; time++) expect((await call('POST', `/keys/${key.json().id}/revoke`)).statusCode).toBe(200);

    const lines = (await listAuditEntries(context.db, { limit: 10 })).data.map(({ action, targetId, targetName }) => ({ action, targetId, targetName }));
    expect(lines).toEqual([
      { action: 'key.revoked', targetId: key.json().id, targetName: 'Reporting' },
      { action: 'key.created', targetId: key.json().id, targetName: 'Reporting' },
      { action: 'webhook-endpoint.created', targetId: created.json().id, targetName: null },
    ]);
  });

  it('is written by each audited action of connections, templates, people (an invitation accepted too) and envelopes, naming its target', async () => {
    const ok = async (answer: Promise<{ statusCode: number; body: string }>) => {
      const { statusCode, body } = await answer;
      expect(statusCode, body).toBeLessThan(300);
      return body === '' ? undefined : JSON.parse(body);
    };
    await ok(call('PATCH', `/connections/${connectionId}`, { name: 'Renamed' }));
    const envelopeId = await createReadyEnvelope(context, connectionId);
    const template = await ok(call('POST', '/templates', { envelopeId, name: 'Rental' }));
    await ok(call('PATCH', `/templates/${template.id}`, { name: 'Boat rental' }));
    await ok(call('DELETE', `/templates/${template.id}`));
    const { user } = await ok(call('POST', '/users', { email: 'ada@client.test', role: 'viewer' }));
    const renewed = await ok(call('POST', `/users/${user.id}/invitation`));
    const token = (renewed.invitation.url as string).split('#')[1];
    const accepted = await server.inject({ method: 'POST', url: '/api/v1/invitation/accept', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ token, password: 'a password long enough' }) });
    expect(accepted.statusCode, accepted.body).toBe(200);
    await ok(call('PATCH', `/users/${user.id}`, { role: 'member' }));
    await ok(call('DELETE', `/users/${user.id}`));
    await ok(call('DELETE', `/envelopes/${envelopeId}`));

    const lines = (await listAuditEntries(context.db, { limit: 20 })).data.map(({ action, targetId, targetName }) => ({ action, targetId, targetName }));
    expect(lines.reverse()).toEqual([
      { action: 'connection.updated', targetId: connectionId, targetName: 'Renamed' },
      { action: 'template.created', targetId: template.id, targetName: 'Rental' },
      { action: 'template.updated', targetId: template.id, targetName: 'Boat rental' },
      { action: 'template.deleted', targetId: template.id, targetName: 'Boat rental' },
      { action: 'user.invited', targetId: user.id, targetName: 'ada@client.test' },
      { action: 'user.invitation-renewed', targetId: user.id, targetName: 'ada@client.test' },
      { action: 'user.invitation-accepted', targetId: user.id, targetName: 'ada@client.test' },
      { action: 'user.role-changed', targetId: user.id, targetName: 'ada@client.test' },
      { action: 'user.removed', targetId: user.id, targetName: 'ada@client.test' },
      { action: 'envelope.deleted', targetId: envelopeId, targetName: 'Boat rental agreement' },
    ]);
  });
});
