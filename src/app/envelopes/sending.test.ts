import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeProvider, fakeRegistry, type FakeProvider } from '../../../test/support/fake-provider.js';
import { createReadyEnvelope, createTestConnection, createTestContext, jobContextOf } from '../../../test/support/app-context.js';
import { InvalidStateError, ValidationError } from '../../domain/errors.js';
import { ProviderError } from '../../providers/errors.js';
import { listInFlightEnvelopes } from '../../store/envelope-sync.js';
import type { AppContext } from '../context.js';
import { getEnvelope } from './envelopes.js';
import { requestSend, runSendJob, SEND_JOB } from './sending.js';

/** The send job against a fake adapter (test/support/fake-provider.ts): what reaches the provider and what the envelope becomes. */

let fake: FakeProvider;
let context: AppContext;
let close: () => Promise<void>;
let connectionId: string;

beforeEach(async () => {
  fake = createFakeProvider();
  ({ context, close } = await createTestContext(fakeRegistry(fake)));
  connectionId = await createTestConnection(context);
});

afterEach(async () => {
  await close();
});

const refusal = (kind: 'validation' | 'unavailable') =>
  new ProviderError({ kind, provider: 'autenti', httpStatus: kind === 'validation' ? 400 : 503, message: `The provider said no (${kind}).`, providerMessage: 'title is too long' });

/** A ready envelope accepted for sending: `sending`, with its job queued. */
async function accepted(options: Parameters<typeof createReadyEnvelope>[2] = {}): Promise<string> {
  const id = await createReadyEnvelope(context, connectionId, options);
  expect((await requestSend(context, id, { source: 'api' })).status).toBe('sending');
  return id;
}

/** Send jobs about `envelopeId` (`''`: any). The queue's own table is outside the app's schema: read it as the queue stores it. */
const sendingJobs = async (envelopeId: string) =>
  (await sql<{ id: string }>`select id from jobs where name = ${SEND_JOB} and data like ${`%${envelopeId}%`}`.execute(context.db)).rows;

