import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES } from '../../support/fixtures.js';
import { createTestDatabase } from '../../support/postgres.js';
import { randomApiKey } from '../../support/server.js';
import { restartableServer, type RestartableServer } from '../support/restartable-server.js';
import { checkHistories, type CheckReport, type EnvelopeRecord, type FeedEvent } from './checker.js';
import { CHAOS_PROVIDERS, type ChaosProvider, type Weather } from './providers.js';

/**
 * The chaos soak (issue 16), Jepsen's way: a workload of envelopes on every provider's sandbox, run
 * under faults — the providers' latency spikes, 5xx bursts, 429s with Retry-After, connections cut
 * before or after a call took effect, callbacks lost, sent twice and held back (so reordered),
 * Autenti's access tokens expired at once, ConsignO's rotated tokens refused, and Countersign
 * SIGKILLed at random moments and restarted (the sandboxes' callbacks to it lost meanwhile) — then one
 * final sync, and the history check of checker.ts against each sandbox's own record. `npm run soak` runs it from the command line; test/soak/chaos.test.ts runs it short.
 */

export type ChaosOptions = {
  envelopes: number;
  kills: number;
  /** Envelopes under way at once. */
  concurrency?: number;
  providers?: ReadonlyArray<keyof typeof CHAOS_PROVIDERS>;
  /**
   * Countersign instances sharing one PostgreSQL database (COUNTERSIGN_TEST_DATABASE_URL names the
   * server); each kill takes one of them. 1 (the default): one server, on SQLite unless that is set.
   */
  instances?: number;
  log?: (line: string) => void;
};

export type ChaosReport = CheckReport & {
  envelopes: number;
  kills: number;
  faults: Record<string, number>;
  /** Sends whose outcome was lost, settled by a person (the soak) as the envelope asked. */
  decisions: string[];
  seconds: number;
  /** The workload's own failures (an API answer it did not expect): the run proves nothing then. */
  failures: string[];
};

const DAY_MS = 24 * 60 * 60 * 1000;
const CALM: Weather = {
  latencyMs: 0,
  errorRate: 0,
  rateLimitEvery: null,
  resetRate: 0,
  callbacks: { lossRate: 0, duplicateRate: 0, maxDelayMs: 0 },
  expireTokens: false,
  rotatedTokensFail: false,
};
const DOCUMENTS = 10;

/**
 * Countersign as a soak runs it: callbacks and syncs from the sandboxes on loopback, short job leases
 * (a killed server's jobs come back soon), quick archive retries, and a sync every minute besides
 * the callbacks (what an installation relies on when callbacks are lost).
 */
const SERVER_ENV = {
  COUNTERSIGN_ALLOW_PRIVATE_URLS: '127.0.0.1',
  COUNTERSIGN_SYNC_INTERVAL_MINUTES: '1',
  COUNTERSIGN_JOB_LEASE_SECONDS: '10',
  COUNTERSIGN_ARCHIVE_RETRY_SCHEDULE: '1s,2s,5s,10s,10s,10s,10s,10s,10s,10s',
  COUNTERSIGN_LOG_LEVEL: 'warn',
};

