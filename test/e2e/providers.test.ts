import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../support/cli.js';
import { apiClient, type ApiClient } from '../support/http.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';

/**
 * The provider registry as the API shows it: GET /api/v1/providers (typed in OpenAPI), connection
 * bodies validated by each provider's credentials schema, and provider calls counted per connection.
 */

let server: ServerProcess;
let folder: ReturnType<typeof temporaryDataDir>;
let api: ApiClient;

beforeAll(async () => {
  folder = temporaryDataDir();
  server = await startServer({ dataDir: folder.dataDir });
  api = apiClient(server.url, server.apiKey);
});

afterAll(async () => {
  await server?.stop();
  folder?.remove();
});

describe('GET /api/v1/providers', () => {
  it('describes each provider with its environments, credential fields and capabilities', async () => {
    const response = await api.get('/api/v1/providers');
    expect(response.status).toBe(200);
    const autenti = response.body.data.find((entry: any) => entry.id === 'autenti');
    expect(autenti).toMatchObject({
      name: 'Autenti',
      environments: { production: 'https://api.autenti.com/api/v2/', sandbox: 'builtin:sandbox' },
      urlExample: 'https://api.autenti.com/api/v2/',
      keyPair: true,
      sandboxApiPath: '/sandbox/autenti/api/v2/',
      sandboxPages: { integrationSettings: '/sandbox/autenti/integration-settings', mailbox: '/sandbox/autenti/_sandbox/mailbox?to=EMAIL' },
      credentials: [
        { name: 'clientId', label: 'Client application ID', secret: false, required: true },
        { name: 'clientSecret', label: 'Client secret key', secret: true, required: true },
        { name: 'accountEmail', label: 'Autenti account email', secret: false, format: 'email', required: true },
        // Optional, not a secret: the JWT audience for a tenant that needs another than autenti.com (issue 9).
        { name: 'assertionAudience', label: 'JWT audience (leave empty for autenti.com)', secret: false, required: false },
      ],
      capabilities: {
        withdraw: true,
        reminders: 'selected',
        expiry: false,
        expiryChange: false,
        skipPending: false,
        deltaListing: true,
        rateLimit: null,
        signatureFields: ['box'],
        fieldTypes: ['signature'],
      },
    });
    expect(autenti.capabilities.fileKinds).toContain('docx');

    const connective = response.body.data.find((entry: any) => entry.id === 'connective');
    expect(connective).toMatchObject({
      name: 'Connective eSignatures',
      environments: { sandbox: 'builtin:sandbox' },
      urlExample: 'https://esignatures.connective.eu/webportalapi/v3/',
      keyPair: false,
      sandboxApiPath: '/sandbox/connective/webportalapi/v3/',
      credentials: [
        { name: 'username', label: 'API username', secret: false, required: true },
        { name: 'password', label: 'API password', secret: true, required: true },
        { name: 'initiator', label: 'Package initiator', secret: false, format: 'email', required: false },
      ],
      capabilities: { expiry: true, expiryChange: true, skipPending: true, deletion: true, embeddedSigning: true, auditProof: 'xml', reminders: 'all-pending', rateLimit: { calls: 100, perMs: 60000 }, signatureFields: ['box', 'anchor'], anchorAdjustments: false },
    });
    expect(connective.sandboxPages.integrationSettings).toBeUndefined();
    expect(response.body.data.find((entry: any) => entry.id === 'consigno').capabilities).toMatchObject({ signatureFields: ['box', 'anchor'], anchorAdjustments: true });
  });

  it('is typed in OpenAPI, capabilities and connection bodies included', async () => {
    const spec = (await apiClient(server.url, undefined).get('/api/v1/openapi.json')).body;
    const entry = spec.paths['/api/v1/providers'].get.responses['200'].content['application/json'].schema.properties.data.items;
    expect(Object.keys(entry.properties)).toEqual(expect.arrayContaining(['id', 'name', 'environments', 'credentials', 'capabilities']));
    expect(Object.keys(entry.properties.capabilities.properties)).toEqual(expect.arrayContaining(['withdraw', 'expiryChange', 'skipPending', 'reminders', 'rateLimit']));

    // POST /connections: one body per provider, told apart by `provider`, with its credentials schema's properties.
    const body = spec.paths['/api/v1/connections'].post.requestBody.content['application/json'].schema;
    expect(body.discriminator).toEqual({ propertyName: 'provider' });
    const autenti = body.oneOf.find((branch: any) => branch.properties.provider.enum?.[0] === 'autenti');
    expect(autenti.properties.clientSecret).toMatchObject({ type: 'string', writeOnly: true });
    expect(autenti.required).toEqual(expect.arrayContaining(['provider', 'name', 'baseUrl', 'clientId', 'clientSecret', 'accountEmail']));
    expect(autenti.required).not.toContain('assertionAudience');

    const connection = spec.paths['/api/v1/connections/{connectionId}'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(connection.properties.usage.properties)).toEqual(['calls', 'failures', 'since']);
  });
});

