import { Webhook } from 'standardwebhooks';
import { request } from 'undici';
import { checkOutboundUrl, createOutboundDispatcher, OutboundRefusedError, type OutboundPolicy } from '../../net/outbound-guard.js';
import type { WebhookSettings } from '../../domain/webhooks.js';
import { hostOf } from './endpoints.js';

/**
 * One delivery attempt over HTTP, as Standard Webhooks says: a POST of the JSON body with
 * `webhook-id`, `webhook-timestamp` and `webhook-signature` (signed by the `standardwebhooks` library,
 * one signature per secret, space-separated). Every attempt passes the outbound guard: the URL's
 * DNS-free checks, then the dispatcher that resolves the name, refuses a private address and connects
 * to the address it checked (DNS may have changed since the endpoint was saved). Redirects are not
 * followed (undici's `request` follows none): a 3xx is a failed attempt like any non-2xx.
 *
 * Loaded on the first delivery (undici and the signing library are not needed by a server that sends
 * none: test/architecture/start-imports.test.ts).
 */

export interface WebhookMessage {
  url: string;
  /** The event id: `webhook-id`, the same on every attempt, for the receiver to deduplicate. */
  eventId: string;
  /** The exact bytes signed and sent. */
  body: string;
  /** The current secret first; during a rotation's overlap, the previous one too. */
  secrets: readonly string[];
  /** The attempt's moment: `webhook-timestamp`, part of what is signed. */
  at: Date;
}

export interface AttemptResult {
  /** The answer's status; null when there was none. */
  statusCode: number | null;
  /** Why there is no answer, for people: never the URL's path or query, which may carry a token. */
  error: string | null;
  durationMs: number;
  /** The first bytes of the answer's body, as text. */
  responseSnippet: string | null;
}

/** The `webhook-signature` header: `v1,<base64>` for each secret, space-separated. */
export function signatureHeader(secrets: readonly string[], eventId: string, at: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(eventId, at, body)).join(' ');
}

export interface WebhookSender {
  send(message: WebhookMessage, signal: AbortSignal): Promise<AttemptResult>;
  close(): Promise<void>;
}

export function createWebhookSender(outbound: OutboundPolicy, settings: Pick<WebhookSettings, 'attemptTimeoutMs' | 'responseSnippetBytes'>): WebhookSender {
  const dispatcher = createOutboundDispatcher(outbound, { connectTimeoutMs: settings.attemptTimeoutMs });
  const seconds = settings.attemptTimeoutMs / 1000;

  async function send(message: WebhookMessage, signal: AbortSignal): Promise<AttemptResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const host = hostOf(message.url);
    const timeout = AbortSignal.timeout(settings.attemptTimeoutMs);
    try {
      checkOutboundUrl(message.url, outbound);
      const response = await request(message.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Countersign-Webhooks',
          'webhook-id': message.eventId,
          'webhook-timestamp': String(Math.floor(message.at.getTime() / 1000)),
          'webhook-signature': signatureHeader(message.secrets, message.eventId, message.at, message.body),
        },
        body: message.body,
        dispatcher,
        signal: AbortSignal.any([signal, timeout]),
        headersTimeout: settings.attemptTimeoutMs,
        bodyTimeout: settings.attemptTimeoutMs,
      });
      const responseSnippet = await readSnippet(response.body, settings.responseSnippetBytes);
      return { statusCode: response.statusCode, error: null, durationMs: elapsed(), responseSnippet };
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const refused = OutboundRefusedError.find(error);
      const reason = refused
        ? `not sent: the outbound guard refused it: ${refused.message}`
        : timeout.aborted || isTimeout(error)
          ? `no answer from ${host} within ${seconds} s`
          : `could not reach ${host}: ${describe(error)}`;
      return { statusCode: null, error: reason, durationMs: elapsed(), responseSnippet: null };
    }
  }

  return { send, close: () => dispatcher.close() };
}

/** Up to `limit` bytes of the body as text; the rest is not read (the connection is let go). */
async function readSnippet(body: AsyncIterable<Buffer> & { destroy(): void }, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) break;
    }
  } catch {
    // A body cut short (a timeout, a reset) after the status: the status is the answer; keep what came.
  } finally {
    body.destroy();
  }
  if (size === 0) return null;
  // A multi-byte character cut at the limit decodes as U+FFFD: a snippet is for reading, not parsing.
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

function isTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || (error as Error)?.name === 'TimeoutError';
}

/** A network error in a few words: its code and message (they name the address, never the URL's path). */
function describe(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause;
  const inner = cause instanceof Error ? cause : error instanceof Error ? error : undefined;
  if (!inner) return String(error);
  const code = (inner as { code?: unknown }).code;
  return typeof code === 'string' && !inner.message.includes(code) ? `${code} ${inner.message}` : inner.message;
}
