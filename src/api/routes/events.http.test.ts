import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeProvider, type FakeProvider } from '../../../test/support/fake-provider.js';
import { TEST_API_KEY, createReadyEnvelope, jobContextOf, startTestApi } from '../../../test/support/app-context.js';
import { createApiKey } from '../../app/api-keys.js';
import type { AppContext } from '../../app/context.js';
import { requestSend, runSendJob } from '../../app/envelopes/sending.js';
import { applySnapshot } from '../../app/envelopes/sync.js';
import { pruneEvents } from '../../app/events/retention.js';
import { ENVIRONMENT_PRINCIPAL } from '../../app/principal.js';
import { setEnvelopeVisibility } from '../../app/sharing.js';
import { acceptInvitation, inviteUser } from '../../app/users.js';
import { ROLE_SCOPES } from '../../domain/roles.js';
import type { CountersignServer } from '../server.js';

/** GET /api/v1/events over the real HTTP stack (injected requests), with a fake adapter; and the retention. */

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

type Page = { data: Array<{ id: string; type: string; envelopeId: string | null; occurredAt: string; data: Record<string, unknown> }>; nextCursor: string | null; hasMore: boolean };

const get = (query: string, key = KEY) => server.inject({ method: 'GET', url: `/api/v1/events${query}`, headers: { authorization: `Bearer ${key}` } });
const page = async (query: string, key = KEY): Promise<Page> => {
  const answer = await get(query, key);
  expect(answer.statusCode, answer.body).toBe(200);
  return answer.json() as Page;
};

/** Sent, then completed by the provider: 4 events at send (sending, sent, notified, waiting), 3 at completion. */
async function completedEnvelope(owner?: { createdBy: string }): Promise<string> {
  const id = await createReadyEnvelope(context, connectionId);
  if (owner) await context.db.updateTable('envelopes').set({ created_by: owner.createdBy }).where('id', '=', id).execute();
  await requestSend(context, id, { source: 'api' });
  const { reference } = (await runSendJob(context, { envelopeId: id }, jobContextOf(1))) as { reference: string };
  fake.report(reference, { status: 'completed', participants: { 'anna@client.test': { status: 'completed' }, 'bert@client.test': { status: 'completed' } } });
  await applySnapshot(context, id, await fake.fetch(reference), { source: 'sync' });
  return id;
}

