import type { Readable } from 'node:stream';
import { ProviderError } from '../errors.js';
import { readErrorBody, type HttpClient, type HttpRequest, type HttpResponse } from '../http.js';
import { jsonWithBase64 } from './base64.js';
import {
  AddedDocumentSchema,
  CreatedPackageSchema,
  LocationsSchema,
  PackageListSchema,
  PackageStatusSchema,
  readAnswer,
  readConnectiveError,
  type AddedDocument,
  type ConnectiveLocations,
  type ConnectivePackage,
  type ConnectivePackageList,
  type CreatedPackage,
} from './schemas.js';
import type { CreatePackageBody, DocumentDefinition, ProcessBody } from './mapping.js';

/**
 * Connective eSignatures API v3 calls, one function per endpoint (seed 001 "Actions"; the wire
 * contract of issue 10), relative to the connection's API root (`…/webportalapi/v3/`), with HTTP
 * Basic authentication as the API user. Every answer is checked by schemas.ts; every refusal
 * becomes a `ProviderError` with Connective's `{ErrorCode, Message}` kept as `providerMessage`.
 */
export type ConnectiveClient = ReturnType<typeof createConnectiveClient>;

export type DocumentUpload = {
  readonly definition: DocumentDefinition;
  readonly size: number;
  readonly open: () => Promise<Readable>;
};

const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json' } as const;

export const packagePath = (packageId: string) => `packages/${encodeURIComponent(packageId)}`;

/**
 * The `ProviderError` for an answer that is not 2xx: Connective's `{ErrorCode, Message}` (or a list)
 * as `providerMessage`; a 401 in plain words, since it always means the connection's credentials.
 */
export async function connectiveError(response: HttpResponse, operation: string, now = Date.now()): Promise<ProviderError> {
  const said = readConnectiveError(await readErrorBody(response));
  if (response.status === 401) {
    return new ProviderError({
      kind: 'authentication',
      provider: 'connective',
      httpStatus: 401,
      ...(said.message === undefined ? {} : { providerMessage: said.message }),
      message: `The API username or password is not accepted by Connective eSignatures (HTTP 401 while ${operation}${said.message ? `: ${said.message}` : ''}). Check them in Settings → Connections: they are the API user's, made by your Connective administrator, not a person's login.`,
    });
  }
  return ProviderError.fromHttpStatus({
    provider: 'connective',
    httpStatus: response.status,
    host: response.host,
    operation,
    ...(said.message === undefined ? {} : { providerMessage: said.message }),
    retryAfter: response.header('retry-after') ?? null,
    now,
  });
}

