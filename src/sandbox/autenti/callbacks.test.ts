import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOOPBACK_ALLOWED, NOTHING_ALLOWED, OutboundRefusedError, type OutboundPolicy } from '../../net/outbound-guard.js';
import { createCallbackDispatcher } from './callbacks.js';
import type { SandboxEvent } from './model.js';
import type { SandboxStore } from './store.js';

/** A receiver on loopback that records what reaches it. */
let receiver: Server;
let port: number;
let connections: number;
let bodies: string[];

beforeEach(async () => {
  connections = 0;
  bodies = [];
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      bodies.push(body);
      response.end();
    });
  });
  receiver.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});

afterEach(async () => {
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

function dispatcherFor(callbackUrl: string, outbound: OutboundPolicy) {
  const warnings: Record<string, unknown>[] = [];
  const logger = { warn: (fields: Record<string, unknown>) => warnings.push(fields) } as unknown as FastifyBaseLogger;
  // Only the owner's callback URL and its subscriptions (none here) are read from the store.
  const store = { getClient: () => ({ callbackUrl }), listSubscriptions: () => [] } as unknown as SandboxStore;
  const callbacks = createCallbackDispatcher({ store, logger, outbound, retryDelaysMs: [1, 1, 1] });
  return { callbacks, warnings };
}

const event = { id: 'EVENT:1', eventType: 'EVENT_TYPE:DOCUMENT_SIGNED' } as unknown as SandboxEvent;

describe('callback delivery through the outbound guard', () => {
  it('delivers to an allowed address', async () => {
    const { callbacks } = dispatcherFor(`http://127.0.0.1:${port}/events`, { allow: LOOPBACK_ALLOWED });
    callbacks.dispatch('client', 'DOCUMENT_PROCESS:1', [event]);
    await vi.waitFor(() => expect(callbacks.deliveries()[0]?.status).toBe('delivered'));
    expect(JSON.parse(bodies[0]!)).toMatchObject({ id: 'EVENT:1' });
    await callbacks.close();
  });

  it('does not send to a name that resolves to a private address: logged once, not retried, host only', async () => {
    const outbound: OutboundPolicy = { allow: NOTHING_ALLOWED, lookup: async () => [{ address: '127.0.0.1', family: 4 }] };
    const { callbacks, warnings } = dispatcherFor(`https://rebind.example:${port}/api/v1/callbacks/con_1/secret-token`, outbound);
    callbacks.dispatch('client', 'DOCUMENT_PROCESS:1', [event]);
    await vi.waitFor(() => expect(callbacks.deliveries()[0]?.status).toBe('failed'));
    const [delivery] = callbacks.deliveries();
    expect(delivery!.attempts).toBe(1);
    expect(delivery!.lastError).toContain('rebind.example (which resolves to 127.0.0.1) is a private');
    expect(connections).toBe(0);
    expect(warnings).toEqual([expect.objectContaining({ host: `rebind.example:${port}` })]);
    expect(JSON.stringify(warnings)).not.toContain('secret-token');
    await callbacks.close();
  });

  it('refuses, when it is set, a URL it would not deliver to', async () => {
    const { callbacks } = dispatcherFor('unused', { allow: NOTHING_ALLOWED });
    expect(() => callbacks.checkUrl(`http://127.0.0.1:${port}/`)).toThrow(OutboundRefusedError);
    expect(() => callbacks.checkUrl('https://169.254.169.254/')).toThrow(/private/);
    expect(() => callbacks.checkUrl('https://hooks.example.com/autenti')).not.toThrow();
    await callbacks.close();
  });
});
