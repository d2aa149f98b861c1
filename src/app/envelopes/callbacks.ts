import { NotFoundError } from '../../domain/errors.js';
import type { CallbackRequest } from '../../providers/provider.js';
import { callbackTokenMatches, loadConnection, providerFor } from '../connections.js';
import type { AppContext } from '../context.js';
import { SYNC_ENVELOPE_JOB } from './sync.js';

/**
 * A provider's callback. It only says *which* envelope changed: a sync job then fetches it from the
 * provider, so the body is never trusted as a status (DESIGN.md "Sync"). Returns false when the
 * address (connection id + secret token) is not one this server gave out.
 */
export async function acceptCallback(context: AppContext, connectionId: string, token: string, request: CallbackRequest): Promise<boolean> {
  const connection = await loadConnection(context, connectionId).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  if (!connection || !callbackTokenMatches(context, connection, token)) return false;

  const target = await providerFor(context, connection).parseCallback(request);
  if (!target) return true;
  const envelope =
    'reference' in target
      ? await context.db
          .selectFrom('envelopes')
          .select('id')
          .where('connection_id', '=', connection.id)
          .where('provider_reference', '=', target.reference)
          .executeTakeFirst()
      : { id: target.envelopeId };
  if (envelope) await context.queue.enqueue(SYNC_ENVELOPE_JOB, { envelopeId: envelope.id, source: 'callback' }, { singletonKey: envelope.id });
  return true;
}
