import { createPrivateKey, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidStateError, NotFoundError, ValidationError, type FieldError } from '../domain/errors.js';
import { newId } from '../store/ids.js';
import { checkOutboundUrl, OutboundRefusedError, type OutboundPolicy } from '../net/outbound-guard.js';
import { BUILTIN_SANDBOX, checkCredentials as checkAgainstSchema, credentialFields, type ProviderDescriptor } from '../providers/descriptor.js';
import { ProviderError } from '../providers/errors.js';
import { PROVIDER_NAMES, type ProviderId, type SignatureProvider } from '../providers/provider.js';
import { createMemoryRateLimiters, type RateLimiters } from '../providers/rate-limit.js';
import { createProvider, findProvider, type ConnectionConfig } from '../providers/registry.js';
import { createMemoryUsageMeter, type UsageMeter } from '../providers/usage.js';
import * as store from '../store/connections.js';
import { lockKey, lockRows } from '../store/locking.js';
import type { StoredCallbackSubscription } from '../store/connections.js';
import { recordActionIn, type ActionRequest } from './action-request.js';
import type { CallbackSubscriptionView, ConnectionView } from './connection-view.js';
import { timestamp, type AppContext } from './context.js';
import { connectionHealthChanged, withEvents, type ConnectionResource } from './events/outbox.js';

export type { CallbackSubscriptionView, ConnectionView } from './connection-view.js';

export interface ConnectionInput {
  provider: string;
  name: string;
  /** An environment name from the catalog, or an absolute https URL. */
  baseUrl: string;
  credentials: Record<string, string | undefined>;
  makeDefault?: boolean;
}

export async function createConnection(context: AppContext, input: ConnectionInput, apiRequest?: ActionRequest): Promise<ConnectionView> {
  const entry = descriptorFor(context, input.provider);
  const baseUrl = resolveEnvironment(context, entry, input.baseUrl);
  const credentials = await checkCredentials(entry, input.credentials, true);
  const id = newId('con');
  const at = timestamp(context);
  const keys = entry.keyPair ? await generateConnectionKeys(context, id) : null;
  await context.db.transaction().execute(async (transaction) => {
    // The first connections made at once: one of them becomes the default, not each in turn.
    await lockKey(transaction, 'default-connection');
    const makeDefault = input.makeDefault || (await store.findDefaultConnection(transaction)) === undefined;
    await store.insertConnection(transaction, {
      id,
      provider: entry.id,
      name: input.name,
      baseUrl,
      sealedCredentials: context.secrets.seal(JSON.stringify(credentials), id),
      keyId: keys?.keyId ?? null,
      publicJwk: keys?.publicJwk ?? null,
      sealedPrivateKey: keys?.sealedPrivateKey ?? null,
      sealedCallbackToken: context.secrets.seal(randomBytes(24).toString('base64url'), id),
      isDefault: false,
      health: { status: 'unknown', detail: keys ? 'Register the public key at the provider, then verify.' : null, checkedAt: null },
      syncCursor: null,
      createdAt: at,
      updatedAt: at,
    });
    if (makeDefault) await store.setDefaultConnection(transaction, id);
    await recordActionIn(context, transaction, apiRequest, { id, name: input.name });
  });
  return getConnection(context, id);
}

export async function getConnection(context: AppContext, id: string): Promise<ConnectionView> {
  return toView(context, await loadConnection(context, id));
}

export async function listConnections(context: AppContext): Promise<ConnectionView[]> {
  return Promise.all((await store.listConnections(context.db)).map((connection) => toView(context, connection)));
}

export interface ConnectionPatch {
  name?: string;
  baseUrl?: string;
  credentials?: Record<string, string | undefined>;
  makeDefault?: boolean;
}

