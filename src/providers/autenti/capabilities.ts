import { defineCapabilities } from '../capabilities.js';

/**
 * What Autenti can do through this adapter.
 * - `fileKinds`: the seven of the connector guide (seed 000 §4.3 note).
 * - `roles`: signer, approver, viewer, and receiver sent as VIEWER (mapping.ts `AUTENTI_ROLE`).
 * - `signatureLevels`: BASIC and QUALIFIED appear in seed 003 "Constraints"; ADVANCED is sent as
 *   `SIGNATURE_PROVIDER-SIGNATURE_TYPE:ADVANCED`, the same pattern.
 * - `authenticationMethods`: the email link, and an SMS code before viewing (the
 *   `DOCUMENT_ACCESS_OTP_AUTHORIZATION` + `PHONE_NUMBER` constraints of seed 003 "Constraints"). No
 *   voice call, secret question or eID appears in the seed.
 * - no `participantLanguage`: `processLanguage` is one per process; no `embeddedSigning`:
 *   participants are invited by email only.
 * - `signatureFields: ['box']`, `fieldTypes: ['signature']`: a signature box becomes a party's
 *   `VISUALISATION` constraint (mapping.ts `visualisationConstraints`; the wire contract in
 *   docs/providers.md). Anchors and other field types have no Autenti shape in either document.
 * - `expiry: false`: seed 003 has no expiry field on a process.
 * - `auditProof: 'none'`: seed 003 names no audit file.
 * - `callbacks: true`: seed 003 promises "an asynchronous callback channel" with the generic event
 *   shape; Autenti configures the callback URL per client application (notification management is
 *   reserved to the bootstrap client), so `SendRequest.callbackUrl` is not sent per process.
 * - `reminders: 'selected'`: DOCUMENT_REMINDER_PARTY_SELECTION takes chosen parties (mode multi).
 * - `deletion: false`: seed 003 offers withdrawing a process, never deleting it; `delete` is absent.
 */
export const AUTENTI_CAPABILITIES = defineCapabilities({
  fileKinds: ['pdf', 'doc', 'docx', 'odt', 'ods', 'xls', 'xlsx'],
  roles: ['signer', 'approver', 'viewer', 'receiver'],
  signatureLevels: ['basic', 'advanced', 'qualified'],
  authenticationMethods: ['email-link', 'sms'],
  signatureFields: ['box'],
  fieldTypes: ['signature'],
  parallelSteps: true,
  expiry: false,
  reminders: 'selected',
  withdraw: true,
  expiryChange: false,
  skipPending: false,
  deletion: false,
  auditProof: 'none',
  callbacks: true,
  deltaListing: true,
});
