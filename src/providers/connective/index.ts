import { CONNECTIVE_CAPABILITIES } from './capabilities.js';
import type { ConnectionConfig } from '../connection.js';
import { ProviderError } from '../errors.js';
import { createHttpClient, type HttpClientOptions } from '../http.js';
import type { CallbackRequest, CallbackTarget, CallOptions, SignatureProvider } from '../provider.js';
import { adapterRuntime, runtimeHttpOptions, type ProviderLogger, type ProviderRuntime } from '../runtime.js';
import { createConnectiveClient } from './client.js';
import { downloadFiles } from './download.js';
import { DEFAULT_PAGE_SIZE, listChanges } from './listing.js';
import { actorsOf, actorReference, toSnapshot } from './mapping.js';
import { sendPackage, type ConnectiveSendState } from './send.js';

export { CONNECTIVE_CAPABILITIES } from './capabilities.js';
export type { ConnectiveSendState } from './send.js';

/**
 * The Connective eSignatures API v3 adapter (seed 001_92e506d962edbcf9.txt; docs/providers.md,
 * column "Connective"; the wire contract of issue 10). One concern per file: `client.ts` (raw calls),
 * `schemas.ts` (answers checked), `base64.ts` (documents streamed as base64), `mapping.ts` (envelope ↔
 * package), `send.ts`, `listing.ts`, `download.ts`; `capabilities.ts` (what it can do, read by the
 * descriptor without loading this module).
 */

export type ConnectiveProviderContext = {
  /** What the app gives every adapter (runtime.ts); missing parts get defaults. */
  readonly runtime?: Partial<ProviderRuntime>;
  readonly logger?: ProviderLogger;
  readonly now?: () => Date;
  /** HTTP client settings: timeouts, retries, and test seams (`sleep`, `random`). */
  readonly http?: Partial<Omit<HttpClientOptions, 'provider' | 'baseUrl'>>;
  /** Packages per Package List page (1–100): `changesSince`, and a resumed send's search for its package. */
  readonly pageSize?: number;
};

export type ConnectiveProvider = SignatureProvider<ConnectiveSendState>;

/**
 * The API root of a connection: its URL as given when it already names the API
 * (`…/webportalapi/v3/`), else that path under it. Seed 001 has the admin enter the environment's
 * URL ("eg. esignatures.connective.eu"), not the API's.
 */
