import { CONSIGNO_CAPABILITIES } from './capabilities.js';
import type { ConnectionConfig } from '../connection.js';
import { ProviderError } from '../errors.js';
import { createHttpClient, type HttpClientOptions } from '../http.js';
import type { CallbackRequest, CallbackTarget, CallOptions, SignatureProvider } from '../provider.js';
import { adapterRuntime, runtimeHttpOptions, type ProviderLogger, type ProviderRuntime } from '../runtime.js';
import { createConsignoClient } from './client.js';
import { downloadFiles } from './download.js';
import { envelopeStatus, toSnapshot, workflowOutcome } from './mapping.js';
import { sendWorkflow, type ConsignoSendState, type CreatedWorkflows } from './send.js';
import { createConsignoSession, type ConsignoCredentials } from './session.js';

export { CONSIGNO_CAPABILITIES } from './capabilities.js';
export type { ConsignoSendState } from './send.js';

/**
 * The ConsignO Cloud adapter (seed 002_960818126d3d8d2d.txt, references README "ConsignO Cloud", the
 * wire contract of issue 11; docs/providers.md, column "ConsignO"). One concern per file: `session.ts`
 * (sign-in, token renewal and rotation), `client.ts` (raw calls), `schemas.ts` (answers checked),
 * `errors.ts` (refusals), `multipart.ts` (uploads streamed), `mapping.ts` (envelope ↔ workflow),
 * `send.ts` (resumable send), `download.ts`; `capabilities.ts` (what it can do, read by the descriptor
 * without loading this module).
 */

export type ConsignoProviderContext = {
  readonly runtime?: Partial<ProviderRuntime>;
  readonly logger?: ProviderLogger;
  readonly now?: () => Date;
  readonly http?: Partial<Omit<HttpClientOptions, 'provider' | 'baseUrl'>>;
};

export type ConsignoProvider = SignatureProvider<ConsignoSendState>;

/** The API root of a connection: its URL as given when it names the API (`…/api/v1`), else `/api/v1` under it. */
export function consignoApiRoot(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (!/\/api\/v\d+\/?$/i.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/+$/, '')}/api/v1/`;
  else if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  url.search = '';
  url.hash = '';
  return url.href;
}

export function consignoCredentials(connection: ConnectionConfig): ConsignoCredentials {
  const { username, password, clientId, clientSecret } = connection.credentials;
  if (!username || !password) {
    throw new ProviderError({
      kind: 'authentication',
      provider: 'consigno',
      message: 'This ConsignO Cloud connection has no username or password: enter them in Settings → Connections.',
    });
  }
  if (Boolean(clientId) !== Boolean(clientSecret)) {
    throw new ProviderError({
      kind: 'authentication',
      provider: 'consigno',
      message: `This ConsignO Cloud connection has a "login as" client ${clientId ? 'id without its secret' : 'secret without its id'}: give both (the platform API user's key and secret) or neither, in Settings → Connections.`,
    });
  }
  return { username, password, ...(clientId && clientSecret ? { clientId, clientSecret } : {}) };
}

