import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { autentiProvider } from './autenti/descriptor.js';
import { DEFAULT_CAPABILITIES } from './capabilities.js';
import { catalogEntry } from './catalog.js';
import { BUILTIN_SANDBOX, checkCredentials, credentialFields, defineProvider } from './descriptor.js';
import { PROVIDERS } from './index.js';

describe('a provider descriptor', () => {
  it('derives the form fields from the credentials schema’s annotations', () => {
    expect(credentialFields(autentiProvider.credentials)).toEqual([
      { name: 'clientId', label: 'Client application ID', secret: false, required: true },
      { name: 'clientSecret', label: 'Client secret key', secret: true, required: true },
      { name: 'accountEmail', label: 'Autenti account email', secret: false, format: 'email', required: true },
      { name: 'assertionAudience', label: 'JWT audience (leave empty for autenti.com)', secret: false, required: false },
    ]);
  });

  it('checks credentials against the schema: trimmed, required, formats, unknown names', async () => {
    const ok = await checkCredentials(autentiProvider, { clientId: ' 9e76 ', clientSecret: 's', accountEmail: 'a@example.com' }, { partial: false });
    expect(ok).toEqual({ credentials: { clientId: '9e76', clientSecret: 's', accountEmail: 'a@example.com' }, errors: [] });

    const bad = await checkCredentials(autentiProvider, { clientId: '', accountEmail: 'not-an-email', tenant: 'x' }, { partial: false });
    expect(bad.errors).toEqual([
      { path: 'clientId', message: 'is required (Client application ID)' },
      { path: 'tenant', message: expect.stringContaining('is not a credential of this provider') },
      { path: 'clientSecret', message: 'is required (Client secret key)' },
      { path: 'accountEmail', message: 'must be a valid email address' },
    ]);

    // A change checks only what it gives.
    expect((await checkCredentials(autentiProvider, { clientSecret: 'new' }, { partial: true })).errors).toEqual([]);

    // An optional credential given empty is cleared, not refused; a required one given empty is refused.
    const cleared = await checkCredentials(autentiProvider, { clientId: '9e76', clientSecret: 's', accountEmail: 'a@example.com', assertionAudience: ' ' }, { partial: false });
    expect(cleared).toEqual({ credentials: { clientId: '9e76', clientSecret: 's', accountEmail: 'a@example.com' }, errors: [] });
  });

  it('refuses, at registration, credentials that are not strings and a sandbox without the sandbox environment', () => {
    const base = { id: 'connective', name: 'Connective', environments: {}, urlExample: 'https://esignatures.connective.eu/webportalapi/v3/', keyPair: false, capabilities: DEFAULT_CAPABILITIES, create: () => undefined as never } as const;
    expect(() => defineProvider({ ...base, credentials: Type.Object({ port: Type.Integer() }) })).toThrow(/credential port must be a string/);
    expect(() => defineProvider({ ...base, credentials: Type.Object({}), sandbox: autentiProvider.sandbox! })).toThrow(/sandbox: BUILTIN_SANDBOX/);
  });

  it('lists each provider once in the registry, with its sandbox reachable under its mount path', () => {
    expect(new Set(PROVIDERS.map((descriptor) => descriptor.id)).size).toBe(PROVIDERS.length);
    expect(catalogEntry(autentiProvider)).toMatchObject({
      id: 'autenti',
      environments: { sandbox: BUILTIN_SANDBOX },
      sandboxPath: '/sandbox/autenti',
      sandboxApiPath: '/sandbox/autenti/api/v2/',
      capabilities: autentiProvider.capabilities,
    });
  });
});