export async function updateConnection(context: AppContext, id: string, patch: ConnectionPatch, apiRequest?: ActionRequest): Promise<ConnectionView> {
  const connection = await loadConnection(context, id);
  const entry = descriptorFor(context, connection.provider);
  const changes: store.ConnectionChanges = { updatedAt: timestamp(context) };
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.baseUrl !== undefined) {
    const baseUrl = resolveEnvironment(context, entry, patch.baseUrl);
    if (baseUrl !== connection.baseUrl) {
      requireSecretsAgain(entry, patch.credentials);
      changes.baseUrl = baseUrl;
    }
  }
  if (patch.credentials !== undefined) {
    const current = openCredentials(context, connection);
    // The change is checked on its own (unknown or empty names), then the whole set as it will be stored.
    await checkCredentials(entry, patch.credentials, false);
    const merged = { ...current, ...Object.fromEntries(Object.entries(patch.credentials).filter(([, value]) => value !== undefined)) };
    changes.sealedCredentials = context.secrets.seal(JSON.stringify(await checkCredentials(entry, merged, true)), id);
  }
  if (changes.baseUrl !== undefined || changes.sealedCredentials !== undefined) {
    changes.health = { status: 'unknown', detail: 'Settings changed; verify the connection.', checkedAt: null };
    // Another client or account may be behind the new settings: subscribe again at the next verify.
    changes.callbackSubscription = resubscribeLater(connection.callbackSubscription);
  }
  await context.db.transaction().execute(async (transaction) => {
    await store.updateConnectionRow(transaction, id, changes);
    if (patch.makeDefault) await store.setDefaultConnection(transaction, id);
    await recordActionIn(context, transaction, apiRequest, { name: changes.name ?? connection.name });
  });
  return getConnection(context, id);
}

/** A new key pair; the old one stops working at the provider once the new public key replaces it there. */
export async function rotateConnectionKey(context: AppContext, id: string, apiRequest?: ActionRequest): Promise<ConnectionView> {
  const connection = await loadConnection(context, id);
  if (!descriptorFor(context, connection.provider).keyPair) {
    throw new ValidationError([{ path: 'provider', message: `${PROVIDER_NAMES[connection.provider as ProviderId]} connections have no key pair` }]);
  }
  const keys = await generateConnectionKeys(context, id);
  await context.db.transaction().execute(async (transaction) => {
    await store.updateConnectionRow(transaction, id, {
      keyId: keys.keyId,
      publicJwk: keys.publicJwk,
      sealedPrivateKey: keys.sealedPrivateKey,
      health: { status: 'unknown', detail: 'New key pair: register the new public key at the provider, then verify.', checkedAt: null },
      // The subscription is renewed with the new key at the next healthy verify, replacing the old one.
      callbackSubscription: resubscribeLater(connection.callbackSubscription),
      updatedAt: timestamp(context),
    });
    await recordActionIn(context, transaction, apiRequest, { name: connection.name });
  });
  return getConnection(context, id);
}

export async function deleteConnection(context: AppContext, id: string, apiRequest?: ActionRequest): Promise<void> {
  const deleted = await context.db.transaction().execute(async (transaction) => {
    const connection = await store.findConnection(transaction, id);
    if (!connection) throw new NotFoundError('connection', id);
    const inFlight = await store.countInFlightEnvelopes(transaction, id);
    if (inFlight > 0) {
      throw new InvalidStateError(
        `The connection "${connection.name}" (${id}) has ${inFlight} envelope${inFlight === 1 ? '' : 's'} in flight at the provider; it can be deleted once they are finished or withdrawn.`,
        'in-use',
      );
    }
    await store.detachEnvelopes(transaction, id);
    await store.deleteConnectionRow(transaction, id);
    await recordActionIn(context, transaction, apiRequest, { name: connection.name });
    return connection;
  });
  await unsubscribeDeleted(context, deleted);
  const cached = adapters.get(context)?.get(id);
  adapters.get(context)?.delete(id);
  await cached?.provider.then((provider) => provider.dispose()).catch(() => undefined);
}

/**
 * Removes a deleted connection's event subscription at the provider, best effort: the connection is
 * gone either way, and a subscription left behind only delivers callbacks this server now answers
 * with 404. A failure is logged with the id, for the admin to remove it at the provider.
 */
