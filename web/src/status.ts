import type { EnvelopeStatus, ParticipantRole, ParticipantStatus, ProviderEntry } from './types';

/**
 * The one place statuses become words and colours, so a badge reads the same on every page (and
 * the words match the guide: Draft, Ready, Sending, Sent, Completed…).
 */
export const ENVELOPE_STATUS_LOOK: Record<EnvelopeStatus, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  ready: { label: 'Ready', color: 'blue' },
  sending: { label: 'Sending', color: 'cyan' },
  sent: { label: 'Sent', color: 'indigo' },
  completed: { label: 'Completed', color: 'green' },
  rejected: { label: 'Rejected', color: 'red' },
  withdrawn: { label: 'Withdrawn', color: 'orange' },
  expired: { label: 'Expired', color: 'yellow' },
  failed: { label: 'Failed', color: 'red' },
  deleted: { label: 'Deleted', color: 'dark' },
};

export const PARTICIPANT_STATUS_LOOK: Record<ParticipantStatus, { label: string; color: string }> = {
  pending: { label: 'Not sent yet', color: 'gray' },
  waiting: { label: 'Waiting for an earlier step', color: 'gray' },
  notified: { label: 'Invited', color: 'blue' },
  viewed: { label: 'Viewed', color: 'cyan' },
  completed: { label: 'Completed', color: 'green' },
  rejected: { label: 'Rejected', color: 'red' },
  skipped: { label: 'Skipped', color: 'gray' },
};

export const ROLE_LABELS: Record<ParticipantRole, string> = {
  signer: 'Signer',
  approver: 'Approver',
  viewer: 'Viewer',
  receiver: 'Receiver',
};

/** A status the server may add later still shows, as its own word. */
export function envelopeStatusLook(status: string): { label: string; color: string } {
  return ENVELOPE_STATUS_LOOK[status as EnvelopeStatus] ?? { label: capitalize(status), color: 'gray' };
}

export function participantStatusLook(status: string): { label: string; color: string } {
  return PARTICIPANT_STATUS_LOOK[status as ParticipantStatus] ?? { label: capitalize(status), color: 'gray' };
}

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as ParticipantRole] ?? capitalize(role);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1).replace(/-/g, ' ');
}

/**
 * Which actions an envelope's status allows, with the reason shown on a disabled button. Mirrors
 * the server's rules (src/domain/envelope-status.ts); the server still has the last word.
 */
export function sendBlockedReason(status: EnvelopeStatus): string | null {
  switch (status) {
    case 'ready':
    case 'failed':
      return null;
    case 'draft':
      return 'Add at least one document and one signer before sending.';
    case 'sending':
      return 'It is being sent now.';
    case 'sent':
      return 'It has already been sent to the participants.';
    default:
      return `It is ${ENVELOPE_STATUS_LOOK[status].label.toLowerCase()}: nothing more can be sent.`;
  }
}

/** Actions on an envelope its provider has, as the server's job routes name them. */
export type ProviderAction = 'remind' | 'withdraw' | 'extend-expiry' | 'skip-pending' | 'delete';

const ACTION_WORDS: Record<Exclude<ProviderAction, 'delete'>, { verb: string; done: string }> = {
  remind: { verb: 'remind', done: 'reminded' },
  withdraw: { verb: 'withdraw', done: 'withdrawn' },
  'extend-expiry': { verb: 'extend the expiry of', done: 'given a new expiry' },
  'skip-pending': { verb: 'skip the pending participants of', done: 'completed without its pending participants' },
};

export function sentOnlyReason(status: EnvelopeStatus, action: Exclude<ProviderAction, 'delete'>): string | null {
  const { verb, done } = ACTION_WORDS[action];
  if (status === 'sent') return null;
  if (status === 'sending') return `Wait until it has been sent to ${verb} it.`;
  if (status === 'draft' || status === 'ready' || status === 'failed') return `Only a sent envelope can be ${done}; send it first.`;
  return `It is ${ENVELOPE_STATUS_LOOK[status].label.toLowerCase()}: the signing process is over.`;
}

/**
 * Why the envelope's provider cannot do the action, from its `capabilities` in GET /api/v1/providers;
 * null when it can, or when the server did not say (the server still refuses with 422 if it cannot).
 */
export function capabilityBlockedReason(provider: ProviderEntry | undefined, action: ProviderAction): string | null {
  const capabilities = provider?.capabilities;
  if (!provider || !capabilities) return null;
  const name = provider.name;
  switch (action) {
    case 'remind':
      return capabilities.reminders === 'none' ? `${name} cannot send reminders.` : null;
    case 'withdraw':
      return capabilities.withdraw === false ? `${name} cannot withdraw an envelope.` : null;
    case 'extend-expiry':
      if (capabilities.expiryChange !== false) return null;
      return capabilities.expiry === false ? `${name} has no expiry date.` : `${name} cannot change the expiry of a sent envelope.`;
    case 'skip-pending':
      return capabilities.skipPending === false ? `${name} cannot skip participants who have not acted.` : null;
    case 'delete':
      return capabilities.deletion === false ? `${name} cannot delete an envelope once it was sent there; withdraw it instead.` : null;
  }
}

/** Whether deleting the envelope deletes it at its provider (after confirmation) rather than here only. */
export function deletesAtProvider(status: EnvelopeStatus): boolean {
  return status === 'sent' || status === 'completed' || status === 'rejected' || status === 'withdrawn' || status === 'expired';
}

export function deleteBlockedReason(status: EnvelopeStatus, provider: ProviderEntry | undefined): string | null {
  if (status === 'sending') return 'It is being sent now; wait until the provider has it.';
  if (status === 'deleted') return 'It is already deleted at its provider; this is its history.';
  return deletesAtProvider(status) ? capabilityBlockedReason(provider, 'delete') : null;
}

export function syncBlockedReason(status: EnvelopeStatus, providerReference: string | null): string | null {
  if (providerReference) return null;
  if (status === 'sending') return 'It is being sent; sync once the provider has it.';
  return 'It is not at the provider yet: send it first.';
}
