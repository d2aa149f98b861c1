import { AUTENTI_CAPABILITIES } from './capabilities.js';
import { ProviderError } from '../errors.js';
import type { ConnectionConfig } from '../connection.js';
import { createHttpClient, type HttpClientOptions } from '../http.js';
import type { CallbackRequest, CallbackTarget, CallOptions, SignatureProvider } from '../provider.js';
import { adapterRuntime, runtimeHttpOptions, type ProviderLogger, type ProviderRuntime } from '../runtime.js';
import { autentiCredentials, createTokenSource } from './auth.js';
import { selectAction, selectReminderParties } from './challenges.js';
import { createAutentiClient } from './client.js';
import { downloadSigned } from './download.js';
import { DEFAULT_PAGE_SIZE, listChanges } from './listing.js';
import { toSnapshot } from './mapping.js';
import { readDelivery } from './schemas.js';
import { sendProcess, type AutentiSendState } from './send.js';
import type { AutentiEvent } from './types.js';

export { AUTENTI_CAPABILITIES } from './capabilities.js';
export type { AutentiSendState } from './send.js';

/**
 * The Autenti API v2 adapter (seed 003_65ac229481647f64.txt; docs/providers.md, column "Autenti").
 * One concern per file: `auth.ts` (tokens), `client.ts` (raw calls), `challenges.ts` (the
 * challenge–action–assertion engine), `mapping.ts` (process ↔ snapshot), `send.ts`, `listing.ts`,
 * `download.ts`; `capabilities.ts` (what it can do, read by the descriptor without loading this module).
 */

export type { ProviderLogger } from '../runtime.js';

export type AutentiProviderContext = {
  /** What the app gives every adapter (runtime.ts); missing parts get defaults. */
  readonly runtime?: Partial<ProviderRuntime>;
  /** Shorthands for `runtime.logger` and `runtime.clock.now` (tests). */
  readonly logger?: ProviderLogger;
  readonly now?: () => Date;
  /** HTTP client settings: timeouts, retries, and test seams (`sleep`, `random`). */
  readonly http?: Partial<Omit<HttpClientOptions, 'provider' | 'baseUrl'>>;
  /** Processes per `changesSince` page. */
  readonly pageSize?: number;
};

export type AutentiProvider = SignatureProvider<AutentiSendState>;

/**
 * The adapter for one Autenti connection (`connection.baseUrl` like `https://api.accept.autenti.net/api/v2/`,
 * credentials `clientId`, `clientSecret`, `accountEmail`, and the registered `keyPair`).
 */
export function createAutentiProvider(connection: ConnectionConfig, context: AutentiProviderContext = {}): AutentiProvider {
  const runtime = adapterRuntime(context, AUTENTI_CAPABILITIES.rateLimit);
  const now = () => runtime.clock.now().getTime();
  const http = createHttpClient({ ...runtimeHttpOptions(connection, runtime), ...context.http });
  const tokens = createTokenSource({ connection, http, now });
  const client = createAutentiClient(http, tokens);
  /** The client whose requests also honour this call's signal. Tokens are shared, so they are fetched without it. */
  const clientFor = (options: CallOptions | undefined) => (options?.signal ? createAutentiClient(http.withSignal(options.signal), tokens) : client);
  const dispose = () => http.close();
  const unsupported = (feature: 'expiryChange' | 'skipPending' | 'auditProof', words: string) =>
    ProviderError.unsupported('autenti', feature, `Autenti does not support ${words} (capability "${feature}"). Do it in Autenti directly.`);

  return {
    contractVersion: 1,
    id: 'autenti',
    capabilities: AUTENTI_CAPABILITIES,

    async verify(options) {
      const { accountEmail } = autentiCredentials(connection);
      try {
        await tokens.token();
        // One page of one process proves the token opens the API (seed 003 "Querying existing documents").
        for await (const process of clientFor(options).listProcesses({ limit: 1 })) void process;
      } catch (error) {
        throw reachabilityError(error, connection.baseUrl);
      }
      return { account: accountEmail };
    },

    send: (request, checkpoint, options) => sendProcess(clientFor(options), request, checkpoint, runtime.clock.now),

    async fetch(reference, options) {
      return toSnapshot(await clientFor(options).getProcess(reference));
    },

    changesSince: (cursor, _query, options) => listChanges(clientFor(options), cursor, context.pageSize ?? DEFAULT_PAGE_SIZE),

    async withdraw(reference, options) {
      // Seed 003 "Withdrawing a document before process completion".
      await clientFor(options).performAction(reference, { ACTION_SELECTION: selectAction('DOCUMENT_WITHDRAWAL') });
    },

    async remind(reference, options) {
      // Seed 003 "Reminding about a document before process completion": the action, then the parties.
      await clientFor(options).performAction(reference, {
        ACTION_SELECTION: selectAction('DOCUMENT_REMINDER_SENT'),
        DOCUMENT_REMINDER_PARTY_SELECTION: selectReminderParties(options?.participants),
      });
    },

    async extendExpiry() {
      throw unsupported('expiryChange', 'changing the expiry of a sent envelope: seed 003 has no expiry');
    },

    async skipPending() {
      throw unsupported('skipPending', 'skipping participants who have not acted');
    },

    download(reference, kind, options) {
      if (kind === 'audit') {
        return (async function* () {
          throw unsupported('auditProof', 'downloading an audit proof: seed 003 names no audit file');
        })();
      }
      return downloadSigned(clientFor(options), reference);
    },

    async parseCallback(request) {
      return callbackTargets(request, runtime.logger);
    },

    async subscribeEvents(callbackUrl, options) {
      const subscription = await clientFor(options).subscribe(callbackUrl);
      return subscription === null ? null : { subscriptionId: subscription.id };
    },

    async unsubscribeEvents(subscriptionId, options) {
      await clientFor(options).unsubscribe(subscriptionId);
    },

    dispose,
  };
}

