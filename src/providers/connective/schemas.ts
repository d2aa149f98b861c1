import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { checkAnswer, withoutNulls } from '../answers.js';
import { ProviderError } from '../errors.js';

/**
 * What Connective answers, checked at the boundary (TypeBox) before anything is read from it (seed
 * 001 "Definitions"; the wire contract of issue 10). Connective writes optional fields as `null`
 * (never absent) in status answers: `null` counts as absent here, so both forms read the same.
 * Schemas are loose where a new field or value must never break reading (extra properties allowed,
 * statuses checked where they are used, mapping.ts) and strict where a wrong guess would give a wrong
 * result: a package without an id, stakeholders that are not a list, a location without an id. Such
 * an answer is `ProviderError` kind `unsupported` (`response-shape`, not retryable) saying what came
 * and what was expected, never the answer's content.
 */

const Text = Type.String();
const Opt = <T extends TSchema>(schema: T) => Type.Optional(schema);
/** Numbers Connective may write as numeric strings (seed 001 types `Left`/`Top`/`PageNumber` as strings). */
const Numeric = Type.Union([Type.Number(), Type.String()]);

const LocationSchema = Type.Object({ Id: Type.String({ minLength: 1 }), Label: Opt(Text), PageNumber: Opt(Numeric) });

/** Add document to package → `{DocumentId, CreationTimestamp, Locations}`. */
export const AddedDocumentSchema = Type.Object({
  DocumentId: Type.String({ minLength: 1 }),
  CreationTimestamp: Opt(Text),
  Locations: Opt(Type.Array(LocationSchema)),
});
export type AddedDocument = Static<typeof AddedDocumentSchema>;

/** Create Package → `{PackageId, CreationTimestamp}`. */
export const CreatedPackageSchema = Type.Object({ PackageId: Type.String({ minLength: 1 }), CreationTimestamp: Opt(Text) });
export type CreatedPackage = Static<typeof CreatedPackageSchema>;

const ActorSchema = Type.Object({
  ActorId: Type.String({ minLength: 1 }),
  ActionUrl: Opt(Text),
  ActionUrls: Opt(Type.Array(Type.Object({ EmailAddress: Opt(Text), Url: Opt(Text) }))),
  ActorStatus: Opt(Text),
  Type: Opt(Text),
  CompletedBy: Opt(Text),
  CompletedTimestamp: Opt(Text),
  Reason: Opt(Text),
  Locations: Opt(Type.Array(Type.Object({ Id: Opt(Text), UsedSigningType: Opt(Text) }))),
});
export type ConnectiveActor = Static<typeof ActorSchema>;

const StakeholderSchema = Type.Object({
  Type: Opt(Text),
  EmailAddress: Opt(Text),
  ExternalStakeholderReference: Opt(Text),
  StakeholderId: Opt(Text),
  Actors: Opt(Type.Array(ActorSchema)),
});
export type ConnectiveStakeholder = Static<typeof StakeholderSchema>;

/** Get Package Status (and the answer of Set Package Status). */
export const PackageStatusSchema = Type.Object({
  PackageName: Opt(Text),
  CreationTimestamp: Opt(Text),
  Initiator: Opt(Text),
  ExpiryTimestamp: Opt(Text),
  ExternalPackageReference: Opt(Text),
  F2FSigningUrl: Opt(Text),
  PackageStatus: Type.String({ minLength: 1 }),
  PackageDocuments: Opt(
    Type.Array(Type.Object({ DocumentId: Type.String({ minLength: 1 }), ExternalDocumentReference: Opt(Text), DocumentName: Opt(Text), DocumentType: Opt(Text) })),
  ),
  Stakeholders: Opt(Type.Array(StakeholderSchema)),
});
export type ConnectivePackage = Static<typeof PackageStatusSchema>;

/** Package List → `{ContinuationToken, MaxQuantity, Total, Items}`. */
export const PackageListSchema = Type.Object({
  ContinuationToken: Opt(Text),
  MaxQuantity: Opt(Numeric),
  Total: Opt(Numeric),
  Items: Type.Array(Type.Object({ Id: Type.String({ minLength: 1 }), PackageStatus: Opt(Text), ExternalPackageReference: Opt(Text) })),
});
export type ConnectivePackageList = Static<typeof PackageListSchema>;

/** Get Signing Locations → `{Documents: [{DocumentId, ExternalDocumentReference, Locations}]}`. */
export const LocationsSchema = Type.Object({
  Documents: Type.Array(Type.Object({ DocumentId: Type.String({ minLength: 1 }), ExternalDocumentReference: Opt(Text), Locations: Opt(Type.Array(LocationSchema)) })),
});
export type ConnectiveLocations = Static<typeof LocationsSchema>;

/** Connective's error body: `{ErrorCode, Message}`, or a list of those. */
const ErrorSchema = Type.Object({ ErrorCode: Opt(Text), Message: Opt(Text) });

/** The `ProviderError` for an answer whose shape the wire contract does not describe. */
export function unexpectedShape(what: string, said: string, expected: string): ProviderError {
  return new ProviderError({
    kind: 'unsupported',
    provider: 'connective',
    feature: 'response-shape',
    retryable: false,
    message: `Connective eSignatures answered ${what} in a shape Countersign does not know, so it did not guess: ${said}; expected ${expected}. Check the package in Connective, and report this answer to the Countersign maintainers.`,
  });
}

/** `value` (nulls dropped) checked against `schema`; the first mismatch, in words, otherwise. */
export function readAnswer<T extends TSchema>(schema: T, value: unknown, what: string, expected: string): Static<T> {
  return checkAnswer(schema, value, (said) => unexpectedShape(what, said, expected));
}

/**
 * Connective's own words from an error body: `{ErrorCode, Message}` or a list of them, as
 * `Message (ErrorCode)` joined by `; `. `undefined` for anything else (HTML, text, another JSON
 * shape): a body that is not Connective's error is never repeated. Cleaned and cut as
 * `readProviderMessage` does.
 */
export function readConnectiveError(body: string): { code?: string; message?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.trim());
  } catch {
    return {};
  }
  const entries = (Array.isArray(parsed) ? parsed : [parsed]).map(withoutNulls).filter((entry) => entry !== null && typeof entry === 'object' && !Array.isArray(entry) && Value.Check(ErrorSchema, entry)) as Array<Static<typeof ErrorSchema>>;
  const clean = (text: string) => text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  const parts = entries
    .map((entry) => {
      const message = entry.Message === undefined ? '' : clean(entry.Message);
      const code = entry.ErrorCode !== undefined && /^[A-Za-z0-9_.-]{1,80}$/.test(entry.ErrorCode) ? entry.ErrorCode : undefined;
      if (message === '') return code;
      return code === undefined ? message : `${message} (${code})`;
    })
    .filter((part): part is string => part !== undefined && part !== '');
  const code = entries.map((entry) => entry.ErrorCode).find((value): value is string => typeof value === 'string' && /^[A-Za-z0-9_.-]{1,80}$/.test(value));
  if (parts.length === 0) return code === undefined ? {} : { code };
  const joined = parts.join('; ');
  const message = joined.length > 300 ? `${joined.slice(0, 299)}…` : joined;
  return { ...(code === undefined ? {} : { code }), message };
}
