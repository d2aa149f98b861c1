import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidStateError, ValidationError } from '../../domain/errors.js';
import type { JobQueue } from '../../jobs/queue.js';
import { createTableQueue } from '../../jobs/table-queue.js';
import { defineCapabilities, type Capabilities } from '../../providers/capabilities.js';
import { autentiProvider } from '../../providers/autenti/descriptor.js';
import { ProviderError } from '../../providers/errors.js';
import type { SignatureProvider } from '../../providers/provider.js';
import { insertConnection } from '../../store/connections.js';
import type { Db } from '../../store/database.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import * as store from '../../store/envelopes.js';
import type { AppContext } from '../context.js';
import { createSecretBox } from '../secrets.js';
import { ENVELOPE_ACTION_JOB, requestEnvelopeDeletion, runEnvelopeActionJob, startEnvelopeAction, type EnvelopeActionJobData } from './actions.js';
import { getEnvelope } from './envelopes.js';

const api = { source: 'api' } as const;
const AT = '2030-01-01T12:00:00.000Z';
const REFERENCE = 'PKG-1';

/** A provider that can do everything, records each call, and fails the next call with `failNext` if set. */
class FakeProvider {
  calls: string[] = [];
  failNext: Error | undefined;
  /** What `fetch` reports of the participants (none unless a test says), or the error it fails with. */
  participants: unknown[] = [];
  fetchFails: Error | undefined;

  constructor(readonly capabilities: Capabilities) {}

  adapter(): SignatureProvider {
    const call = async (name: string) => {
      this.calls.push(name);
      const failure = this.failNext;
      this.failNext = undefined;
      if (failure) throw failure;
    };
    const adapter = {
      contractVersion: 1,
      id: 'connective',
      capabilities: this.capabilities,
      fetch: async (reference: string) => {
        if (this.fetchFails) throw this.fetchFails;
        return { reference, detail: 'full', status: { unified: 'withdrawn', raw: 'Revoked' }, participants: this.participants };
      },
      withdraw: (reference: string) => call(`withdraw ${reference}`),
      remind: (reference: string) => call(`remind ${reference}`),
      extendExpiry: (reference: string, expiresAt: string) => call(`extendExpiry ${reference} ${expiresAt}`),
      skipPending: (reference: string) => call(`skipPending ${reference}`),
      delete: (reference: string) => call(`delete ${reference}`),
    };
    return adapter as unknown as SignatureProvider;
  }
}

const EVERYTHING = defineCapabilities({ withdraw: true, reminders: 'all-pending', expiryChange: true, skipPending: true, deletion: true });

let database: TestDatabase;
let db: Db;
let queue: JobQueue;
let provider: FakeProvider;
let context: AppContext;
let clock: number;

beforeEach(async () => {
  database = await openTestDatabase();
  db = database.db;
  clock = Date.parse(AT);
  queue = createTableQueue(db, { pollIntervalMs: 20, now: () => new Date(clock) });
  provider = new FakeProvider(EVERYTHING);
  const secrets = createSecretBox(randomBytes(32));
  context = {
    db,
    queue,
    secrets,
    logger: pino({ level: 'silent' }),
    now: () => new Date(clock),
    // Every connection of the fake's provider gets the fake adapter.
    providers: [{ ...autentiProvider, id: 'connective', capabilities: EVERYTHING, create: () => provider.adapter() }],
    selfUrl: () => 'http://127.0.0.1:9',
    outbound: { allow: () => false },
  } as unknown as AppContext;
  await insertConnection(db, {
    id: 'con_1',
    provider: 'connective',
    name: 'Connective test',
    baseUrl: 'https://connective.example/esig',
    sealedCredentials: secrets.seal(JSON.stringify({ username: 'u', password: 'p' }), 'con_1'),
    keyId: null,
    publicJwk: null,
    sealedPrivateKey: null,
    sealedCallbackToken: secrets.seal('token', 'con_1'),
    isDefault: true,
    health: { status: 'ok', detail: null, checkedAt: null },
    syncCursor: null,
    createdAt: AT,
    updatedAt: AT,
  });
});

afterEach(async () => {
  await queue.stop();
  await database.close();
});

/** An envelope in `status`; at the provider (with a reference) unless it is draft or ready. */
async function envelopeIn(status: 'draft' | 'ready' | 'sent' | 'completed', expiresAt: string | null = null): Promise<string> {
  const id = `env_${status}${Math.floor(Math.random() * 1e9)}`;
  await store.insertEnvelope(db, {
    id, title: 'A deal', message: null, language: null, connectionId: 'con_1', status, expiresAt, externalRef: null, metadata: null, createdAt: AT, updatedAt: AT,
  });
  if (status === 'sent' || status === 'completed') {
    await db.updateTable('envelopes').set({ provider: 'connective', provider_reference: REFERENCE }).where('id', '=', id).execute();
  }
  await store.insertParticipant(
    db,
    id,
    { id: `par_${id}`, firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', phone: null, role: 'signer', step: 1, status: status === 'sent' ? 'notified' : 'pending',
      authentication: [{ method: 'email-link' }], sealedSecretAnswer: null, signatureLevel: null, language: null, delivery: { mode: 'email' }, fields: [] },
    0,
    AT,
  );
  return id;
}

