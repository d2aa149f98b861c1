import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../src/domain/events.js';
import { startAutentiSandbox } from '../../src/sandbox/autenti/index.js';
import { FIXTURES } from '../support/fixtures.js';
import { randomApiKey, temporaryDataDir } from '../support/server.js';
import { restartableServer, type RestartableServer } from './support/restartable-server.js';
import { sandboxControl } from '../support/sandbox-control.js';
import { waitUntil } from '../support/waiting.js';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookAnswer } from '../support/webhook-receiver.js';

/**
 * Issue 14's reliability test: at least 10,000 events, pushed to a receiver that fails at random —
 * 5xx answers, dropped connections, answers after the sender gave up — while the server is stopped
 * once (SIGTERM) and killed once (SIGKILL) with deliveries under way. The receiver must get every
 * event at least once, exactly the feed's events once deduplicated by `webhook-id`, each one signed
 * right and each envelope's events in the feed's order; a host polling the feed across the restarts
 * must read the same events in the same order.
 *
 * The workload is real: envelopes sent through the Autenti sandbox (in this process, so it outlives
 * the server), every signer signing there, the server learning of it by the sandbox's callbacks and
 * by syncs, archiving the signed files. `SOAK_WEBHOOK_EVENTS` sets another size (CI runs it at 3,000
 * on PostgreSQL, where it exercises several senders sharing deliveries by row claims and job leases).
 */

const EVENT_TARGET = Number(process.env.SOAK_WEBHOOK_EVENTS ?? 10_000);
/**
 * Participants per envelope, all in one step: a signer and approvers. Each adds a
 * `participant.notified` and a `participant.signed` or `.approved`; approving costs the sandbox no PDF
 * signature, so most are approvers. Every REJECTED_EVERY-th envelope is rejected by an approver halfway.
 */
const PARTICIPANTS = 10;
const REJECTED_EVERY = 8;
/** Envelopes under way at once. */
const CONCURRENCY = 6;

/**
 * Many quick retries instead of the Standard Webhooks' days: with a quarter of attempts failing, 20
 * attempts all fail once in 10^12 deliveries. A 1-second attempt limit makes late answers cheap.
 */
const SERVER_ENV = {
  COUNTERSIGN_ALLOW_PRIVATE_URLS: '127.0.0.1',
  COUNTERSIGN_SYNC_INTERVAL_MINUTES: '0',
  COUNTERSIGN_WEBHOOK_RETRY_SCHEDULE: ['0', '50ms', '100ms', '250ms', '500ms', ...Array(15).fill('1s')].join(','),
  COUNTERSIGN_WEBHOOK_TIMEOUT: '1s',
  COUNTERSIGN_LOG_LEVEL: 'warn',
  // On PostgreSQL, the killed server's jobs come back after their lease: the shortest one.
  COUNTERSIGN_JOB_LEASE_SECONDS: '10',
};

/**
 * The envelopes' events: the endpoint takes these, the feed is read for these. (A connection's health
 * events happen at start too, before the endpoint exists, so they would not all be delivered.)
 */
const TYPES = EVENT_TYPES.filter((type) => !type.startsWith('connection.'));

/** The receiver's faults: what share of requests get which answer (the rest get 200). */
const FAULTS = { status500: 0.1, status503: 0.05, drop: 0.05, late: 0.02 };

/**
 * Each request is verified as it arrives, as a receiver does (the signed timestamp must be recent, so
 * verifying them all at the end of a long run would refuse the early ones): the requests refused.
 */
let verifier: Webhook | undefined;
const badSignatures: string[] = [];

const randomFaults: WebhookAnswer = (request) => {
  try {
    if (!verifier) throw new Error('a delivery before the endpoint existed');
    expect(verifier.verify(request.body, request.headers)).toEqual(request.event);
  } catch (error) {
    badSignatures.push(`${request.event.id}: ${(error as Error).message}`);
  }
  let roll = Math.random();
  if ((roll -= FAULTS.status500) < 0) return 500;
  if ((roll -= FAULTS.status503) < 0) return { status: 503, body: 'busy' };
  if ((roll -= FAULTS.drop) < 0) return 'drop';
  // Handled, but answered after the sender's 1-second limit: for the sender a failed attempt, so it
  // comes again — the duplicate a receiver deduplicates by webhook-id.
  if ((roll -= FAULTS.late) < 0) return { status: 200, delayMs: 1_500 };
  return 200;
};

const sandboxFolder = temporaryDataDir();
const serverFolder = temporaryDataDir();
const apiKey = randomApiKey();
let sandbox: Awaited<ReturnType<typeof startAutentiSandbox>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let server: RestartableServer;

beforeAll(async () => {
  sandbox = await startAutentiSandbox({ port: 0, dataDir: sandboxFolder.dataDir });
  receiver = await startWebhookReceiver(randomFaults);
  server = await restartableServer({ dataDir: serverFolder.dataDir, apiKey, env: SERVER_ENV });
  await server.start();
});

