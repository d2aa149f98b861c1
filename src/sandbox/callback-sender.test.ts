import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { LOOPBACK_ALLOWED } from '../net/outbound-guard.js';
import { createCallbackSender, type DeliveryProgress } from './callback-sender.js';
import { NO_CALLBACK_FAULTS, type CallbackFaults } from './faults.js';

/** The `callbacks` fault knob at work: callbacks lost, sent twice, and held back out of order. */

type Delivery = DeliveryProgress & { name: string };
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function receiver(): Promise<{ url: string; received: string[] }> {
  const received: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push((JSON.parse(body) as { name: string }).name);
      response.writeHead(204).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`, received };
}

function sender(faults: CallbackFaults, rolls: number[]) {
  return createCallbackSender<Delivery>({
    name: 'test',
    logger: pino({ level: 'silent' }),
    outbound: { allow: LOOPBACK_ALLOWED },
    identify: (delivery) => ({ name: delivery.name }),
    faults: () => faults,
    random: () => rolls.shift() ?? 0.99,
  });
}

async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done() && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
}

const delivery = (name: string): Delivery => ({ name, attempts: 0, status: 'pending', lastStatus: null, lastError: null });

describe('callback faults', () => {
  it('loses a callback (never sent, its record says why), and sends another twice', async () => {
    const target = await receiver();
    // Rolls: the first callback lost; the second not lost, duplicated, no hold-back for either copy.
    const callbacks = sender({ ...NO_CALLBACK_FAULTS, lossRate: 0.5, duplicateRate: 0.5 }, [0.1, 0.9, 0.1]);
    callbacks.queue(target.url, delivery('lost'), { name: 'lost' });
    callbacks.queue(target.url, delivery('twice'), { name: 'twice' });
    await until(() => callbacks.deliveries()[1]!.attempts === 2 && target.received.length === 2);
    await callbacks.close();
    expect(target.received).toEqual(['twice', 'twice']);
    expect(callbacks.deliveries()[0]).toMatchObject({ name: 'lost', status: 'failed', attempts: 0, lastError: expect.stringContaining('lossRate') });
  });

  it('holds callbacks back so that a later one arrives first', async () => {
    const target = await receiver();
    // Rolls: the first held back 0.9 × 300 ms, the second 0.
    const callbacks = sender({ ...NO_CALLBACK_FAULTS, maxDelayMs: 300 }, [0.9, 0]);
    callbacks.queue(target.url, delivery('first'), { name: 'first' });
    callbacks.queue(target.url, delivery('second'), { name: 'second' });
    await until(() => target.received.length === 2);
    expect(target.received).toEqual(['second', 'first']);
    await callbacks.close();
  });
});

describe('many callbacks pending at once', () => {
  it('holds back dozens without Node warning of a listener leak', async () => {
    const target = await receiver();
    const warnings: string[] = [];
    const onWarning = (warning: Error) => void warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      // Every roll 0.5: none lost, none duplicated, each held back 100 ms, so all 30 wait at once.
      const callbacks = sender({ ...NO_CALLBACK_FAULTS, lossRate: 0.1, maxDelayMs: 200 }, Array.from({ length: 60 }, () => 0.5));
      for (let n = 0; n < 30; n++) callbacks.queue(target.url, delivery(`callback ${n}`), { name: `callback ${n}` });
      await until(() => target.received.length === 30);
      await callbacks.close();
      // Node emits its warnings on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(target.received).toHaveLength(30);
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