async function runJobs(): Promise<void> {
  queue.work<EnvelopeActionJobData>(ENVELOPE_ACTION_JOB, (data, job) => runEnvelopeActionJob(context, data, job));
  await queue.start();
}

describe('provider actions as jobs', () => {
  it('checks the status at once: an envelope that is not sent is a 409, and the provider is not called', async () => {
    const draft = await envelopeIn('draft');
    await expect(startEnvelopeAction(context, draft, { action: 'withdraw', reason: null }, api)).rejects.toBeInstanceOf(InvalidStateError);
    expect(provider.calls).toEqual([]);
  });

  it('checks the capability at once: a provider without it is a 422 naming it, before any call', async () => {
    provider = new FakeProvider(defineCapabilities({ withdraw: true }));
    const sent = await envelopeIn('sent');
    await expect(startEnvelopeAction(context, sent, { action: 'skip-pending' }, api)).rejects.toMatchObject({
      code: 'PROVIDER_UNSUPPORTED',
      feature: 'skipPending',
    });
    expect(provider.calls).toEqual([]);
  });

  it('starts one job for a double click: the same action asked twice while it waits', async () => {
    const sent = await envelopeIn('sent');
    const first = await startEnvelopeAction(context, sent, { action: 'remind' }, api);
    const second = await startEnvelopeAction(context, sent, { action: 'remind' }, api);
    expect(second.id).toBe(first.id);
    expect(first).toMatchObject({ name: ENVELOPE_ACTION_JOB, state: 'created' });
    // A different action is a different job.
    expect((await startEnvelopeAction(context, sent, { action: 'withdraw', reason: null }, api)).id).not.toBe(first.id);
  });

  it('withdraws through the job and records the reason', async () => {
    const sent = await envelopeIn('sent');
    await runJobs();
    const job = await startEnvelopeAction(context, sent, { action: 'withdraw', reason: 'Terms changed' }, api);
    expect(await queue.waitFor(job.id, ['completed'])).toMatchObject({ result: { envelopeId: sent, action: 'withdraw', status: 'withdrawn' } });
    expect(provider.calls).toEqual([`withdraw ${REFERENCE}`]);
    expect(await getEnvelope(context, sent)).toMatchObject({ status: 'withdrawn', statusReason: 'Terms changed' });
  });

  it('reads the participants once after a withdrawal: a signature whose callback was lost is not lost with it', async () => {
    const sent = await envelopeIn('sent');
    provider.participants = [
      { match: { email: 'james.dawson@example.com' }, status: { unified: 'completed', raw: 'Finished' }, timestamps: { completedAt: AT } },
    ];
    await runJobs();
    const job = await startEnvelopeAction(context, sent, { action: 'withdraw', reason: 'Terms changed' }, api);
    await queue.waitFor(job.id, ['completed']);
    expect(await getEnvelope(context, sent)).toMatchObject({ status: 'withdrawn', statusReason: 'Terms changed', participants: [{ email: 'james.dawson@example.com', status: 'completed' }] });
  });

  it('keeps a withdrawal done when the read after it fails', async () => {
    const sent = await envelopeIn('sent');
    provider.participants = [{ match: { email: 'james.dawson@example.com' }, status: { unified: 'completed', raw: 'Finished' }, timestamps: {} }];
    provider.fetchFails = new ProviderError({ kind: 'unavailable', provider: 'connective', message: 'Connective is down.' });
    await runJobs();
    const job = await startEnvelopeAction(context, sent, { action: 'withdraw', reason: null }, api);
    expect(await queue.waitFor(job.id, ['completed'])).toMatchObject({ result: { status: 'withdrawn' } });
    expect(provider.calls).toEqual([`withdraw ${REFERENCE}`]);
    expect(await getEnvelope(context, sent)).toMatchObject({ status: 'withdrawn', participants: [{ status: 'notified' }] });
  });

  it('retries at the provider’s Retry-After when rate limited, then succeeds', async () => {
    const sent = await envelopeIn('sent');
    provider.failNext = new ProviderError({ kind: 'rate-limited', provider: 'connective', message: 'Connective is rate limiting.', retryAfterMs: 45_000 });
    await runJobs();
    const job = await startEnvelopeAction(context, sent, { action: 'remind' }, api);
    const retry = await queue.waitFor(job.id, ['retry']);
    expect(retry.runAfter.getTime() - clock).toBe(45_000);
    expect(retry.lastError).toContain('rate limiting');
    clock = retry.runAfter.getTime();
    await queue.waitFor(job.id, ['completed']);
    expect(provider.calls).toEqual([`remind ${REFERENCE}`, `remind ${REFERENCE}`]);
    const envelope = await getEnvelope(context, sent);
    expect(envelope.events.find((event) => event.type === 'envelope-reminded')?.detail).toEqual({ participants: ['james.dawson@example.com'] });
  });

  it('ends the job at once with the provider’s reason when a retry cannot help', async () => {
    const sent = await envelopeIn('sent');
    provider.failNext = new ProviderError({ kind: 'validation', provider: 'connective', message: 'Connective refused the extension: too far ahead.' });
    await runJobs();
    const job = await startEnvelopeAction(context, sent, { action: 'extend-expiry', expiresAt: '2031-01-01T00:00:00.000Z' }, api);
    expect(await queue.waitFor(job.id, ['dead'])).toMatchObject({ attempts: 1, lastError: 'Connective refused the extension: too far ahead.' });
    expect((await getEnvelope(context, sent)).expiresAt).toBeNull();
  });

  it('extends the expiry to a later moment, and refuses one in the past or before the current expiry', async () => {
    const sent = await envelopeIn('sent', '2030-02-01T00:00:00.000Z');
    await expect(startEnvelopeAction(context, sent, { action: 'extend-expiry', expiresAt: '2029-12-31T00:00:00.000Z' }, api)).rejects.toBeInstanceOf(ValidationError);
    await expect(startEnvelopeAction(context, sent, { action: 'extend-expiry', expiresAt: '2030-01-15T00:00:00.000Z' }, api)).rejects.toThrow(/later moment/);
    await runJobs();
    const job = await startEnvelopeAction(context, sent, { action: 'extend-expiry', expiresAt: '2030-03-01T00:00:00.000Z' }, api);
    await queue.waitFor(job.id, ['completed']);
    const envelope = await getEnvelope(context, sent);
    expect(envelope.expiresAt).toBe('2030-03-01T00:00:00.000Z');
    expect(envelope.events.find((event) => event.type === 'envelope-expiry-extended')?.detail).toEqual({
      from: '2030-02-01T00:00:00.000Z',
      to: '2030-03-01T00:00:00.000Z',
    });
  });
});

