import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { importJWK, type JWK } from 'jose';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { problems } from './problems.js';
import type { ClientRecord, SandboxStore } from './store.js';
import { authOf } from './tokens.js';

/**
 * Client applications: the bootstrap client and registration (seed 003, "Bootstrap client",
 * `POST /api/v2/clients`), and the "Integration settings" of the Autenti web app (seed 000 §3.1, §3.3)
 * offered as JSON routes under `/_sandbox/clients`.
 */

/** Seed 003: the pre-defined bootstrap application, usable only with the password grant (or code flow). */
export const BOOTSTRAP_CLIENT_ID = 'autenti';
const BOOTSTRAP_SECRET = 'autenti';
/** The scope of the bootstrap client, needed by `POST /clients`. */
export const CLIENT_MANAGEMENT_SCOPE = 'client_management';

/**
 * Seed 003: some scopes "will be silently ignored if requested via API for a newly created client
 * application" — the list itself is lost in the converted document; the sandbox ignores the management ones.
 */
const RESERVED_SCOPES = new Set([CLIENT_MANAGEMENT_SCOPE, 'notification_management']);
/** Needed for event subscriptions (`/applications/callbacks`); only an administrator grants it (control routes). */
export const NOTIFICATION_SCOPE = 'notification_management';
/** Scopes of a client added through Integration settings (the guide's "Permissions for signing processes"). */
const DEFAULT_SCOPES = ['full'];

const bootstrapClient: ClientRecord = {
  clientId: BOOTSTRAP_CLIENT_ID,
  name: 'Autenti bootstrap client',
  secretHash: hashSecret(BOOTSTRAP_SECRET),
  redirectUris: [],
  scopes: [CLIENT_MANAGEMENT_SCOPE],
  publicKeys: [],
  publicKeyFormat: null,
  callbackUrl: null,
  createdAt: '2021-02-28T15:07:17.000Z',
};

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A client by id, the bootstrap client included. */
export function findClient(store: SandboxStore, clientId: string): ClientRecord | undefined {
  return clientId === BOOTSTRAP_CLIENT_ID ? bootstrapClient : store.getClient(clientId);
}

/** Compares a presented secret with the stored hash in constant time. */
export function secretMatches(client: ClientRecord, secret: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  return timingSafeEqual(given, Buffer.from(client.secretHash, 'hex'));
}

/** Registers a client; the secret is returned once and only its hash is kept (seed 003, "Important"). */
export function createClient(
  store: SandboxStore,
  input: { name: string; redirectUris?: string[]; scopes?: string[]; ownerAccount?: string; now: Date; byAdministrator?: boolean },
) {
  const clientSecret = randomUUID();
  // Requested through the API, reserved scopes are silently dropped (seed 003); an administrator of
  // Integration settings (the control routes) may grant notification_management.
  const scopes = (input.scopes ?? DEFAULT_SCOPES).filter((scope) => !RESERVED_SCOPES.has(scope) || (input.byAdministrator === true && scope === NOTIFICATION_SCOPE));
  const client: ClientRecord = {
    clientId: randomUUID(),
    name: input.name,
    secretHash: hashSecret(clientSecret),
    redirectUris: input.redirectUris ?? [],
    scopes,
    publicKeys: [],
    publicKeyFormat: null,
    callbackUrl: null,
    createdAt: input.now.toISOString(),
    ...(input.ownerAccount ? { ownerAccount: input.ownerAccount } : {}),
  };
  store.putClient(client);
  return { client, clientSecret };
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/**
 * Reads what an administrator pastes as "Public key": a JWK or a JWKS (seed 000 §3.3). Private keys are
 * not stored: in a set they are left out ("private keys will be ignored"); a set with no public key left,
 * or a single private JWK, is refused so the administrator learns the connector showed the wrong value.
 */
export async function parsePublicKeys(input: unknown): Promise<{ keys: Record<string, unknown>[]; format: 'jwk' | 'jwks'; ignored: string[] }> {
  let value = input;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw problems.badRequest('The public key is not JSON: paste the JWK ({"kty":"RSA","n":…,"e":…}) or JWKS ({"keys":[…]}) exactly as the connector shows it.');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw problems.badRequest('The public key must be a JWK object ({"kty":"RSA",…}) or a JWKS ({"keys":[…]}).');
  }
  const object = value as Record<string, unknown>;
  const format = 'keys' in object ? 'jwks' : 'jwk';
  const candidates = format === 'jwks' ? object.keys : [object];
  if (!Array.isArray(candidates) || candidates.length === 0) throw problems.badRequest('The JWKS member "keys" must be a non-empty array of JWKs.');
  const keys: Record<string, unknown>[] = [];
  const ignored: string[] = [];
  for (const [index, candidate] of candidates.entries()) {
    const where = format === 'jwks' ? `keys[${index}]` : 'the JWK';
    if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) throw problems.badRequest(`${where} is not a JSON object.`);
    const jwk = candidate as Record<string, unknown>;
    const privateMembers = PRIVATE_MEMBERS.filter((member) => member in jwk);
    if (privateMembers.length > 0) {
      ignored.push(`${where}${jwk.kid ? ` (kid ${String(jwk.kid)})` : ''} is a private key (has "${privateMembers.join('", "')}"): ignored, private keys are never stored`);
      continue;
    }
    keys.push(await validatePublicJwk(jwk, where));
  }
  if (keys.length === 0) {
    throw problems.badRequest(
      `No public key to register: ${ignored.join('; ')}. Paste the public key only (kty, n, e, and optionally kid, alg, use).`,
    );
  }
  const kids = keys.map((key) => key.kid).filter((kid) => kid !== undefined);
  if (new Set(kids).size !== kids.length) throw problems.badRequest('Two keys of the JWKS have the same kid; each kid must be unique.');
  return { keys, format, ignored };
}

