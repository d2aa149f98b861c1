import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from '../../domain/webhooks.js';
import type { AppContext } from '../context.js';

/** The context's webhook settings, each one not given at its default. */
export function webhookSettings(context: Pick<AppContext, 'webhooks'>): WebhookSettings {
  return { ...DEFAULT_WEBHOOK_SETTINGS, ...context.webhooks };
}
