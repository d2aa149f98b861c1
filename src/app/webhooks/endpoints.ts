import { randomBytes } from 'node:crypto';
import { InvalidStateError, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { EventType } from '../../domain/events.js';
import { checkOutboundUrl, OutboundRefusedError } from '../../net/outbound-guard.js';
import type { Db } from '../../store/database.js';
import { newId } from '../../store/ids.js';
import * as deliveries from '../../store/webhook-deliveries.js';
import * as store from '../../store/webhook-endpoints.js';
import { recordActionIn, type ActionRequest } from '../action-request.js';
import { timestamp, type AppContext } from '../context.js';
import { webhookSettings } from './settings.js';

/**
 * Webhook endpoints (docs/webhooks.md, "Endpoints"): where a host wants the events, which ones, and the
 * secret Countersign signs them with. The secret is shown once (at creation, and after a rotation),
 * kept sealed like a connection's credentials (app/secrets.ts, bound to the endpoint id) and never
 * answered, logged or put in an error after that.
 */

export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string | null;
  /** null: every event type. */
  events: EventType[] | null;
  enabled: boolean;
  /** Why the endpoint is disabled (a 410, failing for days, or a request); null while enabled. */
  disabledReason: string | null;
  disabledAt: string | null;
  /** When its current run of failed attempts began; null when the last attempt was delivered. */
  failingSince: string | null;
  /** Until when deliveries are signed with the secret the last rotation replaced, too; null when none is. */
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type WebhookEndpointWithSecret = WebhookEndpointView & { secret: string };

export interface EndpointInput {
  url: string;
  events?: EventType[] | null;
  description?: string | null;
  enabled?: boolean;
}

export type EndpointPatch = Partial<EndpointInput>;

/** `whsec_` and 32 random bytes in base64: the Standard Webhooks secret format (24 to 64 bytes). */
function generateSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function endpointView(endpoint: store.StoredEndpoint, now: Date): WebhookEndpointView {
  const overlapOpen = endpoint.sealedPreviousSecret !== null && endpoint.previousSecretExpiresAt !== null && Date.parse(endpoint.previousSecretExpiresAt) > now.getTime();
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    events: endpoint.eventTypes,
    enabled: endpoint.enabled,
    disabledReason: endpoint.disabledReason,
    disabledAt: endpoint.disabledAt,
    failingSince: endpoint.failingSince,
    previousSecretExpiresAt: overlapOpen ? endpoint.previousSecretExpiresAt : null,
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
  };
}

/**
 * The secrets a delivery is signed with now: the current one, and during the overlap after a rotation
 * the one it replaced, so that a receiver still verifying with the old secret keeps accepting
 * deliveries until it has the new one (Standard Webhooks: several signatures, space-separated).
 */
export function signingSecrets(context: Pick<AppContext, 'secrets'>, endpoint: store.StoredEndpoint, now: Date): string[] {
  const secrets = [context.secrets.open(endpoint.sealedSecret, endpoint.id)];
  if (endpoint.sealedPreviousSecret !== null && endpoint.previousSecretExpiresAt !== null && Date.parse(endpoint.previousSecretExpiresAt) > now.getTime()) {
    secrets.push(context.secrets.open(endpoint.sealedPreviousSecret, endpoint.id));
  }
  return secrets;
}

/** The outbound guard's DNS-free checks (net/outbound-guard.ts), as a 422 on `url`; DNS is checked again at every delivery. */
function checkEndpointUrl(context: Pick<AppContext, 'outbound'>, url: string): string {
  try {
    return checkOutboundUrl(url, context.outbound).href;
  } catch (error) {
    if (error instanceof OutboundRefusedError) throw new ValidationError([{ path: 'url', message: error.message }]);
    throw error;
  }
}

export async function createEndpoint(context: AppContext, input: EndpointInput, apiRequest?: ActionRequest): Promise<WebhookEndpointWithSecret> {
  const url = checkEndpointUrl(context, input.url);
  const id = newId('whe');
  const secret = generateSecret();
  const at = timestamp(context);
  const endpoint: store.StoredEndpoint = {
    id,
    url,
    description: input.description ?? null,
    eventTypes: input.events ?? null,
    enabled: input.enabled ?? true,
    sealedSecret: context.secrets.seal(secret, id),
    sealedPreviousSecret: null,
    previousSecretExpiresAt: null,
    failingSince: null,
    disabledReason: input.enabled === false ? 'Created disabled (enabled: false).' : null,
    disabledAt: input.enabled === false ? at : null,
    createdAt: at,
    updatedAt: at,
  };
  await context.db.transaction().execute(async (transaction) => {
    await store.insertEndpoint(transaction, endpoint);
    await recordActionIn(context, transaction, apiRequest, { id });
  });
  return { ...endpointView(endpoint, context.now()), secret };
}

export async function listEndpoints(context: AppContext): Promise<WebhookEndpointView[]> {
  const now = context.now();
  return (await store.listEndpoints(context.db)).map((endpoint) => endpointView(endpoint, now));
}

export async function loadEndpoint(db: Db, id: string): Promise<store.StoredEndpoint> {
  const endpoint = await store.findEndpoint(db, id);
  if (!endpoint) throw new NotFoundError('webhook endpoint', id);
  return endpoint;
}

