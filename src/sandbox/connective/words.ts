import type { ActorStatus, ActorType, PackageStatus } from './model.js';

/**
 * Connective's codes as a person reads them on the sandbox's signing page. The API and the control
 * routes keep the codes (`Pending`, `Available`…): only what the page shows changes.
 */

/** What the actor is asked to do, as the page's "You are … " sentence ends. */
export const ACTOR_TYPE_WORDS: Record<ActorType, string> = {
  Signer: 'asked to sign',
  Approver: 'asked to approve',
  Receiver: 'receiving a copy',
};

/** The package as a whole. */
export const PACKAGE_STATUS_WORDS: Record<PackageStatus, string> = {
  Draft: 'Not sent yet',
  Pending: 'Waiting for signatures',
  Finished: 'Completed: everyone has signed',
  Rejected: 'Rejected by a participant',
  Revoked: 'Withdrawn by the sender',
  Expired: 'Expired',
  Failed: 'Failed',
};

/** The reader's own part. */
export function actorStatusWords(type: ActorType, status: ActorStatus): string {
  switch (status) {
    case 'Draft':
      return 'Not sent yet';
    case 'Waiting':
      return 'Waiting for others before you';
    case 'Available':
      return 'Waiting for you';
    case 'Finished':
      return type === 'Approver' ? 'You approved' : type === 'Receiver' ? 'Received' : 'You signed';
    case 'Rejected':
      return 'You rejected';
    case 'Skipped':
      return 'Skipped: not needed any more';
    case 'Failed':
      return 'Failed';
  }
}
