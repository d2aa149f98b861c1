import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
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

/** Object properties that are `null` removed, recursively (arrays keep their length): null means absent. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) if (entry !== null) result[key] = withoutNulls(entry);
  return result;
}

/** A field name from the answer as it may appear in a message: short identifiers only, else `?`. */
const safeName = (name: string) => (/^[A-Za-z0-9_$-]{1,40}$/.test(name) ? name : '?');

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') {
    const keys = Object.keys(value).map(safeName);
    return `an object with ${keys.length === 0 ? 'no fields' : `fields ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}`}`;
  }
  return `a ${typeof value}`;
}

function valueAt(value: unknown, pointer: string): unknown {
  let current = value;
  for (const part of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}

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
  const cleaned = withoutNulls(value);
  if (Value.Check(schema, cleaned)) return cleaned as Static<T>;
  const first = [...Value.Errors(schema, cleaned)][0];
  const pointer = first?.instancePath ?? '';
  const at = pointer
    .split('/')
    .map((segment, index) => (index === 0 ? segment : safeName(segment.replace(/~1/g, '/').replace(/~0/g, '~'))))
    .join('/');
  const said = at === '' ? `it sent ${describeValue(cleaned)}` : `at ${at} it sent ${describeValue(valueAt(cleaned, pointer))} (${first?.message ?? 'unexpected'})`;
  throw unexpectedShape(what, said, expected);
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
