import type { ParseKeys } from 'i18next';
import { currentLocale, i18n, wordsByValue } from './i18n';
import type { EnvelopeStatus, ParticipantRole, ParticipantStatus, ProviderEntry } from './types';

/**
 * A label read in the current language each time it is read: the lookup tables below keep their
 * shape (`ENVELOPE_STATUS_LOOK.sent.label`) while their words follow the language switch.
 */
function look(key: ParseKeys<'common'>, color: string): { readonly label: string; color: string } {
  return {
    get label() {
      return i18n.t(key);
    },
    color,
  };
}

/**
 * The one place statuses become words and colours, so a badge reads the same on every page (and
 * the words match the guide: Draft, Ready, Sending, Sent, Completed, Declined…).
 */
export const ENVELOPE_STATUS_LOOK: Record<EnvelopeStatus, { readonly label: string; color: string }> = {
  draft: look('status.envelope.draft', 'gray'),
  ready: look('status.envelope.ready', 'blue'),
  sending: look('status.envelope.sending', 'cyan'),
  sent: look('status.envelope.sent', 'indigo'),
  completed: look('status.envelope.completed', 'green'),
  // A participant declined: the envelope reads so too, as people say it (the API keeps `rejected`).
  rejected: look('status.envelope.rejected', 'red'),
  withdrawn: look('status.envelope.withdrawn', 'orange'),
  expired: look('status.envelope.expired', 'yellow'),
  failed: look('status.envelope.failed', 'red'),
  // Gray, not "dark": Mantine's dark colour is unreadable on the dark scheme's cards.
  deleted: look('status.envelope.deleted', 'gray'),
};

/**
 * A participant's status as the API names it, in words of its own: what the word by role and
 * envelope ({@link participantStatusWords}) falls back to.
 */
export const PARTICIPANT_STATUS_LOOK: Record<ParticipantStatus, { readonly label: string; color: string }> = {
  pending: look('status.participant.pending', 'gray'),
  waiting: look('status.participant.waiting', 'gray'),
  notified: look('status.participant.notified', 'blue'),
  viewed: look('status.participant.viewed', 'cyan'),
  completed: look('status.participant.completed', 'green'),
  rejected: look('status.participant.rejected', 'red'),
  skipped: look('status.participant.skipped', 'gray'),
};

/** What a participant's role asks of them, done: a signer signed, an approver approved… */
const DONE_BY_ROLE = wordsByValue<ParticipantRole>(['signer', 'approver', 'viewer', 'receiver'], (role) => `status.done.${role}`);

/** The envelope statuses after which nobody acts any more, and the word for those who had not acted. */
const ENDED_FOR_THE_OPEN: Partial<Record<EnvelopeStatus, string>> = wordsByValue(['withdrawn', 'expired'], (status) => `status.envelope.${status}`);

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
  if (status === 'completed') return { label: DONE_BY_ROLE[participant.role as ParticipantRole] ?? i18n.t('status.participant.completed'), color: 'green' };
  if (participant.role === 'receiver' && (status === 'waiting' || status === 'notified' || status === 'viewed')) return { label: i18n.t('status.receiverWaiting'), color: 'gray' };
  if (status === 'waiting') return { label: i18n.t('status.notYetInvitedAtStep', { step: participant.step }), color: 'gray' };
  return participantStatusLook(status);
}

/** The roles that act, counted in "1 of 2 signed" by their verb (progress.<role>.done / .todo). */
const ACTING_ROLES: ReadonlySet<string> = new Set<ParticipantRole>(['signer', 'approver', 'viewer']);

/**
 * An envelope's progress in one line for the list: "1 of 2 signed — waiting on Anna". Signers sign
 * and approvers approve (viewers view); receivers act on nothing and are not counted. Before it is
 * sent: what it will ask ("2 to sign"); after a refusal: who declined.
 */
export function envelopeProgress(envelope: { status: string; participants: ReadonlyArray<{ role: string; status: string; firstName: string; lastName: string }> }): string {
  const acting = envelope.participants.filter((participant) => ACTING_ROLES.has(participant.role));
  if (acting.length === 0) return i18n.t(envelope.participants.length === 0 ? 'progress.nobodyYet' : 'progress.nobodyToSign');
  const roles = [...new Set(acting.map((participant) => participant.role as ParticipantRole))];
  const notSent = envelope.status === 'draft' || envelope.status === 'ready' || envelope.status === 'sending' || envelope.status === 'failed';
  const counts = roles.map((role) => {
    const ofRole = acting.filter((participant) => participant.role === role);
    const acts = role as 'signer' | 'approver' | 'viewer';
    if (notSent) return i18n.t(`progress.${acts}.todo`, { total: ofRole.length });
    return i18n.t(`progress.${acts}.done`, { done: ofRole.filter((participant) => participant.status === 'completed').length, total: ofRole.length });
  });
  const summary = new Intl.ListFormat(currentLocale(), { type: 'unit' }).format(counts);
  const declined = acting.filter((participant) => participant.status === 'rejected');
  if (declined.length > 0) return i18n.t('progress.declinedBy', { summary, names: namesOf(declined) });
  if (envelope.status !== 'sent') return summary;
  const due = acting.filter((participant) => participant.status === 'notified' || participant.status === 'viewed');
  return due.length > 0 ? i18n.t('progress.waitingOn', { summary, names: namesOf(due) }) : summary;
}

