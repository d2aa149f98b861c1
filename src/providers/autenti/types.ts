/**
 * Autenti's entities as the adapter reads them: only the fields it uses, all optional where the seed
 * does not promise them, so a new field or a missing one never breaks reading (seed 003 "Key
 * concepts and entities"). Answers are checked and normalised into these shapes by schemas.ts (both
 * the seed's and the live service's names); values are checked where they are used (mapping.ts).
 */

/** `{"type":"CONTACT-TYPE:EMAIL","attributes":{"email":…}}` (seed 003 "Parties"). */
export type AutentiContact = { readonly type?: string; readonly attributes?: { readonly email?: string } };

/** A constraint: `{"classifiers":["CONSTRAINT-UNIQUE_TYPE:…"],"attributes":{…}}` (seed 003 "Constraints"). */
export type AutentiConstraint = {
  readonly classifiers?: readonly string[];
  readonly attributes?: Readonly<Record<string, unknown>>;
  readonly constrainedActions?: readonly string[];
};

/** `{"eventType":"SIGNATURE","timestamp":"…"}`; a rejection may carry the reason in `attributes.comment`. */
export type AutentiParticipationEvent = {
  readonly eventType?: string;
  readonly timestamp?: string;
  readonly comment?: unknown;
  readonly attributes?: { readonly comment?: unknown };
};

export type AutentiParty = {
  readonly party?: {
    readonly id?: string;
    readonly firstName?: string;
    readonly lastName?: string;
    readonly name?: string;
    /** The write form (seed 003 "Creating & sending…" PUT example) puts the email here. */
    readonly email?: string;
    /** The read form (seed 003 "The document process") lists contacts. */
    readonly contacts?: readonly AutentiContact[];
  };
  readonly role?: string;
  readonly participationStatus?: string;
  readonly constraints?: readonly AutentiConstraint[];
  /** `participationEvents` (seed 003) or `events` (live), whichever the answer had (schemas.ts). */
  readonly events?: readonly AutentiParticipationEvent[];
  /** Not in the seed: a reason some servers put on the party itself. */
  readonly attributes?: { readonly comment?: unknown };
};

/** An entry of `contentElements` (seed 003 "Content") or `files` (live). */
export type AutentiFile = {
  readonly id: string;
  readonly filename?: string;
  readonly version?: string | number;
  readonly modificationTime?: string | null;
  readonly filePurpose?: string;
  readonly mimeType?: string;
  /** Bytes (live answers). */
  readonly size?: number;
};

export type AutentiProcess = {
  readonly id: string;
  readonly title?: string;
  readonly description?: string | null;
  readonly processLanguage?: string;
  readonly status?: string;
  readonly parties?: readonly AutentiParty[];
  /** `contentElements` (seed 003) or `files` (live), whichever the answer had; absent when it had neither (schemas.ts). */
  readonly files?: readonly AutentiFile[];
  readonly createdAt?: string;
  readonly modifiedAt?: string;
};

/** An event (seed 003, the 200 answers of "Sending a document", "Withdrawing…"). */
export type AutentiEvent = {
  readonly timestamp?: string;
  readonly id?: string;
  readonly eventType?: string;
  readonly classifiers?: readonly string[];
  readonly actor?: { readonly id?: string };
  readonly object?: { readonly id?: string; readonly type?: string };
  readonly attributes?: Readonly<Record<string, unknown>>;
};

/** The body of `PUT /document-processes/{id}` (seed 003 "Creating & sending a document via API"). */
export type AutentiProcessUpdate = {
  readonly title: string;
  readonly description: string | null;
  readonly processLanguage?: string;
  readonly parties: ReadonlyArray<{
    readonly party: { readonly firstName: string; readonly lastName: string; readonly name: string; readonly email: string };
    readonly role: 'SIGNER' | 'APPROVER' | 'VIEWER';
    readonly constraints: readonly AutentiConstraint[];
  }>;
};