describe('requestSend', () => {
  it('queues one send job and calls no provider', async () => {
    const id = await accepted();
    expect(await sendingJobs(id)).toHaveLength(1);
    expect(fake.calls).toEqual([]);
  });

  it('refuses with 422 naming the capability what the provider cannot do, before any provider call', async () => {
    // Refused when the envelope is created or, at the latest, when it is sent: never by the provider.
    const error = await (async () => {
      const id = await createReadyEnvelope(context, connectionId, { expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
      await requestSend(context, id, { source: 'api' });
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((problem) => problem.path)).toEqual(['expiresAt']);
    expect((error as ValidationError).errors[0]!.message).toContain('Autenti does not take an expiry date');
    expect(await sendingJobs('')).toEqual([]);
    expect(fake.calls).toEqual([]);
  });
  it('accepts one of two sends of one envelope made at once and refuses the other (transactions side by side on PostgreSQL)', async () => {
    const id = await createReadyEnvelope(context, connectionId);
    const outcomes = await Promise.allSettled([requestSend(context, id, { source: 'api' }), requestSend(context, id, { source: 'api' })]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected')!;
    expect(refused.reason).toBeInstanceOf(InvalidStateError);
    const envelope = await getEnvelope(context, id);
    expect(envelope.events.filter((event) => event.type === 'envelope-sending')).toHaveLength(1);
    expect(await sendingJobs(id)).toHaveLength(1);
  });
});

describe('runSendJob', () => {
  it('sends the envelope as stored and marks it sent: reference, participants linked and notified by step', async () => {
    const id = await accepted({ documents: 2 });
    const result = await runSendJob(context, { envelopeId: id }, jobContextOf(1));
    expect(result).toEqual({ reference: 'fake-1' });
    expect(fake.calls.map((call) => call.method)).toEqual(['create', 'send']);

    const envelope = await getEnvelope(context, id);
    const sent = fake.sent.get('fake-1')!;
    expect(sent.request).toMatchObject({ envelopeId: id, title: 'Boat rental agreement', callbackUrl: null });
    // The bytes streamed to the provider are the stored documents'.
    expect(sent.documentHashes).toEqual(envelope.documents.map((document) => document.sha256));
    expect(sent.request.participants.map((participant) => [participant.email, participant.step])).toEqual([
      ['anna@client.test', 1],
      ['bert@client.test', 2],
    ]);
    expect(envelope).toMatchObject({ status: 'sent', provider: 'autenti', providerReference: 'fake-1' });
    expect(envelope.participants.map((participant) => [participant.email, participant.status, participant.providerReference])).toEqual([
      ['anna@client.test', 'notified', 'fake-1/p1'],
      ['bert@client.test', 'waiting', 'fake-1/p2'],
    ]);
    expect(envelope.events.map((event) => event.type)).toContain('envelope-sent');
    // When it was sent, where the sync starts looking for its changes.
    const [inFlight] = await listInFlightEnvelopes(context.db);
    expect(inFlight).toMatchObject({ id, providerReference: 'fake-1' });
    expect(Date.parse(inFlight!.sentAt!)).toBeGreaterThanOrEqual(Date.parse(inFlight!.createdAt));
  });

  it('marks the envelope failed with the provider\'s reason when the provider refuses, without retrying', async () => {
    const id = await accepted();
    fake.failNextSend(refusal('validation'));
    expect(await runSendJob(context, { envelopeId: id }, jobContextOf(1))).toEqual({ failed: 'validation' });
    const envelope = await getEnvelope(context, id);
    expect(envelope).toMatchObject({ status: 'failed', statusReason: 'The provider said no (validation).', providerReference: null });
    expect(envelope.events.at(-1)?.detail).toMatchObject({ kind: 'validation', providerMessage: 'title is too long', attempts: 1 });
  });

  it('keeps no promise to retry in the reason of a refusal that is not retried', async () => {
    const id = await accepted();
    fake.failNextSend(new ProviderError({ kind: 'unavailable', retryable: false, provider: 'autenti', message: 'Autenti did not complete creating a document process (HTTP 500). Countersign retries later.' }));
    await runSendJob(context, { envelopeId: id }, jobContextOf(1));
    expect((await getEnvelope(context, id)).statusReason).toBe('Autenti did not complete creating a document process (HTTP 500).');
  });

  it('leaves the envelope sending for the next attempt on an outage, and fails it on the last attempt', async () => {
    const id = await accepted();
    fake.failNextSend(refusal('unavailable'));
    await expect(runSendJob(context, { envelopeId: id }, jobContextOf(1, 3))).rejects.toThrow('The provider said no (unavailable).');
    expect((await getEnvelope(context, id)).status).toBe('sending');

    fake.failNextSend(refusal('unavailable'));
    await expect(runSendJob(context, { envelopeId: id }, jobContextOf(3, 3))).rejects.toThrow('The provider said no (unavailable).');
    expect(await getEnvelope(context, id)).toMatchObject({ status: 'failed', statusReason: 'Sending gave up after 3 attempts: The provider said no (unavailable).' });
    // The history says how many attempts were made, for a page that tells the person Countersign stopped trying.
    expect((await getEnvelope(context, id)).events.at(-1)).toMatchObject({ type: 'envelope-failed', detail: { attempts: 3 } });
  });

  it('says no more that it retries once the last attempt failed', async () => {
    const id = await accepted();
    fake.failNextSend(new ProviderError({ kind: 'unavailable', provider: 'autenti', message: 'Autenti did not complete creating a document process (HTTP 500). Countersign retries later.' }));
    await expect(runSendJob(context, { envelopeId: id }, jobContextOf(12, 12))).rejects.toThrow(/retries later/);
    expect((await getEnvelope(context, id)).statusReason).toBe('Sending gave up after 12 attempts: Autenti did not complete creating a document process (HTTP 500).');
  });

  it('resumes from the saved checkpoint after a crash: one envelope created at the provider, sent once', async () => {
    const id = await accepted();
    fake.dieAfterCreate();
    await expect(runSendJob(context, { envelopeId: id }, jobContextOf(1))).rejects.toThrow('the worker died');
    expect((await getEnvelope(context, id)).status).toBe('sending');
    const row = await context.db.selectFrom('envelopes').select('send_checkpoint').where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.send_checkpoint!)).toEqual({ reference: 'fake-1' });

    expect(await runSendJob(context, { envelopeId: id }, jobContextOf(2))).toEqual({ reference: 'fake-1' });
    expect(fake.calls.map((call) => call.method)).toEqual(['create', 'send']);
    expect((await getEnvelope(context, id)).status).toBe('sent');
  });

  it('does nothing for an envelope that is no longer sending (a job run twice)', async () => {
    const id = await accepted();
    await runSendJob(context, { envelopeId: id }, jobContextOf(1));
    expect(await runSendJob(context, { envelopeId: id }, jobContextOf(1))).toEqual({ skipped: 'sent' });
    expect(fake.calls.map((call) => call.method)).toEqual(['create', 'send']);
  });
});