/** "Anna", "Anna and Bert", "Anna, Bert and 2 others": first names, as people say it. */
function namesOf(people: ReadonlyArray<{ firstName: string; lastName: string }>): string {
  const names = people.map((person) => person.firstName || person.lastName);
  // The app's English writes "A, B and C", without the serial comma of Intl's American English.
  const list = new Intl.ListFormat(currentLocale() === 'en' ? 'en-GB' : currentLocale(), { type: 'conjunction' });
  if (names.length <= 3) return list.format(names);
  return list.format([...names.slice(0, 2), i18n.t('progress.others', { count: names.length - 2 })]);
}

/**
 * The envelope list's tabs: the domain's statuses as people sort their work — being prepared, out for
 * signature, and each way it can end. "All" has no statuses: everything. Each label is a getter, read in
 * the current language when read (a spread would copy today's word).
 */
export const ENVELOPE_TABS = [
  { value: 'all', get label() { return i18n.t('tabs.all'); }, statuses: [] },
  { value: 'drafts', get label() { return i18n.t('tabs.drafts'); }, statuses: ['draft', 'ready'] },
  { value: 'in-progress', get label() { return i18n.t('tabs.inProgress'); }, statuses: ['sending', 'sent'] },
  { value: 'completed', get label() { return i18n.t('tabs.completed'); }, statuses: ['completed'] },
  { value: 'rejected', get label() { return i18n.t('tabs.rejected'); }, statuses: ['rejected'] },
  { value: 'withdrawn', get label() { return i18n.t('tabs.withdrawn'); }, statuses: ['withdrawn'] },
  { value: 'expired', get label() { return i18n.t('tabs.expired'); }, statuses: ['expired'] },
  { value: 'failed', get label() { return i18n.t('tabs.failed'); }, statuses: ['failed'] },
  { value: 'deleted', get label() { return i18n.t('tabs.deleted'); }, statuses: ['deleted'] },
] as const satisfies ReadonlyArray<{ value: string; label: string; statuses: readonly EnvelopeStatus[] }>;

export type EnvelopeTab = (typeof ENVELOPE_TABS)[number]['value'];

export const ROLE_LABELS = wordsByValue<ParticipantRole>(['signer', 'approver', 'viewer', 'receiver'], (role) => `roles.${role}`);

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
      return i18n.t('reasons.send.draft');
    case 'sending':
      return i18n.t('reasons.send.sending');
    case 'sent':
      return i18n.t('reasons.send.sent');
    default:
      return i18n.t('reasons.send.over', { status });
  }
}

/** Actions on an envelope its provider has, as the server's job routes name them. */
export type ProviderAction = 'remind' | 'withdraw' | 'extend-expiry' | 'skip-pending' | 'delete';

/** The actions' names in the catalog's reasons (`reasons.sentOnly.*`). */
const ACTION_KEYS = { remind: 'remind', withdraw: 'withdraw', 'extend-expiry': 'extendExpiry', 'skip-pending': 'skipPending' } as const;

export function sentOnlyReason(status: EnvelopeStatus, action: Exclude<ProviderAction, 'delete'>): string | null {
  const key = ACTION_KEYS[action];
  if (status === 'sent') return null;
  if (status === 'sending') return i18n.t(`reasons.sentOnly.${key}.sending`);
  if (status === 'draft' || status === 'ready' || status === 'failed') return i18n.t(`reasons.sentOnly.${key}.notSent`);
  return i18n.t('reasons.over', { status });
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
      return capabilities.reminders === 'none' ? i18n.t('reasons.provider.noReminders', { name }) : null;
    case 'withdraw':
      return capabilities.withdraw === false ? i18n.t('reasons.provider.noWithdraw', { name }) : null;
    case 'extend-expiry':
      if (capabilities.expiryChange !== false) return null;
      return i18n.t(capabilities.expiry === false ? 'reasons.provider.noExpiry' : 'reasons.provider.noExpiryChange', { name });
    case 'skip-pending':
      return capabilities.skipPending === false ? i18n.t('reasons.provider.noSkipPending', { name }) : null;
    case 'delete':
      return capabilities.deletion === false ? i18n.t('reasons.provider.noDeletion', { name }) : null;
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
  if (status === 'sending') return i18n.t('reasons.delete.sending');
  if (status === 'deleted') return i18n.t('reasons.delete.deleted');
  return deletesAtProvider(status) ? capabilityBlockedReason(provider, 'delete') : null;
}

export function syncBlockedReason(status: EnvelopeStatus, providerReference: string | null): string | null {
  if (providerReference) return null;
  if (status === 'sending') return i18n.t('reasons.sync.sending');
  return i18n.t('reasons.sync.notSent');
}