async function unsubscribeDeleted(context: AppContext, connection: store.StoredConnection): Promise<void> {
  const subscriptionId = connection.callbackSubscription.id;
  if (subscriptionId === null) return;
  try {
    const provider = await providerFor(context, connection);
    await provider.unsubscribeEvents?.(subscriptionId);
    context.logger.info({ connectionId: connection.id, subscriptionId }, 'removed the deleted connection\'s event subscription at the provider');
  } catch (error) {
    context.logger.warn(
      { connectionId: connection.id, subscriptionId, error: error instanceof Error ? error.message : String(error) },
      `could not remove event subscription ${subscriptionId} of deleted connection ${connection.id} at the provider; remove it there`,
    );
  }
}

export interface VerifyOutcome {
  ok: boolean;
  detail: string;
  account: string | null;
  connection: ConnectionView;
}

/** Asks the provider: a token, then one page of envelopes. Records the outcome as the connection's health. */
export async function verifyConnection(context: AppContext, id: string): Promise<VerifyOutcome> {
  const connection = await loadConnection(context, id);
  let outcome: { ok: boolean; detail: string; account: string | null };
  try {
    const result = await (await providerFor(context, connection)).verify();
    outcome = { ok: true, detail: `Connected${result.account ? ` as ${result.account}` : ''}.`, account: result.account ?? null };
  } catch (error) {
    if (!ProviderError.is(error)) throw error;
    outcome = { ok: false, detail: error.message, account: null };
  }
  const health = { status: outcome.ok ? 'ok' : 'error', detail: outcome.detail, checkedAt: timestamp(context) };
  const callbackSubscription = outcome.ok ? await ensureSubscribed(context, connection) : undefined;
  await withEvents(context, async (transaction) => {
    // Read again, locked: the health another verify recorded meanwhile is the one this one changes.
    await lockRows(transaction, 'connections', [id]);
    const before = await store.findConnection(transaction, id);
    if (!before) throw new NotFoundError('connection', id);
    await store.updateConnectionRow(transaction, id, { health, ...(callbackSubscription ? { callbackSubscription } : {}), updatedAt: timestamp(context) });
    connectionHealthChanged(transaction, before.health.status, health.status, async (db) => connectionResource(await toView(context, (await store.findConnection(db, id))!)));
  });
  return { ...outcome, connection: await getConnection(context, id) };
}

// ---------------------------------------------------------------------------------------------
// Event subscriptions (docs/architecture.md "Event subscriptions")

const MANUAL_DETAIL =
  'The provider account may not subscribe to events (Autenti: the API client lacks the notification_management scope): paste the callback URL at the provider (Autenti: Integration settings → URL), or ask the provider for the scope and verify again.';

/** Marks a subscription to be renewed at the next healthy verify, keeping the old id to replace it then. */
function resubscribeLater(current: StoredCallbackSubscription): StoredCallbackSubscription {
  if (current.status === null) return current;
  return { id: current.id, status: 'pending', detail: 'Settings or key changed: Countersign subscribes again when the connection next verifies.' };
}

/**
 * After a healthy verify: subscribes the connection to the provider's events unless it already is,
 * then removes the subscription it replaces (best effort). A provider whose adapter does not subscribe
 * keeps nothing. A failure to subscribe does not make the connection unhealthy (sending and the
 * scheduled sync work without callbacks); it is shown on the connection and retried at the next verify.
 */
async function ensureSubscribed(context: AppContext, connection: store.StoredConnection): Promise<StoredCallbackSubscription> {
  const current = connection.callbackSubscription;
  const provider = await providerFor(context, connection);
  if (!provider.subscribeEvents || current.status === 'subscribed' || !context.selfUrl()) return current;
  let next: StoredCallbackSubscription;
  try {
    const subscribed = await provider.subscribeEvents(callbackUrl(context, connection));
    next =
      subscribed === null
        ? { id: null, status: 'manual', detail: MANUAL_DETAIL }
        : { id: subscribed.subscriptionId, status: 'subscribed', detail: `Subscribed to the provider's events (${subscribed.subscriptionId}): nothing to paste.` };
  } catch (error) {
    if (!ProviderError.is(error)) throw error;
    context.logger.warn({ connectionId: connection.id, error: error.message }, 'could not subscribe the connection to the provider\'s events');
    return { id: current.id, status: 'error', detail: `Could not subscribe to the provider's events: ${error.message} Countersign tries again at the next verify.` };
  }
  // The subscription this one replaces (after a key rotation or settings change), removed once the new one exists.
  if (current.id !== null && current.id !== next.id && next.status === 'subscribed') {
    await provider.unsubscribeEvents?.(current.id).catch((error: unknown) => {
      context.logger.warn(
        { connectionId: connection.id, subscriptionId: current.id, error: error instanceof Error ? error.message : String(error) },
        `could not remove the replaced event subscription ${current.id} at the provider; remove it there`,
      );
    });
  }
  return next;
}

