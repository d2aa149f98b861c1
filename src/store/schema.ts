import type { Generated } from 'kysely';


/** The database as Kysely sees it. Column names are snake_case; repositories map rows to domain objects. */
export interface Database {
  documents: DocumentsTable;
  envelopes: EnvelopesTable;
  envelope_documents: EnvelopeDocumentsTable;
  participants: ParticipantsTable;
  envelope_events: EnvelopeEventsTable;
  api_keys: ApiKeysTable;
  idempotency_keys: IdempotencyKeysTable;
  settings: SettingsTable;
  connections: ConnectionsTable;
  artifacts: ArtifactsTable;
  envelope_archives: EnvelopeArchivesTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  invitations: InvitationsTable;
  audit_log: AuditLogTable;
  provider_call_slots: ProviderCallSlotsTable;
  events: EventsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_delivery_attempts: WebhookDeliveryAttemptsTable;
  templates: TemplatesTable;
  bulk_sends: BulkSendsTable;
  bulk_send_rows: BulkSendRowsTable;
}

export interface DocumentsTable {
  id: string;
  filename: string;
  media_type: string;
  /** bigint: PostgreSQL returns it as a string, SQLite as a number; repositories convert. */
  size: number | string;
  sha256: string;
  blob_key: string;
  created_at: string;
  /** Pages of a PDF, counted at upload; null for other types and for documents older than the check. */
  page_count: number | null;
  /** JSON array of DocumentWarning. */
  warnings: string;
  /** The PDF rendition of an office document: 'pending' | 'ready' | 'failed' | 'unavailable'; null for a PDF. */
  rendition_status: string | null;
  rendition_blob_key: string | null;
  rendition_size: number | string | null;
  rendition_sha256: string | null;
  rendition_page_count: number | null;
  rendition_error: string | null;
  /** The account that uploaded it; NULL for an installation key (or before people existed, with no owner yet). */
  created_by: string | null;
  /** 'private' | 'shared'; 'private' when not given */
  visibility: string;
}

export interface EnvelopesTable {
  id: string;
  title: string;
  message: string | null;
  language: string | null;
  connection_id: string | null;
  status: string;
  status_reason: string | null;
  expires_at: string | null;
  external_ref: string | null;
  /** JSON text */
  metadata: string | null;
  provider: string | null;
  provider_reference: string | null;
  created_at: string;
  updated_at: string;
  /** JSON text: the provider adapter's resumable-send state (src/providers/provider.ts SendCheckpoint). */
  send_checkpoint: string | null;
  sent_at: string | null;
  completed_at: string | null;
  last_synced_at: string | null;
  /** The account that created it; NULL for an installation key (or before people existed, with no owner yet). */
  created_by: string | null;
  /** 'private' | 'shared'; 'private' when not given */
  visibility: string;
}

export interface EnvelopeDocumentsTable {
  envelope_id: string;
  document_id: string;
  position: number;
}

export interface ParticipantsTable {
  id: string;
  envelope_id: string;
  position: number;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  role: string;
  step: number;
  status: string;
  rejection_reason: string | null;
  signing_url: string | null;
  provider_reference: string | null;
  notified_at: string | null;
  viewed_at: string | null;
  completed_at: string | null;
  rejected_at: string | null;
  created_at: string;
  updated_at: string;
  /** JSON array of Authentication without secret answers; NULL: the email link. */
  authentication: string | null;
  /** Sealed (src/app/secrets.ts, context = participant id); never returned. */
  secret_answer: string | null;
  signature_level: string | null;
  language: string | null;
  /** 'email' | 'embedded' */
  delivery_mode: string;
  return_url: string | null;
  /** JSON array of SignatureField; NULL: none. */
  fields: string | null;
}

export interface EnvelopeEventsTable {
  id: string;
  envelope_id: string;
  type: string;
  source: string;
  participant_id: string | null;
  /** JSON text */
  detail: string | null;
  occurred_at: string;
  /** JSON text `{ kind, name }`: who asked for the change; null for a provider's news or the server's own step. */
  actor: string | null;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** NULL: an installation key (owner-level, belongs to no account). */
  account_id: string | null;
  /** JSON array of scopes; NULL: every scope the role grants (keys made before scopes existed). */
  scopes: string | null;
}

export interface IdempotencyKeysTable {
  principal: string;
  key: string;
  fingerprint: string;
  /** null while the first request with this key is still running */
  status_code: number | null;
  /** The answer, sealed (`v1.…`); plain JSON in rows written before 2026-12-07. */
  response_body: string | null;
  created_at: string;
  /** What the request made (or acted on), written in its action's transaction; null until it commits. */
  resource_id: string | null;
}

export interface SettingsTable {
  name: string;
  value: string;
}


