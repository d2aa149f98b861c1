import type { FastifyBaseLogger } from 'fastify';
import type { OutboundPolicy } from '../../net/outbound-guard.js';
import { createCallbackSender, hostOf, type DeliveryProgress } from '../callback-sender.js';
import type { CallbackFaults } from '../faults.js';

/**
 * A workflow's `webhooks[].url` (seed 002 names them, the payload is ours; docs/sandbox-consigno.md):
 * on every workflow and action event the sandbox POSTs `{eventType, workflowId, actionId,
 * workflowStatus, timestamp}`. Delivery never delays the API answer and is retried (shared
 * callback-sender); URLs go through the outbound guard (refused at create, or logged at delivery).
 */

export type WebhookEvent =
  | 'WORKFLOW_LAUNCHED'
  | 'ACTION_STARTED'
  | 'ACTION_COMPLETED'
  | 'ACTION_DECLINED'
  | 'WORKFLOW_COMPLETED'
  | 'WORKFLOW_DECLINED'
  | 'WORKFLOW_EXPIRED'
  | 'WORKFLOW_DELETED';

export interface WebhookBody {
  eventType: WebhookEvent;
  workflowId: string;
  actionId: string | null;
  workflowStatus: number;
  timestamp: number;
}

export interface WebhookDelivery extends DeliveryProgress {
  workflowId: string;
  body: WebhookBody;
  host: string;
}

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;

export function createWebhookDispatcher(options: { logger: FastifyBaseLogger; retryDelaysMs?: number[]; outbound?: OutboundPolicy ; faults?: () => CallbackFaults}) {
  const sender = createCallbackSender<WebhookDelivery>({
    name: 'consigno',
    logger: options.logger,
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    ...(options.outbound ? { outbound: options.outbound } : {}),
    identify: (delivery) => ({ workflowId: delivery.workflowId, eventType: delivery.body.eventType }),
  });
  return {
    /** Queues one delivery of `body` to each URL; returns at once. */
    send(urls: string[], body: WebhookBody): void {
      for (const url of urls) {
        sender.queue(url, { workflowId: body.workflowId, body, host: hostOf(url), attempts: 0, status: 'pending', lastStatus: null, lastError: null }, body);
      }
    },
    checkUrl: sender.checkUrl,
    deliveries: (workflowId?: string) => sender.deliveries().filter((delivery) => !workflowId || delivery.workflowId === workflowId),
    close: sender.close,
  };
}
