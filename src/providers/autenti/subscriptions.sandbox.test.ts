import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCallbackReceiver } from '../../../test/conformance/callback-receiver.js';
import { sendRequestOf } from '../../../test/conformance/requests.js';
import { waitUntil } from '../../../test/support/waiting.js';
import { startAutentiSandbox } from '../../sandbox/autenti/index.js';
import { createMemoryCheckpoint } from '../provider.js';
import { createAutentiProvider } from './index.js';
import { sandboxControl } from '../../../test/support/sandbox-control.js';
import { registerAutentiSandboxClient } from '../../../test/support/autenti-sandbox-client.js';

/**
 * Event subscriptions against the sandbox, to the wire contract in docs/providers.md ("Autenti: live
 * service versus seed 003"): `POST /applications/callbacks` for a client with the
 * `notification_management` scope, deliveries as a JSON array of events, `DELETE` to stop; a client
 * without the scope gets 403, which the adapter reads as "subscribe by hand" (`null`).
 */

let sandbox: { url: string; close(): Promise<void> };
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'countersign-autenti-subscriptions-'));
  sandbox = await startAutentiSandbox({ port: 0, dataDir, callbackRetryDelaysMs: [100, 100, 100] });
});

afterAll(async () => {
  await sandbox?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const control = sandboxControl(() => sandbox.url);

/** An adapter for a fresh client, with the scope when `scopes` names it (the sandbox's control route). */
async function connect(scopes: string[]) {
  const { connection } = await registerAutentiSandboxClient(control, sandbox.url, { connectionId: 'con_subscriptions', name: 'Countersign subscriptions', scopes, emailDomain: 'acme.test' });
  return createAutentiProvider(connection, { http: { sleep: async () => {} } });
}

describe('Autenti event subscriptions against the sandbox', () => {
  it('subscribes a client with notification_management, reads its array deliveries, and unsubscribes', async () => {
    const receiver = await startCallbackReceiver();
    const adapter = await connect(['notification_management']);
    try {
      const subscription = await adapter.subscribeEvents!(receiver.url);
      expect(subscription?.subscriptionId).toMatch(/^CALLBACK:/);

      const request = await sendRequestOf({ steps: [1] });
      const { reference } = await adapter.send(request, createMemoryCheckpoint());
      await control('POST', `/document-processes/${encodeURIComponent(reference)}/parties/${encodeURIComponent(request.participants[0]!.email)}/actions`, { action: 'sign' });
      await waitUntil(async () => receiver.received.length, (count) => count > 0, { timeoutMs: 10_000, what: 'a delivery to the subscription' });
      // The live shape: a JSON array of events.
      expect(Array.isArray(JSON.parse(receiver.received[0]!.body))).toBe(true);
      const targets = (await Promise.all(receiver.received.map((delivery) => adapter.parseCallback(delivery)))).flatMap((target) =>
        target === null ? [] : Array.isArray(target) ? target : [target],
      );
      expect(targets.length).toBeGreaterThan(0);
      expect(targets.every((target) => 'reference' in target && target.reference === reference)).toBe(true);

      await adapter.unsubscribeEvents!(subscription!.subscriptionId);
      // Removing it again counts as removed (a 404 is not an error).
      await adapter.unsubscribeEvents!(subscription!.subscriptionId);
    } finally {
      await adapter.dispose();
      await receiver.close();
    }
  });

  it('answers null (subscribe by hand) for a client without the scope', async () => {
    const adapter = await connect([]);
    try {
      expect(await adapter.subscribeEvents!('https://countersign.example/api/v1/callbacks/con_1/token')).toBeNull();
    } finally {
      await adapter.dispose();
    }
  });
});