describe('GET /api/v1/events', () => {
  it('answers every event oldest first, and from a cursor only those after it', async () => {
    expect(await page('')).toEqual({ data: [], nextCursor: null, hasMore: false });
    const first = await completedEnvelope();
    const all = await page('');
    expect(all.data.map((event) => event.type)).toEqual([
      'envelope.sending',
      'envelope.sent',
      'participant.notified',
      'participant.waiting',
      'participant.signed',
      'participant.signed',
      'envelope.completed',
    ]);
    expect(all).toMatchObject({ nextCursor: all.data.at(-1)!.id, hasMore: false });
    expect(all.data.every((event) => event.envelopeId === first)).toBe(true);

    // Caught up: nothing new, the same cursor back.
    expect(await page(`?after=${all.nextCursor}`)).toEqual({ data: [], nextCursor: all.nextCursor, hasMore: false });
    const second = await completedEnvelope();
    const next = await page(`?after=${all.nextCursor}`);
    expect(next.data).toHaveLength(7);
    expect(next.data.every((event) => event.envelopeId === second)).toBe(true);
    expect(next.data[0]!.id > all.nextCursor!).toBe(true);
  });

  it('pages by limit (default 100, at most 1000) with hasMore, never repeating or skipping one', async () => {
    await completedEnvelope();
    await completedEnvelope();
    const seen: string[] = [];
    let after = '';
    for (;;) {
      const answer = await page(`?limit=3${after ? `&after=${after}` : ''}`);
      expect(answer.data.length).toBeLessThanOrEqual(3);
      seen.push(...answer.data.map((event) => event.id));
      after = answer.nextCursor!;
      if (!answer.hasMore) break;
    }
    const everything = await page('');
    expect(seen).toEqual(everything.data.map((event) => event.id));
    expect(seen).toHaveLength(14);
    expect((await page('?limit=1000')).data).toHaveLength(14);
  });

  it('filters by types and by envelope', async () => {
    const first = await completedEnvelope();
    const second = await completedEnvelope();
    const outcomes = await page('?types=envelope.completed,participant.signed');
    expect(outcomes.data.map((event) => [event.envelopeId, event.type])).toEqual([
      [first, 'participant.signed'],
      [first, 'participant.signed'],
      [first, 'envelope.completed'],
      [second, 'participant.signed'],
      [second, 'participant.signed'],
      [second, 'envelope.completed'],
    ]);
    const ofSecond = await page(`?envelopeId=${second}&types=envelope.sent`);
    expect(ofSecond.data).toHaveLength(1);
    expect(ofSecond.data[0]).toMatchObject({ envelopeId: second, type: 'envelope.sent', data: { envelope: { id: second, status: 'sent' } } });
    // Immutable: the envelope as that change left it, not as it is now.
    expect((await page(`?envelopeId=${second}&types=envelope.completed`)).data[0]).toMatchObject({ data: { envelope: { status: 'completed' } } });
  });

  it('shows a member the events of the envelopes they may see; an admin key every event', async () => {
    const { user, invitation } = await inviteUser(context, ENVIRONMENT_PRINCIPAL, { email: 'mia@client.test', role: 'member' });
    await acceptInvitation(context, invitation.url.split('#')[1]!, 'a long enough password');
    const member = { id: user.id, name: user.email, kind: 'user' as const, accountId: user.id, role: 'member' as const, scopes: ROLE_SCOPES.member };
    const memberKey = (await createApiKey(context, member, { name: 'Mia’s key' })).secret;

    const own = await completedEnvelope({ createdBy: user.id });
    const others = await completedEnvelope();
    const seenBy = async (key: string) => [...new Set((await page('', key)).data.map((event) => event.envelopeId))];
    expect(await seenBy(memberKey)).toEqual([own]);
    expect(await seenBy(KEY)).toEqual([own, others]);
    // Shared later: its events are seen too.
    await setEnvelopeVisibility(context, ENVIRONMENT_PRINCIPAL, others, 'shared');
    expect(await seenBy(memberKey)).toEqual([own, others]);
  });

  it('refuses bad query input with a problem that says what to fix', async () => {
    const cases: Array<[string, RegExp]> = [
      ['?types=envelope.signed', /envelope\.signed. is not an event type; use a comma-separated list of envelope\.sending, /],
      ['?limit=1001', /limit/],
      ['?limit=0', /limit/],
      ['?after=env_01JD3Q0T2W7M5XKQ1Y9V8B6N4C', /after/],
      ['?after=ev_01JD3Q0T2W7M5XKQ1Y9V8B6N4C', /no event ev_01JD3Q0T2W7M5XKQ1Y9V8B6N4C is kept/],
      ['?colour=blue', /colour/],
    ];
    for (const [query, detail] of cases) {
      const answer = await get(query);
      expect(answer.statusCode, query).toBe(400);
      expect(answer.headers['content-type'], query).toMatch(/^application\/problem\+json/);
      const problem = answer.json() as { detail: string };
      expect(problem.detail, query).toMatch(detail);
    }
  });
});

describe('retention', () => {
  it('prunes the events older than the retention, and only those', async () => {
    const realNow = context.now;
    context.now = () => new Date(Date.parse('2026-01-01T00:00:00.000Z'));
    await completedEnvelope();
    context.now = () => new Date(Date.parse('2026-01-25T00:00:00.000Z'));
    await completedEnvelope();
    expect((await page('')).data).toHaveLength(14);

    context.now = () => new Date(Date.parse('2026-02-05T00:00:00.000Z'));
    expect(await pruneEvents(context, 30)).toBe(7);
    const kept = await page('');
    expect(kept.data).toHaveLength(7);
    expect(kept.data.every((event) => event.occurredAt === '2026-01-25T00:00:00.000Z')).toBe(true);
    expect(await pruneEvents(context, 30)).toBe(0);
    context.now = realNow;
  });
});
