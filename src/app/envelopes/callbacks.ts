import { NotFoundError } from '../../domain/errors.js';
import type { CallbackRequest, CallbackTarget } from '../../providers/provider.js';
import { findEnvelopeIdAtConnection } from '../../store/envelope-sync.js';
import { callbackTokenMatches, loadConnection, providerFor } from '../connections.js';
import type { AppContext } from '../context.js';
import { queueEnvelopeSync } from './sync.js';

export type CallbackOutcome =
  /** The address (connection id + secret token) is not one this server gave out. */
  | { kind: 'unknown' }
  /** The connection sent more callbacks than `admit` lets through; try again after this many seconds. */
  | { kind: 'throttled'; retryAfterSeconds: number }
  | { kind: 'accepted' };

/**
 * A provider's callback. It only says *which* envelope changed: a sync job then fetches it from the
 * provider, so the body is never trusted as a status (DESIGN.md "Sync"). `admit` is asked once the
 * address is known to be genuine, so the limit counts a connection's own callbacks only.
 *
 * What a callback can cost is bounded: it enqueues a sync only for an envelope of this connection,
 * and at most one waiting sync per envelope, however many callbacks arrive (queueEnvelopeSync).
 */
export async function acceptCallback(
  context: AppContext,
  connectionId: string,
  token: string,
  request: CallbackRequest,
  admit: (connectionId: string) => { ok: true } | { ok: false; retryAfterSeconds: number } = () => ({ ok: true }),
): Promise<CallbackOutcome> {
  const connection = await loadConnection(context, connectionId).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  if (!connection || !callbackTokenMatches(context, connection, token)) return { kind: 'unknown' };
  const admitted = admit(connection.id);
  if (!admitted.ok) return { kind: 'throttled', retryAfterSeconds: admitted.retryAfterSeconds };

  const parsed = await (await providerFor(context, connection)).parseCallback(request);
  // One delivery may name several envelopes (an Autenti subscription sends a list of events).
  const targets = parsed === null ? [] : Array.isArray(parsed) ? parsed : [parsed as CallbackTarget];
  for (const target of targets) {
    const envelopeId = await findEnvelopeIdAtConnection(context.db, connection.id, target);
    if (envelopeId) await queueEnvelopeSync(context, envelopeId, 'callback');
  }
  return { kind: 'accepted' };
}