async function subscriptionView(context: AppContext, connection: store.StoredConnection): Promise<CallbackSubscriptionView | null> {
  const stored = connection.callbackSubscription;
  let subscribes: boolean;
  try {
    subscribes = typeof (await providerFor(context, connection)).subscribeEvents === 'function';
  } catch {
    // No adapter can be built (e.g. a built-in sandbox while sandboxes are off): say what is stored.
    subscribes = stored.status !== null;
  }
  if (!subscribes) return null;
  if (stored.status === null) {
    return { status: 'pending', id: null, detail: 'Countersign subscribes to the provider\'s events when the connection verifies healthy.' };
  }
  return { status: stored.status, id: stored.id, detail: stored.detail ?? '' };
}

/** The connection an envelope sends through: its own, or the default. */
export async function resolveEnvelopeConnection(context: AppContext, connectionId: string | null): Promise<store.StoredConnection> {
  if (connectionId !== null) return loadConnection(context, connectionId);
  const fallback = await store.findDefaultConnection(context.db);
  if (!fallback) {
    throw new ValidationError([
      { path: 'connectionId', message: 'no connection is given and none is the default; add a provider connection first (Settings → Connections or POST /api/v1/connections)' },
    ]);
  }
  return fallback;
}

/** The adapter is a promise: its provider's modules load at the first connection that needs them (descriptor `create`). */
type CachedProvider = { version: string; provider: Promise<SignatureProvider> };
const adapters = new WeakMap<AppContext, Map<string, CachedProvider>>();
const defaultLimiters = new WeakMap<AppContext, RateLimiters>();
const defaultUsage = new WeakMap<AppContext, UsageMeter>();

/** The context's rate limiters, else an in-memory set kept for it. */
function rateLimiters(context: AppContext): RateLimiters {
  if (context.rateLimiters) return context.rateLimiters;
  let limiters = defaultLimiters.get(context);
  if (!limiters) defaultLimiters.set(context, (limiters = createMemoryRateLimiters()));
  return limiters;
}

/** The context's call counters, else an in-memory meter kept for it. */
function usageMeter(context: AppContext): UsageMeter {
  if (context.usage) return context.usage;
  let meter = defaultUsage.get(context);
  if (!meter) defaultUsage.set(context, (meter = createMemoryUsageMeter(context.now)));
  return meter;
}

/** Disposes every adapter built for this context (the server is stopping); in-flight calls are aborted. */
export async function disposeProviders(context: AppContext): Promise<void> {
  const cache = adapters.get(context);
  if (!cache) return;
  const all = [...cache.values()];
  cache.clear();
  await Promise.allSettled(all.map(async (cached) => (await cached.provider).dispose()));
}

/**
 * The adapter for a stored connection. One adapter per connection is kept while the connection is
 * unchanged, so its access token and rate limiter are shared by every job; any change to the
 * connection (settings, secret, key) builds a fresh one.
 */
