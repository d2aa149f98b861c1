import { describe, expect, it } from 'vitest';
import { consequencesOf, DEFAULT_WEBHOOK_SETTINGS, endpointWants, laneOf, STANDARD_RETRY_SCHEDULE_MS } from './webhooks.js';

const DAY = 86_400_000;
const settings = DEFAULT_WEBHOOK_SETTINGS;
const at = Date.parse('2026-12-03T10:00:00.000Z');
const state = (attemptsMade: number, failingSince: number | null = null) => ({ attemptsMade, failingSince, now: at, host: 'crm.example.com' });

describe('what an attempt does to its delivery and endpoint', () => {
  it('follows the Standard Webhooks schedule: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up', () => {
    expect(STANDARD_RETRY_SCHEDULE_MS).toEqual([0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    const waits = [1, 2, 3, 4, 5, 6, 7].map((made) => {
      const { delivery } = consequencesOf({ statusCode: 500, error: null }, state(made, at), settings);
      return delivery.status === 'pending' ? delivery.nextAttemptAt - at : delivery.status;
    });
    expect(waits).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(consequencesOf({ statusCode: null, error: 'no answer from crm.example.com within 15 s' }, state(8, at), settings).delivery).toEqual({
      status: 'failed',
      reason: 'gave up after 8 attempts (the last: no answer from crm.example.com within 15 s)',
    });
  });

  it('says "1 attempt" where a schedule of one attempt gives up at once', () => {
    const once = { ...settings, retryScheduleMs: [0] };
    expect(consequencesOf({ statusCode: 500, error: null }, state(1, at), once).delivery).toEqual({ status: 'failed', reason: 'gave up after 1 attempt (the last: HTTP 500)' });
  });

  it('counts any 2xx as delivered and ends the endpoint’s run of failures; a 3xx is a failure (redirects are not followed)', () => {
    expect(consequencesOf({ statusCode: 204, error: null }, state(3, at - DAY), settings)).toEqual({ delivery: { status: 'delivered' }, failingSince: null, disable: null });
    expect(consequencesOf({ statusCode: 301, error: null }, state(1), settings)).toMatchObject({ delivery: { status: 'pending' }, failingSince: at, disable: null });
  });

  it('disables the endpoint at a 410, and after 5 days of nothing but failures', () => {
    const gone = consequencesOf({ statusCode: 410, error: null }, state(1), settings);
    expect(gone.delivery).toEqual({ status: 'failed', reason: 'the receiver answered 410 Gone' });
    expect(gone.disable).toBe('crm.example.com answered 410 Gone at 2026-12-03T10:00:00.000Z: the receiver says this endpoint no longer exists. Fix the URL or the receiver, then set enabled to true.');
    expect(consequencesOf({ statusCode: 500, error: null }, state(1, at - 5 * DAY + 1), settings).disable).toBeNull();
    expect(consequencesOf({ statusCode: 500, error: null }, state(1, at - 5 * DAY), settings).disable).toBe(
      'Every delivery attempt to crm.example.com failed from 2026-11-28T10:00:00.000Z to 2026-12-03T10:00:00.000Z (the last: HTTP 500). Fix the receiver, then set enabled to true.',
    );
  });
});

describe('which events an endpoint takes, and in which lanes', () => {
  it('takes every type without a filter, else only those listed', () => {
    expect(endpointWants(null, 'participant.signed')).toBe(true);
    expect(endpointWants(['envelope.completed'], 'participant.signed')).toBe(false);
    expect(endpointWants(['envelope.completed'], 'envelope.completed')).toBe(true);
  });

  it('orders an envelope’s events together, a connection’s together, and a ping alone', () => {
    expect(laneOf({ id: 'ev_1', envelopeId: 'env_A', connectionId: null })).toBe('envelope:env_A');
    expect(laneOf({ id: 'ev_2', envelopeId: null, connectionId: 'con_B' })).toBe('connection:con_B');
    expect(laneOf({ id: 'ev_3', envelopeId: null })).toBe('event:ev_3');
  });
});
