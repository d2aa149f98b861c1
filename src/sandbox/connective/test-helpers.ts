import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { startConnectiveSandbox, type ConnectiveSandboxOptions } from './index.js';

/**
 * Helpers for tests that talk to a running Connective sandbox over real HTTP, as an adapter would.
 */

export interface RunningSandbox {
  url: string;
  /** `${url}/webportalapi/v3/` */
  api: string;
  dataDir: string;
  controlHeaders: Record<string, string>;
  close(): Promise<void>;
}

export async function startTestSandbox(options: Partial<ConnectiveSandboxOptions> & { token?: string } = {}): Promise<RunningSandbox> {
  const dataDir = await mkdtemp(join(tmpdir(), 'connective-sandbox-'));
  const sandbox = await startConnectiveSandbox({ port: 0, callbackRetryDelaysMs: [20, 40, 80], ...options, dataDir });
  return {
    url: sandbox.url,
    api: `${sandbox.url}/webportalapi/v3/`,
    dataDir,
    controlHeaders: options.token ? { authorization: `Bearer ${options.token}` } : {},
    async close() {
      await sandbox.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** An API client of the sandbox: Basic auth of a fresh API user, paths relative to the API root. */
export interface ApiClient {
  username: string;
  password: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  json<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
}

export async function createApiClient(sandbox: RunningSandbox, name = 'tests'): Promise<ApiClient> {
  const response = await control(sandbox, 'POST', 'api-users', { name });
  if (response.status !== 201) throw new Error(`api user refused: ${await response.text()}`);
  const { username, password } = (await response.json()) as { username: string; password: string };
  const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(new URL(path, sandbox.api), {
      method,
      headers: { authorization, ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body === undefined ? {} : { body: body instanceof FormData ? body : typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return {
    username,
    password,
    call,
    async json<T>(method: string, path: string, body?: unknown) {
      const answer = await call(method, path, body);
      if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
      return (await answer.json()) as T;
    },
  };
}

/** Calls a control route (`/_sandbox/<path>`). */
export function control(sandbox: RunningSandbox, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${sandbox.url}/_sandbox/${path}`, {
    method,
    headers: { ...sandbox.controlHeaders, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** A small A4 PDF with `pages` pages; page 1 carries `lines` of text (text markers for SigningFields). */
export async function samplePdf(title: string, options: { pages?: number; lines?: string[] } = {}): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let index = 0; index < (options.pages ?? 1); index += 1) {
    const page = document.addPage([595.28, 841.89]);
    page.drawText(index === 0 ? title : `${title} — page ${index + 1}`, { x: 72, y: 760, size: 16, font });
    if (index === 0) (options.lines ?? []).forEach((line, lineIndex) => page.drawText(line, { x: 72, y: 700 - lineIndex * 40, size: 12, font }));
  }
  return Buffer.from(await document.save());
}

/** The Add Document JSON body of the reference definition. */
export function documentBody(pdf: Buffer, extra: Record<string, unknown> = {}) {
  return { Document: pdf.toString('base64'), DocumentName: 'Lease.pdf', DocumentLanguage: 'en', DocumentType: 'application/pdf', ...extra };
}

/** A Draft package with one document (one box location per label) and the process set: signers in order. */
export async function draftWithSigners(
  client: ApiClient,
  signers: Array<{ email: string; orderIndex: number; signingTypes?: Array<{ SigningType: string }>; phone?: string; redirectUrl?: string; sendNotifications?: boolean }>,
  packageExtra: Record<string, unknown> = {},
): Promise<{ packageId: string; documentId: string; locationIds: string[] }> {
  const { PackageId } = await client.json<{ PackageId: string }>('POST', 'packages', { PackageName: 'Lease 2026/7', ExternalPackageReference: 'env-1', ...packageExtra });
  const pdf = await samplePdf('Lease');
  const added = await client.json<{ DocumentId: string; Locations: Array<{ Id: string }> }>(
    'POST',
    `packages/${PackageId}/documents`,
    documentBody(pdf, {
      ExternalDocumentReference: 'doc-1',
      SigningFields: signers.map((_, index) => ({ PageNumber: 1, Left: 60 + index * 200, Top: 600, Width: 180, Height: 60, Label: `p${index}#1` })),
    }),
  );
  const locationIds = added.Locations.map((location) => location.Id);
  await client.json('PUT', `packages/${PackageId}/process`, {
    Stakeholders: signers.map((signer, index) => ({
      Type: 'Person',
      EmailAddress: signer.email,
      FirstName: 'Signer',
      LastName: String(index + 1),
      Actors: [
        {
          Type: 'Signer',
          OrderIndex: signer.orderIndex,
          LocationIds: [locationIds[index]],
          ...(signer.signingTypes ? { SigningTypes: signer.signingTypes } : {}),
          ...(signer.phone ? { Phonenumber: signer.phone } : {}),
          ...(signer.redirectUrl ? { RedirectURL: signer.redirectUrl } : {}),
          ...(signer.sendNotifications === false ? { SendNotifications: false } : {}),
        },
      ],
    })),
  });
  return { packageId: PackageId, documentId: added.DocumentId, locationIds };
}