async function validatePublicJwk(jwk: Record<string, unknown>, where: string): Promise<Record<string, unknown>> {
  if (jwk.kty !== 'RSA') throw problems.badRequest(`${where}: only RSA keys are accepted (assertions are signed with RS256); got kty ${JSON.stringify(jwk.kty)}.`);
  if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') throw problems.badRequest(`${where}: an RSA JWK needs the members "n" and "e" (base64url strings).`);
  if (jwk.alg !== undefined && jwk.alg !== 'RS256') throw problems.badRequest(`${where}: alg must be RS256 when given; got ${JSON.stringify(jwk.alg)}.`);
  if (jwk.use !== undefined && jwk.use !== 'sig') throw problems.badRequest(`${where}: use must be "sig" when given; got ${JSON.stringify(jwk.use)}.`);
  const bits = Buffer.from(jwk.n, 'base64url').length * 8;
  if (bits < 2048) throw problems.badRequest(`${where}: the RSA modulus has ${bits} bits; at least 2048 are required.`);
  try {
    await importJWK(jwk as JWK, 'RS256');
  } catch (error) {
    throw problems.badRequest(`${where} is not a valid RSA public JWK: ${(error as Error).message}`);
  }
  const kept: Record<string, unknown> = { kty: 'RSA', n: jwk.n, e: jwk.e };
  for (const member of ['kid', 'alg', 'use']) if (jwk[member] !== undefined) kept[member] = jwk[member];
  return kept;
}

/**
 * What Integration settings shows of a client: never the secret, and the callback URL masked — it
 * carries the receiver's secret token, which only the receiver (Countersign's own connection page) shows.
 */
export function describeClient(client: ClientRecord) {
  return {
    clientId: client.clientId,
    name: client.name,
    redirectUris: client.redirectUris,
    scopes: client.scopes,
    publicKeys: client.publicKeys,
    publicKeyFormat: client.publicKeyFormat,
    callbackUrl: maskCallbackUrl(client.callbackUrl),
    ...(client.ownerAccount ? { ownerAccount: client.ownerAccount } : {}),
    createdAt: client.createdAt,
  };
}

/**
 * Reads a callback URL setting: an absolute http(s) URL, or null/empty to remove it. `check` is the
 * callback sender's outbound guard: a URL it would refuse to deliver to is refused here, at once.
 */
export function parseCallbackUrl(value: unknown, check: (url: string) => void): string | null {
  if (value === null || value === '' || value === undefined) return null;
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) throw problems.badRequest('url must be an absolute http(s) URL, or null to remove the callback.');
  let url: string;
  try {
    url = new URL(value).toString();
  } catch {
    throw problems.badRequest(`url ${JSON.stringify(value)} is not a valid URL.`);
  }
  try {
    check(url);
  } catch (error) {
    throw problems.badRequest(`The callback url ${(error as Error).message}`);
  }
  return url;
}

/**
 * A callback URL as shown to anyone but its owner: the last path segment and the query, where
 * callback addresses carry their secret (Countersign's `/api/v1/callbacks/{connection}/{token}`), are
 * replaced by dots. Enough to recognise which connection it calls; not enough to forge a call.
 */
export function maskCallbackUrl(url: string | null): string | null {
  if (url === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '••••••';
  }
  const segments = parsed.pathname.split('/');
  const last = segments.findLastIndex((segment) => segment !== '');
  if (last >= 0) segments[last] = '••••••';
  const query = parsed.search ? '?••••••' : '';
  return `${parsed.origin}${segments.join('/')}${query}`;
}

function requireClient(store: SandboxStore, clientId: string): ClientRecord {
  const client = store.getClient(clientId);
  if (!client) throw problems.notFound(`No client application ${clientId}; create one with POST /_sandbox/clients.`);
  return client;
}

const stringList = (value: unknown, field: string): string[] | undefined => {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw problems.badRequest(`${field} must be an array of strings.`);
  return value as string[];
};

