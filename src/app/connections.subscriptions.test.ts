import { afterEach, describe, expect, it } from 'vitest';
import { createTestConnection, createTestContext } from '../../test/support/app-context.js';
import { createFakeProvider, fakeRegistry } from '../../test/support/fake-provider.js';
import { ProviderError } from '../providers/errors.js';
import type { SignatureProvider } from '../providers/provider.js';
import { deleteConnection, getConnection, rotateConnectionKey, updateConnection, verifyConnection } from './connections.js';
import type { AppContext } from './context.js';

/**
 * Event subscriptions (docs/architecture.md "Event subscriptions"): the app subscribes a connection
 * whose adapter can (`subscribeEvents`) when it verifies healthy, renews it after a key rotation or a
 * settings change (removing the old one), and removes it when the connection is deleted.
 */

type SubscribingFake = SignatureProvider & {
  subscriptions: string[];
  subscribeCalls: string[];
  unsubscribeCalls: string[];
  nextSubscribe: 'ok' | 'no-scope' | 'fail';
  failUnsubscribe: boolean;
};

function subscribingFake(): SubscribingFake {
  const base = createFakeProvider();
  let counter = 0;
  const fake: SubscribingFake = Object.assign(base, {
    subscriptions: [] as string[],
    subscribeCalls: [] as string[],
    unsubscribeCalls: [] as string[],
    nextSubscribe: 'ok' as SubscribingFake['nextSubscribe'],
    failUnsubscribe: false,
    async subscribeEvents(callbackUrl: string) {
      fake.subscribeCalls.push(callbackUrl);
      if (fake.nextSubscribe === 'no-scope') return null;
      if (fake.nextSubscribe === 'fail') throw new ProviderError({ kind: 'unavailable', provider: 'autenti', message: 'Autenti did not answer.' });
      const subscriptionId = `CALLBACK:${(counter += 1)}`;
      fake.subscriptions.push(subscriptionId);
      return { subscriptionId };
    },
    async unsubscribeEvents(subscriptionId: string) {
      fake.unsubscribeCalls.push(subscriptionId);
      if (fake.failUnsubscribe) throw new ProviderError({ kind: 'unavailable', provider: 'autenti', message: 'Autenti did not answer.' });
      fake.subscriptions = fake.subscriptions.filter((id) => id !== subscriptionId);
    },
  });
  return fake;
}

let closeContext: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeContext?.();
  closeContext = undefined;
});

async function setUp(fake: SignatureProvider): Promise<{ context: AppContext; id: string }> {
  const { context, close } = await createTestContext(fakeRegistry(fake as ReturnType<typeof createFakeProvider>));
  closeContext = close;
  return { context, id: await createTestConnection(context) };
}

describe('event subscriptions', () => {
  it('subscribes on the first healthy verify, once, with the connection\'s callback URL, and shows it', async () => {
    const fake = subscribingFake();
    const { context, id } = await setUp(fake);
    expect((await getConnection(context, id)).callbackSubscription).toMatchObject({ status: 'pending', id: null });

    const verified = await verifyConnection(context, id);
    expect(verified.ok).toBe(true);
    expect(fake.subscribeCalls).toEqual([verified.connection.callbackUrl]);
    expect(verified.connection.callbackSubscription).toMatchObject({ status: 'subscribed', id: 'CALLBACK:1', detail: expect.stringContaining('nothing to paste') });

    await verifyConnection(context, id);
    expect(fake.subscribeCalls).toHaveLength(1);
  });

  it('renews the subscription after a key rotation and a settings change, removing the one it replaces', async () => {
    const fake = subscribingFake();
    const { context, id } = await setUp(fake);
    await verifyConnection(context, id);

    const rotated = await rotateConnectionKey(context, id);
    expect(rotated.callbackSubscription).toMatchObject({ status: 'pending', id: 'CALLBACK:1' });
    expect(fake.subscribeCalls).toHaveLength(1);
    expect((await verifyConnection(context, id)).connection.callbackSubscription).toMatchObject({ status: 'subscribed', id: 'CALLBACK:2' });
    expect(fake.unsubscribeCalls).toEqual(['CALLBACK:1']);

    await updateConnection(context, id, { credentials: { accountEmail: 'other@acme.test' } });
    expect((await verifyConnection(context, id)).connection.callbackSubscription).toMatchObject({ status: 'subscribed', id: 'CALLBACK:3' });
    expect(fake.subscriptions).toEqual(['CALLBACK:3']);
  });

  it('says "manual" when the account may not subscribe, and tries again at the next verify', async () => {
    const fake = subscribingFake();
    fake.nextSubscribe = 'no-scope';
    const { context, id } = await setUp(fake);
    const verified = await verifyConnection(context, id);
    expect(verified.ok).toBe(true);
    expect(verified.connection.callbackSubscription).toMatchObject({ status: 'manual', id: null, detail: expect.stringContaining('notification_management') });

    fake.nextSubscribe = 'ok';
    expect((await verifyConnection(context, id)).connection.callbackSubscription).toMatchObject({ status: 'subscribed', id: 'CALLBACK:1' });
  });

  it('keeps the connection healthy when subscribing fails, and says why', async () => {
    const fake = subscribingFake();
    fake.nextSubscribe = 'fail';
    const { context, id } = await setUp(fake);
    const verified = await verifyConnection(context, id);
    expect(verified.connection.health.status).toBe('ok');
    expect(verified.connection.callbackSubscription).toMatchObject({ status: 'error', detail: expect.stringContaining('Autenti did not answer.') });
  });

  it('removes the subscription when the connection is deleted, and deletes it even when that fails', async () => {
    const fake = subscribingFake();
    const { context, id } = await setUp(fake);
    await verifyConnection(context, id);
    await deleteConnection(context, id);
    expect(fake.unsubscribeCalls).toEqual(['CALLBACK:1']);

    const second = await createTestConnection(context);
    await verifyConnection(context, second);
    fake.failUnsubscribe = true;
    await deleteConnection(context, second);
    expect(fake.unsubscribeCalls).toEqual(['CALLBACK:1', 'CALLBACK:2']);
    await expect(getConnection(context, second)).rejects.toThrow(/not found|no connection/i);
  });

  it('shows no subscription for a provider whose adapter does not subscribe', async () => {
    const { context, id } = await setUp(createFakeProvider());
    const verified = await verifyConnection(context, id);
    expect(verified.ok).toBe(true);
    expect(verified.connection.callbackSubscription).toBeNull();
  });
});
