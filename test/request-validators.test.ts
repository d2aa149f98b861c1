import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRequestValidators, REQUEST_VALIDATORS_FILE } from '../scripts/request-validators.js';
import { hashSecret } from '../src/app/api-keys.js';
import { describeSchemaErrors } from '../src/api/schema-errors.js';
import type { CountersignServer } from '../src/api/server.js';
import { validatorsByRoute } from '../src/api-client/request-validators.js';
import { buildTestServer, createTestContext } from './support/app-context.js';
import { createFakeProvider, fakeRegistry } from './support/fake-provider.js';

/**
 * The web app checks a JSON body before sending it with validators generated from the routes' body
 * schemas (web/src/api.ts). They must refuse what the server refuses, with its very answer, and
 * take what it takes: each body below goes to both, the server over its real HTTP stack.
 */

const KEY = 'test-key-0123456789abcdef0123456789';
const ENVELOPE = '/api/v1/envelopes/env_01ABCDEFGHJKMNPQRSTVWXYZ0';
const signer = { firstName: 'Anna', lastName: 'Nowak', email: 'anna@client.test', role: 'signer' };

/** [route as openapi-fetch names it, the URL to call, a body]. */
const CASES: Array<[string, string, unknown]> = [
  ['POST /api/v1/envelopes', '/api/v1/envelopes', { title: 'Lease', documentIds: [], participants: [signer] }],
  ['POST /api/v1/envelopes', '/api/v1/envelopes', { title: '', participants: [{ ...signer, email: 'anna at client' }] }],
  ['POST /api/v1/envelopes', '/api/v1/envelopes', { title: 'Lease', participants: [{ ...signer, phone: '0722' }], colour: 'blue' }],
  ['POST /api/v1/envelopes', '/api/v1/envelopes', { title: 'Lease', participants: [{ ...signer, fields: [{ type: 'signature', page: 1, x: 10, y: 10, width: 0, height: 20 }] }] }],
  ['POST /api/v1/envelopes', '/api/v1/envelopes', { title: 'Lease', expiresAt: 'next Friday', participants: [{ ...signer, role: 'witness', step: 'two' }] }],
  ['PATCH /api/v1/envelopes/{envelopeId}', ENVELOPE, { message: 'x'.repeat(5000) }],
  ['POST /api/v1/envelopes/{envelopeId}/participants', `${ENVELOPE}/participants`, { firstName: 'Bert', email: 'bert@client.test' }],
  ['POST /api/v1/connections', '/api/v1/connections', { provider: 'docusign', name: 'Elsewhere' }],
  ['POST /api/v1/connections', '/api/v1/connections', { provider: 'autenti', name: 'Autenti', baseUrl: 'not a url' }],
  ['POST /api/v1/webhook-endpoints', '/api/v1/webhook-endpoints', { url: 'ftp:/nowhere', events: ['envelope.nothing'] }],
  ['POST /api/v1/keys', '/api/v1/keys', { name: '', scopes: ['everything'] }],
  ['POST /api/v1/templates/{templateId}/envelopes', '/api/v1/templates/tpl_01ABCDEFGHJKMNPQRSTVWXYZ0/envelopes', { people: { signer1: { ...signer, phone: '0722' } } }],
];

let server: CountersignServer;
let close: () => Promise<void>;

beforeAll(async () => {
  let context;
  ({ context, close } = await createTestContext(fakeRegistry(createFakeProvider())));
  server = await buildTestServer(context, { environmentKeyHash: hashSecret(KEY) });
});

afterAll(async () => {
  await server?.close();
  await close?.();
});

describe('request validators of the web app', () => {
  it('are the ones the routes’ schemas make now', async () => {
    const committed = readFileSync(REQUEST_VALIDATORS_FILE, 'utf8');
    expect(committed === (await generateRequestValidators()), 'src/api-client/request-validators.js is stale: run `npm run generate:api` and commit the result').toBe(true);
  });

  it.each(CASES)('%s: refuses %# as the server does, with its detail and field errors, or lets it through as it does', async (route, url, body) => {
    const [method] = route.split(' ') as ['POST' | 'PATCH'];
    const answer = await server.inject({ method, url, headers: { authorization: `Bearer ${KEY}` }, payload: body as object });
    const validate = validatorsByRoute[route]!;
    expect(validate, `no validator for ${route}`).toBeTypeOf('function');
    if (validate(JSON.parse(JSON.stringify(body)))) {
      // Past the schema the server may refuse for other reasons (an unknown document), never as a malformed body.
      expect(answer.json().type ?? '').not.toContain('invalid-request');
      return;
    }
    expect(answer.statusCode).toBe(400);
    const { detail, errors } = describeSchemaErrors(validate.errors ?? [], 'body');
    expect({ detail, errors }).toEqual({ detail: answer.json().detail, errors: answer.json().errors });
  });

  it('word a phone number the same wherever it is: in a participant, or in a template’s person by role key', () => {
    const phoneMessages = CASES.flatMap(([route, , body]) => {
      const validate = validatorsByRoute[route]!;
      if (validate(JSON.parse(JSON.stringify(body)))) return [];
      return describeSchemaErrors(validate.errors ?? [], 'body').errors.filter((error) => error.path.endsWith('phone'));
    });
    expect(phoneMessages).toEqual([
      { path: 'participants[0].phone', message: 'must be an international phone number, e.g. +48722722722' },
      { path: 'people.signer1.phone', message: 'must be an international phone number, e.g. +48722722722' },
    ]);
  });

  it('refuse the bodies above but the first, and know every JSON route the web app writes to', () => {
    const refused = CASES.filter(([route, , body]) => !validatorsByRoute[route]!(JSON.parse(JSON.stringify(body))));
    expect(refused).toHaveLength(CASES.length - 1);
    expect(Object.keys(validatorsByRoute)).toEqual(expect.arrayContaining(['POST /api/v1/envelopes', 'PATCH /api/v1/envelopes/{envelopeId}/participants/{participantId}', 'POST /api/v1/connections', 'POST /api/v1/webhook-endpoints']));
  });
});