type Intent = 'act' | 'reject' | 'ignore';
type PlannedParticipant = { firstName: string; lastName: string; email: string; role: 'signer' | 'approver' | 'receiver'; step: number; intent: Intent };
type Planned = { index: number; title: string; provider: ChaosProvider; connectionId: string; documentIds: string[]; participants: PlannedParticipant[]; expiresAt: string | null };
type Tracked = { planned: Planned; id: string | null; sendAccepted: boolean };

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const between = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));
const chance = (share: number) => Math.random() < share;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const folder = mkdtempSync(join(tmpdir(), 'countersign-chaos-'));
  const providers = await Promise.all((options.providers ?? (['autenti', 'connective', 'consigno'] as const)).map((id) => CHAOS_PROVIDERS[id]()));
  const database = (options.instances ?? 1) > 1 ? await createTestDatabase('chaos') : undefined;
  const server = await restartableServer({
    dataDir: folder,
    apiKey: randomApiKey(),
    env: SERVER_ENV,
    ...(database ? { cluster: { instances: options.instances!, databaseUrl: database.url } } : {}),
  });
  const faults: Record<string, number> = {};
  const failures: string[] = [];
  try {
    await server.start();
    const connections = new Map<ChaosProvider, string>();
    for (const provider of providers) connections.set(provider, await provider.connect(server));
    const documentIds: string[] = [];
    for (let n = 1; n <= DOCUMENTS; n++) documentIds.push((await server.call((api) => api.upload('/api/v1/documents', FIXTURES.pdf, `Document ${n}.pdf`), 201)).id);

    const run = randomUUID().slice(0, 8);
    const plan = Array.from({ length: options.envelopes }, (_, index) => planEnvelope(index, run, providerFor(index, providers), connections, documentIds));
    const tracked: Tracked[] = plan.map((planned) => ({ planned, id: null, sendAccepted: false }));
    log(`chaos: ${plan.length} envelopes on ${providers.map((provider) => provider.id).join(', ')}, ${options.kills} kills${database ? `, ${options.instances} instances on PostgreSQL` : ''}`);

    // The weather changes every few seconds, and the server dies now and then, until the workload is done.
    let workloadDone = false;
    const weather = (async () => {
      while (!workloadDone) {
        for (const provider of providers) {
          const next = randomWeather(provider);
          faults[next.name] = (faults[next.name] ?? 0) + 1;
          await provider.weather(next.weather);
        }
        await sleep(between(2_000, 5_000));
      }
    })();
    let killsDone = 0;
    let finished = 0;
    const killer = (async () => {
      while (!workloadDone && killsDone < options.kills) {
        // Spread over the workload: the k-th kill once k/(kills+1) of the envelopes are done, then a random moment.
        if (finished < ((killsDone + 1) / (options.kills + 1)) * plan.length) {
          await sleep(200);
          continue;
        }
        await sleep(between(0, 3_000));
        killsDone += 1;
        log(`chaos: SIGKILL ${killsDone} of ${options.kills} (${finished} of ${plan.length} envelopes done)`);
        await server.restart('SIGKILL');
      }
    })().catch((error: unknown) => void failures.push(`restart after a kill: ${(error as Error).message.slice(0, 500)}`));

    let next = 0;
    await Promise.all(
      Array.from({ length: options.concurrency ?? 8 }, async () => {
        while (next < tracked.length) {
          const envelope = tracked[next++]!;
          try {
            await lifecycle(server, envelope);
          } catch (error) {
            failures.push(`${envelope.planned.title}: ${(error as Error).message}`);
          }
          finished += 1;
        }
      }),
    );
    workloadDone = true;
    await killer;
    await weather;
    // Kills still owed (a workload quicker than the schedule) happen now, before the calm.
    while (killsDone < options.kills) {
      killsDone += 1;
      await server.restart('SIGKILL');
    }

    // The calm: no faults; envelopes left to expire do so; one final sync; every job finished.
    for (const provider of providers) await provider.weather(CALM);
    for (const provider of providers) if (provider.can.expire) await provider.advanceClock(60 * DAY_MS);
    log(`chaos: workload done in ${Math.round((Date.now() - started) / 1000)} s; final sync`);
    const decisions = await settle(server, tracked);

    const records = await readHistories(server, tracked);
    const report = checkHistories(records);
    return { ...report, envelopes: plan.length, kills: killsDone, faults, decisions, seconds: Math.round((Date.now() - started) / 1000), failures };
  } finally {
    await server.stop();
    for (const provider of providers) await provider.close();
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Which provider takes envelope `index`: Connective one in five, the others alike. Connective's
 * budget is 100 calls a minute per connection (a send of n documents is n + 4 calls), so an even
 * share would make the soak a wait for its budget rather than a test.
 */
function providerFor(index: number, providers: readonly ChaosProvider[]): ChaosProvider {
  const others = providers.filter((provider) => provider.id !== 'connective');
  const connective = providers.find((provider) => provider.id === 'connective');
  if (connective && (others.length === 0 || index % 5 === 4)) return connective;
  return others[index % others.length]!;
}

/** One envelope: 1–10 documents, 1–5 participants over two steps, each with what they will do. */
function planEnvelope(index: number, run: string, provider: ChaosProvider, connections: Map<ChaosProvider, string>, documentIds: readonly string[]): Planned {
  const documents = [...documentIds].sort(() => Math.random() - 0.5).slice(0, between(1, DOCUMENTS));
  const participants: PlannedParticipant[] = Array.from({ length: between(1, 5) }, (_, n) => {
    const role = n === 0 ? 'signer' : pick(provider.roles);
    const intent: Intent = role === 'receiver' ? 'ignore' : chance(0.08) ? 'reject' : chance(0.15) ? 'ignore' : 'act';
    return { firstName: 'Chaos', lastName: `${index}-${n}`, email: `p${index}-${n}@chaos.example`, role, step: n === 0 ? 1 : between(1, 2), intent };
  });
  return {
    index,
    title: `Chaos #${index} ${run}`,
    provider,
    connectionId: connections.get(provider)!,
    documentIds: documents,
    participants,
    expiresAt: provider.can.expire && chance(0.5) ? new Date(Date.now() + 30 * DAY_MS).toISOString() : null,
  };
}

/** The provider's faults for the next few seconds. */
function randomWeather(provider: ChaosProvider): { name: string; weather: Weather } {
  const roll = Math.random();
  if (roll < 0.2) return { name: 'calm', weather: CALM };
  if (roll < 0.33) return { name: 'latency spike', weather: { ...CALM, latencyMs: between(200, 1_500) } };
  if (roll < 0.46) return { name: '5xx burst', weather: { ...CALM, errorRate: 0.2 + Math.random() * 0.3 } };
  if (roll < 0.59) return { name: '429 with Retry-After', weather: { ...CALM, rateLimitEvery: between(3, 8) } };
  if (roll < 0.72) return { name: 'connection resets', weather: { ...CALM, resetRate: 0.1 + Math.random() * 0.2 } };
  if (roll < 0.86) return { name: 'callbacks lost, duplicated and reordered', weather: { ...CALM, callbacks: { lossRate: 0.3, duplicateRate: 0.3, maxDelayMs: 3_000 } } };
  // Each sandbox's own token trouble; Connective's sandbox has none, so a mixed spell there.
  if (provider.id === 'autenti') return { name: 'access tokens expired', weather: { ...CALM, expireTokens: true } };
  if (provider.id === 'consigno') return { name: 'rotated tokens refused', weather: { ...CALM, rotatedTokensFail: true } };
  return { name: 'latency and 5xx', weather: { ...CALM, latencyMs: between(100, 500), errorRate: 0.1 } };
}

/** Creates and sends one envelope, then its participants act (and the API acts on it) at random. */
async function lifecycle(server: RestartableServer, envelope: Tracked): Promise<void> {
  const { planned } = envelope;
  // The same key on a repeat: a create cut by a kill is not made twice.
  const key = { 'idempotency-key': `chaos-create-${planned.title.replaceAll(' ', '-')}` };
  const created = await server.call((api) => api.post('/api/v1/envelopes', {
    title: planned.title,
    connectionId: planned.connectionId,
    documentIds: planned.documentIds,
    participants: planned.participants.map(({ intent: _intent, ...participant }) => participant),
    ...(planned.expiresAt ? { expiresAt: planned.expiresAt } : {}),
  }, key), 201);
  envelope.id = created.id;
  // 409 when a send cut short by a kill had been accepted.
  await server.call((api) => api.post(`/api/v1/envelopes/${created.id}/send`), 202, 409);
  envelope.sendAccepted = true;

  const status = async () => (await server.call((api) => api.get(`/api/v1/envelopes/${created.id}`), 200)) as { status: string; providerReference: string | null };
  const current = await waitFor(status, (body) => body.status !== 'sending', 180_000);
  if (current.status !== 'sent' || !current.providerReference) return;
  const reference = current.providerReference;

  // Participants in step order; each does what was planned for them, when it is their turn.
  const waiting = planned.participants.filter((participant) => participant.intent !== 'ignore');
  for (const step of [1, 2]) {
    for (const participant of waiting.filter((candidate) => candidate.step === step)) {
      await sleep(between(0, 300));
      const action = participant.intent === 'reject' ? 'reject' : participant.role === 'approver' ? 'approve' : 'sign';
      await planned.provider.act(reference, participant.email, action, action === 'reject' ? `Not as written (${planned.title}, ${participant.email})` : undefined);
    }
    await randomApiAction(server, planned, created.id);
  }
}

/** Now and then the API does something to a sent envelope: a reminder, a later expiry, a skip or a withdrawal. */
async function randomApiAction(server: RestartableServer, planned: Planned, id: string): Promise<void> {
  const can = planned.provider.can;
  const roll = Math.random();
  // 409 and 422 are the API's honest answers when the envelope has moved on meanwhile.
  if (roll < 0.05) await server.call((api) => api.post(`/api/v1/envelopes/${id}/withdraw`, { reason: 'Withdrawn by the chaos soak' }), 202, 409);
  else if (roll < 0.12 && can.remind) await server.call((api) => api.post(`/api/v1/envelopes/${id}/remind`), 202, 409, 422);
  else if (roll < 0.17 && can.extendExpiry && planned.expiresAt) {
    await server.call((api) => api.post(`/api/v1/envelopes/${id}/extend-expiry`, { expiresAt: new Date(Date.now() + 40 * DAY_MS).toISOString() }), 202, 409, 422);
  } else if (roll < 0.2 && can.skipPending) await server.call((api) => api.post(`/api/v1/envelopes/${id}/skip-pending`), 202, 409, 422);
}

/**
 * After the faults: a person settles each send whose outcome was lost (a create whose answer never
 * came, at a provider that cannot be asked, ConsignO): they find it at the provider by its title and
 * mark the envelope sent with its id, as the envelope's message tells them. Then every envelope that
 * is not final at Countersign is synced once, and the soak waits until nothing is sending or
 * archiving any more (the archive retries on its own schedule). Returns the decisions made.
 */
async function settle(server: RestartableServer, tracked: readonly Tracked[]): Promise<string[]> {
  type View = { id: string; status: string; archive: { status: string } | null; sendDecision: unknown };
  const ids = tracked.map((envelope) => envelope.id).filter((id): id is string => id !== null);
  const views = async () => Promise.all(ids.map(async (id) => (await server.call((api) => api.get(`/api/v1/envelopes/${id}`), 200)) as View));
  await waitFor(views, (all) => all.every((envelope) => envelope.status !== 'sending'), 300_000);
  const decisions: string[] = [];
  for (const envelope of (await views()).filter((view) => view.sendDecision)) {
    const planned = tracked.find((candidate) => candidate.id === envelope.id)!.planned;
    const live = (await planned.provider.envelopes()).filter((candidate) => candidate.title === planned.title && !candidate.draft);
    if (live.length !== 1) continue;
    await server.call((api) => api.post(`/api/v1/envelopes/${envelope.id}/send-decision`, { decision: 'mark-sent', providerReference: live[0]!.reference }), 200);
    decisions.push(`${planned.title}: marked sent as ${live[0]!.reference}`);
  }
  for (const envelope of await views()) {
    if (envelope.status === 'sent') await server.call((api) => api.post(`/api/v1/envelopes/${envelope.id}/sync`), 200, 409);
  }
  // The archive backlog of a long run (over a thousand completed envelopes, Connective's at 100 calls a
  // minute) takes longer than any fixed wait: the wait goes on while it shrinks, and ends when it stalls.
  const unsettled = (all: View[]) => all.filter((envelope) => envelope.status === 'sending' || envelope.archive?.status === 'pending').length;
  await waitWhileShrinking(views, unsettled, 300_000);
  return decisions;
}

async function readHistories(server: RestartableServer, tracked: readonly Tracked[]): Promise<EnvelopeRecord[]> {
  const feed = await readFeed(server);
  const atProvider = new Map<ChaosProvider, Awaited<ReturnType<ChaosProvider['envelopes']>>>();
  const records: EnvelopeRecord[] = [];
  for (const envelope of tracked) {
    if (envelope.id === null) continue;
    const provider = envelope.planned.provider;
    if (!atProvider.has(provider)) atProvider.set(provider, await provider.envelopes());
    const countersign = await server.call((api) => api.get(`/api/v1/envelopes/${envelope.id}`), 200);
    const artifacts = (await server.call((api) => api.get(`/api/v1/envelopes/${envelope.id}/artifacts`), 200)).data;
    const truth = countersign.providerReference ? await provider.truth(countersign.providerReference).catch(() => null) : null;
    // The soak's title, as the envelope has it, or with the adapter's " [Countersign <id>]" while a draft.
    const mine = atProvider.get(provider)!.filter((candidate) => candidate.title === envelope.planned.title || candidate.title.startsWith(`${envelope.planned.title} [`));
    records.push({ label: envelope.planned.title, sendAccepted: envelope.sendAccepted, countersign, artifacts, truth, atProvider: mine, events: feed.get(envelope.id) ?? [] });
  }
  return records;
}

/** The whole events feed, by envelope, in the feed's order. */
async function readFeed(server: RestartableServer): Promise<Map<string, FeedEvent[]>> {
  const byEnvelope = new Map<string, FeedEvent[]>();
  let after: string | null = null;
  for (;;) {
    const page: { data: Array<FeedEvent & { envelopeId: string | null }>; nextCursor: string | null; hasMore: boolean } = await server.call((api) => api.get(`/api/v1/events?limit=1000${after ? `&after=${after}` : ''}`), 200);
    for (const event of page.data) if (event.envelopeId) (byEnvelope.get(event.envelopeId) ?? byEnvelope.set(event.envelopeId, []).get(event.envelopeId)!).push(event);
    after = page.nextCursor ?? after;
    if (!page.hasMore) return byEnvelope;
  }
}

/** Waits until `left` is 0, or until it has not shrunk for `stallMs`; whatever is left is the checker's to count. */
async function waitWhileShrinking<T>(read: () => Promise<T>, left: (value: T) => number, stallMs: number): Promise<void> {
  let fewest = Infinity;
  let shrankAt = Date.now();
  for (;;) {
    const now = left(await read());
    if (now === 0) return;
    if (now < fewest) [fewest, shrankAt] = [now, Date.now()];
    if (Date.now() - shrankAt > stallMs) return;
    await sleep(2_000);
  }
}

/**
 * Like test/support/waiting.ts `waitUntil`, but a deadline ends the wait instead of failing it: a send
 * still retrying through faults (12 attempts span minutes) is left to the final sync, and whatever is
 * still unsettled then is for the checker to count, not an error of the workload.
 */
async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(500);
  }
}
