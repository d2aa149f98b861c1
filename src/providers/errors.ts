import { CountersignError, type ErrorCode } from '../domain/errors.js';
import { PROVIDER_NAMES, type ProviderId } from './ids.js';

/**
 * The only errors that cross the adapter contract (STYLE point 5). Each says what happened in
 * Countersign's words, keeps the provider's own message beside it, and tells the caller whether a
 * retry can help. Never inside: credentials, tokens, document bytes.
 */

export type ProviderErrorKind =
  | 'authentication'
  | 'validation'
  | 'not-found'
  | 'conflict'
  | 'rate-limited'
  | 'unavailable'
  | 'unsupported'
  /** Countersign refused to call the connection's URL (a private address, plain http): see src/net/outbound-guard.ts. */
  | 'destination-refused'
  /**
   * A call whose outcome was lost (a crash between sending it and saving its answer) cannot be
   * repeated safely and the provider cannot be asked whether it happened (ConsignO has no listing):
   * a person must decide (send again, or give the provider's id). Never retryable.
   */
  | 'outcome-unknown'
  /**
   * The item was deleted at the provider and its files with it (a ConsignO workflow deleted after it
   * ended): no later attempt finds them, so Countersign stops trying and says so. Never retryable.
   */
  | 'gone';

const CODE_BY_KIND = {
  authentication: 'PROVIDER_AUTHENTICATION',
  validation: 'PROVIDER_VALIDATION',
  'not-found': 'PROVIDER_NOT_FOUND',
  conflict: 'PROVIDER_CONFLICT',
  'rate-limited': 'PROVIDER_RATE_LIMITED',
  unavailable: 'PROVIDER_UNAVAILABLE',
  unsupported: 'PROVIDER_UNSUPPORTED',
  'destination-refused': 'PROVIDER_DESTINATION_REFUSED',
  'outcome-unknown': 'PROVIDER_OUTCOME_UNKNOWN',
  gone: 'PROVIDER_GONE',
} as const satisfies Record<ProviderErrorKind, ErrorCode>;

/** Kinds a later attempt can get past on its own; the others need a person to change something. */
const RETRYABLE_KINDS: ReadonlySet<ProviderErrorKind> = new Set(['rate-limited', 'unavailable']);

export type ProviderErrorInit = {
  readonly kind: ProviderErrorKind;
  readonly provider: ProviderId;
  /** For people: what happened and what to do about it. */
  readonly message: string;
  readonly httpStatus?: number;
  /** The provider's own structured error text (an error `detail`, Connective `Message`), as `readProviderMessage` kept it. */
  readonly providerMessage?: string;
  /** Defaults to true for `rate-limited` and `unavailable`. */
  readonly retryable?: boolean;
  readonly retryAfterMs?: number;
  /** For `unsupported`: the capability or provider feature, e.g. `skipPending`, `CHALLENGE:INFOCERT_PIN`. */
  readonly feature?: string;
  readonly cause?: unknown;
};

export class ProviderError extends CountersignError {
  readonly kind: ProviderErrorKind;
  readonly provider: ProviderId;
  readonly httpStatus: number | null;
  readonly providerMessage: string | null;
  readonly retryable: boolean;
  /** How long to wait before retrying, when the provider said (`Retry-After`). */
  readonly retryAfterMs: number | null;
  readonly feature: string | null;

