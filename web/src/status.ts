import type { EnvelopeStatus, ParticipantRole, ParticipantStatus, ProviderEntry } from './types';

/**
 * The one place statuses become words and colours, so a badge reads the same on every page (and
 * the words match the guide: Draft, Ready, Sending, Sent, Completed, Declined…).
 */
export const ENVELOPE_STATUS_LOOK: Record<EnvelopeStatus, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  ready: { label: 'Ready', color: 'blue' },
  sending: { label: 'Sending', color: 'cyan' },
  sent: { label: 'Sent', color: 'indigo' },
  completed: { label: 'Completed', color: 'green' },
  // A participant declined: the envelope reads so too, as people say it (the API keeps `rejected`).
  rejected: { label: 'Declined', color: 'red' },
  withdrawn: { label: 'Withdrawn', color: 'orange' },
  expired: { label: 'Expired', color: 'yellow' },
  failed: { label: 'Failed', color: 'red' },
  // Gray, not "dark": Mantine's dark colour is unreadable on the dark scheme's cards.
  deleted: { label: 'Deleted', color: 'gray' },
};

/**
 * A participant's status as the API names it, in words of its own: what the word by role and
 * envelope ({@link participantStatusWords}) falls back to.
 */
export const PARTICIPANT_STATUS_LOOK: Record<ParticipantStatus, { label: string; color: string }> = {
  pending: { label: 'Not sent yet', color: 'gray' },
  waiting: { label: 'Not yet invited', color: 'gray' },
  notified: { label: 'Invited', color: 'blue' },
  viewed: { label: 'Viewed', color: 'cyan' },
  completed: { label: 'Completed', color: 'green' },
  rejected: { label: 'Declined', color: 'red' },
  skipped: { label: 'Skipped', color: 'gray' },
};

/** What a participant's role asks of them, done: a signer signed, an approver approved… */
const DONE_BY_ROLE: Record<ParticipantRole, string> = { signer: 'Signed', approver: 'Approved', viewer: 'Viewed', receiver: 'Received' };

/** The envelope statuses after which nobody acts any more, and the word for those who had not acted. */
const ENDED_FOR_THE_OPEN: Partial<Record<EnvelopeStatus, string>> = { withdrawn: 'Withdrawn', expired: 'Expired' };

/**
 * THE one place a participant's status becomes words (the participants table, the list's progress):
 * by role (a signer who completed "Signed", an approver "Approved"; a refusal "Declined"), by step
 * (a later step "Not yet invited (step 2)" until the provider invites them, then "Invited"), and by
 * the envelope (a withdrawn envelope's open participants "Withdrawn"). A receiver acts on nothing:
 * "Waiting" for the signed copy until the envelope completes.
 */
export function participantStatusWords(
  participant: { role: string; status: string; step: number },
  envelopeStatus?: string,
): { label: string; color: string } {
  const status = participant.status as ParticipantStatus;
  const open = status !== 'completed' && status !== 'rejected' && status !== 'skipped';
  const ended = envelopeStatus === undefined ? undefined : ENDED_FOR_THE_OPEN[envelopeStatus as EnvelopeStatus];
  if (open && ended) return { label: ended, color: 'orange' };
  if (status === 'completed') return { label: DONE_BY_ROLE[participant.role as ParticipantRole] ?? 'Completed', color: 'green' };
  if (participant.role === 'receiver' && (status === 'waiting' || status === 'notified' || status === 'viewed')) return { label: 'Waiting', color: 'gray' };
  if (status === 'waiting') return { label: `Not yet invited (step ${participant.step})`, color: 'gray' };
  return participantStatusLook(status);
}

/** What the role asks, for "1 of 2 signed": a participant's part counted by its verb. */
const PROGRESS_VERBS: Partial<Record<ParticipantRole, { done: string; todo: string }>> = {
  signer: { done: 'signed', todo: 'to sign' },
  approver: { done: 'approved', todo: 'to approve' },
  viewer: { done: 'viewed', todo: 'to view' },
};

/**
 * An envelope's progress in one line for the list: "1 of 2 signed — waiting on Anna". Signers sign
 * and approvers approve (viewers view); receivers act on nothing and are not counted. Before it is
 * sent: what it will ask ("2 to sign"); after a refusal: who declined.
 */
export function envelopeProgress(envelope: { status: string; participants: ReadonlyArray<{ role: string; status: string; firstName: string; lastName: string }> }): string {
  const acting = envelope.participants.filter((participant) => PROGRESS_VERBS[participant.role as ParticipantRole]);
  if (acting.length === 0) return envelope.participants.length === 0 ? 'Nobody yet' : 'Nobody to sign';
  const roles = [...new Set(acting.map((participant) => participant.role as ParticipantRole))];
  const notSent = envelope.status === 'draft' || envelope.status === 'ready' || envelope.status === 'sending' || envelope.status === 'failed';
  const counts = roles.map((role) => {
    const ofRole = acting.filter((participant) => participant.role === role);
    const verbs = PROGRESS_VERBS[role]!;
    if (notSent) return `${ofRole.length} ${verbs.todo}`;
    return `${ofRole.filter((participant) => participant.status === 'completed').length} of ${ofRole.length} ${verbs.done}`;
  });
  const summary = counts.join(', ');
  const declined = acting.filter((participant) => participant.status === 'rejected');
  if (declined.length > 0) return `${summary} — declined by ${namesOf(declined)}`;
  if (envelope.status !== 'sent') return summary;
  const due = acting.filter((participant) => participant.status === 'notified' || participant.status === 'viewed');
  return due.length > 0 ? `${summary} — waiting on ${namesOf(due)}` : summary;
}

/** "Anna", "Anna and Bert", "Anna, Bert and 2 others": first names, as people say it. */
function namesOf(people: ReadonlyArray<{ firstName: string; lastName: string }>): string {
  const names = people.map((person) => person.firstName || person.lastName);
  if (names.length === 1) return names[0]!;
  if (names.length <= 3) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} others`;
}

/**
 * The envelope list's tabs: the domain's statuses as people sort their work — being prepared, out for
 * signature, and each way it can end. "All" has no statuses: everything.
 */
export const ENVELOPE_TABS = [
  { value: 'all', label: 'All', statuses: [] },
  { value: 'drafts', label: 'Drafts', statuses: ['draft', 'ready'] },
  { value: 'in-progress', label: 'In progress', statuses: ['sending', 'sent'] },
  { value: 'completed', label: 'Completed', statuses: ['completed'] },
  { value: 'rejected', label: ENVELOPE_STATUS_LOOK.rejected.label, statuses: ['rejected'] },
  { value: 'withdrawn', label: 'Withdrawn', statuses: ['withdrawn'] },
  { value: 'expired', label: 'Expired', statuses: ['expired'] },
  { value: 'failed', label: 'Failed', statuses: ['failed'] },
  { value: 'deleted', label: 'Deleted', statuses: ['deleted'] },
] as const satisfies ReadonlyArray<{ value: string; label: string; statuses: readonly EnvelopeStatus[] }>;

export type EnvelopeTab = (typeof ENVELOPE_TABS)[number]['value'];

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

/**
 * Whether an envelope's content can still change (src/domain/envelope-status.ts, `isEnvelopeEditable`):
 * draft, ready or failed, and no send awaiting a decision — editing one whose outcome is unknown could
 * leave a second live envelope.
 */
export function isEnvelopeEditable(envelope: { status: EnvelopeStatus; sendDecision: unknown }): boolean {
  return (envelope.status === 'draft' || envelope.status === 'ready' || envelope.status === 'failed') && !envelope.sendDecision;
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
