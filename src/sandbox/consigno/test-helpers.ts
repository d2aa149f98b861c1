import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { LOOPBACK_ALLOWED } from '../../net/outbound-guard.js';
import { startConsignoSandbox, type ConsignoSandboxOptions } from './index.js';

/** Helpers for tests that talk to a running ConsignO sandbox over real HTTP, as an adapter would. */

export interface RunningSandbox {
  url: string;
  /** `${url}/api/v1` */
  api: string;
  dataDir: string;
  controlHeaders: Record<string, string>;
  close(): Promise<void>;
}

export async function startTestSandbox(options: Partial<ConsignoSandboxOptions> & { token?: string } = {}): Promise<RunningSandbox> {
  const dataDir = await mkdtemp(join(tmpdir(), 'consigno-sandbox-'));
  const sandbox = await startConsignoSandbox({ port: 0, callbackRetryDelaysMs: [20, 40, 80], outbound: { allow: LOOPBACK_ALLOWED }, ...options, dataDir });
  return {
    url: sandbox.url,
    api: `${sandbox.url}/api/v1`,
    dataDir,
    controlHeaders: options.token ? { authorization: `Bearer ${options.token}` } : {},
    async close() {
      await sandbox.close();
      await rm(dataDir, { recursive: true, force: true });
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

export async function controlJson<T = Record<string, unknown>>(sandbox: RunningSandbox, method: string, path: string, body?: unknown): Promise<T> {
  const response = await control(sandbox, method, path, body);
  if (!response.ok) throw new Error(`${method} /_sandbox/${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function createUser(sandbox: RunningSandbox, settings: { secondFactorRequired?: boolean; embeddedAllowed?: boolean } = {}) {
  return controlJson<{ username: string; password: string }>(sandbox, 'POST', 'api-users', { name: 'Test Integrator', ...settings });
}

/** An API client that logs in and keeps (and adopts rotated) tokens, as a well-behaved integration does. */
export interface ApiClient {
  username: string;
  password: string;
  token: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  json<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
}

export async function login(sandbox: RunningSandbox, username: string, password: string): Promise<string> {
  const response = await fetch(`${sandbox.api}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (response.status !== 200) throw new Error(`login refused: ${response.status} ${await response.text()}`);
  return response.headers.get('x-auth-token')!;
}

export async function createApiClient(sandbox: RunningSandbox, settings: { secondFactorRequired?: boolean; embeddedAllowed?: boolean } = {}): Promise<ApiClient> {
  const { username, password } = await createUser(sandbox, settings);
  const client: ApiClient = {
    username,
    password,
    token: await login(sandbox, username, password),
    async call(method, path, body, headers = {}) {
      // Tests move the shared sandbox clock: log in again when the token died idle, as an adapter does.
      if ((await fetch(`${sandbox.api}/auth`, { method: 'HEAD', headers: { 'x-auth-token': client.token } })).status === 401) {
        client.token = await login(sandbox, username, password);
      }
      const response = await fetch(`${sandbox.api}/${path}`, {
        method,
        headers: { 'x-auth-token': client.token, ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body === undefined ? {} : { body: body instanceof FormData ? body : JSON.stringify(body) }),
      });
      const rotated = response.headers.get('x-auth-token');
      if (rotated) client.token = rotated;
      return response;
    },
    async json<T>(method: string, path: string, body?: unknown) {
      const response = await client.call(method, path, body);
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { response: T }).response;
    },
  };
  return client;
}

/** A letter-size PDF (612 × 792 units) with `pages` pages; page 1 carries `lines` of text (anchor tags). */
export async function samplePdf(title: string, options: { pages?: number; lines?: string[] } = {}): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let index = 0; index < (options.pages ?? 1); index += 1) {
    const page = document.addPage([612, 792]);
    page.drawText(index === 0 ? title : `${title} - page ${index + 1}`, { x: 72, y: 720, size: 16, font });
    if (index === 0) (options.lines ?? []).forEach((line, lineIndex) => page.drawText(line, { x: 72, y: 660 - lineIndex * 40, size: 12, font }));
  }
  return Buffer.from(await document.save());
}

export async function upload(client: ApiClient, pdf: Buffer, name = 'Lease.pdf', extra: Record<string, string> = {}): Promise<Response> {
  const form = new FormData();
  for (const [field, value] of Object.entries(extra)) form.set(field, value);
  form.set('file', new Blob([pdf], { type: 'application/pdf' }), name);
  return client.call('POST', 'documents', form);
}

export interface SignerSpec {
  email: string;
  ref?: string;
  step?: number;
  mode?: 'remote' | 'embedded';
  returnUrl?: string;
  type?: string;
  amr?: string[];
  phone?: string;
  secretQuestion?: string;
  secretAnswer?: string;
}

/** A `POST /workflows` body: one inline document with one zone per signer (assignedTo = the signer's ref), launched by default. */
export async function workflowBody(signers: SignerSpec[], extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const pdf = await samplePdf('Lease');
  return {
    name: 'Lease 2026/7',
    status: 1,
    documents: [{ name: 'Lease.pdf', data: pdf.toString('base64'), fields: signers.map((signer, index) => ({ x: 40, y: 600 - index * 50, assignedTo: signer.ref ?? String(index + 1), page: '1' })) }],
    actions: signers.map((signer, index) => ({
      mode: signer.mode ?? 'remote',
      ...(signer.step !== undefined ? { step: signer.step } : {}),
      ...(signer.returnUrl ? { returnUrl: signer.returnUrl } : {}),
      signer: {
        type: signer.type ?? 'esig',
        firstName: 'Signer',
        lastName: String(index + 1),
        email: signer.email,
        amr: signer.amr ?? ['link', 'sms'],
        phone: signer.phone ?? '+1 514 555 0100',
        ref: signer.ref ?? String(index + 1),
        ...(signer.secretQuestion ? { secretQuestion: signer.secretQuestion } : {}),
        ...(signer.secretAnswer ? { secretAnswer: signer.secretAnswer } : {}),
      },
    })),
    ...extra,
  };
}

export interface WorkflowView {
  id: string;
  status: number;
  version: number;
  remainingActions: number;
  totalActions: number;
  expiresOn: number | null;
  workflowOwnerEmailsEnabled: boolean;
  ownerEmail: string;
  auditTrailDocumentId: string | null;
  documents: Array<{ documentId: string; name: string; pages: number; fields: Array<{ x: number; y: number; width: number; height: number; page: number; assignedTo: string }> }>;
  actions: Array<{ id: string; step: number; status: string; mode: string; declineReason: string | null; signingUrl: string | null; secondFactorUsed: string[]; signer: { email: string } & Record<string, unknown> }>;
}
