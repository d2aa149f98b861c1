import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeProvider, type FakeProvider } from '../../../test/support/fake-provider.js';
import { TEST_API_KEY, createReadyEnvelope, jobContextOf, startTestApi } from '../../../test/support/app-context.js';
import type { AppContext } from '../../app/context.js';
import { buildSendRequest, requestSend, runSendJob } from '../../app/envelopes/sending.js';
import { ProviderError } from '../../providers/errors.js';
import * as store from '../../store/envelopes.js';
import type { CountersignServer } from '../server.js';

/**
 * The send decision over the real HTTP stack (buildServer, injected requests) with a fake adapter
 * whose send loses its outcome: status codes, the envelope view, the audit log.
 */

const KEY = TEST_API_KEY;
let fake: FakeProvider;
let context: AppContext;
let close: () => Promise<void>;
let server: CountersignServer;
let connectionId: string;

beforeEach(async () => {
  fake = createFakeProvider();
  ({ context, connectionId, server, close } = await startTestApi(fake));
});

afterEach(() => close());

const call = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  server.inject({ method, url, headers: { authorization: `Bearer ${KEY}` }, ...(payload === undefined ? {} : { payload: payload as object }) });

async function lostOutcome(): Promise<string> {
  const id = await createReadyEnvelope(context, connectionId);
  await requestSend(context, id, { source: 'api' });
  fake.failNextSend(new ProviderError({ kind: 'outcome-unknown', provider: 'autenti', httpStatus: 409, message: 'The workflow may exist: its documents are already assigned.' }));
  await runSendJob(context, { envelopeId: id }, jobContextOf(1));
  return id;
}

describe('POST /api/v1/envelopes/{id}/send-decision', () => {
  it('shows the decision in the envelope view and refuses a plain send with 409 pointing to it', async () => {
    const id = await lostOutcome();
    const view = await call('GET', `/api/v1/envelopes/${id}`);
    expect(view.json()).toMatchObject({ status: 'failed', statusReason: 'The workflow may exist: its documents are already assigned.', sendDecision: { needed: true, reason: 'The workflow may exist: its documents are already assigned.' } });
    const send = await call('POST', `/api/v1/envelopes/${id}/send`);
    expect(send.statusCode).toBe(409);
    expect(send.json().detail).toContain(`/api/v1/envelopes/${id}/send-decision`);
  });

  it('answers resend with 202 and a sending envelope, and records it in the audit log', async () => {
    const id = await lostOutcome();
    const answer = await call('POST', `/api/v1/envelopes/${id}/send-decision`, { decision: 'resend' });
    expect(answer.statusCode).toBe(202);
    expect(answer.json()).toMatchObject({ id, status: 'sending', sendDecision: null });
    const log = await call('GET', '/api/v1/audit-log');
    expect(log.json().data.find((line: { action: string; targetId: string }) => line.action === 'envelope.send-decided' && line.targetId === id)).toBeDefined();
  });

  it('answers mark-sent with 200 and the sent envelope, and 422 on providerReference for an id the provider lacks', async () => {
    const id = await lostOutcome();
    const missing = await call('POST', `/api/v1/envelopes/${id}/send-decision`, { decision: 'mark-sent', providerReference: 'nowhere' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors).toEqual([{ path: 'providerReference', message: expect.stringContaining('has no envelope nowhere') }]);

    const envelope = (await store.findEnvelope(context.db, id))!;
    const request = await buildSendRequest(context, context.db, envelope, { callbackUrl: null, capabilities: fake.capabilities, purpose: 'send' });
    const { reference } = await fake.send(request, { state: {}, save: async () => {} }, {});
    const answer = await call('POST', `/api/v1/envelopes/${id}/send-decision`, { decision: 'mark-sent', providerReference: reference });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ status: 'sent', providerReference: reference, sendDecision: null });
  });
});
