import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeProvider, fakeRegistry } from '../../../test/support/fake-provider.js';
import { createReadyEnvelope, createTestConnection, createTestContext, jobContextOf } from '../../../test/support/app-context.js';
import { waitUntil } from '../../../test/support/waiting.js';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookAnswer } from '../../../test/support/webhook-receiver.js';
import { parseAllowList } from '../../net/outbound-guard.js';
import { listEvents } from '../../store/events.js';
import { listEndpoints as listEndpointRows } from '../../store/webhook-endpoints.js';
import type { AppContext } from '../context.js';
import { requestSend, runSendJob } from '../envelopes/sending.js';
import { listEndpointDeliveries, listEnvelopeDeliveries, redeliver, sendTestPing, type WebhookDeliveryView } from './deliveries.js';
import { closeWebhookSender, runWebhookDeliveryJob, sweepWebhookDeliveries } from './dispatch.js';
import { createEndpoint, getEndpoint, rotateSecret, updateEndpoint } from './endpoints.js';
import { WEBHOOK_DELIVERY_JOB } from './wake-up.js';

/**
 * Webhook endpoints and deliveries against a real HTTP receiver on loopback and the real job queue,
 * on SQLite or PostgreSQL: what is sent, how it is signed, retried, ordered and given up on. The
 * retry schedule is shortened through the context (never a timing asserted: only what arrived, in
 * which order, and what the log says).
 */

let context: AppContext;
let close: () => Promise<void>;
let connectionId: string;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeEach(async () => {
  ({ context, close } = await createTestContext(fakeRegistry(createFakeProvider())));
  context.outbound = { allow: parseAllowList('127.0.0.1') };
  context.webhooks = { retryScheduleMs: [0, 30, 30, 30] };
  connectionId = await createTestConnection(context);
  receiver = await startWebhookReceiver();
  context.queue.work<{ endpointId: string }>(WEBHOOK_DELIVERY_JOB, (data, job) => runWebhookDeliveryJob(context, data, job), { concurrency: 2 });
  await context.queue.start();
});

afterEach(async () => {
  await context.queue.stop();
  await closeWebhookSender(context);
  await receiver.close();
  await close();
});

/** A ready envelope sent through the fake provider: envelope.sending, envelope.sent, participant.notified, participant.waiting. */
async function sendEnvelope(): Promise<string> {
  const id = await createReadyEnvelope(context, connectionId);
  await requestSend(context, id, { source: 'api' });
  await runSendJob(context, { envelopeId: id }, jobContextOf(1));
  return id;
}

async function deliveriesOf(endpointId: string): Promise<WebhookDeliveryView[]> {
  return (await listEndpointDeliveries(context, endpointId, { limit: 100 })).data;
}

async function settled(endpointId: string, count: number): Promise<WebhookDeliveryView[]> {
  return waitUntil(
    () => deliveriesOf(endpointId),
    (deliveries) => deliveries.length === count && deliveries.every((delivery) => delivery.status !== 'pending'),
    { what: `${count} deliveries to be delivered or given up on` },
  );
}

function verifiedWith(secret: string, request: ReceivedWebhook): unknown {
  return new Webhook(secret).verify(request.body, request.headers);
}