describe('connections and the credentials schema', () => {
  it('refuses a provider this server cannot connect, and credentials the provider’s schema does not take, naming the field', async () => {
    const unknown = await api.post('/api/v1/connections', { provider: 'docusign', name: 'X', baseUrl: 'production' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toContainEqual({ path: 'provider', message: expect.stringContaining('GET /api/v1/providers') });

    const missing = await api.post('/api/v1/connections', { provider: 'autenti', name: 'X', baseUrl: 'sandbox', clientId: 'c', accountEmail: 'a@example.com' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toContainEqual({ path: 'clientSecret', message: 'is required' });

    const foreign = await api.post('/api/v1/connections', {
      provider: 'autenti',
      name: 'X',
      baseUrl: 'sandbox',
      clientId: 'c',
      clientSecret: 's',
      accountEmail: 'a@example.com',
      tenant: 'acme',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toContainEqual({ path: 'tenant', message: 'is not a known field' });

    const builtIn = (await api.get('/api/v1/connections')).body.data[0];
    const blank = await api.patch(`/api/v1/connections/${builtIn.id}`, { accountEmail: 'not-an-email' });
    expect(blank.status).toBe(422);
    expect(blank.body.errors).toEqual([{ path: 'accountEmail', message: 'must be a valid email address' }]);
  });

  it('counts the provider calls made for a connection', async () => {
    const builtIn = (await api.get('/api/v1/connections')).body.data[0];
    const before = (await api.get(`/api/v1/connections/${builtIn.id}`)).body.usage;
    expect(before).toMatchObject({ calls: expect.any(Number), failures: expect.any(Number), since: expect.any(String) });
    expect((await api.post(`/api/v1/connections/${builtIn.id}/verify`)).body.ok).toBe(true);
    const after = (await api.get(`/api/v1/connections/${builtIn.id}`)).body.usage;
    // A verify lists one page of processes (the adapter keeps its access token).
    expect(after.calls).toBeGreaterThanOrEqual(before.calls + 1);
    expect(after.since).toBe(before.since);
  });
});

describe('countersign connections add', () => {
  it('takes its credential flags from the server’s provider listing, and names them when one is wrong', async () => {
    const countersign = cliRunner(server);
    const wrong = await countersign(['connections', 'add', 'autenti', '--name', 'X', '--url', 'sandbox', '--tenant', 'acme']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('--tenant is not an option of connections add autenti');
    expect(wrong.stderr).toContain('--client-id <id>, --client-secret <secret>, --account-email <email>');

    const missing = await countersign(['connections', 'add', 'autenti', '--name', 'X', '--url', 'sandbox', '--client-id=abc']);
    expect(missing.stderr).toContain('Missing --client-secret <secret>, --account-email <email>');
  });
});
