import type { Readable } from 'node:stream';
import type { Delivery, SignatureField } from '../domain/participant-options.js';
import type { ParticipantRole } from '../domain/participant-status.js';
import type { Capabilities, SignatureLevel } from './capabilities.js';
import type { ProviderId } from './ids.js';
import type { ProviderReference, ProviderSnapshot } from './snapshot.js';

/**
 * The provider adapter contract, version 1 (DESIGN.md, "The provider adapter contract"). One adapter
 * per provider implements `SignatureProvider`; the app talks to nothing else. A breaking change adds
 * `SignatureProviderV2` beside this one instead of editing it.
 *
 * Seeds cited below live in ../shared/seeds/: 003_65ac229481647f64.txt (Autenti API v2),
 * 001_92e506d962edbcf9.txt (Connective eSignatures API v3), 002_960818126d3d8d2d.txt (ConsignO Cloud).
 * docs/providers.md has the full mapping table and the readings chosen where a seed is unclear.
 *
 * Values (`defineCapabilities`, `requireCapability`, `ProviderError`) live in capabilities.ts and
 * errors.ts; ids live in ids.ts. Neither imports this file, so there is no module cycle, not even of
 * types; the request check that needs `SendRequest` lives in send-check.ts.
 */

export type { Capabilities, Feature, FileKind, AuditProofKind, SignatureLevel, FieldKind, AuthenticationMethod, FieldType } from './capabilities.js';
export type { Delivery, SignatureField, BoxField, AnchorField } from '../domain/participant-options.js';
export type {
  ProviderReference,
  ProviderSnapshot,
  ParticipantSnapshot,
  ParticipantMatch,
  StatusPair,
  ProviderEnvelopeStatus,
  ProviderParticipantStatus,
} from './snapshot.js';
export type { ProviderErrorKind } from './errors.js';

export { PROVIDER_IDS, PROVIDER_NAMES, isProviderId, type ProviderId } from './ids.js';

// ---------------------------------------------------------------------------------------------
// Input to send

/** A document to send. The bytes are streamed from the blob store, never held whole in memory. */
export type SendDocument = {
  /** Countersign's document id; adapters echo it where the provider keeps one (Connective `ExternalDocumentReference`). */
  readonly id: string;
  readonly filename: string;
  /** Detected from content at upload (see `fileKindOf` for how it maps to a `FileKind`). */
  readonly mediaType: string;
  readonly size: number;
  /** Hex SHA-256 of the bytes. */
  readonly sha256: string;
  /** A fresh stream of the bytes on every call, so a retried upload starts from byte 0. */
  open(): Promise<Readable>;
};

/**
 * How a participant proves who they are, as the adapter needs it (the secret's answer in clear; the
 * app opens it from its sealed form only to send). Seeds: Autenti OTP constraints (003 "Constraints"),
 * Connective `AuthenticationMethods`/`SigningType`, ConsignO AMR (`sms`, `call`, `secret`).
 */
export type ParticipantAuthentication =
  | { readonly method: 'email-link' | 'sms' | 'call' }
  | { readonly method: 'secret'; readonly question: string; readonly answer: string }
  | { readonly method: 'eid'; readonly scheme: string };

export type SendParticipant = {
  /** Countersign's participant id; Connective echoes it back as `ExternalStakeholderReference`. */
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  /** E.164 without spaces, e.g. `+48722722722`. */
  readonly phone: string | null;
  readonly role: ParticipantRole;
  /** Same step = in parallel; ascending order. Autenti `PARTICIPATION_PRIORITY`, Connective `OrderIndex`, ConsignO `step`. */
  readonly step: number;
  /** `null`: the provider's default (Autenti: `SIGNATURE_TYPE` BASIC for signers). */
  readonly signatureLevel: SignatureLevel | null;
  /** Never empty; `[{ method: 'email-link' }]` when the participant asked for nothing. Checked against `capabilities.authenticationMethods`. */
  readonly authentication: readonly ParticipantAuthentication[];
  /** ISO 639-1; `null`: the envelope's language. Only when `capabilities.participantLanguage`. */
  readonly language: string | null;
  /** `embedded` only when `capabilities.embeddedSigning`. */
  readonly delivery: Delivery;
  /**
   * Where the participant signs (boxes in PDF points from the top-left, or text anchors), checked
   * against `capabilities.signatureFields` and `fieldTypes`. Empty: providers that need a zone use a
   * documented default (ConsignO: 165×37 units, seed 002 "Signature Zones").
   */
  readonly fields: readonly SignatureField[];
};

