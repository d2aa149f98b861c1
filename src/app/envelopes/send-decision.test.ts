import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeProvider, fakeRegistry, type FakeProvider } from '../../../test/support/fake-provider.js';
import { createReadyEnvelope, createTestConnection, createTestContext, jobContextOf } from '../../../test/support/app-context.js';
import { InvalidStateError, ValidationError } from '../../domain/errors.js';
import { ProviderError } from '../../providers/errors.js';
import * as store from '../../store/envelopes.js';
import type { AppContext } from '../context.js';
import { getEnvelope } from './envelopes.js';
import { decideSend } from './send-decision.js';
import { buildSendRequest, requestSend, runSendJob } from './sending.js';

/** A send whose outcome is lost, and the decision a person takes: against the fake adapter, over a real SQLite file. */

let fake: FakeProvider;
let context: AppContext;
let close: () => Promise<void>;
let connectionId: string;
const api = { source: 'api' } as const;

beforeEach(async () => {
  fake = createFakeProvider();
  ({ context, close } = await createTestContext(fakeRegistry(fake)));
  connectionId = await createTestConnection(context);
});

afterEach(async () => {
  await close();
});

const LOST = 'The workflow "Boat rental agreement" may have been created at 10:02 with documents 65a1…: ConsignO answered that they are already assigned.';
const outcomeUnknown = () => new ProviderError({ kind: 'outcome-unknown', provider: 'autenti', httpStatus: 409, message: LOST });

const checkpointOf = async (id: string) =>
  (await context.db.selectFrom('envelopes').select('send_checkpoint').where('id', '=', id).executeTakeFirstOrThrow()).send_checkpoint;

/** An envelope whose first attempt created something at the provider (checkpoint saved) and whose next attempt lost the outcome. */
async function decisionNeeded(): Promise<string> {
  const id = await createReadyEnvelope(context, connectionId);
  await requestSend(context, id, api);
  fake.dieAfterCreate();
  await expect(runSendJob(context, { envelopeId: id }, jobContextOf(1))).rejects.toThrow('the worker died');
  fake.failNextSend(outcomeUnknown());
  expect(await runSendJob(context, { envelopeId: id }, jobContextOf(2))).toEqual({ failed: 'outcome-unknown' });
  return id;
}

describe('a send whose outcome is unknown', () => {
  it('fails the envelope with the adapter message and says a decision is needed, without retrying', async () => {
    const id = await decisionNeeded();
    const envelope = await getEnvelope(context, id);
    expect(envelope).toMatchObject({ status: 'failed', statusReason: LOST, providerReference: null });
    expect(envelope.sendDecision).toMatchObject({ needed: true, reason: LOST });
    expect(envelope.events.at(-1)).toMatchObject({ type: 'envelope-failed', detail: { kind: 'outcome-unknown', decision: 'needed' } });
  });

  it('is not marked for a decision when the provider refused plainly', async () => {
    const id = await createReadyEnvelope(context, connectionId);
    await requestSend(context, id, api);
    fake.failNextSend(new ProviderError({ kind: 'validation', provider: 'autenti', httpStatus: 400, message: 'The title is too long.' }));
    await runSendJob(context, { envelopeId: id }, jobContextOf(1));
    expect(await getEnvelope(context, id)).toMatchObject({ status: 'failed', sendDecision: null });
    await expect(decideSend(context, id, { decision: 'resend' }, api)).rejects.toThrow(/waits for no send decision/);
  });

  it('refuses a plain send again, pointing to the send decision', async () => {
    const id = await decisionNeeded();
    const error = await requestSend(context, id, api).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidStateError);
    expect((error as Error).message).toContain(`POST /api/v1/envelopes/${id}/send-decision`);
    expect((await getEnvelope(context, id)).status).toBe('failed');
  });
});