/** The adapter for one ConsignO Cloud connection (credentials `username`, `password`, optional `clientId` + `clientSecret`). */
export function createConsignoProvider(connection: ConnectionConfig, context: ConsignoProviderContext = {}): ConsignoProvider {
  const runtime = adapterRuntime(context, CONSIGNO_CAPABILITIES.rateLimit);
  const now = () => runtime.clock.now().getTime();
  const apiRoot = consignoApiRoot(connection.baseUrl);
  const http = createHttpClient({ ...runtimeHttpOptions(connection, runtime), baseUrl: apiRoot, ...context.http });
  // One session per adapter: every call of the connection shares its token and its one login in flight.
  let session: ReturnType<typeof createConsignoSession> | undefined;
  const clientFor = (options: CallOptions | undefined) => {
    session ??= createConsignoSession(http, consignoCredentials(connection), now);
    return createConsignoClient(options?.signal ? http.withSignal(options.signal) : http, session, now);
  };
  const created: CreatedWorkflows = new Map();

  return {
    contractVersion: 1,
    id: 'consigno',
    capabilities: CONSIGNO_CAPABILITIES,

    async verify(options) {
      const credentials = consignoCredentials(connection);
      let who;
      try {
        who = await clientFor(options).checkSignIn();
      } catch (error) {
        throw reachabilityError(error, apiRoot);
      }
      return { account: who.email ?? who.username ?? credentials.username };
    },

    send: (request, checkpoint, options) => sendWorkflow(clientFor(options), request, checkpoint, created, runtime.clock.now),

    async fetch(reference, options) {
      // A deleted workflow stays readable at ConsignO with status 6, reported as withdrawn.
      return toSnapshot(reference, await clientFor(options).getWorkflow(reference));
    },

    async withdraw(reference, options) {
      // ConsignO has no withdrawal: deleting is its only cancellation (seed 002 "/workflows"); the envelope is kept here as withdrawn.
      // Deleting also takes a completed workflow's signed files, so a workflow that ended meanwhile (its
      // callback not yet here) is refused, not deleted: found by the chaos soak, where a withdrawal
      // raced a decline. The delete can still cross the last signature after this read; the deleted
      // workflow read back tells (workflowOutcome), and that ending is reported, not a withdrawal.
      const client = clientFor(options);
      const before = envelopeStatus((await client.getWorkflow(reference)).status);
      if (before !== 'sent') {
        throw new ProviderError({ kind: 'conflict', provider: 'consigno', message: `Workflow ${reference} is ${before ?? 'in an unknown state'} at ConsignO Cloud, no longer in progress: it was not deleted.` });
      }
      await client.deleteWorkflow(reference);
      const after = workflowOutcome(await client.getWorkflow(reference));
      if (after !== 'withdrawn') {
        throw new ProviderError({
          kind: 'conflict',
          provider: 'consigno',
          message: `Workflow ${reference} was ${after ?? 'in an unknown state'} at ConsignO Cloud just before the withdrawal reached it, and deleting it there removed its documents too: they can no longer be downloaded.`,
        });
      }
    },

    async remind() {
      throw ProviderError.unsupported('consigno', 'reminders', 'ConsignO Cloud has no reminder call (seed 002): it reminds signers on its own schedule.');
    },

    async extendExpiry() {
      throw ProviderError.unsupported('consigno', 'expiryChange', 'ConsignO Cloud has no call to move the expiry of a launched workflow (seed 002).');
    },

    async skipPending() {
      throw ProviderError.unsupported('consigno', 'skipPending', 'ConsignO Cloud cannot skip signers who have not acted (seed 002).');
    },

    async delete(reference, options) {
      try {
        await clientFor(options).deleteWorkflow(reference);
      } catch (error) {
        // Already deleted (409) or gone (404): deleted all the same.
        if (!ProviderError.is(error, 'conflict') && !ProviderError.is(error, 'not-found')) throw error;
      }
    },

    download: (reference, kind, options) => downloadFiles(clientFor(options), reference, kind),

    async parseCallback(request) {
      return callbackTarget(request, runtime.logger);
    },

    async signingUrl(reference, participantReference, options) {
      const workflow = await clientFor(options).getWorkflow(reference);
      const action = workflow.actions.find(
        (candidate) => candidate.id === participantReference || String(candidate.signer.ref ?? '') === participantReference || String(candidate.ref ?? '') === participantReference,
      );
      if (action === undefined) {
        throw new ProviderError({ kind: 'not-found', provider: 'consigno', message: `Workflow ${reference} has no action for participant ${participantReference} at ConsignO Cloud.` });
      }
      const url = action.signingUrl?.trim();
      if (!url || workflow.status !== 1 || (action.status !== 'STARTED' && action.status !== 'IN_PROGRESS')) {
        throw new ProviderError({
          kind: 'conflict',
          provider: 'consigno',
          message: url
            ? `ConsignO Cloud has no signing link for this participant now (workflow status ${workflow.status}, action ${action.status ?? 'unknown'}): a link works only while it is their turn to sign.`
            : `ConsignO Cloud gives no signing link for this participant (action mode ${action.mode ?? 'unknown'}): only participants sent for embedded signing have one; the others sign from their invitation email.`,
        });
      }
      // The return URL went with the action at send (`returnUrl`); ConsignO takes none per link.
      return { url };
    },

    dispose: () => http.close(),
  };
}

/**
 * Which workflow a ConsignO webhook concerns: the JSON body's `workflowId` → `{ reference }`
 * (docs/sandbox-consigno.md "Webhooks"). Anything else is ignored (`null`) with a warning: the app
 * fetches the workflow, so the body is never a status.
 */
export function callbackTarget(request: CallbackRequest, logger?: ProviderLogger): CallbackTarget | null {
  let body: unknown;
  try {
    body = request.body.trim() === '' ? undefined : JSON.parse(request.body);
  } catch {
    body = undefined;
  }
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const id = (body as Record<string, unknown>)['workflowId'];
    if ((typeof id === 'string' && id.trim() !== '') || typeof id === 'number') return { reference: String(id).trim() };
  }
  const warn = logger?.warn ?? logger?.debug;
  warn?.call(logger, { bytes: request.body.length }, 'ConsignO Cloud callback ignored: no workflowId in a JSON body');
  return null;
}

/** `verify()` errors in terms of the connection's settings: no answer or a 404 most often mean a wrong URL. */
function reachabilityError(error: unknown, apiRoot: string): unknown {
  if (!ProviderError.is(error)) return error;
  if (error.kind === 'unavailable' && error.httpStatus === null) {
    return new ProviderError({
      kind: 'unavailable',
      provider: 'consigno',
      message: `ConsignO Cloud could not be reached at ${apiRoot}: check the URL in Settings → Connections (your tenant's API root, e.g. https://consigno.example.com/api/v1) and that this server can reach it.`,
      cause: error,
    });
  }
  if (error.kind === 'not-found') {
    return new ProviderError({
      kind: 'not-found',
      provider: 'consigno',
      httpStatus: error.httpStatus ?? undefined,
      message: `There is no ConsignO Cloud API at ${apiRoot} (HTTP ${error.httpStatus ?? 404}): check the URL in Settings → Connections; it is your tenant's API root, ending in /api/v1.`,
      cause: error,
    });
  }
  return error;
}