export function connectiveApiRoot(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (!/\/webportalapi\//i.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/+$/, '')}/webportalapi/v3/`;
  else if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  url.search = '';
  url.hash = '';
  return url.href;
}

export function connectiveCredentials(connection: ConnectionConfig): { username: string; password: string; initiator?: string } {
  const { username, password, initiator } = connection.credentials;
  if (!username || !password) {
    throw new ProviderError({
      kind: 'authentication',
      provider: 'connective',
      message: 'This Connective eSignatures connection has no API username or password: enter them in Settings → Connections.',
    });
  }
  return { username, password, ...(initiator ? { initiator } : {}) };
}

/** The adapter for one Connective connection (credentials `username`, `password`, optional `initiator`). */
export function createConnectiveProvider(connection: ConnectionConfig, context: ConnectiveProviderContext = {}): ConnectiveProvider {
  const runtime = adapterRuntime(context, CONNECTIVE_CAPABILITIES.rateLimit);
  const now = () => runtime.clock.now().getTime();
  const apiRoot = connectiveApiRoot(connection.baseUrl);
  const http = createHttpClient({ ...runtimeHttpOptions(connection, runtime), baseUrl: apiRoot, ...context.http });
  const clientFor = (options: CallOptions | undefined) => {
    const credentials = connectiveCredentials(connection);
    return createConnectiveClient(options?.signal ? http.withSignal(options.signal) : http, credentials, now);
  };
  const pageSize = Math.min(100, Math.max(1, context.pageSize ?? DEFAULT_PAGE_SIZE));

  return {
    contractVersion: 1,
    id: 'connective',
    capabilities: CONNECTIVE_CAPABILITIES,

    async verify(options) {
      const { username } = connectiveCredentials(connection);
      try {
        // One package of the list proves the API user may use the API (seed 001 "Creating a connection").
        await clientFor(options).listPackages({ maxQuantity: 1 });
      } catch (error) {
        throw reachabilityError(error, apiRoot);
      }
      return { account: username };
    },

    send: (request, checkpoint, options) => sendPackage(clientFor(options), request, checkpoint, { initiator: connectiveCredentials(connection).initiator, now: runtime.clock.now, pageSize }),

    async fetch(reference, options) {
      return toSnapshot(reference, await clientFor(options).getStatus(reference));
    },

    changesSince: (cursor, query, options) => listChanges(clientFor(options), cursor, query, pageSize),

    async withdraw(reference, options) {
      await clientFor(options).setStatus(reference, 'Revoked');
    },

    async remind(reference, options) {
      // `all-pending`: Connective reminds every actor whose turn it is; it takes no list of people.
      await clientFor(options).remind(reference);
    },

    async extendExpiry(reference, expiresAt, options) {
      await clientFor(options).setExpiry(reference, new Date(Date.parse(expiresAt)).toISOString());
    },

    async skipPending(reference, options) {
      await clientFor(options).skipSigners(reference);
    },

    async delete(reference, options) {
      await clientFor(options).deletePackage(reference);
    },

    download: (reference, kind, options) => downloadFiles(clientFor(options), reference, kind),

    async parseCallback(request) {
      return callbackTarget(request, runtime.logger);
    },

    async signingUrl(reference, participantReference, options) {
      const pkg = await clientFor(options).getStatus(reference);
      const found = actorsOf(pkg).find(
        ({ stakeholder, actor }) => actorReference(stakeholder, actor) === participantReference || actor.ActorId === participantReference,
      );
      if (found === undefined) {
        throw new ProviderError({ kind: 'not-found', provider: 'connective', message: `Package ${reference} has no actor ${participantReference} at Connective eSignatures.` });
      }
      const url = found.actor.ActionUrl?.trim();
      if (pkg.PackageStatus !== 'Pending' || found.actor.ActorStatus !== 'Available' || !url) {
        throw new ProviderError({
          kind: 'conflict',
          provider: 'connective',
          message: `Connective eSignatures has no signing link for this participant now (package ${pkg.PackageStatus}, participant ${found.actor.ActorStatus ?? 'unknown'}): a link exists only while it is their turn to act.`,
        });
      }
      // The return URL was given at send (`RedirectURL`); Connective takes none per link.
      return { url };
    },

    dispose: () => http.close(),
  };
}

/**
 * Which package a Connective callback concerns (U14): `packageId` from the query (as Connective's
 * `CallBackUrl` is called) or `PackageId` from a JSON body → `{ reference }`; else a JSON
 * `ExternalPackageReference` → `{ envelopeId }` (ours, sent at Create Package). Anything else is
 * ignored (`null`) with a warning: the app fetches the package, so the body is never a status.
 */
export function callbackTarget(request: CallbackRequest, logger?: ProviderLogger): CallbackTarget | null {
  const warn = (object: Record<string, unknown>, message: string) => (logger?.warn ? logger.warn(object, message) : logger?.debug(object, message));
  const query = new URL(request.url, 'http://callback.invalid').searchParams;
  for (const [name, value] of query) {
    if (name.toLowerCase() === 'packageid' && value.trim() !== '') return { reference: value.trim() };
  }
  let body: unknown;
  try {
    body = request.body.trim() === '' ? undefined : JSON.parse(request.body);
  } catch {
    body = undefined;
  }
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const fields = body as Record<string, unknown>;
    const packageId = fields['PackageId'] ?? fields['packageId'];
    if (typeof packageId === 'string' && packageId.trim() !== '') return { reference: packageId.trim() };
    const external = fields['ExternalPackageReference'];
    if (typeof external === 'string' && external.trim() !== '') return { envelopeId: external.trim() };
  }
  warn({ bytes: request.body.length }, 'Connective callback ignored: neither a packageId in the query nor a PackageId or ExternalPackageReference in a JSON body');
  return null;
}

/** `verify()` errors in terms of the connection's settings: no answer or a 404 most often mean a wrong URL. */
function reachabilityError(error: unknown, apiRoot: string): unknown {
  if (!ProviderError.is(error)) return error;
  if (error.kind === 'unavailable' && error.httpStatus === null) {
    const why = /\(([A-Z0-9_]+)\)/.exec(error.message)?.[1] ?? (/did not answer within [^ ]+ [a-z]+/.exec(error.message)?.[0] ?? 'no answer');
    return new ProviderError({
      kind: 'unavailable',
      provider: 'connective',
      message: `Connective eSignatures could not be reached at ${apiRoot} (${why}): check the environment URL in Settings → Connections (your Connective environment, e.g. https://esignatures.connective.eu) and that this server can reach it.`,
      cause: error,
    });
  }
  if (error.kind === 'not-found') {
    return new ProviderError({
      kind: 'not-found',
      provider: 'connective',
      httpStatus: error.httpStatus ?? undefined,
      providerMessage: error.providerMessage ?? undefined,
      message: `There is no Connective eSignatures API at ${apiRoot} (HTTP ${error.httpStatus ?? 404}): check the environment URL in Settings → Connections; it is your Connective environment's address, e.g. https://esignatures.connective.eu.`,
      cause: error,
    });
  }
  return error;
}