describe('decideSend resend', () => {
  it('forgets the checkpoint and sends again from nothing', async () => {
    const id = await decisionNeeded();
    expect(JSON.parse((await checkpointOf(id))!)).toEqual({ reference: 'fake-1' });

    const { envelope, result } = await decideSend(context, id, { decision: 'resend' }, api);
    expect(result).toBe('sending');
    expect(envelope).toMatchObject({ status: 'sending', sendDecision: null });
    expect(envelope.events.at(-1)).toMatchObject({ type: 'envelope-sending', source: 'api', detail: { decision: 'resend' } });
    expect(await checkpointOf(id)).toBeNull();

    // Without the old checkpoint the adapter creates anew instead of resuming the lost one.
    expect(await runSendJob(context, { envelopeId: id }, jobContextOf(1))).toEqual({ reference: 'fake-2' });
    expect(fake.calls.map((call) => call.method)).toEqual(['create', 'create', 'send']);
  });

  it('answers a repeated resend with the envelope as the first left it, queuing nothing more', async () => {
    const id = await decisionNeeded();
    await decideSend(context, id, { decision: 'resend' }, api);
    const again = await decideSend(context, id, { decision: 'resend' }, api);
    expect(again).toMatchObject({ result: 'sending', envelope: { status: 'sending' } });
    expect((await store.listEvents(context.db, id)).filter((event) => event.type === 'envelope-sending')).toHaveLength(2);
  });
});

describe('decideSend mark-sent', () => {
  /** What the lost attempt did create at the provider: the same envelope, sent there. */
  async function createdAtProvider(id: string): Promise<string> {
    const envelope = (await store.findEnvelope(context.db, id))!;
    const request = await buildSendRequest(context, context.db, envelope, { callbackUrl: null, capabilities: fake.capabilities, purpose: 'send' });
    const { reference } = await fake.send(request, { state: {}, save: async () => {} }, {});
    fake.calls.length = 0;
    return reference;
  }

  it('checks the reference at the provider, records it as sent and applies what the provider reports', async () => {
    const id = await decisionNeeded();
    const reference = await createdAtProvider(id);
    fake.report(reference, { participants: { 'anna@client.test': { status: 'completed' } } });

    const { envelope, result } = await decideSend(context, id, { decision: 'mark-sent', providerReference: ` ${reference} ` }, api);
    expect(result).toBe('sent');
    expect(fake.calls).toEqual([{ method: 'fetch', reference }]);
    expect(envelope).toMatchObject({ status: 'sent', provider: 'autenti', providerReference: reference, sendDecision: null });
    expect(envelope.participants.map((participant) => [participant.email, participant.status, participant.providerReference])).toEqual([
      ['anna@client.test', 'completed', `${reference}/p1`],
      ['bert@client.test', 'waiting', `${reference}/p2`],
    ]);
    expect(envelope.events.find((event) => event.type === 'envelope-sent')).toMatchObject({ source: 'api', detail: { from: 'failed', reference, decision: 'mark-sent' } });

    // The same decision again: the same answer, no second fetch or history line.
    const again = await decideSend(context, id, { decision: 'mark-sent', providerReference: reference }, api);
    expect(again).toMatchObject({ result: 'sent', envelope: { status: 'sent', providerReference: reference } });
    expect(fake.calls).toHaveLength(1);
    expect(again.envelope.events.filter((event) => event.type === 'envelope-sent')).toHaveLength(1);
  });

  it('refuses a reference the provider does not have, naming the field, and keeps the decision open', async () => {
    const id = await decisionNeeded();
    const error = await decideSend(context, id, { decision: 'mark-sent', providerReference: 'no-such-workflow' }, api).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([{ path: 'providerReference', message: expect.stringContaining('has no envelope no-such-workflow') }]);
    expect(await getEnvelope(context, id)).toMatchObject({ status: 'failed', sendDecision: { needed: true } });
  });

  it('refuses another reference once the envelope is sent', async () => {
    const id = await decisionNeeded();
    const reference = await createdAtProvider(id);
    await decideSend(context, id, { decision: 'mark-sent', providerReference: reference }, api);
    await expect(decideSend(context, id, { decision: 'mark-sent', providerReference: 'fake-other' }, api)).rejects.toBeInstanceOf(InvalidStateError);
  });
});
