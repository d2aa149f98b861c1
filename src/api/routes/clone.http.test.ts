import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeProvider, type FakeProvider } from '../../../test/support/fake-provider.js';
import { TEST_API_KEY, createReadyEnvelope, createTestConnection, jobContextOf, startTestApi } from '../../../test/support/app-context.js';
import type { AppContext } from '../../app/context.js';
import { buildSendRequest, requestSend, runSendJob } from '../../app/envelopes/sending.js';
import { ProviderError } from '../../providers/errors.js';
import * as store from '../../store/envelopes.js';
import type { CountersignServer } from '../server.js';

/**
 * POST /api/v1/envelopes/{id}/clone over the real HTTP stack (buildServer, injected requests): what a
 * copy takes from its source and what it leaves, another connection, and the refusals.
 */

const KEY = TEST_API_KEY;
let fake: FakeProvider;
let context: AppContext;
let close: () => Promise<void>;
let server: CountersignServer;
let connectionId: string;

beforeEach(async () => {
  fake = createFakeProvider({ capabilities: { authenticationMethods: ['email-link', 'secret'], expiry: true, participantLanguage: true } });
  ({ context, connectionId, server, close } = await startTestApi(fake));
});

afterEach(() => close());

const call = (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  server.inject({ method, url, headers: { authorization: `Bearer ${KEY}`, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });

/** An envelope whose send the provider refused, with a participant who answers a secret question. */
async function failedEnvelope(): Promise<string> {
  const id = await createReadyEnvelope(context, connectionId, {
    expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    participants: [
      { firstName: 'Anna', lastName: 'Nowak', email: 'anna@client.test', role: 'signer', step: 1, authentication: [{ method: 'secret', question: 'Boat name?', answer: 'Wavedancer' }] },
      { firstName: 'Bert', lastName: 'Berg', email: 'bert@client.test', role: 'receiver', step: 2, language: 'nl' },
    ],
  });
  await requestSend(context, id, { source: 'api' });
  fake.failNextSend(new ProviderError({ kind: 'validation', provider: 'autenti', message: 'Autenti refused the title.' }));
  await runSendJob(context, { envelopeId: id }, jobContextOf(1));
  return id;
}

describe('POST /api/v1/envelopes/{id}/clone', () => {
  it('makes a new ready envelope with the source’s content, secret answers included, and leaves the source as it was', async () => {
    const sourceId = await failedEnvelope();
    const source = (await call('GET', `/api/v1/envelopes/${sourceId}`)).json();
    expect(source.status).toBe('failed');

    const answer = await call('POST', `/api/v1/envelopes/${sourceId}/clone`, {});
    expect(answer.statusCode).toBe(201);
    const copy = answer.json();
    expect(copy.id).not.toBe(sourceId);
    expect(copy).toMatchObject({
      status: 'ready',
      title: source.title,
      connectionId,
      expiresAt: source.expiresAt,
      statusReason: null,
      providerReference: null,
      documents: source.documents.map((document: { id: string }) => ({ id: document.id })),
    });
    expect(copy.participants.map((participant: Record<string, unknown>) => [participant.email, participant.role, participant.step, participant.status, participant.language])).toEqual([
      ['anna@client.test', 'signer', 1, 'pending', null],
      ['bert@client.test', 'receiver', 2, 'pending', 'nl'],
    ]);
    expect(copy.participants[0].authentication).toEqual([{ method: 'secret', question: 'Boat name?', answerSet: true }]);
    expect(copy.participants.map((participant: { id: string }) => participant.id)).not.toContain(source.participants[0].id);
    expect(copy.events).toEqual([expect.objectContaining({ type: 'envelope-created', detail: { status: 'ready', clonedFrom: sourceId } })]);

    // The answer was sealed again for the copy's participant: the provider would get it.
    const stored = (await store.findEnvelope(context.db, copy.id))!;
    const request = await buildSendRequest(context, context.db, stored, { callbackUrl: null, capabilities: fake.capabilities, purpose: 'send' });
    expect(request.participants[0]!.authentication).toEqual([{ method: 'secret', question: 'Boat name?', answer: 'Wavedancer' }]);

    const after = (await call('GET', `/api/v1/envelopes/${sourceId}`)).json();
    expect(after).toMatchObject({ status: 'failed', statusReason: source.statusReason, participants: source.participants });
  });

  it('sends the copy through another connection when asked, and refuses an unknown one with 422 creating nothing', async () => {
    const sourceId = await failedEnvelope();
    const other = await createTestConnection(context);
    const moved = await call('POST', `/api/v1/envelopes/${sourceId}/clone`, { connectionId: other, title: 'Boat rental agreement (corrected)' });
    expect(moved.statusCode).toBe(201);
    expect(moved.json()).toMatchObject({ connectionId: other, title: 'Boat rental agreement (corrected)' });
    const toDefault = await call('POST', `/api/v1/envelopes/${sourceId}/clone`, { connectionId: null });
    expect(toDefault.json().connectionId).toBeNull();

    const before = (await call('GET', '/api/v1/envelopes')).json().data.length;
    const refused = await call('POST', `/api/v1/envelopes/${sourceId}/clone`, { connectionId: 'con_nowhere' });
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().errors).toEqual([{ path: 'connectionId', message: expect.stringContaining('no connection with id con_nowhere') }]);
    expect((await call('GET', '/api/v1/envelopes')).json().data.length).toBe(before);
  });

  it('answers 404 as problem+json for an unknown envelope and 400 for an unknown field', async () => {
    const missing = await call('POST', '/api/v1/envelopes/env_01JZZZZZZZZZZZZZZZZZZZZZZZ/clone', {});
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ status: 404, detail: expect.stringContaining('env_01JZZZZZZZZZZZZZZZZZZZZZZZ') });
    const sourceId = await createReadyEnvelope(context, connectionId);
    const unknown = await call('POST', `/api/v1/envelopes/${sourceId}/clone`, { participants: [] });
    expect(unknown.statusCode).toBe(400);
  });

  it('makes one copy for one Idempotency-Key', async () => {
    const sourceId = await createReadyEnvelope(context, connectionId);
    const first = await call('POST', `/api/v1/envelopes/${sourceId}/clone`, {}, { 'idempotency-key': 'clone-once' });
    const again = await call('POST', `/api/v1/envelopes/${sourceId}/clone`, {}, { 'idempotency-key': 'clone-once' });
    expect(first.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect((await call('GET', '/api/v1/envelopes')).json().data).toHaveLength(2);
  });
});