describe('deleting an envelope', () => {
  it('deletes a draft here at once, with its participants', async () => {
    const draft = await envelopeIn('draft');
    expect(await requestEnvelopeDeletion(context, draft, { confirmed: false }, api)).toEqual({ deleted: 'local' });
    expect(await store.findEnvelope(db, draft)).toBeUndefined();
    expect(await db.selectFrom('participants').where('envelope_id', '=', draft).selectAll().execute()).toEqual([]);
    expect(provider.calls).toEqual([]);
  });

  it('asks for confirmation before deleting an envelope at its provider, saying how', async () => {
    const sent = await envelopeIn('sent');
    const refusal = await requestEnvelopeDeletion(context, sent, { confirmed: false }, api).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(InvalidStateError);
    expect((refusal as Error).message).toContain('?confirm=true');
    expect(provider.calls).toEqual([]);
  });

  it('deletes a finished envelope at its provider once confirmed, and keeps it here as deleted history', async () => {
    const completed = await envelopeIn('completed');
    await runJobs();
    const outcome = await requestEnvelopeDeletion(context, completed, { confirmed: true }, api);
    if (outcome.deleted !== 'job') throw new Error('expected a job');
    expect(await queue.waitFor(outcome.job.id, ['completed'])).toMatchObject({ result: { status: 'deleted' } });
    expect(provider.calls).toEqual([`delete ${REFERENCE}`]);
    const envelope = await getEnvelope(context, completed);
    expect(envelope.status).toBe('deleted');
    expect(envelope.participants).toHaveLength(1);
    expect(envelope.events.map((event) => event.type)).toContain('envelope-deleted');
    // Asked again: it is history now.
    await expect(requestEnvelopeDeletion(context, completed, { confirmed: true }, api)).rejects.toThrow(/already deleted/);
  });

  it('treats an envelope the provider no longer has as deleted', async () => {
    const sent = await envelopeIn('sent');
    provider.failNext = new ProviderError({ kind: 'not-found', provider: 'connective', message: 'No such package.' });
    await runJobs();
    const outcome = await requestEnvelopeDeletion(context, sent, { confirmed: true }, api);
    if (outcome.deleted !== 'job') throw new Error('expected a job');
    await queue.waitFor(outcome.job.id, ['completed']);
    expect((await getEnvelope(context, sent)).status).toBe('deleted');
  });

  it('refuses with 422 naming the capability where the provider cannot delete', async () => {
    provider = new FakeProvider(defineCapabilities({ withdraw: true }));
    const sent = await envelopeIn('sent');
    await expect(requestEnvelopeDeletion(context, sent, { confirmed: true }, api)).rejects.toMatchObject({ code: 'PROVIDER_UNSUPPORTED', feature: 'deletion' });
  });
});
