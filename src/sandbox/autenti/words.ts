import type { FilePurpose, ParticipationStatus, PartyRole, ProcessStatus, StoredParty, StoredProcess } from './model.js';

/**
 * Autenti's codes as a person reads them on the sandbox's pages. The API and the JSON control routes
 * keep the codes (`PROCESSING`, `SOURCE_FILE`…): only what the pages show changes.
 */

/** What a party is asked to do, as the page's "You are … " sentence ends. */
export const ROLE_WORDS: Record<PartyRole, string> = {
  SIGNER: 'asked to sign',
  APPROVER: 'asked to approve',
  VIEWER: 'asked to read',
  REVIEWER: 'asked to review',
};

/** A role as a table's cell shows it. */
export const ROLE_NAMES: Record<PartyRole, string> = { SIGNER: 'Signer', APPROVER: 'Approver', VIEWER: 'Viewer', REVIEWER: 'Reviewer' };

/** The process as a whole. */
export const PROCESS_STATUS_WORDS: Record<ProcessStatus, string> = {
  DRAFT: 'Not sent yet',
  PROCESSING: 'Waiting for signatures',
  COMPLETED: 'Completed: everyone has taken part',
  REJECTED: 'Refused by a participant',
  WITHDRAWN: 'Withdrawn by the sender',
};

const DONE_WORDS: Record<PartyRole, string> = { SIGNER: 'Signed', APPROVER: 'Approved', VIEWER: 'Viewed', REVIEWER: 'Reviewed' };

/** One party's part, as a table's cell shows it ("Signed", "Refused", "Not yet"). */
export function participationWords(role: PartyRole, status: ParticipationStatus): string {
  if (status === 'COMPLETED') return DONE_WORDS[role];
  if (status === 'REJECTED') return 'Refused';
  return 'Not yet';
}

/**
 * Where the process stands for the party reading its signing page: "Waiting for you" while it is
 * their turn, "Waiting for others" while they wait for someone or have done their part.
 */
export function statusForParty(process: StoredProcess, party: StoredParty, yourTurn: boolean): string {
  if (process.status !== 'PROCESSING') return PROCESS_STATUS_WORDS[process.status];
  if (yourTurn) return 'Waiting for you';
  return party.participationStatus === 'PENDING' ? 'Waiting for others before you' : 'Waiting for others';
}

/** What a file is, beside its name. */
export const FILE_PURPOSE_WORDS: Record<FilePurpose, string> = {
  SOURCE_FILE: 'Document to sign',
  PARTIALLY_SIGNED_CONTENT_FILE: 'Signed so far',
  SIGNED_CONTENT_FILE: 'Signed document',
  SIGNATURE_CARD: 'Signature card: who signed and when',
  CONTENT_ARCHIVE: 'All signed files (ZIP)',
};
