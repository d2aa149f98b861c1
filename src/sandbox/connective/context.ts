import type { FastifyBaseLogger } from 'fastify';
import type { OutboundPolicy } from '../../net/outbound-guard.js';
import { createMailbox, type Mailbox } from '../mailbox.js';
import { createKeyedLock } from '../keyed-lock.js';
import { sandboxAuthorityOnFirstUse, type SandboxAuthority } from '../signing/index.js';
import { createThrottle } from './api-users.js';
import { createCallbackDispatcher, type CallbackDispatcher } from './callbacks.js';
import { createFaultControl, type FaultControl } from './faults.js';
import { openStore, type ConnectiveStore } from './store.js';

/** Everything the sandbox's routes share: one per mounted plugin. */
export interface ConnectiveContext {
  store: ConnectiveStore;
  faults: FaultControl;
  throttle: ReturnType<typeof createThrottle>;
  callbacks: CallbackDispatcher;
  mailbox: Mailbox;
  logger: FastifyBaseLogger;
  /** The sandbox clock: the given (or real) clock plus whatever `POST /_sandbox/clock` advanced. */
  now(): Date;
  advanceClock(ms: number): Date;
  maxFileBytes: number;
  /** The plugin's mount prefix (`/sandbox/connective` in the main server, empty standalone). */
  prefix: string;
  authority(): Promise<SandboxAuthority>;
  /** Runs `fn` alone for this package, so that two changes never interleave their read–modify–write. */
  withPackageLock<T>(packageId: string, fn: () => Promise<T>): Promise<T>;
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

/** Seed 001 gives no document size limit; 300 MB is the sandbox's, answered with 413. */
export const DEFAULT_MAX_FILE_BYTES = 300 * 1024 * 1024;

export function createConnectiveContext(options: ContextOptions): ConnectiveContext {
  const base = options.now ?? (() => new Date());
  let offsetMs = 0;
  const now = () => new Date(base().getTime() + offsetMs);
  const store = openStore(options.dataDir);
  const faults = createFaultControl({ now });
  const callbacks = createCallbackDispatcher({
    logger: options.logger,
    faults: faults.callbackFaults,
    ...(options.callbackRetryDelaysMs ? { retryDelaysMs: options.callbackRetryDelaysMs } : {}),
    ...(options.outbound ? { outbound: options.outbound } : {}),
  });
  const authority = sandboxAuthorityOnFirstUse(store.caDir);
  const withLock = createKeyedLock();

  return {
    store,
    faults,
    throttle: createThrottle(now),
    callbacks,
    mailbox: createMailbox(store.db, { sandbox: 'connective', now }),
    logger: options.logger,
    now,
    advanceClock(ms: number) {
      offsetMs += ms;
      return now();
    },
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    prefix: '',
    authority,
    withPackageLock: withLock,
    async close() {
      await callbacks.close();
      store.close();
    },
  };
}
