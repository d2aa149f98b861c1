import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { startAutentiSandbox, type AutentiSandboxOptions } from './index.js';

/**
 * Helpers for tests that talk to a running Autenti sandbox over real HTTP, as an adapter would.
 * Used by the sandbox's own tests; adapter tests may use them too.
 */

export interface RunningSandbox {
  url: string;
  /** `${url}/api/v2` */
  api: string;
  dataDir: string;
  /** Headers that open the control routes of a guarded sandbox (`Authorization: Bearer <token>`); none for an open one. */
  controlHeaders?: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts a sandbox on a free loopback port with a fresh temporary data folder (removed on close);
 * with `token`, a guarded one whose control routes need it.
 */
export async function startTestSandbox(options: Partial<AutentiSandboxOptions> & { token?: string } = {}): Promise<RunningSandbox> {
  const dataDir = await mkdtemp(join(tmpdir(), 'autenti-sandbox-'));
  const sandbox = await startAutentiSandbox({ port: 0, ...options, dataDir });
  return {
    url: sandbox.url,
    api: `${sandbox.url}/api/v2`,
    dataDir,
    ...(options.token ? { controlHeaders: { authorization: `Bearer ${options.token}` } } : {}),
    async close() {
      await sandbox.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A client application with the test key registered. */
export interface TestClient {
  clientId: string;
  clientSecret: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

let sharedKeys: Promise<{ privateKey: CryptoKey; publicJwk: JWK }> | null = null;

/** One RSA key pair per test process (key generation is slow). */
export function testKeyPair(): Promise<{ privateKey: CryptoKey; publicJwk: JWK }> {
  sharedKeys ??= generateKeyPair('RS256', { extractable: true }).then(async ({ privateKey, publicKey }) => ({
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' },
  }));
  return sharedKeys;
}

/** Adds a client in Integration settings and registers the test public key for it. */
export async function createTestClient(sandbox: RunningSandbox, name = 'Countersign tests', options: { redirectUris?: string[] } = {}): Promise<TestClient> {
  const created = (await (await postJson(`${sandbox.url}/_sandbox/clients`, { name, ...options }, sandbox.controlHeaders)).json()) as { clientId: string; clientSecret: string };
  const { privateKey, publicJwk } = await testKeyPair();
  const response = await fetch(`${sandbox.url}/_sandbox/clients/${created.clientId}/public-key`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...sandbox.controlHeaders },
    body: JSON.stringify(publicJwk),
  });
  if (!response.ok) throw new Error(`public key refused: ${await response.text()}`);
  return { clientId: created.clientId, clientSecret: created.clientSecret, privateKey, publicJwk };
}

/** An RS256 client assertion for the JWT bearer grant; every claim can be overridden. */
export async function signAssertion(
  sandbox: RunningSandbox,
  client: { clientId: string; privateKey: CryptoKey },
  account: string,
  overrides: {
    iss?: string;
    sub?: string | null;
    /** The account claim; `null` leaves it out (a sub-only assertion). */
    email?: string | null;
    aud?: string | string[];
    iat?: number;
    exp?: number;
    jti?: string | null;
    kid?: string;
    key?: CryptoKey;
  } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  // As production clients sign it: aud "autenti.com", the account in email (+ email_verified), sub the same (ignored).
  const claims: Record<string, unknown> = { iss: overrides.iss ?? client.clientId, aud: overrides.aud ?? 'autenti.com' };
  if (overrides.sub !== null) claims.sub = overrides.sub ?? account;
  if (overrides.email !== null) {
    claims.email = overrides.email ?? account;
    claims.email_verified = true;
  }
  if (overrides.jti !== null) claims.jti = overrides.jti ?? randomUUID();
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: overrides.kid ?? 'test-key' })
    .setIssuedAt(overrides.iat ?? now)
    .setExpirationTime(overrides.exp ?? now + 300)
    .sign(overrides.key ?? client.privateKey);
}

/** POSTs the JWT bearer grant form and returns the raw response. */
export function requestJwtBearerToken(sandbox: RunningSandbox, client: TestClient, assertion: string, secret = client.clientSecret): Promise<Response> {
  return fetch(`${sandbox.api}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion, client_id: client.clientId, client_secret: secret }).toString(),
  });
}

/** An access token for `account`, by the JWT bearer grant. */
export async function tokenFor(sandbox: RunningSandbox, client: TestClient, account: string): Promise<string> {
  const response = await requestJwtBearerToken(sandbox, client, await signAssertion(sandbox, client, account));
  const body = (await response.json()) as { access_token?: string };
  if (!response.ok || !body.access_token) throw new Error(`token refused: ${JSON.stringify(body)}`);
  return body.access_token;
}

/** POSTs JSON (an undefined body sends an empty JSON request, as the seed's actions do). */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** A small valid PDF with one line of text. */
export async function samplePdf(text = 'Sample contract'): Promise<Buffer> {
  const document = await PDFDocument.create();
  const page = document.addPage([595, 842]);
  page.drawText(text, { x: 72, y: 760, size: 14, font: await document.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await document.save());
}

/** Uploads a SOURCE_FILE the way the seed shows (multipart: `fileMeta` JSON + `file`). */
export function uploadFile(
  api: string,
  token: string,
  processId: string,
  file: { filename: string; mimeType?: string; bytes: Buffer },
): Promise<Response> {
  const form = new FormData();
  form.append('fileMeta', new Blob([JSON.stringify({ filename: file.filename, filePurpose: 'SOURCE_FILE', ...(file.mimeType ? { mimeType: file.mimeType } : {}) })], { type: 'application/json' }));
  form.append('file', new Blob([file.bytes], { type: 'application/octet-stream' }), file.filename);
  return fetch(`${api}/document-processes/${processId}/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
}

/** Decodes an `X-CHALLENGE` / `X-ASSERTION` value. */
export function decodeHeaderJson(value: string): unknown {
  return JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
}

/** Encodes JSON as an `X-ASSERTION` value (base64url, no padding). */
export function encodeHeaderJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** The `X-CHALLENGE` headers of a response, one per challenge. */
export function challengesOf(response: Response): unknown[] {
  const values = response.headers.get('x-challenge');
  return values ? values.split(',').map((value) => decodeHeaderJson(value.trim())) : [];
}

/** `POST …/actions` with one X-ASSERTION per given assertion object. */
export function postAction(api: string, token: string, processId: string, assertions: unknown[] = []): Promise<Response> {
  const headers = new Headers({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  for (const assertion of assertions) headers.append('x-assertion', encodeHeaderJson(assertion));
  return fetch(`${api}/document-processes/${processId}/actions`, { method: 'POST', headers });
}

/** The ACTION_SELECTION assertion for an action (`DOCUMENT_SENT`, `DOCUMENT_WITHDRAWAL`…). */
export function selectAction(action: string): unknown {
  return { classifiers: ['CHALLENGE_CLASSIFIER-UNIQUE_TYPE:ACTION_SELECTION'], attributes: { selectedIds: [`EVENT_CLASSIFIER-UNIQUE_TYPE:${action}`] } };
}

/** Sends a DRAFT process (as its sender). */
export const sendAs = (api: string, token: string, processId: string) => postAction(api, token, processId, [selectAction('DOCUMENT_SENT')]);
/** Withdraws a PROCESSING process (as its sender). */
export const withdrawAs = (api: string, token: string, processId: string) => postAction(api, token, processId, [selectAction('DOCUMENT_WITHDRAWAL')]);
