/**
 * The shapes the REST API returns, under the names the web app's components use. They come from
 * src/api-client/: generated from the server's OpenAPI document (`npm run generate:api`), and for the
 * sync-all job's payload, which the document leaves open, the job's own declaration. Nothing here is
 * written by hand except the value lists below, which the compiler holds to the generated types.
 */
import type { EnvelopeStatus, ParticipantRole } from '../../src/api-client/types';

export type {
  ApiKey,
  AuthenticationMethod,
  Artifact,
  AuditEntry,
  Connection,
  ConnectionHealth,
  CreatedApiKey,
  CredentialField,
  DocumentRecord,
  Envelope,
  EnvelopeArchive,
  EnvelopeDocument,
  EnvelopeEvent,
  EnvelopeStatus,
  EnvelopeSummary,
  EventType,
  FieldPlacement,
  FieldType,
  InvitedUser,
  Job,
  Page,
  Participant,
  ParticipantAuthentication,
  ParticipantDelivery,
  ParticipantPatch,
  ParticipantRole,
  ParticipantStatus,
  ProviderCapabilities,
  ProviderEntry,
  Role,
  Scope,
  SessionState,
  SignatureField,
  SignatureLevel,
  SyncProgress,
  User,
  VerifyResult,
  WebhookDelivery,
  WebhookDeliveryAttempt,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  Template,
  TemplateRole,
  FillTemplate,
  BulkSend,
  BulkSendRow,
} from '../../src/api-client/types';

/** Every envelope status, in the order the status filter lists them. */
export const ENVELOPE_STATUSES = ['draft', 'ready', 'sending', 'sent', 'completed', 'rejected', 'withdrawn', 'expired', 'failed', 'deleted'] as const;
export const PARTICIPANT_ROLES = ['signer', 'approver', 'viewer', 'receiver'] as const;

// A status or role added to (or removed from) the API fails to compile here until the list follows.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const statusesMatchApi: Same<(typeof ENVELOPE_STATUSES)[number], EnvelopeStatus> = true;
const rolesMatchApi: Same<(typeof PARTICIPANT_ROLES)[number], ParticipantRole> = true;
void statusesMatchApi;
void rolesMatchApi;