/** `POST /clients` and `GET /clients/{id}` of the API (seed 003), for the bootstrap client's token. */
export function clientApiRoutes(store: SandboxStore, now: () => Date): FastifyPluginAsync {
  return async (api: FastifyInstance) => {
    api.addHook('preHandler', async (request) => {
      const auth = authOf(request);
      if (auth.clientId !== BOOTSTRAP_CLIENT_ID || !auth.scopes.includes(CLIENT_MANAGEMENT_SCOPE)) {
        throw problems.forbidden('Client management needs a token of the bootstrap client (client_id "autenti") with scope client_management.');
      }
    });
    api.post('/clients', async (request) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (typeof body.client_name !== 'string' || body.client_name.trim() === '') throw problems.badRequest('client_name is required.', [{ field: 'client_name', message: 'required' }]);
      const redirectUris = stringList(body.redirect_uris, 'redirect_uris') ?? [];
      for (const uri of redirectUris) if (!/^https?:\/\/\S+$/i.test(uri)) throw problems.badRequest(`redirect_uris: ${uri} is not an absolute http(s) URL.`);
      // The seed's example sends "scopes" (an array); RFC 7591 names it "scope" (space-separated). Both are read.
      const scopes = stringList(body.scopes, 'scopes') ?? stringList(body.scope, 'scope') ?? DEFAULT_SCOPES;
      // The client acts for the account that obtained the bootstrap token, and for no other (issue 7):
      // registering a client is not a way to speak for someone else's account.
      const { client, clientSecret } = createClient(store, { name: body.client_name.trim(), redirectUris, scopes, ownerAccount: authOf(request).account, now: now() });
      if (body.jwks !== undefined) {
        const parsed = await parsePublicKeys(body.jwks);
        store.putClient({ ...client, publicKeys: parsed.keys, publicKeyFormat: parsed.format });
      }
      return {
        client_id: client.clientId,
        client_secret: clientSecret,
        client_secret_expires_at: 0,
        redirect_uris: client.redirectUris,
        client_name: client.name,
        scopes: client.scopes,
      };
    });
    api.get('/clients/:clientId', async (request) => {
      const client = requireClient(store, (request.params as { clientId: string }).clientId);
      return { client_id: client.clientId, redirect_uris: client.redirectUris, client_name: client.name, scopes: client.scopes };
    });
  };
}

/** Integration settings as JSON, under the control routes of `/_sandbox` (guarded when the sandbox is). */
export function clientSandboxRoutes(store: SandboxStore, now: () => Date, checkCallbackUrl: (url: string) => void): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    // With the client's event subscriptions, their URLs masked like the callback URL (they carry the receiver's secret).
    const withSubscriptions = (client: ClientRecord) => ({
      ...describeClient(client),
      subscriptions: store.listSubscriptions(client.clientId).map((subscription) => ({ id: subscription.id, callbackUrl: maskCallbackUrl(subscription.callbackParameters.callbackUrl), createdAt: subscription.createdAt })),
    });
    app.get('/clients', async () => store.listClients().map(withSubscriptions));
    app.post('/clients', async (request) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (typeof body.name !== 'string' || body.name.trim() === '') throw problems.badRequest('name (the "Name of client application") is required.');
      const { client, clientSecret } = createClient(store, {
        name: body.name.trim(),
        redirectUris: stringList(body.redirectUris, 'redirectUris') ?? [],
        scopes: stringList(body.scopes, 'scopes') ?? DEFAULT_SCOPES,
        now: now(),
        byAdministrator: true,
      });
      return { ...describeClient(client), clientSecret };
    });
    app.get('/clients/:clientId', async (request) => withSubscriptions(requireClient(store, (request.params as { clientId: string }).clientId)));
    app.put('/clients/:clientId/public-key', async (request) => {
      const client = requireClient(store, (request.params as { clientId: string }).clientId);
      const parsed = await parsePublicKeys(request.body);
      const updated = { ...client, publicKeys: parsed.keys, publicKeyFormat: parsed.format };
      store.putClient(updated);
      return { ...describeClient(updated), ignored: parsed.ignored };
    });
    app.put('/clients/:clientId/callback', async (request) => {
      const client = requireClient(store, (request.params as { clientId: string }).clientId);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const updated = { ...client, callbackUrl: parseCallbackUrl(body.url, checkCallbackUrl) };
      store.putClient(updated);
      return describeClient(updated);
    });
    // Grants or withdraws notification_management (what the Power Automate connector's clients hold).
    app.put('/clients/:clientId/scopes', async (request) => {
      const client = requireClient(store, (request.params as { clientId: string }).clientId);
      const scopes = stringList((request.body as Record<string, unknown> | undefined)?.scopes, 'scopes');
      if (!scopes || scopes.length === 0) throw problems.badRequest('scopes must be a non-empty array such as ["full", "notification_management"].');
      const refused = scopes.filter((scope) => scope === CLIENT_MANAGEMENT_SCOPE);
      if (refused.length > 0) throw problems.badRequest('client_management belongs to the bootstrap client only.');
      const updated = { ...client, scopes: [...new Set(scopes)] };
      store.putClient(updated);
      return describeClient(updated);
    });
    app.post('/clients/:clientId/secret', async (request) => {
      const client = requireClient(store, (request.params as { clientId: string }).clientId);
      const clientSecret = randomUUID();
      store.putClient({ ...client, secretHash: hashSecret(clientSecret) });
      return { clientId: client.clientId, clientSecret };
    });
  };
}
