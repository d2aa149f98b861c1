import type { Readable } from 'node:stream';
import { ProviderError } from '../errors.js';
import type { HttpClient, HttpResponse } from '../http.js';
import { consignoError } from './errors.js';
import type { WorkflowBody } from './mapping.js';
import { multipartFile } from './multipart.js';
import { readAnswer, UploadedDocumentSchema, WorkflowSchema, type ConsignoLogin, type ConsignoWorkflow, type UploadedDocument } from './schemas.js';
import type { ConsignoSession } from './session.js';

/**
 * ConsignO Cloud calls, one function per endpoint, relative to the tenant's API root (`…/api/v1/`),
 * each through the session (session.ts: token in `X-Auth-Token`, renewed and adopted there). Answers
 * are checked by schemas.ts; refusals become `ProviderError`s (errors.ts).
 */
export type ConsignoClient = ReturnType<typeof createConsignoClient>;

export type DocumentUpload = {
  readonly filename: string;
  readonly size: number;
  readonly open: () => Promise<Readable>;
};

export const workflowPath = (workflowId: string) => `workflows/${encodeURIComponent(workflowId)}`;

export function createConsignoClient(http: HttpClient, session: ConsignoSession, now: () => number = Date.now) {
  const headers = (token: string) => ({ accept: 'application/json', 'x-auth-token': token });

  async function ok(response: HttpResponse, operation: string): Promise<HttpResponse> {
    if (response.status >= 200 && response.status < 300) return response;
    throw await consignoError(response, operation, now());
  }

  async function jsonBody(response: HttpResponse, operation: string): Promise<unknown> {
    const text = await (await ok(response, operation)).text();
    try {
      return JSON.parse(text);
    } catch {
      throw new ProviderError({ kind: 'unavailable', provider: 'consigno', message: `ConsignO Cloud answered ${operation} with something other than JSON. Countersign retries later.` });
    }
  }

  const workflowAnswer = async (response: HttpResponse, operation: string) =>
    readAnswer(WorkflowSchema, await jsonBody(response, operation), operation, 'a workflow with id, status and actions as a list');

  /**
   * A download (`POST …/documents`, `POST …/audit`): ConsignO wants the token as a request parameter
   * here, so it goes as the form field `X-Auth-Token` (never in the URL, which proxies log).
   */
  async function openDownload(workflowId: string, what: 'documents' | 'audit', operation: string): Promise<HttpResponse> {
    const response = await session.send((token) => ({
      method: 'POST',
      path: `${workflowPath(workflowId)}/${what}`,
      pathTemplate: `workflows/{id}/${what}`,
      operation,
      // A download changes nothing: safe to repeat.
      idempotent: true,
      headers: { accept: 'application/pdf, application/zip', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ 'X-Auth-Token': token }).toString(),
    }), http);
    return ok(response, operation);
  }

  return {
    /** Logs in and checks the token with `HEAD /auth` (verify). */
    async checkSignIn(): Promise<ConsignoLogin> {
      const who = await session.login(http);
      const operation = 'checking the sign-in';
      const response = await session.send((token) => ({ method: 'HEAD', path: 'auth', operation, headers: headers(token) }), http);
      await (await ok(response, operation)).dump();
      return who;
    },

    /** `POST /documents`, multipart, the PDF streamed. Not repeated on 5xx (a repeat would leave a second, unused document). */
    async uploadDocument(upload: DocumentUpload): Promise<UploadedDocument> {
      const operation = `uploading ${upload.filename}`;
      const body = multipartFile({ field: 'file', filename: upload.filename, mediaType: 'application/pdf', size: upload.size, fields: { name: upload.filename } });
      const response = await session.send((token) => ({
        method: 'POST',
        path: 'documents',
        operation,
        headers: { ...headers(token), 'content-type': body.contentType, 'content-length': String(body.length) },
        body: async () => body.stream(await upload.open()),
      }), http);
      return readAnswer(UploadedDocumentSchema, await jsonBody(response, operation), operation, 'the new documentId');
    },

    /** `POST /workflows`: creates and (status 1) launches. Never repeated by the HTTP client: send.ts decides. */
    async createWorkflow(body: WorkflowBody): Promise<ConsignoWorkflow> {
      const operation = `creating workflow "${body.name}"`;
      const response = await session.send((token) => ({
        method: 'POST',
        path: 'workflows',
        operation,
        headers: { ...headers(token), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }), http);
      return workflowAnswer(response, operation);
    },

    async getWorkflow(workflowId: string): Promise<ConsignoWorkflow> {
      const operation = `reading workflow ${workflowId}`;
      return workflowAnswer(await session.send((token) => ({ method: 'GET', path: workflowPath(workflowId), pathTemplate: 'workflows/{id}', operation, headers: headers(token) }), http), operation);
    },

    /** `DELETE /workflows/{id}`: status 6, every signer's link dies. */
    async deleteWorkflow(workflowId: string): Promise<void> {
      const operation = `deleting workflow ${workflowId}`;
      const response = await session.send((token) => ({ method: 'DELETE', path: workflowPath(workflowId), pathTemplate: 'workflows/{id}', operation, headers: headers(token) }), http);
      await (await ok(response, operation)).dump();
    },

    /** The workflow's documents: one PDF, or a ZIP of them when there are several (the answer's content type says which). */
    async openDocuments(workflowId: string): Promise<{ mediaType: string; stream: Readable }> {
      const response = await openDownload(workflowId, 'documents', `downloading the documents of workflow ${workflowId}`);
      return { mediaType: (response.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase(), stream: response.stream() };
    },

    /** The audit trail PDF (ConsignO answers 409 before completion). */
    async openAuditTrail(workflowId: string): Promise<Readable> {
      return (await openDownload(workflowId, 'audit', `downloading the audit trail of workflow ${workflowId}`)).stream();
    },
  };
}
