import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signatureHeader } from './send.js';

/**
 * Countersign signs with the `standardwebhooks` library; these hold what it produces to the Standard
 * Webhooks specification's own test vector (standard-webhooks/standard-webhooks, the JavaScript
 * library's tests, "sign function works"; checked by hand with HMAC-SHA256 too) and to what a receiver
 * verifying with the library accepts.
 */
const SPEC = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  msgId: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

afterEach(() => {
  vi.useRealTimers();
});

describe('the webhook-signature header', () => {
  it('matches the specification’s test vector', () => {
    expect(signatureHeader([SPEC.secret], SPEC.msgId, new Date(SPEC.timestamp * 1000), SPEC.payload)).toBe(SPEC.signature);
  });

  it('verifies at the receiver with the specification’s vector, and not once the body or the timestamp changed', () => {
    // The vector's moment is long past: the receiver's clock is set to it, within the library's 5-minute tolerance.
    vi.useFakeTimers({ now: SPEC.timestamp * 1000 + 10_000, toFake: ['Date'] });
    const headers = { 'webhook-id': SPEC.msgId, 'webhook-timestamp': String(SPEC.timestamp), 'webhook-signature': signatureHeader([SPEC.secret], SPEC.msgId, new Date(SPEC.timestamp * 1000), SPEC.payload) };
    expect(new Webhook(SPEC.secret).verify(SPEC.payload, headers)).toEqual({ test: 2432232314 });
    expect(() => new Webhook(SPEC.secret).verify('{"test": 2432232315}', headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(SPEC.secret).verify(SPEC.payload, { ...headers, 'webhook-timestamp': String(SPEC.timestamp + 1) })).toThrow('No matching signature found');
  });

  it('carries one signature per secret, space-separated, each verifying with its own secret', () => {
    const other = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
    const at = new Date();
    const header = signatureHeader([other, SPEC.secret], 'ev_01KBQ6W0Q8E3ZJ4G1T9A2C5XDM', at, '{"type":"ping"}');
    expect(header.split(' ')).toHaveLength(2);
    const headers = { 'webhook-id': 'ev_01KBQ6W0Q8E3ZJ4G1T9A2C5XDM', 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': header };
    expect(new Webhook(other).verify('{"type":"ping"}', headers)).toEqual({ type: 'ping' });
    expect(new Webhook(SPEC.secret).verify('{"type":"ping"}', headers)).toEqual({ type: 'ping' });
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 2).toString('base64')}`).verify('{"type":"ping"}', headers)).toThrow('No matching signature found');
  });
});
