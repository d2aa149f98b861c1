import { setMaxListeners } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import { request } from 'undici';
import { checkOutboundUrl, createOutboundDispatcher, NOTHING_ALLOWED, OutboundRefusedError, type OutboundPolicy } from '../net/outbound-guard.js';
import { NO_CALLBACK_FAULTS, type CallbackFaults } from './faults.js';

/**
 * Callback delivery shared by the sandboxes: each body is POSTed as JSON to its URL; delivery never
 * delays the API answer; a failed one (network error or non-2xx) is retried with growing delays. A
 * callback URL is set by whoever drives the sandbox, so deliveries go through the outbound guard
 * (src/net/outbound-guard.ts) like every user-supplied URL: a URL it refuses is refused when set
 * (`checkUrl`), and a delivery whose host resolves to a refused address is logged and not sent.
 * Redirects are not followed. Each sandbox keeps its own delivery record, with these members in it.
 */
export interface DeliveryProgress {
  attempts: number;
  status: 'pending' | 'delivered' | 'failed';
  lastStatus: number | null;
  lastError: string | null;
}

const ATTEMPT_TIMEOUT_MS = 5000;
const MAX_LOG = 500;

export type CallbackSender<Delivery extends DeliveryProgress> = ReturnType<typeof createCallbackSender<Delivery>>;

/** The callback sender of one sandbox; `retryDelaysMs` are the waits before each retry (3 by default). */
export function createCallbackSender<Delivery extends DeliveryProgress>(options: {
  /** `autenti`: the User-Agent is `autenti-sandbox-callbacks`, the log says `autenti sandbox: …`. */
  name: string;
  logger: FastifyBaseLogger;
  retryDelaysMs?: number[];
  outbound?: OutboundPolicy;
  /** Called after every attempt, whatever came of it (a sandbox that stamps its records). */
  afterAttempt?(delivery: Delivery): void;
  /** What the warning of a delivery that failed for good names it by (besides the URL's host). */
  identify(delivery: Delivery): Record<string, unknown>;
  /** The sandbox's `callbacks` fault knob, read for each callback queued. */
  faults?: () => CallbackFaults;
  random?: () => number;
}) {
  const random = options.random ?? Math.random;
  const retryDelays = options.retryDelaysMs ?? [250, 1000, 4000];
  const outbound = options.outbound ?? { allow: NOTHING_ALLOWED };
  const connections = createOutboundDispatcher(outbound, { connectTimeoutMs: ATTEMPT_TIMEOUT_MS });
  const deliveries: Delivery[] = [];
  const inFlight = new Set<Promise<void>>();
  const abort = new AbortController();
  // Every pending delivery listens on this signal (a held-back or retrying one waits on it, a running
  // one's request is tied to it): dozens at once under load are expected, not a leak, and Node's
  // warning at 11 said otherwise (the chaos soak). Each listener goes when its wait or request ends.
  setMaxListeners(0, abort.signal);

  // The abort listener goes when the wait ends: one left per wait piled up on the sender's signal
  // for as long as the sandbox ran (Node warned of a listener leak in the chaos soak).
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        abort.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      abort.signal.addEventListener('abort', done);
    });

  async function deliver(url: string, delivery: Delivery, body: unknown): Promise<void> {
    for (let attempt = 0; attempt <= retryDelays.length && !abort.signal.aborted; attempt += 1) {
      if (attempt > 0) await wait(retryDelays[attempt - 1] ?? 1000);
      if (abort.signal.aborted) break;
      delivery.attempts += 1;
      try {
        const response = await request(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': `${options.name}-sandbox-callbacks` },
          body: JSON.stringify(body),
          dispatcher: connections,
          signal: AbortSignal.any([abort.signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
        });
        await response.body.dump().catch(() => undefined);
        const ok = response.statusCode >= 200 && response.statusCode < 300;
        delivery.lastStatus = response.statusCode;
        delivery.lastError = ok ? null : `HTTP ${response.statusCode}`;
        options.afterAttempt?.(delivery);
        if (ok) {
          delivery.status = 'delivered';
          return;
        }
      } catch (error) {
        options.afterAttempt?.(delivery);
        const refused = OutboundRefusedError.find(error);
        if (refused) {
          // Not a passing failure: the destination stays refused, so no retry.
          delivery.lastError = `not sent: the callback URL ${refused.message}`;
          break;
        }
        delivery.lastError = (error as Error).message;
      }
    }
    delivery.status = 'failed';
    // The host only: a callback URL may carry a secret token (Countersign's does).
    options.logger.warn({ ...options.identify(delivery), host: hostOf(url), error: delivery.lastError }, `${options.name} sandbox: callback not delivered`);
  }

  return {
    /** Records `delivery` in the log and starts POSTing `body` to `url`; returns at once. Nothing once closed. */
    queue(url: string, delivery: Delivery, body: unknown): void {
      if (abort.signal.aborted) return;
      deliveries.push(delivery);
      if (deliveries.length > MAX_LOG) deliveries.splice(0, deliveries.length - MAX_LOG);
      const faults = options.faults?.() ?? NO_CALLBACK_FAULTS;
      if (faults.lossRate > 0 && random() < faults.lossRate) {
        delivery.status = 'failed';
        delivery.lastError = 'lost on purpose (the callbacks.lossRate fault knob)';
        return;
      }
      const copies = faults.duplicateRate > 0 && random() < faults.duplicateRate ? 2 : 1;
      for (let copy = 0; copy < copies; copy += 1) {
        const heldBackMs = Math.floor(random() * faults.maxDelayMs);
        const running = (async () => {
          if (heldBackMs > 0) await wait(heldBackMs);
          if (!abort.signal.aborted) await deliver(url, delivery, body);
        })().finally(() => inFlight.delete(running));
        inFlight.add(running);
      }
    },
    /** True once {@link close} began: nothing more is sent. */
    closed: (): boolean => abort.signal.aborted,
    /**
     * Throws `OutboundRefusedError` (saying why and how to open it) for a callback URL that would not
     * be delivered to; DNS is checked at delivery.
     */
    checkUrl(url: string): void {
      checkOutboundUrl(url, outbound);
    },
    /** The delivery log (the last 500), oldest first, as copies. */
    deliveries: (): Delivery[] => deliveries.map((delivery) => ({ ...delivery })),
    /** Stops retrying and waits for attempts under way (on sandbox close). */
    async close(): Promise<void> {
      abort.abort();
      await Promise.allSettled([...inFlight]);
      await connections.close();
    },
  };
}

/** The host of a URL, for logs: a callback URL may carry a secret in its path or query. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid URL)';
  }
}