export async function providerFor(context: AppContext, connection: store.StoredConnection): Promise<SignatureProvider> {
  let cache = adapters.get(context);
  if (!cache) adapters.set(context, (cache = new Map()));
  // What the adapter is built from; health and sync-cursor updates leave it alone.
  const version = [connection.baseUrl, connection.sealedCredentials, connection.keyId, connection.sealedPrivateKey, context.selfUrl()].join('|');
  const cached = cache.get(connection.id);
  if (cached?.version === version) return cached.provider;
  void cached?.provider.then((old) => old.dispose()).catch(() => undefined);
  const descriptor = descriptorFor(context, connection.provider);
  // The runtime every adapter gets (providers/runtime.ts): nothing is wired by hand in an adapter.
  const provider = createProvider(context.providers, toConnectionConfig(context, connection), {
    logger: context.logger.child({ component: 'provider', provider: connection.provider }),
    clock: { now: context.now },
    rateLimiter: rateLimiters(context).forConnection(connection.id, descriptor.capabilities.rateLimit),
    recordCall: (event) => usageMeter(context).record(connection.id, event),
  });
  // Cached before it settles, so that calls meanwhile share it; one that failed is not kept.
  cache.set(connection.id, { version, provider });
  provider.catch(() => {
    if (cache.get(connection.id)?.provider === provider) cache.delete(connection.id);
  });
  return provider;
}

