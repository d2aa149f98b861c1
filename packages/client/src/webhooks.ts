import { Webhook, WebhookVerificationError as LibraryVerificationError } from 'standardwebhooks';
import type { WebhookEvent } from './types.js';

/** The delivery is not from Countersign, was changed on the way, or is too old (or too new) to trust: answer 400. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
}

/**
 * The request's headers in any of the forms a server hands them over: Node's `IncomingHttpHeaders`
 * (`request.headers` of node:http, Express, Fastify), a Fetch `Headers` (`request.headers` of a
 * Fetch-API handler: Next.js, Hono, Bun, Deno, Workers) or a plain object.
 */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** The raw body, exactly the bytes received: a string, or a Buffer / Uint8Array / ArrayBuffer of them. */
export type WebhookBody = string | Uint8Array | ArrayBuffer;

const SIGNED_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/**
 * Checks a webhook delivery as the Standard Webhooks specification says — by the `standardwebhooks`
 * library, whose check Countersign's signing is tested against — and answers the event it carries:
 * the event as the feed (`GET /api/v1/events`) answers it, or a `ping`; narrow it by `type`.
 *
 * It passes when one of the signatures in `webhook-signature` was made with `secret` (during the 24 h
 * after a rotation Countersign signs with both the new and the old secret, so either verifies) and
 * `webhook-timestamp` is within the library's 5 minutes of this machine's clock (older is a replay).
 * Otherwise it throws a {@link WebhookVerificationError}.
 *
 * Pass the body as received, before any JSON parsing: a body parsed and serialized again no longer
 * matches its signature. Deduplicate by the event's `id` (the `webhook-id`): delivery is at least once.
 *
 * @param secret the endpoint's `whsec_…` secret, shown when it was created or its secret rotated.
 */
export function verifyWebhook(secret: string, headers: WebhookHeaders, body: WebhookBody): WebhookEvent {
  if (typeof secret !== 'string' || !secret.startsWith('whsec_')) {
    // A configuration mistake, not a bad delivery: not a WebhookVerificationError, so it is not answered as one.
    throw new TypeError('The webhook secret is the whsec_… value shown once when the endpoint was created or its secret rotated.');
  }
  if (typeof body !== 'string' && !(body instanceof Uint8Array) && !(body instanceof ArrayBuffer)) {
    throw new TypeError('Pass the raw body (a string or the bytes received), not the parsed JSON: the signature covers the exact bytes.');
  }
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  let event: unknown;
  try {
    event = new Webhook(secret).verify(text, signedHeaders(headers)); // JSON.parse of the body once a signature matched
  } catch (error) {
    if (error instanceof LibraryVerificationError) throw new WebhookVerificationError(`The webhook delivery is refused: ${describe(error.message)}`, { cause: error });
    // A signed body that is not JSON: signed by the secret, so a bug to report, not an attacker.
    if (error instanceof SyntaxError) throw new WebhookVerificationError(`The webhook delivery is signed but its body is not JSON: ${error.message}`, { cause: error });
    throw error;
  }
  // Signed with the endpoint's secret, so written by Countersign: its shape is the feed's, not checked again.
  return event as WebhookEvent;
}

/** The three signed headers by their lower-case names, whatever form the server gave them in. */
function signedHeaders(headers: WebhookHeaders): Record<string, string> {
  const found: Record<string, string> = {};
  // By its `get`, not `instanceof Headers`: a polyfill's or another realm's Headers is not this global's.
  if (isFetchHeaders(headers)) {
    for (const name of SIGNED_HEADERS) {
      const value = headers.get(name);
      if (value !== null) found[name] = value;
    }
    return found;
  }
  for (const [name, value] of Object.entries(headers)) {
    const lowerCase = name.toLowerCase();
    if (!(SIGNED_HEADERS as readonly string[]).includes(lowerCase) || value === undefined) continue;
    // A header sent twice comes as a list: signatures are a space-separated list of their own.
    found[lowerCase] = typeof value === 'string' ? value : value.join(' ');
  }
  return found;
}

function isFetchHeaders(headers: WebhookHeaders): headers is Headers {
  return typeof (headers as { get?: unknown }).get === 'function';
}

/** The library's terse reasons, said with what usually causes them. */
function describe(reason: string): string {
  switch (reason) {
    case 'Missing required headers':
      return 'it lacks a webhook-id, webhook-timestamp or webhook-signature header (is a proxy dropping them?).';
    case 'No matching signature found':
      return 'no signature matches this secret (another endpoint’s secret, a secret rotated more than 24 hours ago, or a body changed on the way — pass the raw body).';
    case 'Message timestamp too old':
      return 'its webhook-timestamp is more than 5 minutes old (a replay, or this machine’s clock is wrong).';
    case 'Message timestamp too new':
      return 'its webhook-timestamp is more than 5 minutes ahead (this machine’s clock is wrong).';
    default:
      return `${reason}.`;
  }
}