  constructor(init: ProviderErrorInit) {
    super(CODE_BY_KIND[init.kind], init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.provider = init.provider;
    this.httpStatus = init.httpStatus ?? null;
    this.providerMessage = init.providerMessage ?? null;
    this.retryable = init.retryable ?? RETRYABLE_KINDS.has(init.kind);
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.feature = init.feature ?? null;
  }

  /** Whether `error` is a `ProviderError`, optionally of one kind: `ProviderError.is(e, 'rate-limited')`. */
  static override is(error: unknown, kind?: ProviderErrorKind): error is ProviderError {
    return error instanceof ProviderError && (kind === undefined || error.kind === kind);
  }

  /**
   * A provider feature Countersign does not handle, said plainly (Autenti asks clients never to say
   * "unknown error", seed 003 "Requirements concerning the applications accessing the API").
   * @example ProviderError.unsupported('autenti', 'CHALLENGE:INFOCERT_PIN',
   *   'Unsupported feature detected in this document process; continue in Autenti.')
   */
  static unsupported(provider: ProviderId, feature: string, message?: string): ProviderError {
    return new ProviderError({
      kind: 'unsupported',
      provider,
      feature,
      message: message ?? `Unsupported feature detected (${feature}); continue in ${PROVIDER_NAMES[provider]}.`,
    });
  }

  /**
   * The usual reading of an HTTP error response. Adapters handle their provider's special answers
   * first (Autenti's `403` with `X-CHALLENGE` is a challenge, not an authentication failure) and call
   * this for the rest. `operation` names what was attempted, e.g. `creating the package`.
   */
  static fromHttpStatus(init: {
    provider: ProviderId;
    httpStatus: number;
    operation: string;
    /** The host that answered: named instead of repeating a body that is not the provider's error. */
    host?: string;
    providerMessage?: string;
    retryAfter?: string | null;
    now?: number;
    cause?: unknown;
  }): ProviderError {
    const { provider, httpStatus, operation } = init;
    // Without the provider's own words, the host says who answered (the URL may not lead to the provider).
    const name = init.host && !init.providerMessage ? `${PROVIDER_NAMES[provider]} (${init.host})` : PROVIDER_NAMES[provider];
    const said = init.providerMessage ? `: ${init.providerMessage}` : '.';
    const retryAfterMs = parseRetryAfter(init.retryAfter, init.now);
    const common = { provider, httpStatus, providerMessage: init.providerMessage, cause: init.cause };
    const failed = `${name} refused ${operation} (HTTP ${httpStatus})${said}`;
    if (httpStatus === 401 || httpStatus === 403) {
      return new ProviderError({
        ...common,
        kind: 'authentication',
        message: `${failed} Check this connection's credentials in Settings → Connections.`,
      });
    }
    if (httpStatus === 404 || httpStatus === 410) {
      return new ProviderError({ ...common, kind: 'not-found', message: `${name} has no such item while ${operation} (HTTP ${httpStatus})${said}` });
    }
    if (httpStatus === 409 || httpStatus === 412 || httpStatus === 423) {
      return new ProviderError({ ...common, kind: 'conflict', message: `${failed} The item is not in a state that allows it.` });
    }
    if (httpStatus === 429) {
      const wait = retryAfterMs === undefined ? '' : ` for ${Math.ceil(retryAfterMs / 1000)} s`;
      return new ProviderError({
        ...common,
        kind: 'rate-limited',
        retryAfterMs,
        message: `${name} is rate limiting this connection while ${operation}; Countersign waits${wait} and retries.`,
      });
    }
    if (httpStatus === 408 || httpStatus >= 500) {
      return new ProviderError({
        ...common,
        kind: 'unavailable',
        retryAfterMs,
        message: `${name} did not complete ${operation} (HTTP ${httpStatus})${said} Countersign retries later.`,
      });
    }
    return new ProviderError({ ...common, kind: 'validation', message: failed });
  }
}

/**
 * Milliseconds to wait from an HTTP `Retry-After` value: delay-seconds or an HTTP date (RFC 9110
 * §10.2.3). `undefined` when absent or unreadable; never negative.
 */
/**
 * A retryable error's message without its promise to retry ("Countersign retries later.", "…; Countersign
 * waits for 30 s and retries."), for the reason shown once the retries are over.
 */
export function withoutRetryNote(message: string): string {
  // The note follows a full stop, a semicolon, or a provider's own message without one ("…: Internal
  // error Countersign retries later."), and a rate limit without Retry-After "waits and retries".
  const reason = message.replace(/[.;]?\s*Countersign (?:retries later|waits(?: for [^.;]+)? and retries)\.$/, '');
  if (reason === message) return message;
  return /[.!?]$/.test(reason) ? reason : `${reason}.`;
}

export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
