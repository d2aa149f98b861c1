import type { FastifyBaseLogger } from 'fastify';
import type { SandboxEvent } from './model.js';
import type { SandboxStore } from './store.js';

/**
 * The asynchronous callback channel of seed 003 ("Assumptions and design principles": "the API will
 * include asynchronous callback channel to allow subscribing to events … the structure of the event
 * generic"). Every event of a process is POSTed as JSON, in the seed's event shape, to the callback URL
 * of the client application that created the process. Delivery never delays the API answer; a failed
 * delivery (network error or non-2xx) is retried 3 times with growing delays.
 */

export interface CallbackDelivery {
  eventId: string;
  eventType: string;
  processId: string;
  url: string;
  attempts: number;
  status: 'pending' | 'delivered' | 'failed';
  lastStatus: number | null;
  lastError: string | null;
  updatedAt: string;
}

export type CallbackDispatcher = ReturnType<typeof createCallbackDispatcher>;

const ATTEMPT_TIMEOUT_MS = 5000;
const MAX_LOG = 500;

/** The callback sender of one sandbox; `retryDelaysMs` are the waits before each retry (3 by default). */
export function createCallbackDispatcher(options: { store: SandboxStore; logger: FastifyBaseLogger; retryDelaysMs?: number[] }) {
  const retryDelays = options.retryDelaysMs ?? [250, 1000, 4000];
  const deliveries: CallbackDelivery[] = [];
  const inFlight = new Set<Promise<void>>();
  const abort = new AbortController();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      abort.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });

  async function deliver(delivery: CallbackDelivery, event: SandboxEvent): Promise<void> {
    for (let attempt = 0; attempt <= retryDelays.length && !abort.signal.aborted; attempt += 1) {
      if (attempt > 0) await wait(retryDelays[attempt - 1] ?? 1000);
      if (abort.signal.aborted) break;
      delivery.attempts += 1;
      try {
        const response = await fetch(delivery.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'autenti-sandbox-callbacks' },
          body: JSON.stringify(event),
          signal: AbortSignal.any([abort.signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
        });
        await response.arrayBuffer().catch(() => undefined);
        delivery.lastStatus = response.status;
        delivery.lastError = response.ok ? null : `HTTP ${response.status}`;
        delivery.updatedAt = new Date().toISOString();
        if (response.ok) {
          delivery.status = 'delivered';
          return;
        }
      } catch (error) {
        delivery.lastError = (error as Error).message;
        delivery.updatedAt = new Date().toISOString();
      }
    }
    delivery.status = 'failed';
    options.logger.warn({ eventId: delivery.eventId, url: delivery.url, error: delivery.lastError }, 'autenti sandbox: callback not delivered');
  }

  return {
    /** Queues the event for the process owner's callback URL, if the client has one. Returns at once. */
    dispatch(ownerClientId: string, processId: string, event: SandboxEvent): void {
      const url = options.store.getClient(ownerClientId)?.callbackUrl;
      if (!url || abort.signal.aborted) return;
      const delivery: CallbackDelivery = {
        eventId: event.id,
        eventType: event.eventType,
        processId,
        url,
        attempts: 0,
        status: 'pending',
        lastStatus: null,
        lastError: null,
        updatedAt: new Date().toISOString(),
      };
      deliveries.push(delivery);
      if (deliveries.length > MAX_LOG) deliveries.splice(0, deliveries.length - MAX_LOG);
      const running = deliver(delivery, event).finally(() => inFlight.delete(running));
      inFlight.add(running);
    },
    /** The delivery log, oldest first. */
    deliveries: (): CallbackDelivery[] => deliveries.map((delivery) => ({ ...delivery })),
    /** Stops retrying and waits for attempts under way (on sandbox close). */
    async close(): Promise<void> {
      abort.abort();
      await Promise.allSettled([...inFlight]);
    },
  };
}
