import type { FastifyBaseLogger } from 'fastify';
import type { OutboundPolicy } from '../../net/outbound-guard.js';
import { createCallbackSender, hostOf, type DeliveryProgress } from '../callback-sender.js';
import type { CallbackFaults } from '../faults.js';

/**
 * The package's CallBackUrl (seed 001, Create Package: "REST API URL that will be called each time an
 * action has been completed for this package"): on every actor action and package status change the
 * sandbox POSTs `{PackageId, PackageStatus, ExternalPackageReference, ActorId, ActorStatus}`. Delivery
 * never delays the API answer; a failed one (network error or non-2xx) is retried with growing delays.
 * The URL is the caller's, so delivery goes through the outbound guard (see ../callback-sender.ts):
 * a refused URL is refused when the package is created, a refused address at delivery is logged.
 */

export interface CallbackBody {
  PackageId: string;
  PackageStatus: string;
  ExternalPackageReference: string | null;
  ActorId: string | null;
  ActorStatus: string | null;
}

export interface CallbackDelivery extends DeliveryProgress {
  packageId: string;
  body: CallbackBody;
  host: string;
}

export type CallbackDispatcher = ReturnType<typeof createCallbackDispatcher>;

export function createCallbackDispatcher(options: { logger: FastifyBaseLogger; retryDelaysMs?: number[]; outbound?: OutboundPolicy ; faults?: () => CallbackFaults}) {
  const sender = createCallbackSender<CallbackDelivery>({
    name: 'connective',
    logger: options.logger,
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    ...(options.outbound ? { outbound: options.outbound } : {}),
    identify: (delivery) => ({ packageId: delivery.packageId }),
  });

  return {
    /** Queues one delivery to `url`; returns at once. */
    send(url: string | null, body: CallbackBody): void {
      if (!url) return;
      sender.queue(url, { packageId: body.PackageId, body, host: hostOf(url), attempts: 0, status: 'pending', lastStatus: null, lastError: null }, body);
    },
    /** Throws `OutboundRefusedError` (saying why) for a URL that would never be delivered to. */
    checkUrl: sender.checkUrl,
    deliveries: (packageId?: string): CallbackDelivery[] => sender.deliveries().filter((delivery) => !packageId || delivery.packageId === packageId),
    close: sender.close,
  };
}
