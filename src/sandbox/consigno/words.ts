import type { ActionStatus, SignerType, WorkflowStatus } from './model.js';

/**
 * ConsignO Cloud's codes as a person reads them on the sandbox's signing page. The API and the control
 * routes keep the codes (status `1`, `IN_PROGRESS`, `esig`…): only what the page shows changes.
 */

/** What the signer is asked to do, as the page's "You are … " sentence ends. */
export const SIGNER_TYPE_WORDS: Record<SignerType, string> = {
  esig: 'asked to sign electronically',
  certifio: 'asked to sign with a CertifiO digital certificate',
  certifiocloud: 'asked to sign with a CertifiO Cloud digital certificate',
  approver: 'asked to approve',
  freezone: 'asked to fill in the document',
};

/** The workflow as a whole. */
export const WORKFLOW_STATUS_WORDS: Record<WorkflowStatus, string> = {
  0: 'Not sent yet',
  1: 'Waiting for signatures',
  2: 'Completed: everyone has signed',
  3: 'Expired',
  5: 'Declined by a signer',
  6: 'Deleted by the sender',
};

/** The reader's own part. */
export function actionStatusWords(type: SignerType, status: ActionStatus): string {
  switch (status) {
    case 'NOT_STARTED':
      return 'Waiting for others before you';
    case 'STARTED':
    case 'IN_PROGRESS':
      return 'Waiting for you';
    case 'COMPLETED':
      return type === 'approver' ? 'You approved' : 'You signed';
    case 'DECLINED':
      return 'You declined';
  }
}
