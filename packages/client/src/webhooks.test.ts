import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { EventType, WebhookEvent } from './types.js';
import { verifyWebhook, WebhookVerificationError } from './webhooks.js';

/**
 * The Standard Webhooks specification's own test vector (standard-webhooks/standard-webhooks, the
 * JavaScript library's tests), the one Countersign's signing is held to (src/app/webhooks/send.test.ts).
 */
const SPEC = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  msgId: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const SPEC_HEADERS = { 'webhook-id': SPEC.msgId, 'webhook-timestamp': String(SPEC.timestamp), 'webhook-signature': SPEC.signature };

/**
 * The library reads the time from Date.now() and has no option for another clock: the vector's moment
 * is long past, so the receiver's clock is set to it (only Date is faked; timers run as usual).
 */
function clockAt(secondsSinceEpoch: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(secondsSinceEpoch * 1000);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('verifyWebhook', () => {
  it('accepts the specification’s test vector at its timestamp, and answers the parsed body', () => {
    clockAt(SPEC.timestamp);
    expect(verifyWebhook(SPEC.secret, SPEC_HEADERS, SPEC.payload)).toEqual({ test: 2432232314 });
  });

  it('takes the headers as node:http gives them, as a Fetch Headers, or with any case, and the body as a string or bytes', () => {
    clockAt(SPEC.timestamp + 60);
    // node:http's IncomingHttpHeaders: lower-case names, other headers beside them, some values lists.
    const incoming = { host: 'crm.example.com', 'content-type': 'application/json', 'x-forwarded-for': ['10.0.0.1', '10.0.0.2'], ...SPEC_HEADERS };
    const fetchHeaders = new Headers({ 'Webhook-Id': SPEC.msgId, 'Webhook-Timestamp': String(SPEC.timestamp), 'Webhook-Signature': SPEC.signature });
    const capitalised = { 'Webhook-Id': SPEC.msgId, 'WEBHOOK-TIMESTAMP': String(SPEC.timestamp), 'Webhook-Signature': SPEC.signature };
    const bytes = new TextEncoder().encode(SPEC.payload);
    for (const [headers, body] of [
      [incoming, SPEC.payload],
      [fetchHeaders, SPEC.payload],
      [capitalised, SPEC.payload],
      [incoming, Buffer.from(SPEC.payload)],
      [incoming, bytes],
      [fetchHeaders, bytes.buffer],
    ] as const) {
      expect(verifyWebhook(SPEC.secret, headers, body)).toEqual({ test: 2432232314 });
    }
  });

  it('refuses a changed body, a changed timestamp, a wrong secret or a missing header', () => {
    clockAt(SPEC.timestamp);
    const otherSecret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    expect(() => verifyWebhook(SPEC.secret, SPEC_HEADERS, '{"test": 2432232315}')).toThrow(/no signature matches this secret/);
    // The same JSON, spaced otherwise: a body parsed and serialized again no longer verifies.
    expect(() => verifyWebhook(SPEC.secret, SPEC_HEADERS, JSON.stringify({ test: 2432232314 }))).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(SPEC.secret, { ...SPEC_HEADERS, 'webhook-timestamp': String(SPEC.timestamp + 1) }, SPEC.payload)).toThrow(/no signature matches/);
    expect(() => verifyWebhook(SPEC.secret, { ...SPEC_HEADERS, 'webhook-id': 'msg_other' }, SPEC.payload)).toThrow(/no signature matches/);
    expect(() => verifyWebhook(otherSecret, SPEC_HEADERS, SPEC.payload)).toThrow(/no signature matches this secret/);
    const { 'webhook-signature': _left, ...unsigned } = SPEC_HEADERS;
    expect(() => verifyWebhook(SPEC.secret, unsigned, SPEC.payload)).toThrow(/lacks a webhook-id, webhook-timestamp or webhook-signature/);
    // A signature of another scheme version is not a v1 signature.
    expect(() => verifyWebhook(SPEC.secret, { ...SPEC_HEADERS, 'webhook-signature': SPEC.signature.replace('v1,', 'v1a,') }, SPEC.payload)).toThrow(
      WebhookVerificationError,
    );
  });

  it('holds the timestamp to 5 minutes either side of this machine’s clock', () => {
    clockAt(SPEC.timestamp + 5 * 60);
    expect(verifyWebhook(SPEC.secret, SPEC_HEADERS, SPEC.payload)).toEqual({ test: 2432232314 });
    clockAt(SPEC.timestamp + 5 * 60 + 1);
    expect(() => verifyWebhook(SPEC.secret, SPEC_HEADERS, SPEC.payload)).toThrow(/more than 5 minutes old/);
    clockAt(SPEC.timestamp - 5 * 60);
    expect(verifyWebhook(SPEC.secret, SPEC_HEADERS, SPEC.payload)).toEqual({ test: 2432232314 });
    clockAt(SPEC.timestamp - 5 * 60 - 1);
    expect(() => verifyWebhook(SPEC.secret, SPEC_HEADERS, SPEC.payload)).toThrow(/more than 5 minutes ahead/);
  });

  it('accepts a delivery signed with several secrets (a rotation’s overlap) with either of them, and no other', () => {
    const oldSecret = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
    const newSecret = `whsec_${Buffer.alloc(32, 2).toString('base64')}`;
    const body = '{"id":"ev_01KBQ6W0Q8E3ZJ4G1T9A2C5XDM","type":"ping","occurredAt":"2026-12-02T10:15:03.412Z","envelopeId":null,"data":{"endpointId":"whe_1","message":"test"}}';
    const at = new Date();
    // As Countersign sends it during the 24 h after a rotation: the new secret's signature, then the old one's.
    const signature = [newSecret, oldSecret].map((secret) => new Webhook(secret).sign('ev_01KBQ6W0Q8E3ZJ4G1T9A2C5XDM', at, body)).join(' ');
    const headers = { 'webhook-id': 'ev_01KBQ6W0Q8E3ZJ4G1T9A2C5XDM', 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature };
    expect(verifyWebhook(newSecret, headers, body)).toEqual(JSON.parse(body));
    expect(verifyWebhook(oldSecret, headers, body)).toEqual(JSON.parse(body));
    expect(() => verifyWebhook(`whsec_${Buffer.alloc(32, 3).toString('base64')}`, headers, body)).toThrow(/no signature matches/);
    // A proxy that split the header into two lines: node:http hands them over as a list.
    expect(verifyWebhook(oldSecret, { ...headers, 'webhook-signature': signature.split(' ') }, body)).toEqual(JSON.parse(body));
  });

  it('says what is wrong with a secret that is not a whsec_ secret, or a body already parsed, instead of refusing the delivery', () => {
    clockAt(SPEC.timestamp);
    expect(() => verifyWebhook('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', SPEC_HEADERS, SPEC.payload)).toThrow(TypeError);
    expect(() => verifyWebhook(SPEC.secret, SPEC_HEADERS, { test: 2432232314 } as never)).toThrow(/raw body/);
  });

  it('types the event as a union by type, covering every type of the feed and the ping', () => {
    expectTypeOf<EventType | 'ping'>().toEqualTypeOf<WebhookEvent['type']>();
    const narrow = (event: WebhookEvent) => {
      if (event.type === 'envelope.completed') {
        expectTypeOf(event.data.envelope.status).toExtend<string>();
        expectTypeOf(event.envelopeId).toEqualTypeOf<string>();
      }
      if (event.type === 'artifact.archived') expectTypeOf(event.data.artifact.kind).toEqualTypeOf<'signed' | 'audit'>();
      if (event.type === 'participant.signed') expectTypeOf(event.data.participant.email).toEqualTypeOf<string>();
      if (event.type === 'connection.unhealthy') expectTypeOf(event.envelopeId).toEqualTypeOf<null>();
      if (event.type === 'ping') expectTypeOf(event.data.endpointId).toEqualTypeOf<string>();
    };
    expect(narrow).toBeTypeOf('function');
  });
});
