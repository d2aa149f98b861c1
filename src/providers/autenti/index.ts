import { defineCapabilities } from '../capabilities.js';
import { ProviderError } from '../errors.js';
import { createHttpClient, type HttpClientOptions } from '../http.js';
import type { CallbackRequest, CallbackTarget, SignatureProvider } from '../provider.js';
import type { ConnectionConfig } from '../registry.js';
import { autentiCredentials, createTokenSource } from './auth.js';
import { selectAction, selectReminderParties } from './challenges.js';
import { createAutentiClient } from './client.js';
import { downloadSigned } from './download.js';
import { DEFAULT_PAGE_SIZE, listChanges } from './listing.js';
import { toSnapshot } from './mapping.js';
import { sendProcess, type AutentiSendState } from './send.js';
import type { AutentiEvent } from './types.js';

export type { AutentiSendState } from './send.js';

/**
 * The Autenti API v2 adapter (seed 003_65ac229481647f64.txt; docs/providers.md, column "Autenti").
 * One concern per file: `auth.ts` (tokens), `client.ts` (raw calls), `challenges.ts` (the
 * challenge–action–assertion engine), `mapping.ts` (process ↔ snapshot), `send.ts`, `listing.ts`,
 * `download.ts`.
 */

/**
 * What Autenti can do through this adapter.
 * - `fileKinds`: the seven of the connector guide (seed 000 §4.3 note).
 * - `roles`: signer, approver, viewer, and receiver sent as VIEWER (mapping.ts `AUTENTI_ROLE`).
 * - `signatureLevels`: BASIC and QUALIFIED appear in seed 003 "Constraints"; ADVANCED is sent as
 *   `SIGNATURE_PROVIDER-SIGNATURE_TYPE:ADVANCED`, the same pattern.
 * - `expiry: false`: seed 003 has no expiry field on a process.
 * - `auditProof: 'none'`: seed 003 names no audit file.
 * - `callbacks: true`: seed 003 promises "an asynchronous callback channel" with the generic event
 *   shape; Autenti configures the callback URL per client application (notification management is
 *   reserved to the bootstrap client), so `SendRequest.callbackUrl` is not sent per process.
 * - `reminders: 'selected'`: DOCUMENT_REMINDER_PARTY_SELECTION takes chosen parties (mode multi).
 * - `deletion: false`: seed 003 offers withdrawing a process, never deleting it; `delete` is absent.
 */
export const AUTENTI_CAPABILITIES = defineCapabilities({
  fileKinds: ['pdf', 'doc', 'docx', 'odt', 'ods', 'xls', 'xlsx'],
  roles: ['signer', 'approver', 'viewer', 'receiver'],
  signatureLevels: ['basic', 'advanced', 'qualified'],
  smsAuthentication: true,
  parallelSteps: true,
  expiry: false,
  reminders: 'selected',
  withdraw: true,
  expiryChange: false,
  skipPending: false,
  deletion: false,
  auditProof: 'none',
  callbacks: true,
  deltaListing: true,
});

/** A logger such as pino's: each HTTP attempt is logged at debug level (method, path, status, duration). */
export type ProviderLogger = { debug(object: Record<string, unknown>, message?: string): void };

export type AutentiProviderContext = {
  readonly logger?: ProviderLogger;
  /** The clock for token lifetimes and `Retry-After` dates. */
  readonly now?: () => Date;
  /** HTTP client settings: timeouts, retries, and test seams (`sleep`, `random`). */
  readonly http?: Partial<Omit<HttpClientOptions, 'provider' | 'baseUrl'>>;
  /** Processes per `changesSince` page. */
  readonly pageSize?: number;
};

export type AutentiProvider = SignatureProvider<AutentiSendState> & {
  /** Closes the connection pool. */
  close(): Promise<void>;
};

/**
 * The adapter for one Autenti connection (`connection.baseUrl` like `https://api.accept.autenti.net/api/v2/`,
 * credentials `clientId`, `clientSecret`, `accountEmail`, and the registered `keyPair`).
 */
export function createAutentiProvider(connection: ConnectionConfig, context: AutentiProviderContext = {}): AutentiProvider {
  const now = context.now === undefined ? Date.now : () => context.now!().getTime();
  const http = createHttpClient({
    provider: 'autenti',
    baseUrl: connection.baseUrl,
    ...(connection.outbound ? { outbound: connection.outbound } : {}),
    now,
    onAttempt: context.logger === undefined ? undefined : (event) => context.logger!.debug({ ...event, connectionId: connection.id }, 'provider request'),
    ...context.http,
  });
  const tokens = createTokenSource({ connection, http, now });
  const client = createAutentiClient(http, tokens);
  const unsupported = (feature: 'expiryChange' | 'skipPending' | 'auditProof', words: string) =>
    ProviderError.unsupported('autenti', feature, `Autenti does not support ${words} (capability "${feature}"). Do it in Autenti directly.`);

  return {
    contractVersion: 1,
    id: 'autenti',
    capabilities: AUTENTI_CAPABILITIES,

    async verify() {
      const { accountEmail } = autentiCredentials(connection);
      try {
        await tokens.token();
        // One page of one process proves the token opens the API (seed 003 "Querying existing documents").
        for await (const process of client.listProcesses({ limit: 1 })) void process;
      } catch (error) {
        throw reachabilityError(error, connection.baseUrl);
      }
      return { account: accountEmail };
    },

    send: (request, checkpoint) => sendProcess(client, request, checkpoint),

    async fetch(reference) {
      return toSnapshot(await client.getProcess(reference));
    },

    changesSince: (cursor) => listChanges(client, cursor, context.pageSize ?? DEFAULT_PAGE_SIZE),

    async withdraw(reference) {
      // Seed 003 "Withdrawing a document before process completion".
      await client.performAction(reference, { ACTION_SELECTION: selectAction('DOCUMENT_WITHDRAWAL') });
    },

    async remind(reference, options) {
      // Seed 003 "Reminding about a document before process completion": the action, then the parties.
      await client.performAction(reference, {
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

    download(reference, kind) {
      if (kind === 'audit') {
        return (async function* () {
          throw unsupported('auditProof', 'downloading an audit proof: seed 003 names no audit file');
        })();
      }
      return downloadSigned(client, reference);
    },

    async parseCallback(request) {
      return callbackTarget(request);
    },

    close: () => http.close(),
  };
}

/**
 * Which process an Autenti callback concerns: the seed's event shape (`object.type`
 * `EVENT_OBJECT-TYPE:DOCUMENT_PROCESS`, `object.id`), else `null`. The event's content is never
 * taken as status: the app fetches the process (DESIGN.md "Sync").
 */
export function callbackTarget(request: CallbackRequest): CallbackTarget | null {
  let event: AutentiEvent;
  try {
    event = JSON.parse(request.body) as AutentiEvent;
  } catch {
    return null;
  }
  const object = event?.object;
  if (object === undefined || object === null || typeof object.id !== 'string') return null;
  const isProcess = object.type === 'EVENT_OBJECT-TYPE:DOCUMENT_PROCESS' || (object.type === undefined && object.id.startsWith('DOCUMENT_PROCESS:'));
  return isProcess ? { reference: object.id } : null;
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
