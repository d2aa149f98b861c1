import type { FastifyBaseLogger } from 'fastify';
import type { OutboundPolicy } from '../../net/outbound-guard.js';
import { createKeyedLock } from '../keyed-lock.js';
import { createMailbox, type Mailbox } from '../mailbox.js';
import { sandboxAuthorityOnFirstUse, type SandboxAuthority } from '../signing/index.js';
import { createFaultControl, type FaultControl } from './faults.js';
import { openStore, type ConsignoStore } from './store.js';
import { createTokenService, type TokenService } from './tokens.js';
import { createWebhookDispatcher, type WebhookDispatcher } from './webhooks.js';

/** Everything the sandbox's routes share: one per mounted plugin. */
export interface ConsignoContext {
  store: ConsignoStore;
  faults: FaultControl;
  tokens: TokenService;
  webhooks: WebhookDispatcher;
  mailbox: Mailbox;
  logger: FastifyBaseLogger;
  /** The sandbox clock: the given (or real) clock plus whatever `POST /_sandbox/clock` advanced. */
  now(): Date;
  advanceClock(ms: number): Date;
  maxFileBytes: number;
  /** The plugin's mount prefix (`/sandbox/consigno` in the main server, empty standalone). */
  prefix: string;
  authority(): Promise<SandboxAuthority>;
  /** Runs `fn` alone for this workflow, so that two changes never interleave their read–modify–write. */
  withWorkflowLock<T>(workflowId: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface ContextOptions {
  dataDir: string;
  logger: FastifyBaseLogger;
  now?: () => Date;
  maxFileBytes?: number;
  callbackRetryDelaysMs?: number[];
  outbound?: OutboundPolicy;
}

/** Seed 002 gives no size limit; 100 MB is the sandbox's, answered with 413 `4013`. */
export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;

export function createConsignoContext(options: ContextOptions): ConsignoContext {
  const base = options.now ?? (() => new Date());
  let offsetMs = 0;
  const now = () => new Date(base().getTime() + offsetMs);
  const store = openStore(options.dataDir);
  const faults = createFaultControl({ now });
  const webhooks = createWebhookDispatcher({
    logger: options.logger,
    faults: faults.callbackFaults,
    ...(options.callbackRetryDelaysMs ? { retryDelaysMs: options.callbackRetryDelaysMs } : {}),
    ...(options.outbound ? { outbound: options.outbound } : {}),
  });
  return {
    store,
    faults,
    tokens: createTokenService(store, { now, rotatedTokenFails: faults.rotatedTokenFails }),
    webhooks,
    mailbox: createMailbox(store.db, { sandbox: 'consigno', now }),
    logger: options.logger,
    now,
    advanceClock(ms: number) {
      offsetMs += ms;
      return now();
    },
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    prefix: '',
    authority: sandboxAuthorityOnFirstUse(store.caDir),
    withWorkflowLock: createKeyedLock(),
    async close() {
      await webhooks.close();
      store.close();
    },
  };
}
