/** Types of the generated request-validators.js (scripts/request-validators.ts). */

/** One of Ajv's errors, as src/api/schema-errors.ts reads them. */
export interface RequestSchemaError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Ajv's validator: true when the body matches; else `errors` says why. Applies defaults and coercions to `body` as the server does. */
export interface RequestValidator {
  (body: unknown): boolean;
  errors?: RequestSchemaError[] | null;
}

/** By route, as openapi-fetch names it: `POST /api/v1/envelopes/{envelopeId}/participants`. */
export declare const validatorsByRoute: Record<string, RequestValidator>;
