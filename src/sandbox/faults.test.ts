import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createCallLog, createFaultKnobs, installCallHooks } from './faults.js';

class Refusal extends Error {}
const refuse = (message: string) => new Refusal(message);

describe('createFaultKnobs', () => {
  it('merges the knobs given, keeps the others, and refuses in the caller\'s own error', () => {
    const knobs = createFaultKnobs({ refuse });
    knobs.update({ latencyMs: 5 });
    knobs.update({ errorRate: 0.5, errorStatuses: [502] });
    expect(knobs.current()).toEqual({ latencyMs: 5, errorRate: 0.5, errorStatuses: [502], rateLimit: null, resetRate: 0, callbacks: { lossRate: 0, duplicateRate: 0, maxDelayMs: 0 } });
    knobs.update({ callbacks: { lossRate: 0.2 } });
    knobs.update({ callbacks: { maxDelayMs: 500 } });
    expect(knobs.callbackFaults()).toEqual({ lossRate: 0.2, duplicateRate: 0, maxDelayMs: 500 });
    expect(() => knobs.update({ callbacks: { duplicateRate: 3 } })).toThrow(/callbacks.duplicateRate/);
    expect(() => knobs.update({ errorStatuses: [404] })).toThrow(Refusal);
    expect(() => knobs.update({ rateLimit: { every: 0 } })).toThrow(/positive integer/);
  });

  it('changes nothing when one knob of an update is refused', () => {
    const knobs = createFaultKnobs({ refuse });
    expect(() => knobs.update({ latencyMs: 10, errorRate: 2 })).toThrow(/errorRate/);
    expect(knobs.current().latencyMs).toBe(0);
  });

  it('decides a 429 every N-th call, counted from when the knob was set', async () => {
    const knobs = createFaultKnobs({ refuse });
    await knobs.apply();
    knobs.update({ rateLimit: { every: 2, retryAfterSeconds: 7 } });
    const decided = [await knobs.apply(), await knobs.apply(), await knobs.apply(), await knobs.apply()];
    expect(decided).toEqual([null, { kind: 'rate-limited', retryAfterSeconds: 7 }, null, { kind: 'rate-limited', retryAfterSeconds: 7 }]);
    knobs.reset();
    expect(await knobs.apply()).toBeNull();
  });

  it('decides a server error from the statuses given, as the random source says', async () => {
    const draws = [0.1, 0.9];
    const knobs = createFaultKnobs({ refuse, random: () => draws.shift() ?? 0.99 });
    knobs.update({ errorRate: 0.5, errorStatuses: [500, 503] });
    expect(await knobs.apply()).toEqual({ kind: 'server-error', status: 503 });
    expect(await knobs.apply()).toBeNull();
  });
});

describe('connection resets (resetRate)', () => {
  it('cuts a call before its route runs or after, the route\'s effect kept and recorded, the answer lost', async () => {
    // The random source: first "reset?" (below the rate), then "before or after?".
    const rolls = [0.1, 0.2, 0.1, 0.9, 0.9];
    const knobs = createFaultKnobs({ refuse, random: () => rolls.shift() ?? 0.9 });
    expect(() => knobs.update({ resetRate: 2 })).toThrow(/resetRate/);
    knobs.update({ resetRate: 0.5 });
    const ran: string[] = [];
    const recorded: string[] = [];
    const app = Fastify();
    await app.register(async (api) => {
      installCallHooks(api, { mountPrefix: () => '', connectionReset: knobs.connectionReset, fault: async () => null, answer: (reply) => reply, record: (_request, _reply, path) => recorded.push(path) });
      api.post('/things/:n', async (request) => {
        ran.push((request.params as { n: string }).n);
        return { ok: true };
      });
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const call = (n: number) => fetch(`${url}/things/${n}`, { method: 'POST' }).then((response) => response.status, (error: Error) => (error.cause as { code?: string })?.code ?? error.message);
      expect(await call(1)).toMatch(/ECONNRESET|UND_ERR_SOCKET|other side closed/);
      expect(await call(2)).toMatch(/ECONNRESET|UND_ERR_SOCKET|other side closed/);
      expect(await call(3)).toBe(200);
      // Cut before: the route never ran. Cut after: it ran and is in the call log.
      expect(ran).toEqual(['2', '3']);
      expect(recorded).toEqual(['/things/2', '/things/3']);
    } finally {
      await app.close();
    }
  });
});

describe('createCallLog', () => {
  it('numbers the calls, lists those after a number, and keeps the last 2000', () => {
    const log = createCallLog<{ seq: number; path: string }>();
    for (let i = 1; i <= 2003; i += 1) log.record({ path: `/${i}` });
    const all = log.calls();
    expect(all).toHaveLength(2000);
    expect(all[0]).toEqual({ seq: 4, path: '/4' });
    expect(log.calls(2001).map((call) => call.seq)).toEqual([2002, 2003]);
    log.clear();
    log.record({ path: '/next' });
    expect(log.calls()).toEqual([{ seq: 2004, path: '/next' }]);
  });
});