export function callbackTokenMatches(context: AppContext, connection: store.StoredConnection, token: string): boolean {
  const expected = Buffer.from(context.secrets.open(connection.sealedCallbackToken, connection.id));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The URL the provider calls back; it carries the connection's secret token. */
export function callbackUrl(context: AppContext, connection: store.StoredConnection): string {
  const token = context.secrets.open(connection.sealedCallbackToken, connection.id);
  return `${context.selfUrl()}/api/v1/callbacks/${connection.id}/${token}`;
}

/**
 * A connection as shown to someone who may not administer it: the callback URL's last segment, the
 * secret that authenticates the provider's calls, replaced by dots. Only administrators see it whole,
 * to paste it at the provider (issue 7).
 */
export function withMaskedCallbackUrl<T extends { callbackUrl: string | null }>(connection: T): T {
  return { ...connection, callbackUrl: connection.callbackUrl?.replace(/[^/]+$/, '••••••') ?? null };
}

export async function loadConnection(context: AppContext, id: string): Promise<store.StoredConnection> {
  const connection = await store.findConnection(context.db, id);
  if (!connection) throw new NotFoundError('connection', id);
  return connection;
}

function toConnectionConfig(context: AppContext, connection: store.StoredConnection): ConnectionConfig {
  const { sealedPrivateKey, keyId, publicJwk } = connection;
  return {
    id: connection.id,
    provider: connection.provider as ProviderId,
    baseUrl: resolvedBaseUrl(context, connection),
    credentials: openCredentials(context, connection),
    outbound: outboundPolicy(context, connection),
    keyPair:
      sealedPrivateKey && keyId && publicJwk
        ? {
            keyId,
            algorithm: 'RS256',
            publicJwk,
            privateKey: async () => createPrivateKey(context.secrets.open(sealedPrivateKey, connection.id)),
          }
        : undefined,
  };
}

/**
 * Where a connection may connect: what the operator opened (COUNTERSIGN_ALLOW_PRIVATE_URLS), and for
 * the built-in sandbox exactly this server's own origin — no other connection reaches it.
 */
function outboundPolicy(context: AppContext, connection: Pick<store.StoredConnection, 'baseUrl'>): OutboundPolicy {
  if (connection.baseUrl !== BUILTIN_SANDBOX) return context.outbound;
  return { ...context.outbound, trustedOrigins: () => [context.selfUrl()] };
}

export function resolvedBaseUrl(context: AppContext, connection: Pick<store.StoredConnection, 'baseUrl' | 'provider'>): string {
  if (connection.baseUrl !== BUILTIN_SANDBOX) return connection.baseUrl;
  const sandbox = descriptorFor(context, connection.provider).sandbox;
  if (!sandbox) throw new ValidationError([{ path: 'baseUrl', message: `${PROVIDER_NAMES[connection.provider as ProviderId]} has no built-in sandbox in this build` }]);
  return `${context.selfUrl()}${sandbox.mountPath}/${sandbox.apiPath}`;
}

function openCredentials(context: AppContext, connection: store.StoredConnection): Record<string, string> {
  return JSON.parse(context.secrets.open(connection.sealedCredentials, connection.id)) as Record<string, string>;
}

/**
 * A connection as its events carry it: without the callback URL, whose token lets anyone who reads
 * it post callbacks (events are kept for days and sent to webhooks), and without the call counts,
 * which the server keeps in memory and are no part of the change.
 */
function connectionResource({ callbackUrl: _secret, usage: _inMemory, ...connection }: ConnectionView): ConnectionResource {
  return connection;
}

async function toView(context: AppContext, connection: store.StoredConnection): Promise<ConnectionView> {
  const entry = descriptorFor(context, connection.provider);
  const credentials = openCredentials(context, connection);
  const environment = Object.entries(entry.environments).find(([, url]) => url === connection.baseUrl)?.[0] ?? 'custom';
  return {
    id: connection.id,
    provider: connection.provider,
    name: connection.name,
    environment,
    baseUrl: resolvedBaseUrl(context, connection),
    settings: Object.fromEntries(credentialFields(entry.credentials).filter((field) => !field.secret).map((field) => [field.name, credentials[field.name] ?? ''])),
    publicJwk: connection.publicJwk,
    callbackUrl: context.selfUrl() ? callbackUrl(context, connection) : null,
    callbackSubscription: await subscriptionView(context, connection),
    isDefault: connection.isDefault,
    health: connection.health,
    usage: usageMeter(context).read(connection.id),
    createdAt: connection.createdAt,
    updatedAt: connection.updatedAt,
  };
}

function descriptorFor(context: Pick<AppContext, 'providers'>, provider: string): ProviderDescriptor {
  const entry = findProvider(context.providers, provider);
  if (!entry) {
    const available = context.providers.map((descriptor) => descriptor.id).join(', ');
    throw new ValidationError([{ path: 'provider', message: `${provider} cannot be connected by this version; available: ${available}` }]);
  }
  return entry;
}

/**
 * The stored secret (and a signed assertion) goes wherever the connection's URL points. A new URL
 * therefore needs the secret given again in the same request: whoever can change a connection cannot
 * redirect a secret they do not know to a server of theirs.
 */
function requireSecretsAgain(entry: ProviderDescriptor, credentials: ConnectionPatch['credentials']): void {
  const missing = credentialFields(entry.credentials).filter((field) => field.secret && !credentials?.[field.name]?.trim());
  if (missing.length === 0) return;
  throw new ValidationError(
    missing.map((field) => ({
      path: field.name,
      // The label, as the form shows it, for people; the name, for a script.
      message: `type the ${field.label.toLowerCase()} (${field.name}) again with a new URL (baseUrl): the stored one is never sent to a new destination`,
    })),
  );
}

function resolveEnvironment(context: Pick<AppContext, 'outbound'>, entry: ProviderDescriptor, baseUrl: string): string {
  const named = entry.environments[baseUrl];
  if (named) return named;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ValidationError([
      { path: 'baseUrl', message: `must be one of ${Object.keys(entry.environments).join(', ')} or an absolute URL such as ${entry.urlExample}` },
    ]);
  }
  try {
    checkOutboundUrl(url, context.outbound);
  } catch (error) {
    if (error instanceof OutboundRefusedError) throw new ValidationError([{ path: 'baseUrl', message: error.message }]);
    throw error;
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** Checks credentials against the provider's schema (its descriptor); a 422 names every bad field. */
async function checkCredentials(entry: ProviderDescriptor, given: Record<string, string | undefined>, complete: boolean): Promise<Record<string, string>> {
  const { credentials, errors } = await checkAgainstSchema(entry, given, { partial: !complete });
  if (errors.length > 0) throw new ValidationError(errors);
  return credentials;
}

async function generateConnectionKeys(context: AppContext, connectionId: string) {
  // jose is imported here, when a provider needs a key pair (Autenti), not at the server's start.
  const { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair } = await import('jose');
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(publicKey);
  const keyId = await calculateJwkThumbprint(jwk);
  // Exactly what Autenti's Integration settings expects (seed 000 §3.2): no private members.
  const publicJwk = { kty: jwk.kty, alg: 'RS256', use: 'sig', kid: keyId, n: jwk.n, e: jwk.e };
  return { keyId, publicJwk, sealedPrivateKey: context.secrets.seal(await exportPKCS8(privateKey), connectionId) };
}