/** A provider-neutral envelope, ready to send. The app builds it from the stored envelope. */
export type SendRequest = {
  /** Countersign's envelope id; adapters echo it where the provider keeps one (Connective `ExternalPackageReference`, Autenti's draft title) so a resumed send finds the draft it created (`SendCheckpoint`, rule 4). */
  readonly envelopeId: string;
  readonly title: string;
  readonly message: string | null;
  /** ISO 639-1, e.g. `en`. */
  readonly language: string | null;
  /** ISO 8601 instant. */
  readonly expiresAt: string | null;
  /** The host application's reference, for people reading the provider's portal. */
  readonly externalRef: string | null;
  /** Where the provider should call back for this envelope (app-built, carries its own secret). Ignored unless `capabilities.callbacks`. */
  readonly callbackUrl: string | null;
  /** In the envelope's order. */
  readonly documents: readonly SendDocument[];
  readonly participants: readonly SendParticipant[];
};

// ---------------------------------------------------------------------------------------------
// Resumable send

/** Provider-specific JSON an adapter keeps between attempts. Declare it with `type`, not `interface`, so it fits. */
export type CheckpointState = Record<string, unknown>;

/**
 * Progress of one send, persisted by the app between attempts (a crash, a timeout, a retried job).
 *
 * Rules every adapter follows, so that a send never creates or sends twice:
 * 1. Read `state` once, keep a working copy, and skip every step it records as done.
 * 2. After each provider step that created something, `await save(copy)` before the next step.
 * 3. Before an irreversible call whose outcome can be lost (the final send), save an intent
 *    (e.g. `{ sending: true }`); on resume with that intent, ask the provider whether it happened
 *    before repeating it.
 * 4. The create that starts the envelope at the provider is such a call: a crash between its answer
 *    and the `save` of the id would leave a draft nobody sends, and the resume would create another.
 *    So save an intent first (with the instant, to bound the search), label the draft with
 *    `envelopeId` where the provider keeps one, and on resume with the intent and no id, look for a
 *    draft so labelled, created since a little before the intent, and adopt it (saving its id)
 *    instead of creating again. Found none: create, without saving the intent again. A provider with
 *    no way to list drafts needs its own rule (ConsignO: docs/providers.md, "send").
 */
export type SendCheckpoint<State extends CheckpointState = CheckpointState> = {
  /** What earlier attempts saved; `{}` on the first attempt. */
  readonly state: Partial<State>;
  /** Persists the whole state durably; resolves only when a crash can no longer lose it. */
  save(state: Partial<State>): Promise<void>;
};

/**
 * Rule 4 of {@link SendCheckpoint}, for an adapter whose drafts can be listed: the id of the draft
 * this send works on. On a resume with the create intent (`state.creatingAt`) it is the draft `find`
 * recognises as this envelope's, if any; otherwise the intent is saved (once) and `create` makes one.
 * The caller saves the id it gets, adopted or created, before its next step.
 */
export async function createOrAdopt(
  state: { creatingAt?: string },
  steps: { find(since: string): Promise<string | undefined>; create(): Promise<string>; save(): Promise<void>; now(): Date },
): Promise<string> {
  if (state.creatingAt !== undefined) {
    const adopted = await steps.find(state.creatingAt);
    if (adopted !== undefined) return adopted;
  } else {
    state.creatingAt = steps.now().toISOString();
    await steps.save();
  }
  return steps.create();
}

/** An in-memory checkpoint for tests and the conformance suite; `saves` lists every saved state in order. */
export function createMemoryCheckpoint<State extends CheckpointState = CheckpointState>(
  initial: Partial<State> = {},
): SendCheckpoint<State> & { readonly saves: ReadonlyArray<Partial<State>> } {
  const saves: Array<Partial<State>> = [];
  let state = structuredClone(initial);
  return {
    get state() {
      return state;
    },
    saves,
    async save(next) {
      state = structuredClone(next);
      saves.push(state);
    },
  };
}

/** Links from Countersign participants to the provider's, learned while sending. */
export type SendResult = {
  readonly reference: ProviderReference;
  readonly participants: ReadonlyArray<{ participantId: string; providerReference?: string; signingUrl?: string }>;
};

