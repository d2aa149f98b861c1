import { describe, expect, it } from 'vitest';
import type { ProviderEntry } from '../types';
import { baseUrlOf, connectionFieldOf, storedCredentials } from './connectionForm';

const autenti = {
  credentials: [
    { name: 'clientId', label: 'Client application ID', secret: false, required: true },
    { name: 'clientSecret', label: 'Client secret key', secret: true, required: true },
    { name: 'accountEmail', label: 'Autenti account email', secret: false, format: 'email', required: true },
  ],
} as ProviderEntry;

describe('the connection forms', () => {
  it('show a body error under the input that holds it: the URL under the typed URL, a credential under its own input', () => {
    expect(connectionFieldOf('name')).toBe('name');
    expect(connectionFieldOf('baseUrl')).toBe('customUrl');
    expect(connectionFieldOf('provider')).toBe('providerId');
    expect(connectionFieldOf('makeDefault')).toBe('makeDefault');
    expect(connectionFieldOf('accountEmail')).toBe('credentials.accountEmail');
    // The body as a whole (an empty change) names no field.
    expect(connectionFieldOf('')).toBe('');
  });

  it('send a named environment by its name and a typed URL trimmed', () => {
    expect(baseUrlOf({ environment: 'sandbox', customUrl: 'https://ignored.example.com' })).toBe('sandbox');
    expect(baseUrlOf({ environment: 'custom', customUrl: '  https://api.example.com/v2/ ' })).toBe('https://api.example.com/v2/');
  });

  it('start a change from the stored settings without any field the provider calls secret', () => {
    const settings = { clientId: 'abc', accountEmail: 'sender@example.com', clientSecret: 'must never be shown' };
    expect(storedCredentials(autenti, settings)).toEqual({ clientId: 'abc', accountEmail: 'sender@example.com' });
    // The provider not known yet: the settings as the API gives them (it returns no secret).
    expect(storedCredentials(undefined, { clientId: 'abc' })).toEqual({ clientId: 'abc' });
  });
});
