import { Type, type TSchema } from 'typebox';
import { Value } from 'typebox/value';

/**
 * What live Connective answers, as Connective's own Power Automate connector reads it
 * (../shared/references/connective-power-automate/apiDefinition.swagger.json, restated here in the
 * project's words). Objects stay open: live answers carry more than a client reads. Members the
 * definition types as strings may be null (live status answers carry optional members as null).
 * Used by reference-contract.test.ts to check the sandbox's answers.
 */

const Text = Type.String();
const MaybeText = Type.Union([Type.String(), Type.Null()]);
const Open = { additionalProperties: true } as const;
const Timestamp = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}' });

/** `ErrorHandlingResponse`: the body of every refusal. */
export const ErrorResponse = Type.Object({ ErrorCode: Text, Message: Text }, Open);

/** Create Package (201) and Create Instant Package. */
export const CreatedPackage = Type.Object({ PackageId: Text, CreationTimestamp: Timestamp }, Open);

const Location = Type.Object({ Id: Text, Label: MaybeText, PageNumber: Type.Integer({ minimum: 1 }) }, Open);

/** Add Document to Package. */
export const AddedDocument = Type.Object({ DocumentId: Text, CreationTimestamp: Timestamp, Locations: Type.Array(Location) }, Open);

/** Get Signing Locations. */
export const SigningLocations = Type.Object(
  { Documents: Type.Array(Type.Object({ DocumentId: Text, ExternalDocumentReference: MaybeText, Locations: Type.Array(Location) }, Open)) },
  Open,
);

/** `Package`, an item of Package List. */
const PackageItem = Type.Object({ Id: Text, PackageStatus: Text, ExternalPackageReference: MaybeText }, Open);

/** Package List. */
export const PackageList = Type.Object({ ContinuationToken: MaybeText, MaxQuantity: Type.Integer(), Total: Type.Integer(), Items: Type.Array(PackageItem) }, Open);

const Actor = Type.Object(
  {
    ActorId: Text,
    ActionUrl: MaybeText,
    ActionUrls: Type.Array(Type.Object({ EmailAddress: MaybeText, Url: Text }, Open)),
    ActorStatus: Text,
    Type: Text,
    CompletedBy: MaybeText,
    CompletedTimestamp: MaybeText,
    Reason: MaybeText,
    Locations: Type.Array(Type.Object({ Id: Text, UsedSigningType: MaybeText }, Open)),
  },
  Open,
);

/** `PackageStatus`: Get Package Status and Set Package Status. */
export const PackageStatusAnswer = Type.Object(
  {
    PackageName: Text,
    CreationTimestamp: Timestamp,
    Initiator: MaybeText,
    ExpiryTimestamp: MaybeText,
    ExternalPackageReference: MaybeText,
    F2FSigningUrl: MaybeText,
    PackageStatus: Text,
    PackageDocuments: Type.Array(Type.Object({ DocumentId: Text, ExternalDocumentReference: MaybeText, DocumentName: MaybeText, DocumentType: MaybeText }, Open)),
    Stakeholders: Type.Array(
      Type.Object(
        {
          Type: Text,
          PersonGroupName: MaybeText,
          ContactGroupCode: MaybeText,
          EmailAddress: MaybeText,
          ExternalStakeholderReference: MaybeText,
          StakeholderId: Text,
          Actors: Type.Array(Actor),
        },
        Open,
      ),
    ),
  },
  Open,
);

/** The first way `value` breaks `schema` (path and message), or null when it conforms. */
export function schemaViolation(schema: TSchema, value: unknown): string | null {
  const first = [...Value.Errors(schema, value)][0];
  return first ? `${(first as { instancePath?: string; path?: string }).instancePath ?? (first as { path?: string }).path ?? ''}: ${first.message}` : null;
}