describe('webhook endpoints', () => {
  it('shows the secret once, in the Standard Webhooks format, and keeps it sealed', async () => {
    const created = await createEndpoint(context, { url: receiver.url, events: ['envelope.completed'], description: 'CRM' });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    expect(Buffer.from(created.secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(await getEndpoint(context, created.id)).not.toHaveProperty('secret');
    const [row] = await listEndpointRows(context.db);
    expect(JSON.stringify(row)).not.toContain(created.secret.slice('whsec_'.length));
    expect(context.secrets.open(row!.sealedSecret, created.id)).toBe(created.secret);
  });

  it('refuses a private or loopback URL unless the operator opened it, and plain http to a public host', async () => {
    context.outbound = { allow: parseAllowList('') };
    await expect(createEndpoint(context, { url: 'http://127.0.0.1:9/hooks' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'url', message: expect.stringMatching(/private, loopback .* COUNTERSIGN_ALLOW_PRIVATE_URLS/) }] });
    await expect(createEndpoint(context, { url: 'https://10.1.2.3/hooks' })).rejects.toMatchObject({ errors: [{ path: 'url' }] });
    await expect(createEndpoint(context, { url: 'http://crm.example.com/hooks' })).rejects.toMatchObject({ errors: [{ path: 'url', message: expect.stringMatching(/must be an https URL/) }] });
    const endpoint = await createEndpoint(context, { url: 'https://crm.example.com/hooks' });
    await expect(updateEndpoint(context, endpoint.id, { url: 'https://localhost/hooks' })).rejects.toMatchObject({ errors: [{ path: 'url' }] });
  });

  it('checks the address again at delivery: a name that now resolves to a private address is not called', async () => {
    context.outbound = { allow: parseAllowList(''), lookup: async () => [{ address: '127.0.0.1', family: 4 }] };
    const endpoint = await createEndpoint(context, { url: 'https://crm.example.com/hooks' });
    context.webhooks = { retryScheduleMs: [0] };
    await sendTestPing(context, endpoint.id);
    const [ping] = await settled(endpoint.id, 1);
    expect(ping).toMatchObject({ status: 'failed', attemptCount: 1, attempts: [{ statusCode: null, error: expect.stringMatching(/outbound guard refused it: crm.example.com \(which resolves to 127.0.0.1\) is a private/) }] });
    expect(receiver.received).toEqual([]);
  });
});

describe('deliveries', () => {
  it('delivers each event the endpoint takes, signed so that the receiver’s Standard Webhooks library verifies it', async () => {
    const endpoint = await createEndpoint(context, { url: receiver.url, events: ['envelope.sent', 'participant.notified'] });
    const envelopeId = await sendEnvelope();
    const deliveries = await settled(endpoint.id, 2);
    expect(deliveries.map((delivery) => delivery.status)).toEqual(['delivered', 'delivered']);

    const feed = await listEvents(context.db, { limit: 100 });
    const wanted = feed.filter((event) => event.type === 'envelope.sent' || event.type === 'participant.notified');
    expect(receiver.received.map((request) => request.event.id)).toEqual(wanted.map((event) => event.id));
    for (const request of receiver.received) {
      expect(request.headers['webhook-id']).toBe(request.event.id);
      expect(request.headers['content-type']).toBe('application/json');
      expect(verifiedWith(endpoint.secret, request)).toEqual(request.event);
      expect(() => verifiedWith(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, request)).toThrow('No matching signature found');
    }
    // The body is the event as the feed answers it.
    expect(receiver.received[0]!.event).toMatchObject({ type: 'envelope.sent', envelopeId, data: { envelope: { id: envelopeId, status: 'sent' } } });
    // The envelope's own view of what its events made.
    expect((await listEnvelopeDeliveries(context, envelopeId, { limit: 10 })).data.map((delivery) => delivery.eventType).sort()).toEqual(['envelope.sent', 'participant.notified']);
  });

  it('retries on the schedule until a 2xx, with the same webhook-id, and logs every attempt', async () => {
    receiver.answerWith((_request, index) => (index < 2 ? { status: 503, body: 'x'.repeat(5000) } : 204));
    const endpoint = await createEndpoint(context, { url: receiver.url, events: ['envelope.sending'] });
    await createReadyEnvelope(context, connectionId).then((id) => requestSend(context, id, { source: 'api' }));
    const [delivery] = await settled(endpoint.id, 1);
    expect(delivery).toMatchObject({ status: 'delivered', attemptCount: 3, lastStatusCode: 204, nextAttemptAt: null });
    expect(delivery!.attempts.map((attempt) => [attempt.number, attempt.statusCode])).toEqual([[1, 503], [2, 503], [3, 204]]);
    // The first 2 KiB of an answer are kept, not more.
    expect(delivery!.attempts[0]!.responseSnippet).toBe('x'.repeat(2048));
    expect(new Set(receiver.received.map((request) => request.headers['webhook-id']))).toEqual(new Set([delivery!.eventId]));
    // A delivered run clears the endpoint's failures.
    expect((await getEndpoint(context, endpoint.id)).failingSince).toBeNull();
  });

  it('gives up after the last attempt of the schedule, and the log says why', async () => {
    receiver.answerWith(() => 500);
    const endpoint = await createEndpoint(context, { url: receiver.url, events: ['envelope.sending'] });
    await createReadyEnvelope(context, connectionId).then((id) => requestSend(context, id, { source: 'api' }));
    const [delivery] = await settled(endpoint.id, 1);
    expect(delivery).toMatchObject({ status: 'failed', attemptCount: 4, lastError: 'gave up after 4 attempts (the last: HTTP 500)' });
    expect(receiver.received).toHaveLength(4);
    expect((await getEndpoint(context, endpoint.id)).failingSince).not.toBeNull();
  });

  it('disables the endpoint when the receiver answers 410 Gone, and sends it nothing more', async () => {
    receiver.answerWith(() => 410);
    const endpoint = await createEndpoint(context, { url: receiver.url, events: ['envelope.sending'] });
    await createReadyEnvelope(context, connectionId).then((id) => requestSend(context, id, { source: 'api' }));
    const [delivery] = await settled(endpoint.id, 1);
    expect(delivery).toMatchObject({ status: 'failed', attemptCount: 1, lastStatusCode: 410 });
    const disabled = await getEndpoint(context, endpoint.id);
    expect(disabled).toMatchObject({ enabled: false, disabledReason: expect.stringMatching(/^127\.0\.0\.1:\d+ answered 410 Gone at .*set enabled to true/), disabledAt: expect.any(String) });
    // A disabled endpoint gets no new deliveries, and refuses a ping until enabled again.
    await createReadyEnvelope(context, connectionId).then((id) => requestSend(context, id, { source: 'api' }));
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1);
    await expect(sendTestPing(context, endpoint.id)).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/is disabled .* PATCH \/api\/v1\/webhook-endpoints\/.* \{"enabled": true\}/) });
    receiver.answerWith(() => 200);
    expect(await updateEndpoint(context, endpoint.id, { enabled: true })).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null });
    await sendTestPing(context, endpoint.id);
    await settled(endpoint.id, 2);
    expect(receiver.received.at(-1)!.event.type).toBe('ping');
  });

  it('disables an endpoint whose every attempt failed for the configured time, with the reason on it', async () => {
    receiver.answerWith(() => 500);
    context.webhooks = { retryScheduleMs: [0, 30, 30, 30, 30, 30], disableAfterFailingMs: 60 };
    const endpoint = await createEndpoint(context, { url: receiver.url, events: ['envelope.sending'] });
    await createReadyEnvelope(context, connectionId).then((id) => requestSend(context, id, { source: 'api' }));
    const disabled = await waitUntil(() => getEndpoint(context, endpoint.id), (view) => !view.enabled, { what: 'the endpoint to be disabled' });
    expect(disabled.disabledReason).toMatch(/^Every delivery attempt to 127\.0\.0\.1:\d+ failed from .* \(the last: HTTP 500\)\. Fix the receiver, then set enabled to true\.$/);
    const [delivery] = await settled(endpoint.id, 1);
    expect(delivery!.status).toBe('failed');
  });

  it('sends an envelope’s events one at a time in order, while other envelopes’ go on', async () => {
    // A failed attempt waits an hour: what waits behind it, and what does not, is then plain to see.
    context.webhooks = { retryScheduleMs: [0, 3_600_000] };
    const endpoint = await createEndpoint(context, { url: receiver.url, events: ['envelope.sending', 'envelope.sent'] });
    const first = await createReadyEnvelope(context, connectionId);
    let failuresLeft = 1;
    receiver.answerWith((request) => (request.event.envelopeId === first && failuresLeft-- > 0 ? 500 : 200));
    await requestSend(context, first, { source: 'api' });
    await runSendJob(context, { envelopeId: first }, jobContextOf(1));
    const second = await sendEnvelope();

    const byType = (deliveries: WebhookDeliveryView[], envelopeId: string) =>
      Object.fromEntries(deliveries.filter((delivery) => delivery.envelopeId === envelopeId).map((delivery) => [delivery.eventType, delivery]));
    const waiting = await waitUntil(
      () => deliveriesOf(endpoint.id),
      (deliveries) => deliveries.filter((delivery) => delivery.envelopeId === second && delivery.status === 'delivered').length === 2,
      { what: 'the second envelope’s events to be delivered' },
    );
    // The first envelope's envelope.sent waits, never tried, behind its envelope.sending, which failed once.
    expect(byType(waiting, first)['envelope.sending']).toMatchObject({ status: 'pending', attemptCount: 1 });
    expect(byType(waiting, first)['envelope.sent']).toMatchObject({ status: 'pending', attemptCount: 0 });
    expect(receiver.received.filter((request) => request.event.envelopeId === first).map((request) => [request.event.type, request.status])).toEqual([['envelope.sending', 500]]);

    // An hour later its retry is delivered, and only then what waited behind it.
    const later = Date.now() + 3_700_000;
    context.now = () => new Date(later);
    await runWebhookDeliveryJob(context, { endpointId: endpoint.id }, jobContextOf(1));
    expect(receiver.received.filter((request) => request.event.envelopeId === first).map((request) => [request.event.type, request.status])).toEqual([
      ['envelope.sending', 500],
      ['envelope.sending', 200],
      ['envelope.sent', 200],
    ]);
    expect(receiver.received.filter((request) => request.event.envelopeId === second).map((request) => request.event.type)).toEqual(['envelope.sending', 'envelope.sent']);
  });

  /**
   * One sender, run by the test (the queue stopped: its second worker cannot stand in for it), an
   * endpoint for envelope.sending and envelope.sent, and two envelopes sent: `slow`, whose answers
   * wait for `release`, and `other`, answered as `answerOther` says.
   */
  async function slowAndOther(answerOther: WebhookAnswer) {
    await context.queue.stop();
    const endpoint = await createEndpoint(context, { url: receiver.url, events: ['envelope.sending', 'envelope.sent'] });
    const slow = await sendEnvelope();
    const other = await sendEnvelope();
    let release!: () => void;
    const released = new Promise<number>((resolve) => (release = () => resolve(200)));
    receiver.answerWith((request, index) => (request.event.envelopeId === slow ? released : answerOther(request, index)));
    return { endpoint, slow, other, release };
  }

  /** The slow envelope's first attempt still under way (its answer held, not timed out), its second event behind it. */
  async function expectSlowHeld(endpointId: string, slow: string) {
    const slowDeliveries = (await deliveriesOf(endpointId)).filter((delivery) => delivery.envelopeId === slow);
    expect(slowDeliveries.map((delivery) => [delivery.eventType, delivery.status, delivery.attemptCount])).toEqual([
      ['envelope.sent', 'pending', 0],
      ['envelope.sending', 'pending', 0],
    ]);
  }

  it('lets a receiver slow to answer one envelope’s event hold up that envelope alone: the other lanes go on', async () => {
    const { endpoint, slow, other, release } = await slowAndOther(() => 200);

    const run = runWebhookDeliveryJob(context, { endpointId: endpoint.id }, jobContextOf(1));
    await waitUntil(
      async () => receiver.received.filter((request) => request.event.envelopeId === other).map((request) => request.event.type),
      (types) => types.length === 2,
      { what: 'the other envelope’s two events while the slow answer is held' },
    );
    await expectSlowHeld(endpoint.id, slow);
    release();
    expect(await run).toMatchObject({ delivered: 4 });
    expect(receiver.received.filter((request) => request.event.envelopeId === slow).map((request) => request.event.type)).toEqual(['envelope.sending', 'envelope.sent']);
  });

  it('retries another lane’s failed event when its retry falls due, not once a slow answer on one lane has come', async () => {
    // The other envelope's first request fails (its retry is due 30 ms later); the slow one's answer is held.
    let otherFailed = false;
    const { endpoint, slow, other, release } = await slowAndOther(() => {
      if (otherFailed) return 200;
      otherFailed = true;
      return 503;
    });

    const run = runWebhookDeliveryJob(context, { endpointId: endpoint.id }, jobContextOf(1));
    try {
      await waitUntil(
        async () => receiver.received.filter((request) => request.event.envelopeId === other && request.status === 200).map((request) => request.event.type),
        (types) => types.length === 2,
        { what: 'the other envelope’s two events, its failed one retried, while the slow answer is held' },
      );
      await expectSlowHeld(endpoint.id, slow);
    } finally {
      // Whatever the test found, the run ends before the context closes under it.
      release();
      await run.catch(() => undefined);
    }
    expect(await run).toMatchObject({ delivered: 4, retrying: 1 });
  });

  it('signs with the old and the new secret during a rotation’s overlap, then with the new one only', async () => {
    const endpoint = await createEndpoint(context, { url: receiver.url });
    context.webhooks = { ...context.webhooks, secretOverlapMs: 60 * 60_000 };
    const rotated = await rotateSecret(context, endpoint.id);
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(Date.parse(rotated.previousSecretExpiresAt!)).toBeGreaterThan(Date.now());
    await sendTestPing(context, endpoint.id);
    await settled(endpoint.id, 1);
    const [duringOverlap] = receiver.received;
    expect(duringOverlap!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(verifiedWith(endpoint.secret, duringOverlap!)).toEqual(duringOverlap!.event);
    expect(verifiedWith(rotated.secret, duringOverlap!)).toEqual(duringOverlap!.event);

    context.webhooks = { ...context.webhooks, secretOverlapMs: 0 };
    const again = await rotateSecret(context, endpoint.id);
    expect(again.previousSecretExpiresAt).toBeNull();
    await sendTestPing(context, endpoint.id);
    await settled(endpoint.id, 2);
    const afterOverlap = receiver.received[1]!;
    expect(afterOverlap.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(verifiedWith(again.secret, afterOverlap)).toEqual(afterOverlap.event);
    expect(() => verifiedWith(rotated.secret, afterOverlap)).toThrow('No matching signature found');
  });

  it('sends a ping to one endpoint only, and redelivers a finished delivery with the same webhook-id', async () => {
    const endpoint = await createEndpoint(context, { url: receiver.url });
    const other = await startWebhookReceiver();
    try {
      const otherEndpoint = await createEndpoint(context, { url: other.url });
      const ping = await sendTestPing(context, endpoint.id);
      expect(ping).toMatchObject({ eventType: 'ping', status: 'pending', envelopeId: null, redeliveryOf: null });
      const [delivered] = await settled(endpoint.id, 1);
      expect(receiver.received[0]!.event).toMatchObject({ id: ping.eventId, type: 'ping', envelopeId: null, data: { endpointId: endpoint.id } });
      expect(verifiedWith(endpoint.secret, receiver.received[0]!)).toMatchObject({ type: 'ping' });
      expect(other.received).toEqual([]);
      expect(await deliveriesOf(otherEndpoint.id)).toEqual([]);

      const again = await redeliver(context, endpoint.id, delivered!.id);
      expect(again).toMatchObject({ eventId: ping.eventId, redeliveryOf: delivered!.id, status: 'pending' });
      await settled(endpoint.id, 2);
      expect(receiver.received.map((request) => request.headers['webhook-id'])).toEqual([ping.eventId, ping.eventId]);
      await expect(redeliver(context, otherEndpoint.id, delivered!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await other.close();
    }
  });

  it('refuses to redeliver a delivery still pending', async () => {
    receiver.answerWith(() => 500);
    context.webhooks = { retryScheduleMs: [0, 3_600_000] };
    const endpoint = await createEndpoint(context, { url: receiver.url });
    const ping = await sendTestPing(context, endpoint.id);
    await waitUntil(() => deliveriesOf(endpoint.id), ([delivery]) => delivery!.attemptCount === 1, { what: 'the first attempt' });
    await expect(redeliver(context, endpoint.id, ping.id)).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/still pending \(attempt 2 is due at/) });
  });

  it('delivers what was pending when the workers stopped, whatever became of its wake-up job', async () => {
    const endpoint = await createEndpoint(context, { url: receiver.url });
    await context.queue.stop();
    // Deliveries made while no worker runs: they wait, pending, in the table.
    const envelopeId = await sendEnvelope();
    expect((await deliveriesOf(endpoint.id)).map((delivery) => delivery.status)).toEqual(['pending', 'pending', 'pending', 'pending']);
    // The sweep (every minute, and at start) finds the endpoint with deliveries due and nobody sending them.
    expect(await sweepWebhookDeliveries(context)).toBe(1);
    // Any run of the sender delivers them, in the feed's order.
    await runWebhookDeliveryJob(context, { endpointId: endpoint.id }, jobContextOf(1));
    const feed = (await listEvents(context.db, { envelopeId, limit: 100 })).map((event) => event.id);
    expect(receiver.received.map((request) => request.event.id)).toEqual(feed);
    expect(await sweepWebhookDeliveries(context)).toBe(0);
  });
});
