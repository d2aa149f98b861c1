import { defineCapabilities } from '../capabilities.js';

/**
 * What Connective can do through this adapter.
 * - `fileKinds` pdf (U12); `languages`: the `DocumentLanguage` / stakeholder `Language` values
 *   Connective's portal offers; one language per package, so no `participantLanguage`.
 * - `roles`: actor `Type` Signer, Approver, Receiver (a receiver gets the signed documents when the
 *   package finishes).
 * - `signatureLevels` basic (U13); `authenticationMethods` email-link and sms (`SigningType` `SmsOtp`
 *   with the actor's `Phonenumber`). eID signing waits for documented `SigningType` values.
 * - `signatureFields` box (`PageNumber`/`Left`/`Top`/`Width`/`Height`) and anchor (`MarkerOrFieldId`,
 *   placed at the text's first occurrence, so no `anchorAdjustments`); `fieldTypes` signature.
 * - `repeatedParticipants`: one stakeholder per person, one actor per role (mapping.ts `stakeholderGroups`).
 * - `embeddedSigning`: the actor's `ActionUrl`, with `SendNotifications: false` and `RedirectURL` =
 *   the participant's return URL.
 * - `auditProof` xml; `callbacks` (`CallBackUrl` per package); `deltaListing` (Package List);
 *   `rateLimit` 100 calls / 60 s per connection (seed 001 "Throttling Limits").
 */
export const CONNECTIVE_CAPABILITIES = defineCapabilities({
  fileKinds: ['pdf'],
  languages: ['en', 'nl', 'de', 'fr', 'es', 'da', 'fi', 'lv', 'nb', 'pl', 'sv'],
  roles: ['signer', 'approver', 'receiver'],
  signatureLevels: ['basic'],
  authenticationMethods: ['email-link', 'sms'],
  signatureFields: ['box', 'anchor'],
  fieldTypes: ['signature'],
  repeatedParticipants: true,
  parallelSteps: true,
  expiry: true,
  reminders: 'all-pending',
  withdraw: true,
  expiryChange: true,
  skipPending: true,
  deletion: true,
  embeddedSigning: true,
  auditProof: 'xml',
  callbacks: true,
  deltaListing: true,
  rateLimit: { calls: 100, perMs: 60_000 },
});
