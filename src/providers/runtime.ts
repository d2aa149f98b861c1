import type { HttpClientOptions, HttpLogEvent } from './http.js';
import { createSlidingWindowLimiter, UNLIMITED, type RateLimit, type RateLimiter } from './rate-limit.js';
import type { ConnectionConfig } from './connection.js';

/**
 * What the app gives an adapter when it builds one (`descriptor.create(connection, runtime)`): the
 * services an adapter must not make for itself, so that every provider logs, counts, waits and stops
 * the same way. Adapters hand the runtime to the shared HTTP client (`runtimeHttpOptions`) and touch
 * nothing of it by hand.
 */
export interface ProviderRuntime {
  /** Each provider HTTP attempt is logged here at debug level (see `HttpLogEvent`: never a secret, query or body). */
  readonly logger: ProviderLogger;
  /** The clock for token lifetimes and `Retry-After` dates; tests move it. */
  readonly clock: { now(): Date };
  /** The connection's call budget, from `capabilities.rateLimit` (rate-limit.ts); shared by every adapter of the connection. */
  readonly rateLimiter: RateLimiter;
  /** Aborts every call of the adapter (the app's own stop); each call may add its own (`CallOptions.signal`). */
  readonly signal: AbortSignal;
  /** Counts each HTTP attempt for the connection (usage.ts); the app shows the counters on the connection. */
  readonly recordCall: (event: HttpLogEvent) => void;
}

/** A logger such as pino's. */
export type ProviderLogger = {
  debug(object: Record<string, unknown>, message?: string): void;
  /** Something the admin may need to know (the app's logger has it; a test's may not). */
  warn?(object: Record<string, unknown>, message?: string): void;
};

const SILENT: ProviderLogger = { debug: () => undefined };

/**
 * A whole runtime from the parts given: a silent logger, the system clock, a private limiter for
 * `rateLimit` (none when null), a signal that never aborts, no counting. What a test or the
 * conformance suite needs to call `descriptor.create(connection, {})`.
 */
export function completeRuntime(partial: Partial<ProviderRuntime> = {}, rateLimit: RateLimit | null = null): ProviderRuntime {
  return {
    logger: partial.logger ?? SILENT,
    clock: partial.clock ?? { now: () => new Date() },
    rateLimiter: partial.rateLimiter ?? (rateLimit ? createSlidingWindowLimiter(rateLimit) : UNLIMITED),
    signal: partial.signal ?? new AbortController().signal,
    recordCall: partial.recordCall ?? (() => undefined),
  };
}

/**
 * The runtime of an adapter made with test seams beside it (every adapter's context takes a partial
 * `runtime` plus a `logger` and a clock `now` of its own): those override the runtime's parts.
 */
export function adapterRuntime(
  context: { readonly runtime?: Partial<ProviderRuntime>; readonly logger?: ProviderLogger; readonly now?: () => Date },
  rateLimit: RateLimit | null,
): ProviderRuntime {
  return completeRuntime(
    {
      ...context.runtime,
      ...(context.logger ? { logger: context.logger } : {}),
      ...(context.now ? { clock: { now: context.now } } : {}),
    },
    rateLimit,
  );
}

/**
 * The shared HTTP client's settings for one connection and runtime: its URL and outbound policy, the
 * runtime's limiter, clock and signal, and the debug log line and count of every attempt.
 */
export function runtimeHttpOptions(
  connection: ConnectionConfig,
  runtime: ProviderRuntime,
): Pick<HttpClientOptions, 'provider' | 'baseUrl' | 'outbound' | 'rateLimiter' | 'signal' | 'now' | 'onAttempt'> {
  return {
    provider: connection.provider,
    baseUrl: connection.baseUrl,
    ...(connection.outbound ? { outbound: connection.outbound } : {}),
    rateLimiter: runtime.rateLimiter,
    signal: runtime.signal,
    now: () => runtime.clock.now().getTime(),
    onAttempt: (event) => {
      runtime.logger.debug({ ...event, connectionId: connection.id }, 'provider call');
      runtime.recordCall(event);
    },
  };
}