export async function getEndpoint(context: AppContext, id: string): Promise<WebhookEndpointView> {
  return endpointView(await loadEndpoint(context.db, id), context.now());
}

/**
 * Changes an endpoint. A new URL passes the guard as at creation and starts a new run (no failures
 * yet). `enabled: true` clears why it was disabled; `enabled: false` disables it as the automatic
 * rules do, giving up on its pending deliveries (redeliver them once it is enabled again).
 */
export async function updateEndpoint(context: AppContext, id: string, patch: EndpointPatch, apiRequest?: ActionRequest): Promise<WebhookEndpointView> {
  const url = patch.url === undefined ? undefined : checkEndpointUrl(context, patch.url);
  const updated = await context.db.transaction().execute(async (transaction) => {
    const endpoint = await store.findEndpointForUpdate(transaction, id);
    if (!endpoint) throw new NotFoundError('webhook endpoint', id);
    const at = timestamp(context);
    const next: store.StoredEndpoint = { ...endpoint, updatedAt: at };
    if (url !== undefined && url !== endpoint.url) Object.assign(next, { url, failingSince: null });
    if (patch.events !== undefined) next.eventTypes = patch.events;
    if (patch.description !== undefined) next.description = patch.description;
    if (patch.enabled === true && !endpoint.enabled) Object.assign(next, { enabled: true, disabledReason: null, disabledAt: null, failingSince: null });
    await store.saveEndpoint(transaction, next);
    await recordActionIn(context, transaction, apiRequest);
    if (patch.enabled === false && endpoint.enabled) return disableEndpoint(context, transaction, next, 'Disabled by a request (enabled: false).');
    return next;
  });
  return endpointView(updated, context.now());
}

/**
 * Disables an endpoint with the reason its owner will read, and gives up on its pending deliveries
 * (they would otherwise wait without end); redeliver any of them once it is enabled again. Call it in
 * a transaction holding the endpoint's row.
 */
export async function disableEndpoint(context: AppContext, transaction: Db, endpoint: store.StoredEndpoint, reason: string): Promise<store.StoredEndpoint> {
  const at = timestamp(context);
  const disabled: store.StoredEndpoint = { ...endpoint, enabled: false, disabledReason: reason, disabledAt: at, updatedAt: at };
  await store.saveEndpoint(transaction, disabled);
  await deliveries.failPendingDeliveries(transaction, endpoint.id, `not sent: the endpoint was disabled (${reason})`);
  context.logger.warn({ endpointId: endpoint.id, host: hostOf(endpoint.url), reason }, 'webhook endpoint disabled');
  return disabled;
}

/** Deletes the endpoint with its deliveries and their attempts: nothing more is sent to it. */
export async function deleteEndpoint(context: AppContext, id: string, apiRequest?: ActionRequest): Promise<void> {
  await context.db.transaction().execute(async (transaction) => {
    const endpoint = await store.findEndpointForUpdate(transaction, id);
    if (!endpoint) throw new NotFoundError('webhook endpoint', id);
    await deliveries.deleteEndpointDeliveries(transaction, id);
    await store.deleteEndpointRow(transaction, id);
    await recordActionIn(context, transaction, apiRequest);
  });
}

/**
 * A new secret, shown this once. The replaced one goes on signing beside it for the overlap
 * (`secretOverlapMs`, 24 h): deploy the new secret to the receiver within it. A second rotation within
 * the overlap ends the first one's: only the secret just replaced keeps signing.
 */
export async function rotateSecret(context: AppContext, id: string, apiRequest?: ActionRequest): Promise<WebhookEndpointWithSecret> {
  const secret = generateSecret();
  const rotated = await context.db.transaction().execute(async (transaction) => {
    const endpoint = await store.findEndpointForUpdate(transaction, id);
    if (!endpoint) throw new NotFoundError('webhook endpoint', id);
    const at = context.now();
    const next: store.StoredEndpoint = {
      ...endpoint,
      sealedSecret: context.secrets.seal(secret, id),
      sealedPreviousSecret: endpoint.sealedSecret,
      previousSecretExpiresAt: new Date(at.getTime() + webhookSettings(context).secretOverlapMs).toISOString(),
      updatedAt: at.toISOString(),
    };
    await store.saveEndpoint(transaction, next);
    await recordActionIn(context, transaction, apiRequest);
    return next;
  });
  return { ...endpointView(rotated, context.now()), secret };
}

/** Refuses what only an enabled endpoint can do (a ping, a redelivery). */
export function requireEnabled(endpoint: store.StoredEndpoint, what: string): void {
  if (!endpoint.enabled) {
    throw new InvalidStateError(
      `Webhook endpoint ${endpoint.id} is disabled (${endpoint.disabledReason ?? 'no reason recorded'}), so ${what} would not be sent. Enable it first: PATCH /api/v1/webhook-endpoints/${endpoint.id} with {"enabled": true}.`,
      'disabled',
    );
  }
}

/** The host of a URL, for logs and messages: a webhook URL may carry a token in its path or query. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the endpoint';
  }
}
