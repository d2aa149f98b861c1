import type { Visibility } from '../domain/envelope.js';
import { NotFoundError } from '../domain/errors.js';
import * as documentsStore from '../store/documents.js';
import * as envelopesStore from '../store/envelopes.js';
import type { AppContext } from './context.js';
import { ForbiddenError, principalHasScope, type Principal } from './principal.js';

/**
 * Sharing an envelope or document with everyone, or making it private again. Only its creator (or
 * someone who sees everything, `envelopes:all`) decides: a member who sees a shared envelope may work
 * on it, but not take it away from the others.
 */
export async function setEnvelopeVisibility(context: AppContext, principal: Principal, id: string, visibility: Visibility) {
  const envelope = await envelopesStore.findEnvelope(context.db, id);
  if (!envelope) throw new NotFoundError('envelope', id);
  assertMayShare(principal, envelope.createdBy ?? null, 'envelope');
  await envelopesStore.setEnvelopeVisibility(context.db, id, visibility);
  return { id, visibility };
}

export async function setDocumentVisibility(context: AppContext, principal: Principal, id: string, visibility: Visibility) {
  const document = await documentsStore.findDocument(context.db, id);
  if (!document) throw new NotFoundError('document', id);
  assertMayShare(principal, document.createdBy ?? null, 'document');
  await documentsStore.setDocumentVisibility(context.db, id, visibility);
  return { id, visibility };
}

function assertMayShare(principal: Principal, createdBy: string | null, what: string): void {
  if (principalHasScope(principal, 'envelopes:all') || createdBy === principal.accountId) return;
  throw new ForbiddenError('envelopes:all', `Only the person who created this ${what}, or an admin, may change who sees it.`);
}