// ---------------------------------------------------------------------------------------------
// Sync, artifacts, callbacks

export type ChangesQuery = {
  /**
   * The creation instant of the oldest envelope still open on this connection. Providers that cannot
   * list by modification (Connective lists by creation) use it to bound the listing.
   */
  readonly openSince?: string;
};

export type ChangesPage = {
  readonly snapshots: readonly ProviderSnapshot[];
  /** Where the next call continues; store it. `null`: start a fresh pass next time. */
  readonly nextCursor: string | null;
  /** Whether more pages are available now; the app keeps calling while true. */
  readonly hasMore: boolean;
};

export type ArtifactKind = 'signed' | 'audit';

/** One downloadable file. Nothing is fetched until `open()`. */
export type ProviderFile = {
  readonly filename: string;
  readonly mediaType: string;
  /** The Countersign document this file is the signed version of, when the provider says (Connective `ExternalDocumentReference`). */
  readonly documentId?: string;
  /** A fresh download on every call. */
  open(): Promise<Readable>;
};

/** An inbound HTTP request from a provider, as the API received it. */
export type CallbackRequest = {
  readonly method: string;
  /** Path and query, e.g. `/api/v1/callbacks/con_…?packageId=…`. */
  readonly url: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The raw body text (`''` when none), kept raw so a signature over it can be checked. */
  readonly body: string;
};

/** Which envelope a callback concerns: by the provider's id, or by ours when the provider echoes it back. */
export type CallbackTarget = { readonly reference: ProviderReference } | { readonly envelopeId: string };

export type VerifyResult = {
  /** Who the credentials act as, for the admin to confirm (an account email, a tenant). */
  readonly account?: string;
};

// ---------------------------------------------------------------------------------------------
// The contract

/**
 * Options every provider call takes. `signal` aborts the call's HTTP requests (and waits for the
 * rate limiter or a retry): the job queue passes its `JobContext.signal`, so a stopping worker or a
 * lost lease never leaves a provider call running. An aborted call rejects with the signal's reason.
 */
export type CallOptions = { readonly signal?: AbortSignal };

/**
 * One provider account, as an adapter. Every method throws `ProviderError` (errors.ts) and nothing
 * else for provider trouble; a method whose capability is false throws its `unsupported` kind.
 */