export interface ConnectionsTable {
  id: string;
  provider: string;
  name: string;
  base_url: string;
  credentials: string;
  key_id: string | null;
  public_jwk: string | null;
  private_key: string | null;
  callback_token: string;
  is_default: number;
  health_status: string;
  health_detail: string | null;
  health_checked_at: string | null;
  sync_cursor: string | null;
  callback_subscription_id: string | null;
  callback_subscription_status: string | null;
  callback_subscription_detail: string | null;
  created_at: string;
  updated_at: string;
}

export interface ArtifactsTable {
  id: string;
  envelope_id: string;
  kind: string;
  filename: string;
  media_type: string;
  size: number | string;
  sha256: string;
  blob_key: string;
  document_id: string | null;
  created_at: string;
}

export interface AccountsTable {
  id: string;
  /** lower-case */
  email: string;
  /** `scrypt$N$r$p$salt$hash` */
  password_hash: string;
  role: string;
  created_at: string;
  last_sign_in_at: string | null;
  /** 'invited' (no password yet) | 'active'; 'active' when not given */
  status: string;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the session secret the cookie carries */
  id: string;
  account_id: string;
  /** sealed with the session id as context */
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface SignInAttemptsTable {
  /** lower-case, whether or not an account has it */
  email: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface InvitationsTable {
  id: string;
  account_id: string;
  /** SHA-256 (hex) of the one-time token in the invitation link */
  token_hash: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
}

export interface AuditLogTable {
  id: string;
  occurred_at: string;
  actor_type: string;
  actor_id: string;
  actor_name: string;
  actor_account_id: string | null;
  action: string;
  target_id: string | null;
  target_name: string | null;
  request_id: string | null;
}

/** A provider call holding its place in a budget shared by several instances (PostgreSQL only). */
export interface ProviderCallSlotsTable {
  id: string;
  /** connection id and budget, e.g. "con_…|100/60000" */
  budget_key: string;
  /** the database's clock, milliseconds since 1970 */
  started_at: number;
  answered_at: number | null;
}

/** The events feed (src/store/events.ts): immutable, in `seq` order. */
export interface EventsTable {
  /** The feed's order; given by the database at insert (autoincrement / bigserial). */
  seq: Generated<number>;
  id: string;
  type: string;
  envelope_id: string | null;
  occurred_at: string;
  /** JSON text */
  data: string;
}

/** Webhook endpoints (src/store/webhook-endpoints.ts). */
export interface WebhookEndpointsTable {
  id: string;
  url: string;
  description: string | null;
  /** JSON array of event types; null: every type. */
  event_types: string | null;
  /** 1 or 0 */
  enabled: number;
  /** Sealed whsec_… secret. */
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  failing_since: string | null;
  disabled_reason: string | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One event (or ping) to one endpoint (src/store/webhook-deliveries.ts). */
export interface WebhookDeliveriesTable {
  /** Commit order of the events; given by the database at insert. */
  seq: Generated<number>;
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  envelope_id: string | null;
  lane: string;
  /** The body of a ping (no feed event); null: the event's, read from the feed. */
  payload: string | null;
  /** 'pending' | 'delivered' | 'failed' */
  status: string;
  attempt_count: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: string | null;
  redelivery_of: string | null;
  claimed_by: string | null;
  claimed_until: string | null;
  created_at: string;
}

export interface WebhookDeliveryAttemptsTable {
  delivery_id: string;
  /** 1, 2, … per delivery. */
  number: number;
  attempted_at: string;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  response_snippet: string | null;
}

/** The archive step of a completed envelope (migration 2026-12-04T10-00-envelope-archives). */
export interface EnvelopeArchivesTable {
  envelope_id: string;
  status: string;
  attempt_count: number;
  last_error: string | null;
  next_attempt_at: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface TemplatesTable {
  id: string;
  name: string;
  title: string;
  message: string | null;
  language: string | null;
  expiry_days: number | null;
  /** JSON array of document ids. */
  document_ids: string;
  /** JSON array of TemplateRole (src/domain/templates.ts). */
  roles: string;
  source_envelope_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface BulkSendsTable {
  id: string;
  template_id: string;
  connection_id: string | null;
  /** 'running' | 'completed' */
  status: string;
  row_count: number;
  created_by: string | null;
  visibility: string;
  /** JSON text `{ source, kind?, name? }`: who asked for it. */
  actor: string | null;
  created_at: string;
  updated_at: string;
}

export interface BulkSendRowsTable {
  bulk_send_id: string;
  row_number: number;
  /** JSON object of the row's cells, secret answers left out. */
  cells: string;
  /** Sealed JSON object of the secret answers; NULL: none. */
  sealed_secrets: string | null;
  /** 'pending' | 'created' | 'sent' | 'failed' */
  status: string;
  envelope_id: string | null;
  detail: string | null;
  /** JSON array of FieldError. */
  errors: string | null;
  updated_at: string;
}
