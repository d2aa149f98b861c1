import { defineCapabilities } from '../capabilities.js';

/**
 * What ConsignO Cloud can do through this adapter.
 * - `fileKinds` pdf (`POST /documents` takes PDF only; office documents go as their PDF rendition);
 *   `languages` en, fr, per signer (`signer.lang`).
 * - `roles`: signer (`esig`), approver (`approver`), receiver (a `notifications` contact, who gets the
 *   final documents link).
 * - `authenticationMethods`: `amr` `link` always, plus `sms`, `call` (with the phone) or `secret`
 *   (question and answer).
 * - `signatureFields` box (`fields`) and anchor (`anchors`, with a `page` and `xOffset`/`yOffset`:
 *   `anchorAdjustments`); `fieldTypes` signature.
 * - `parallelSteps` (same `step`); `expiry` (`expiresOn`); `withdraw` is `DELETE`, the only
 *   cancellation (`withdrawDeletes`); `deletion` the same call.
 * - `embeddedSigning` (`mode` embedded with `returnUrl`; the action's `signingUrl`); `auditProof` pdf
 *   (the audit trail); `callbacks` (`webhooks` per workflow). No listing, reminders, expiry change or skip.
 */
export const CONSIGNO_CAPABILITIES = defineCapabilities({
  fileKinds: ['pdf'],
  languages: ['en', 'fr'],
  participantLanguage: true,
  roles: ['signer', 'approver', 'receiver'],
  authenticationMethods: ['email-link', 'sms', 'call', 'secret'],
  signatureFields: ['box', 'anchor'],
  fieldTypes: ['signature'],
  anchorAdjustments: true,
  parallelSteps: true,
  expiry: true,
  withdraw: true,
  withdrawDeletes: true,
  deletion: true,
  embeddedSigning: true,
  auditProof: 'pdf',
  callbacks: true,
  deltaListing: false,
  reminders: 'none',
  rateLimit: null,
});