export type SignatureProvider<State extends CheckpointState = CheckpointState> = {
  readonly contractVersion: 1;
  readonly id: ProviderId;
  /** What this provider can do; the app asks these, never `id` (STYLE point 2). Built with `defineCapabilities`. */
  readonly capabilities: Capabilities;

  /**
   * Checks the credentials and that the provider answers; the error names what is wrong.
   * - Autenti: token from `POST /auth/token` for the connection's client, then
   *   `GET /document-processes?limit=1` (003 "API user authentication…", "Querying existing documents").
   * - Connective: `Package List` with `MaxQuantity` 1 using the API username and password (001 "Creating a connection").
   * - ConsignO: `POST /auth/login` (username, password; "login as" with the platform's client id and secret), then `HEAD /auth` (002 "/auth").
   */
  verify(options?: CallOptions): Promise<VerifyResult>;

  /**
   * Creates the envelope at the provider and sends it, resuming from `checkpoint` (see `SendCheckpoint`).
   * - Autenti: `POST /document-processes` → `PUT` title, description, `processLanguage`, parties with
   *   role, `PARTICIPATION_PRIORITY` = step, `SIGNATURE_TYPE`, OTP + `PHONE_NUMBER` constraints → files
   *   `POST …/files` (multipart; with signature boxes the files go first and the PUT after, its
   *   `VISUALISATION` constraints naming the file ids) → `POST …/actions` answering the `ACTION_SELECTION` challenge with
   *   `DOCUMENT_SENT` in `X-ASSERTION`. Any other challenge: `unsupported` (003 "Creating & sending…", "Sending a document").
   * - Connective: Create Package (`ExpiryTimestamp`, `CallBackUrl`, `ExternalPackageReference`) → Add
   *   document to package (base64, streamed) → Set Process Information (actors with `OrderIndex` = step)
   *   → Set Package Status `Pending` (001 "Actions").
   * - ConsignO: `POST /auth/login` → `POST /documents` per PDF (multipart) → `POST /workflows` with documents,
   *   zones, actions (`mode`, signer, `amr`, `step`), notifications and the callback URL as a webhook, created
   *   and launched in one call (002 "/documents", "/workflows"; resume rule in consigno/send.ts).
   */
  send(request: SendRequest, checkpoint: SendCheckpoint<State>, options?: CallOptions): Promise<SendResult>;

  /**
   * The envelope's current state, always a `full` snapshot.
   * - Autenti: `GET /document-processes/{id}`: `status`, parties' `participationStatus`, `participationEvents` (003 "Querying existing documents")
   *   or, as the live service names them, `events` (both read; docs/providers.md "Autenti: live service versus seed 003 — the adapter").
   * - Connective: Get Package Status: `PackageStatus`, `Stakeholders[].Actors[]` with `ActorStatus`,
   *   `CompletedTimestamp`, `Reason`, `ActionUrl` (001 "Definitions").
   * - ConsignO: `GET /workflows/{id}` (002 "/workflows").
   */
  fetch(reference: ProviderReference, options?: CallOptions): Promise<ProviderSnapshot>;

  /**
   * What changed since `cursor` (`null`: from the beginning), one provider call per page. Present only
   * when `capabilities.deltaListing`.
   * - Autenti: `GET /document-processes?modifiedAfter=…&offset=…` with `Accept: application/stream+json`;
   *   `full` snapshots; cursor = last `modifiedAt` seen (003 "Querying existing documents").
   * - Connective: Package List with `ContinuationToken` and `createdAfterDate` = `query.openSince`;
   *   `summary` snapshots, fetched in full only when their status changed (001 "Package List").
   * - ConsignO: absent; the seed has no listing (002).
   */
  changesSince?(cursor: string | null, query?: ChangesQuery, options?: CallOptions): Promise<ChangesPage>;

  /**
   * Cancels a sent envelope so nobody can act on it any more.
   * - Autenti: `DOCUMENT_WITHDRAWAL` action through the action-selection challenge (003 "Withdrawing a document…").
   * - Connective: Set Package Status `Revoked` (001 "Set Package Status").
   * - ConsignO: `DELETE /workflows/{id}`, the only cancellation the seed offers (002 "/workflows").
   */
  withdraw(reference: ProviderReference, options?: CallOptions): Promise<void>;

  /**
   * Sends a reminder to participants who have not acted. `participants` (provider references from a
   * snapshot) narrows it where `capabilities.reminders` is `selected`; otherwise it must be omitted.
   * - Autenti: `DOCUMENT_REMINDER_SENT` action, then `DOCUMENT_REMINDER_PARTY_SELECTION` (mode multi) with the party ids (003 "Reminding…").
   * - Connective: Send Package Reminders, to everybody who has not signed (001).
   * - ConsignO: unsupported (not in seed 002).
   */
  remind(reference: ProviderReference, options?: CallOptions & { participants?: readonly string[] }): Promise<void>;

  /**
   * Moves the expiry of a sent envelope to `expiresAt` (ISO 8601).
   * - Connective: Package Expiry Extension / "Expiry Time Stamp" with `ExpiryTimestamp` (001).
   * - Autenti, ConsignO: unsupported (no such call in seeds 003, 002).
   */
  extendExpiry(reference: ProviderReference, expiresAt: string, options?: CallOptions): Promise<void>;

  /**
   * Skips every participant who has not acted yet; the envelope then completes.
   * - Connective: Skip Signers, which marks them `Skipped` and the package `Finished` (001).
   * - Autenti, ConsignO: unsupported.
   */
  skipPending(reference: ProviderReference, options?: CallOptions): Promise<void>;

  /**
   * Deletes the envelope at the provider, whatever its status there; nobody can act on it afterwards.
   * A later `fetch` fails with `not-found`, or reports it `withdrawn` where the provider keeps deleted
   * envelopes readable (ConsignO's workflow status 6). Present only when `capabilities.deletion`.
   * - Connective: Delete Package (001).
   * - ConsignO: `DELETE` of the workflow (002).
   * - Autenti: absent (no deletion in seed 003).
   */
  delete?(reference: ProviderReference, options?: CallOptions): Promise<void>;

  /**
   * The signed documents or the audit proof, one file at a time, each streamed on `open()`.
   * - Autenti `signed`: the process's `contentElements` (live: `files`) with `filePurpose` `SIGNED_CONTENT_FILE`, each via
   *   `GET …/files/{fileId}/content` (003 "Retrieving files…"). When the process is `COMPLETED` and lists
   *   none, the latest `PARTIALLY_SIGNED_CONTENT_FILE` of each file name stands in; before completion,
   *   `conflict` (docs/providers.md U7). `audit`: unsupported (no audit file in the seed).
   * - Connective `signed`: Download Document from Package per document; `audit`: Package Audit Proof XML,
   *   only once fully signed (001).
   * - ConsignO `signed`: documents download; `audit`: audit trail report, only once completed; the auth
   *   token goes in a request parameter for both (002 "/workflows").
   */
  download(reference: ProviderReference, kind: ArtifactKind, options?: CallOptions): AsyncIterable<ProviderFile>;

  /**
   * Says which envelope an inbound callback concerns, or `null` to ignore it. Never a status: the app
   * fetches the envelope and applies that (DESIGN.md "Sync"). The app has already checked the secret in
   * its own callback URL.
   * - Connective: `CallBackUrl` is called each time an action completes (001 "Create Package"); the
   *   package id, else our `ExternalPackageReference`.
   * - Autenti: seed 003 promises an event callback channel (URL set per client application, not per
   *   process); the body is one event in the seed's shape (the client-level callback URL) or a JSON
   *   array of events (a subscription, `subscribeEvents`); each `object` of type
   *   `EVENT_OBJECT-TYPE:DOCUMENT_PROCESS` names `{ reference: object.id }`, anything else `null`
   *   (docs/providers.md U9 and "Autenti: live service versus seed 003 — the adapter").
   * - ConsignO: each workflow's `webhooks[].url` is called on every workflow and action event (002 "Email
   *   notification to project initiator" names them; docs/sandbox-consigno.md the payload): its `workflowId`.
   * A delivery that names several envelopes (an array of events) gives a list of targets; the app
   * syncs each.
   */
  parseCallback(request: CallbackRequest): Promise<CallbackTarget | readonly CallbackTarget[] | null>;

  /**
   * Subscribes the connection's provider account to event deliveries at `callbackUrl` (the app's
   * callback URL, carrying the connection's secret), for providers whose callbacks are configured per
   * account rather than per envelope. Returns the provider's subscription id, or `null` when the
   * account may not subscribe (the admin registers the URL by hand: the "manual" path). The app calls
   * it when the connection verifies healthy and after a key rotation or settings change, then
   * `unsubscribeEvents` with the previous id (docs/architecture.md "Event subscriptions").
   * - Autenti: `POST /applications/callbacks` with `CALLBACK_ADAPTER:API_V2`; `null` on 403 (the client
   *   lacks the `notification_management` scope) or 404.
   * - Connective, ConsignO: absent (each takes the URL per envelope: Connective's package, ConsignO's workflow).
   */
  subscribeEvents?(callbackUrl: string, options?: CallOptions): Promise<{ readonly subscriptionId: string } | null>;

  /**
   * Removes a subscription `subscribeEvents` made; one already gone counts as removed. Present
   * exactly when `subscribeEvents` is.
   * - Autenti: `DELETE /applications/callbacks/{id}`.
   */
  unsubscribeEvents?(subscriptionId: string, options?: CallOptions): Promise<void>;

  /**
   * Releases what the adapter holds (its connection pool); the app calls it when the connection
   * changes or the server stops. Calls in flight finish (a job that must stop aborts its own signal);
   * later calls are refused.
   */
  dispose(): Promise<void>;

  /**
   * A fresh signing URL for one participant sent with `delivery.mode` `embedded`, for the host
   * application to open or frame; `returnUrl` is where the provider sends them afterwards. Present
   * only when `capabilities.embeddedSigning`.
   * - Connective: the actor's `ActionUrl` (or a face-to-face URL) from Get Package Status (001).
   * - ConsignO: embedded mode of the workflow action (002).
   * - Autenti: absent (seed 003 invites by email only).
   */
  signingUrl?(
    reference: ProviderReference,
    participantReference: string,
    options: CallOptions & { readonly returnUrl: string | null },
  ): Promise<{ readonly url: string; readonly expiresAt?: string }>;
};