export function createConnectiveClient(http: HttpClient, credentials: { username: string; password: string }, now: () => number = Date.now) {
  const authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;

  const call = (spec: HttpRequest) => http.request({ ...spec, headers: { accept: 'application/json', ...spec.headers, authorization } });

  async function ok(response: HttpResponse, operation: string): Promise<HttpResponse> {
    if (response.status >= 200 && response.status < 300) return response;
    throw await connectiveError(response, operation, now());
  }

  /** The answer's JSON; a body that is not JSON is `unavailable` (a garbled answer, retried later). */
  async function jsonBody(response: HttpResponse, operation: string): Promise<unknown> {
    const text = await (await ok(response, operation)).text();
    try {
      return JSON.parse(text);
    } catch {
      throw new ProviderError({ kind: 'unavailable', provider: 'connective', message: `Connective eSignatures answered ${operation} with something other than JSON. Countersign retries later.` });
    }
  }

  async function noContent(response: HttpResponse, operation: string): Promise<void> {
    await (await ok(response, operation)).dump();
  }

  const json = (value: unknown) => JSON.stringify(value);

  return {
    /** Create Package: a `Draft` package. A POST, so never repeated on 5xx (a repeat would make a second package). */
    async createPackage(body: CreatePackageBody): Promise<CreatedPackage> {
      const operation = 'creating the package';
      const response = await call({ method: 'POST', path: 'packages', headers: JSON_HEADERS, body: json(body), operation });
      return readAnswer(CreatedPackageSchema, await jsonBody(response, operation), operation, 'an object with the new PackageId');
    },

    /**
     * Add document to package, JSON with the document as base64 streamed into the body (U17). A
     * retried attempt reopens the document from byte 0. Not repeated on 5xx: send() removes an
     * unrecorded document on resume instead.
     */
    async addDocument(packageId: string, upload: DocumentUpload): Promise<AddedDocument> {
      const operation = `adding ${upload.definition.DocumentName} to package ${packageId}`;
      const body = jsonWithBase64(upload.definition, 'Document', upload.size);
      const response = await call({
        method: 'POST',
        path: `${packagePath(packageId)}/documents`,
        operation,
        body: async () => body.stream(await upload.open()),
        headers: { ...JSON_HEADERS, 'content-length': String(body.length) },
      });
      return readAnswer(AddedDocumentSchema, await jsonBody(response, operation), operation, 'an object with the new DocumentId and its Locations');
    },

    /** `DELETE packages/{id}/documents/{documentId}` (Draft only); a document already gone counts as deleted. */
    async deleteDocument(packageId: string, documentId: string): Promise<void> {
      const operation = `removing document ${documentId} from package ${packageId}`;
      const response = await call({ method: 'DELETE', path: `${packagePath(packageId)}/documents/${encodeURIComponent(documentId)}`, operation });
      if (response.status === 404) return response.dump();
      await noContent(response, operation);
    },

    /** Get Signing Locations: each document of the package with its locations. */
    async getLocations(packageId: string): Promise<ConnectiveLocations> {
      const operation = `reading the signing locations of package ${packageId}`;
      const response = await call({ method: 'GET', path: `${packagePath(packageId)}/locations`, operation });
      return readAnswer(LocationsSchema, await jsonBody(response, operation), operation, 'an object with the package\'s Documents as a list');
    },

    /** Set Process Information (v3): stakeholders and their actors. Replaces what was set; a PUT, safe to repeat. */
    async setProcess(packageId: string, body: ProcessBody): Promise<void> {
      const operation = `setting the signers of package ${packageId}`;
      await noContent(await call({ method: 'PUT', path: `${packagePath(packageId)}/process`, headers: JSON_HEADERS, body: json(body), operation }), operation);
    },

    /**
     * Set Package Status (`Pending` sends, `Revoked` withdraws). Connective answers with the package's
     * status, returned when it has the expected shape (`undefined` otherwise: the caller reads it).
     */
    async setStatus(packageId: string, status: 'Pending' | 'Revoked'): Promise<ConnectivePackage | undefined> {
      const operation = status === 'Pending' ? `sending package ${packageId}` : `revoking package ${packageId}`;
      const response = await ok(await call({ method: 'PUT', path: `${packagePath(packageId)}/status`, headers: JSON_HEADERS, body: json({ Status: status }), operation }), operation);
      const text = await response.text();
      try {
        return readAnswer(PackageStatusSchema, JSON.parse(text), operation, '');
      } catch {
        return undefined;
      }
    },

    /** Get Package Status. */
    async getStatus(packageId: string): Promise<ConnectivePackage> {
      const operation = `reading package ${packageId}`;
      const response = await call({ method: 'GET', path: `${packagePath(packageId)}/status`, operation });
      return readAnswer(PackageStatusSchema, await jsonBody(response, operation), operation, 'a package status object with PackageStatus and Stakeholders as a list');
    },

    /** Package List, one page. */
    async listPackages(query: { maxQuantity: number; continuationToken?: string; createdAfter?: string }): Promise<ConnectivePackageList> {
      const operation = 'listing packages';
      const response = await call({
        method: 'GET',
        path: 'packages',
        query: { MaxQuantity: query.maxQuantity, ContinuationToken: query.continuationToken, createdAfterDate: query.createdAfter },
        operation,
      });
      return readAnswer(PackageListSchema, await jsonBody(response, operation), operation, 'an object with the packages in Items as a list');
    },

    /** Skip Signers: every actor who has not acted is skipped; the package finishes. */
    async skipSigners(packageId: string): Promise<void> {
      const operation = `skipping the remaining signers of package ${packageId}`;
      await noContent(await call({ method: 'POST', path: `${packagePath(packageId)}/skipsigners`, headers: JSON_HEADERS, body: '{}', operation }), operation);
    },

    /** Send Package Reminders, to every actor whose turn it is. */
    async remind(packageId: string): Promise<void> {
      const operation = `reminding the signers of package ${packageId}`;
      await noContent(await call({ method: 'POST', path: `${packagePath(packageId)}/reminders`, headers: JSON_HEADERS, body: '{}', operation }), operation);
    },

    /** Package Expiry Extension. */
    async setExpiry(packageId: string, expiresAt: string): Promise<void> {
      const operation = `moving the expiry of package ${packageId}`;
      await noContent(
        await call({ method: 'PUT', path: `${packagePath(packageId)}/expirytimestamp`, headers: JSON_HEADERS, body: json({ ExpiryTimestamp: expiresAt }), operation }),
        operation,
      );
    },

    /** Delete Package; a package already gone (404) counts as deleted. */
    async deletePackage(packageId: string): Promise<void> {
      const operation = `deleting package ${packageId}`;
      const response = await call({ method: 'DELETE', path: packagePath(packageId), operation });
      if (response.status === 404) return response.dump();
      await noContent(response, operation);
    },

    /** Download Document from Package, streamed. */
    async openDocument(packageId: string, documentId: string): Promise<Readable> {
      const operation = `downloading document ${documentId} of package ${packageId}`;
      const response = await ok(
        await call({ method: 'GET', path: `${packagePath(packageId)}/download/${encodeURIComponent(documentId)}`, headers: { accept: 'application/pdf' }, operation }),
        operation,
      );
      return response.stream();
    },

    /** Retrieve Package Audit Proofs (XML), streamed. */
    async openAuditProof(packageId: string): Promise<Readable> {
      const operation = `downloading the audit proof of package ${packageId}`;
      const response = await ok(await call({ method: 'GET', path: `${packagePath(packageId)}/auditproof/download`, headers: { accept: 'application/xml' }, operation }), operation);
      return response.stream();
    },
  };
}
