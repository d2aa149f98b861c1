import type { FastifyBaseLogger } from 'fastify';
import type { OutboundPolicy } from '../../net/outbound-guard.js';
import { createMailbox, type Mailbox } from '../mailbox.js';
import { createKeyedLock } from '../keyed-lock.js';
import { sandboxAuthorityOnFirstUse, type SandboxAuthority } from '../signing/index.js';
import { createCallbackDispatcher, type CallbackDispatcher } from './callbacks.js';
import { createFaultControl, type FaultControl } from './faults.js';
import { openStore, type SandboxStore } from './store.js';
import { createTokenService, type TokenService } from './tokens.js';

/** Everything the sandbox's routes share: one per mounted plugin. */
export interface SandboxContext {
  store: SandboxStore;
  tokens: TokenService;
  faults: FaultControl;
  callbacks: CallbackDispatcher;
  mailbox: Mailbox;
  logger: FastifyBaseLogger;
  now: () => Date;
  maxFileBytes: number;
  /** The plugin's mount prefix (`/sandbox/autenti` in the main server, empty standalone); links are built on it. */
  prefix: string;
  /** The sandbox's signing authority (CA + signer certificates), created on first use. */
  authority(): Promise<SandboxAuthority>;
  /** Runs `fn` alone for this process, so that two actions never interleave their read–modify–write. */
  withProcessLock<T>(processId: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** What {@link createSandboxContext} needs: the plugin options with a logger resolved. */
export interface ContextOptions {
  dataDir: string;
  logger: FastifyBaseLogger;
  now?: () => Date;
  tokenLifetimeSeconds?: number;
  maxFileBytes?: number;
  callbackRetryDelaysMs?: number[];
  outbound?: OutboundPolicy;
}

/** Seed 003 and seed 000 give no size limit; 25 MB is the sandbox's, answered with 413. */
export const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;

/** Opens the sandbox's database and builds the services its routes share. */
export function createSandboxContext(options: ContextOptions): SandboxContext {
  const now = options.now ?? (() => new Date());
  const store = openStore(options.dataDir);
  const tokens = createTokenService(store, { now, accessLifetimeSeconds: options.tokenLifetimeSeconds ?? 1770 });
  const faults = createFaultControl({ tokens });
  const callbacks = createCallbackDispatcher({
    store,
    logger: options.logger,
    faults: faults.callbackFaults,
    ...(options.callbackRetryDelaysMs ? { retryDelaysMs: options.callbackRetryDelaysMs } : {}),
    ...(options.outbound ? { outbound: options.outbound } : {}),
  });
  const mailbox = createMailbox(store.db, { sandbox: 'autenti', now });
  const authority = sandboxAuthorityOnFirstUse(store.caDir);
  const withLock = createKeyedLock();

  return {
    store,
    tokens,
    faults,
    callbacks,
    mailbox,
    logger: options.logger,
    now,
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    prefix: '',
    authority,
    withProcessLock: withLock,
    async close() {
      await callbacks.close();
      store.close();
    },
  };
}