/**
 * Which processes an Autenti callback concerns. Two deliveries exist (docs/providers.md, "Autenti: live
 * service versus seed 003 — the adapter"): the client-level callback URL of Integration settings sends
 * the seed's single event object; a subscription (`subscribeEvents`) sends a JSON array of events,
 * which may name several processes. Each event whose `object` is a document process
 * (`EVENT_OBJECT-TYPE:DOCUMENT_PROCESS`, or no type and a `DOCUMENT_PROCESS:` id) names one; each is
 * named once. The events' content is never taken as status: the app fetches each process (DESIGN.md
 * "Sync"). A body that is neither shape is ignored (`null`) with a warning saying what came, as is an
 * event about something other than a process: refusing with an error would only make Autenti repeat it.
 */
export function callbackTargets(request: CallbackRequest, logger?: ProviderLogger): CallbackTarget | CallbackTarget[] | null {
  const warn = (object: Record<string, unknown>, message: string) => (logger?.warn ? logger.warn(object, message) : logger?.debug(object, message));
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    warn({ bytes: request.body.length }, 'Autenti callback ignored: the body is not JSON (expected one event object or a JSON array of events)');
    return null;
  }
  const events = readDelivery(body);
  if (events === null) {
    warn(
      { shape: Array.isArray(body) ? 'array' : typeof body },
      'Autenti callback ignored: the body is neither one event object nor a JSON array of events (each with an eventType)',
    );
    return null;
  }
  const references = [...new Set(events.map(processOf).filter((reference): reference is string => reference !== null))];
  if (references.length === 0) return null;
  return references.length === 1 ? { reference: references[0]! } : references.map((reference) => ({ reference }));
}

function processOf(event: AutentiEvent): string | null {
  const object = event.object;
  if (object === undefined || typeof object.id !== 'string') return null;
  const isProcess = object.type === 'EVENT_OBJECT-TYPE:DOCUMENT_PROCESS' || (object.type === undefined && object.id.startsWith('DOCUMENT_PROCESS:'));
  return isProcess ? object.id : null;
}

/**
 * `verify()` errors in terms of the connection's settings: no answer, or a 404, most often means a
 * wrong API URL or environment (production and test are separate Autenti instances).
 */
function reachabilityError(error: unknown, baseUrl: string): unknown {
  if (!ProviderError.is(error)) return error;
  const urls = 'production https://api.autenti.com/api/v2/, test https://api.accept.autenti.net/api/v2/';
  if (error.kind === 'unavailable' && error.httpStatus === null) {
    // The network error's code (ECONNREFUSED, ENOTFOUND, a timeout) from the shared client's message.
    const why = /\(([A-Z0-9_]+)\)/.exec(error.message)?.[1] ?? (/did not answer within [^ ]+ [a-z]+/.exec(error.message)?.[0] ?? 'no answer');
    return new ProviderError({
      kind: 'unavailable',
      provider: 'autenti',
      message: `Autenti could not be reached at ${baseUrl} (${why}): check the API URL in Settings → Connections (${urls}) and that this server can reach it.`,
      cause: error,
    });
  }
  if (error.kind === 'not-found') {
    return new ProviderError({
      kind: 'not-found',
      provider: 'autenti',
      httpStatus: error.httpStatus ?? undefined,
      providerMessage: error.providerMessage ?? undefined,
      message: `There is no Autenti API at ${baseUrl} (HTTP ${error.httpStatus ?? 404}): check the API URL in Settings → Connections; it ends with /api/v2/ (${urls}).`,
      cause: error,
    });
  }
  return error;
}
