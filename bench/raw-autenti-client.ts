/**
 * The yardstick of the send bench: a minimal hand-written Autenti API v2 client that sends envelopes
 * with the same six provider calls Countersign's adapter makes (create, PUT parties, upload the file,
 * the DOCUMENT_SENT action as challenge then assertion, read the process back), against the same
 * standalone sandbox. It imports NO Countersign code on purpose: only the wire API as
 * docs/sandbox-autenti.md describes it, with Node's fetch and node:crypto. No retries, no checks
 * beyond the status, no storage: the fastest a client can go, which Countersign is measured against.
 */
import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';

export interface RawEnvelope {
  title: string;
  /** The PDF every envelope sends. */
  pdf: Blob;
  signers: { firstName: string; lastName: string; email: string; step: number }[];
}

const json = { accept: 'application/json', 'content-type': 'application/json' };
const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** An RS256 JWT, hand-signed: the JWT-bearer assertion of Autenti's connector guide §3.3. */
function signAssertion(privateKey: KeyObject, keyId: string, accountEmail: string): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: keyId }));
  const claims = base64url(JSON.stringify({ iss: 'raw-bench', aud: 'autenti.com', email: accountEmail, iat: now, exp: now + 600, jti: randomUUID() }));
  const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(privateKey);
  return `${header}.${claims}.${base64url(signature)}`;
}

async function expectStatus(response: Response, wanted: number[], what: string): Promise<Response> {
  if (!wanted.includes(response.status)) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
  return response;
}

/**
 * Registers an API client in the open (loopback) sandbox's Integration settings with a fresh key pair,
 * takes one access token for `accountEmail`, and returns `send`, which sends one envelope.
 */
export async function rawAutentiClient(sandboxUrl: string, accountEmail: string) {
  const control = async (method: string, path: string, body: unknown) =>
    (await expectStatus(await fetch(`${sandboxUrl}/_sandbox${path}`, { method, headers: json, body: JSON.stringify(body) }), [200, 201], `${method} ${path}`)).json() as Promise<any>;
  const { clientId, clientSecret } = await control('POST', '/clients', { name: 'raw bench client' });
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyId = `raw-${randomUUID()}`;
  await control('PUT', `/clients/${clientId}/public-key`, { ...publicKey.export({ format: 'jwk' }), kid: keyId, alg: 'RS256', use: 'sig' });

  const api = `${sandboxUrl}/api/v2`;
  const form = new URLSearchParams({
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    assertion: signAssertion(privateKey, keyId, accountEmail),
    client_id: clientId,
    client_secret: clientSecret,
  });
  const token = await (await expectStatus(await fetch(`${api}/auth/token`, { method: 'POST', body: form }), [200], 'token')).json() as { access_token: string };
  const auth = { authorization: `Bearer ${token.access_token}` };
  const sendAssertion = base64url(JSON.stringify({
    classifiers: ['CHALLENGE_CLASSIFIER-UNIQUE_TYPE:ACTION_SELECTION'],
    attributes: { selectedIds: ['EVENT_CLASSIFIER-UNIQUE_TYPE:DOCUMENT_SENT'] },
  }));

  /** Sends one envelope; resolves with the process id once Autenti has it sent and read back. */
  async function send(envelope: RawEnvelope): Promise<string> {
    const created = await (await expectStatus(await fetch(`${api}/document-processes`, { method: 'POST', headers: { ...json, ...auth }, body: JSON.stringify({ title: envelope.title }) }), [200, 201], 'create')).json() as { id: string };
    const process = `${api}/document-processes/${created.id}`;
    const parties = envelope.signers.map((signer) => ({
      party: { firstName: signer.firstName, lastName: signer.lastName, name: `${signer.firstName} ${signer.lastName}`, email: signer.email },
      role: 'SIGNER',
      constraints: [
        { classifiers: ['CONSTRAINT-UNIQUE_TYPE:PARTICIPATION_PRIORITY'], attributes: { priority: signer.step } },
        { classifiers: ['CONSTRAINT-UNIQUE_TYPE:SIGNATURE_TYPE'], attributes: { requiredClassifiers: ['SIGNATURE_PROVIDER-SIGNATURE_TYPE:BASIC'] } },
      ],
    }));
    await (await expectStatus(await fetch(process, { method: 'PUT', headers: { ...json, ...auth }, body: JSON.stringify({ title: envelope.title, processLanguage: 'en', parties }) }), [200, 204], 'PUT parties')).arrayBuffer();
    const upload = new FormData();
    upload.set('fileMeta', new Blob([JSON.stringify({ filename: 'contract.pdf', filePurpose: 'SOURCE_FILE', mimeType: 'application/pdf' })], { type: 'application/json' }));
    upload.set('file', envelope.pdf, 'contract.pdf');
    await (await expectStatus(await fetch(`${process}/files`, { method: 'POST', headers: { accept: 'application/json', ...auth }, body: upload }), [200, 201], 'upload')).arrayBuffer();
    // The seed's challenge–assertion round: first the challenge, then the answer to it.
    await (await expectStatus(await fetch(`${process}/actions`, { method: 'POST', headers: { ...json, ...auth }, body: '{}' }), [403], 'action challenge')).arrayBuffer();
    await (await expectStatus(await fetch(`${process}/actions`, { method: 'POST', headers: { ...json, ...auth, 'x-assertion': sendAssertion }, body: '{}' }), [200], 'send action')).arrayBuffer();
    const read = await (await expectStatus(await fetch(process, { headers: { accept: 'application/json', ...auth } }), [200], 'read back')).json() as { status?: string };
    if (read.status === 'DRAFT') throw new Error(`process ${created.id} is still a draft after the send action`);
    return created.id;
  }

  return { send };
}
