/**
 * @countersign/client: Countersign's REST API, typed by its OpenAPI document, and the check of its
 * webhook deliveries. See README.md.
 */
export { createCountersignClient, type CountersignClient, type CountersignClientOptions, type IdempotencyOption, type ListItem, type ListPath } from './client.js';
export { CountersignError } from './errors.js';
export { verifyWebhook, WebhookVerificationError, type WebhookBody, type WebhookHeaders } from './webhooks.js';
export type * from './types.js';