afterAll(async () => {
  await server?.stop();
  await receiver?.close();
  await sandbox?.close();
  sandboxFolder.remove();
  serverFolder.remove();
});

describe('webhook delivery through faults and restarts', () => {
  it(`delivers each of ${EVENT_TARGET.toLocaleString('en')}+ events, signed and in order per envelope, and the feed agrees`, async () => {
    const started = Date.now();
    const control = sandboxControl(() => sandbox.url);
    const sandboxClient = await control<{ clientId: string; clientSecret: string }>('POST', '/clients', { name: 'webhook soak' });
    const connection = await server.call((c) => c.post('/api/v1/connections', {
      provider: 'autenti', name: 'Autenti sandbox', baseUrl: `${sandbox.url}/api/v2/`,
      clientId: sandboxClient.clientId, clientSecret: sandboxClient.clientSecret, accountEmail: 'soak@example.com', makeDefault: true,
    }), 201);
    await control('PUT', `/clients/${sandboxClient.clientId}/public-key`, connection.publicJwk);
    expect((await server.call((c) => c.post(`/api/v1/connections/${connection.id}/verify`), 200)).ok).toBe(true);

    const endpoint = await server.call((c) => c.post('/api/v1/webhook-endpoints', { url: receiver.url, events: TYPES, description: 'soak' }), 201);
    verifier = new Webhook(endpoint.secret);
    const documentId = (await server.call((c) => c.upload('/api/v1/documents', FIXTURES.pdf, 'Agreement.pdf'), 201)).id as string;

    // A host polling the feed the whole time, saving its cursor, through the restarts.
    const polled: Array<{ id: string }> = [];
    let polling = true;
    const poller = (async () => {
      let after: string | null = null;
      while (polling) {
        const page: { data: Array<{ id: string }>; nextCursor: string | null; hasMore: boolean } = await server.call((c) => c.get(`/api/v1/events?types=${TYPES.join(',')}&limit=1000${after ? `&after=${after}` : ''}`), 200);
        polled.push(...page.data);
        after = page.nextCursor ?? after;
        if (!page.hasMore) await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();

    // One envelope from creation to its archived files.
    let envelopesDone = 0;
    async function envelopeLifecycle(index: number): Promise<void> {
      const participants = Array.from({ length: PARTICIPANTS }, (_, n) => ({
        firstName: n === 0 ? 'Signer' : 'Approver', lastName: `${index}-${n}`, email: `p${index}-${n}@example.com`, role: n === 0 ? 'signer' : 'approver', step: 1,
      }));
      const envelope = await server.call((c) => c.post('/api/v1/envelopes', { title: `Soak ${index}`, documentIds: [documentId], participants, externalRef: `soak-${index}` }), 201);
      // 409 when a send cut short by a restart had been accepted.
      await server.call((c) => c.post(`/api/v1/envelopes/${envelope.id}/send`), 202, 409);
      const sent = await waitUntil(() => server.call((c) => c.get(`/api/v1/envelopes/${envelope.id}`), 200), (body) => body.status !== 'sending', { what: `envelope ${index} sent`, timeoutMs: 120_000 });
      expect(sent.status).toBe('sent');
      const rejected = index % REJECTED_EVERY === REJECTED_EVERY - 1;
      for (const [n, participant] of participants.entries()) {
        const act = rejected && n === PARTICIPANTS / 2 ? { action: 'reject', reason: `Not this time (${index})` } : { action: participant.role === 'signer' ? 'sign' : 'approve' };
        await control('POST', `/document-processes/${sent.providerReference}/parties/${participant.email}/actions`, act);
        if (act.action === 'reject') break;
      }
      const outcome = rejected ? 'rejected' : 'completed';
      // The sandbox's callbacks tell the server; a sync covers one lost to a restart.
      await waitUntil(
        async () => {
          const body = await server.call((c) => c.get(`/api/v1/envelopes/${envelope.id}`), 200);
          if (body.status !== outcome) await server.call((c) => c.post(`/api/v1/envelopes/${envelope.id}/sync`), 200, 409);
          return body.status;
        },
        (status) => status === outcome,
        { what: `envelope ${index} ${outcome}`, timeoutMs: 120_000 },
      );
      if (!rejected) await waitUntil(() => server.call((c) => c.get(`/api/v1/envelopes/${envelope.id}/artifacts`), 200), (body) => body.data.length >= 1, { what: `envelope ${index} archived`, timeoutMs: 120_000 });
      envelopesDone += 1;
    }

    // Envelopes, CONCURRENCY at a time, until the feed holds the target; a stop and a kill on the way.
    const restarts: string[] = [];
    let next = 0;
    const eventsSoFar = () => polled.length;
    const restartAt = [EVENT_TARGET / 3, (2 * EVENT_TARGET) / 3];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (eventsSoFar() < EVENT_TARGET) {
          await envelopeLifecycle(next++);
          if (restarts.length < restartAt.length && eventsSoFar() >= restartAt[restarts.length]!) await restart();
        }
      }),
    );

    /** Stops the server, the first time gently and the second by SIGKILL, with deliveries pending. */
    async function restart(): Promise<void> {
      const signal = restarts.length === 0 ? 'SIGTERM' : 'SIGKILL';
      restarts.push(signal);
      const pending = await server.call((c) => c.get(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries?status=pending&limit=100`), 200);
      restarts[restarts.length - 1] = `${signal} with ${pending.data.length}${pending.nextCursor ? '+' : ''} deliveries pending`;
      await server.restart(signal);
    }

    // Every delivery finished (none pending): then the feed, read whole, is what the receiver must have.
    const deliveriesWith = (status: string) => server.call((c) => c.get(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries?status=${status}&limit=1`), 200);
    await waitUntil(async () => (await deliveriesWith('pending')).data.length, (count) => count === 0, { what: 'no delivery pending', timeoutMs: 300_000 });
    const failed = await deliveriesWith('failed');
    const feed = await readWholeFeed();
    const feedIds = new Set(feed.map((event) => event.id));
    const accepted = () => new Set(receiver.received.filter((request) => request.status !== null && request.status < 300).map((request) => request.event.id));
    polling = false;
    await poller;

    // The receiver: every request signed right, with the event's id as webhook-id, and a feed event.
    expect(badSignatures).toEqual([]);
    for (const request of receiver.received) expect(request.headers['webhook-id']).toBe(request.event.id);
    const byId = new Map(feed.map((event) => [event.id, event]));
    expect(receiver.received.filter((request) => !byId.has(request.event.id)).map((request) => request.event.id)).toEqual([]);
    for (const request of receiver.received) expect(request.event).toEqual(byId.get(request.event.id));
    // Every event at least once; deduplicated by webhook-id, exactly the feed's.
    expect(feed.length).toBeGreaterThanOrEqual(EVENT_TARGET);
    expect(feedIds.size).toBe(feed.length);
    expect(accepted()).toEqual(feedIds);
    expect(new Set(receiver.received.map((request) => request.event.id)).size).toBe(feed.length);
    // Each envelope's events were accepted in the feed's order: a later one never before an earlier one.
    expect(firstAcceptedOrderPerLane(receiver.received)).toEqual(orderPerLane(feed));
    // None given up on.
    expect(failed.data).toEqual([]);
    // The host that polled across the restarts read the same events, in the same order.
    expect(polled.map((event) => event.id)).toEqual(feed.map((event) => event.id));
    expect(restarts).toHaveLength(2);

    const outcomes = countBy(receiver.received, (request) => (request.status === null ? 'dropped' : String(request.status)));
    const acceptedAgain = receiver.received.filter((request) => request.status !== null && request.status < 300).length - feed.length;
    console.log(
      `webhook soak: ${feed.length} events of ${envelopesDone} envelopes; ${receiver.received.length} requests (${JSON.stringify(outcomes)}), ` +
        `${acceptedAgain} of them an event accepted before (deduplicated by webhook-id); restarts: ${restarts.join('; ')}; ${Math.round((Date.now() - started) / 1000)} s`,
    );
  });
});

async function readWholeFeed(): Promise<Array<{ id: string; type: string; envelopeId: string | null }>> {
  const events: Array<{ id: string; type: string; envelopeId: string | null }> = [];
  let after: string | null = null;
  for (;;) {
    const page: { data: typeof events; nextCursor: string | null; hasMore: boolean } = await server.call((c) => c.get(`/api/v1/events?types=${TYPES.join(',')}&limit=1000${after ? `&after=${after}` : ''}`), 200);
    events.push(...page.data);
    after = page.nextCursor;
    if (!page.hasMore) return events;
  }
}

/** Each envelope's (or connection's) event ids in the feed's order. */
function orderPerLane(feed: ReadonlyArray<{ id: string; envelopeId: string | null; data?: unknown }>): Record<string, string[]> {
  const lanes: Record<string, string[]> = {};
  for (const event of feed) (lanes[laneKey(event)] ??= []).push(event.id);
  return lanes;
}

/** Each lane's event ids in the order the receiver first accepted them. */
function firstAcceptedOrderPerLane(received: readonly ReceivedWebhook[]): Record<string, string[]> {
  const seen = new Set<string>();
  const lanes: Record<string, string[]> = {};
  for (const request of received) {
    if (request.status === null || request.status >= 300 || seen.has(request.event.id)) continue;
    seen.add(request.event.id);
    (lanes[laneKey(request.event)] ??= []).push(request.event.id);
  }
  return lanes;
}

function laneKey(event: { id: string; envelopeId: string | null; data?: any }): string {
  return event.envelopeId ?? `connection:${event.data?.connection?.id ?? event.id}`;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
