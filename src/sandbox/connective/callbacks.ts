import type { FastifyBaseLogger } from 'fastify';
import { request } from 'undici';
import { checkOutboundUrl, createOutboundDispatcher, NOTHING_ALLOWED, OutboundRefusedError, type OutboundPolicy } from '../../net/outbound-guard.js';

/**
 * The package's CallBackUrl (seed 001, Create Package: "REST API URL that will be called each time an
 * action has been completed for this package"): on every actor action and package status change the
 * sandbox POSTs `{PackageId, PackageStatus, ExternalPackageReference, ActorId, ActorStatus}`. Delivery
 * never delays the API answer; a failed one (network error or non-2xx) is retried with growing delays.
 * The URL is the caller's, so delivery goes through the outbound guard (src/net/outbound-guard.ts):
 * a refused URL is refused when the package is created, a refused address at delivery is logged.
 */

export interface CallbackBody {
  PackageId: string;
  PackageStatus: string;
  ExternalPackageReference: string | null;
  ActorId: string | null;
  ActorStatus: string | null;
}

export interface CallbackDelivery {
  packageId: string;
  body: CallbackBody;
  host: string;
  attempts: number;
  status: 'pending' | 'delivered' | 'failed';
  lastStatus: number | null;
  lastError: string | null;
}

export type CallbackDispatcher = ReturnType<typeof createCallbackDispatcher>;

const ATTEMPT_TIMEOUT_MS = 5000;
const MAX_LOG = 500;

export function createCallbackDispatcher(options: { logger: FastifyBaseLogger; retryDelaysMs?: number[]; outbound?: OutboundPolicy }) {
  const retryDelays = options.retryDelaysMs ?? [250, 1000, 4000];
  const outbound = options.outbound ?? { allow: NOTHING_ALLOWED };
  const connections = createOutboundDispatcher(outbound, { connectTimeoutMs: ATTEMPT_TIMEOUT_MS });
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

  async function deliver(url: string, delivery: CallbackDelivery): Promise<void> {
    for (let attempt = 0; attempt <= retryDelays.length && !abort.signal.aborted; attempt += 1) {
      if (attempt > 0) await wait(retryDelays[attempt - 1] ?? 1000);
      if (abort.signal.aborted) break;
      delivery.attempts += 1;
      try {
        const response = await request(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'connective-sandbox-callbacks' },
          body: JSON.stringify(delivery.body),
          dispatcher: connections,
          signal: AbortSignal.any([abort.signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
        });
        await response.body.dump().catch(() => undefined);
        delivery.lastStatus = response.statusCode;
        if (response.statusCode >= 200 && response.statusCode < 300) {
          delivery.status = 'delivered';
          delivery.lastError = null;
          return;
        }
        delivery.lastError = `HTTP ${response.statusCode}`;
      } catch (error) {
        const refused = OutboundRefusedError.find(error);
        if (refused) {
          // The destination stays refused: retrying cannot help.
          delivery.lastError = `not sent: the callback URL ${refused.message}`;
          break;
        }
        delivery.lastError = (error as Error).message;
      }
    }
    delivery.status = 'failed';
    // The host only: a callback URL may carry a secret token.
    options.logger.warn({ packageId: delivery.packageId, host: delivery.host, error: delivery.lastError }, 'connective sandbox: callback not delivered');
  }

  return {
    /** Queues one delivery to `url`; returns at once. */
    send(url: string | null, body: CallbackBody): void {
      if (!url || abort.signal.aborted) return;
      const delivery: CallbackDelivery = { packageId: body.PackageId, body, host: hostOf(url), attempts: 0, status: 'pending', lastStatus: null, lastError: null };
      deliveries.push(delivery);
      if (deliveries.length > MAX_LOG) deliveries.splice(0, deliveries.length - MAX_LOG);
      const running = deliver(url, delivery).finally(() => inFlight.delete(running));
      inFlight.add(running);
    },
    /** Throws `OutboundRefusedError` (saying why) for a URL that would never be delivered to. */
    checkUrl(url: string): void {
      checkOutboundUrl(url, outbound);
    },
    deliveries: (packageId?: string): CallbackDelivery[] =>
      deliveries.filter((delivery) => !packageId || delivery.packageId === packageId).map((delivery) => ({ ...delivery })),
    async close(): Promise<void> {
      abort.abort();
      await Promise.allSettled([...inFlight]);
      await connections.close();
    },
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid URL)';
  }
}
