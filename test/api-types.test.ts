import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { API_TYPES_FILES, generateApiTypes } from '../scripts/api-types.js';
import type { Connection, Envelope, EnvelopeStatus, Job, SessionState } from '../src/api-client/types.js';
import type { Envelope as ClientEnvelope, FeedEvent as ClientFeedEvent } from '../packages/client/src/index.js';
import type { FeedEvent } from '../src/api-client/types.js';

// Both copies are checked: the app's (web app, CLI) and the one the typed client's package carries.
const COPIES = ['src/api-client/schema.ts', 'packages/client/src/schema.ts'];

describe('generated API types', () => {
  let fresh: string;
  beforeAll(async () => {
    fresh = await generateApiTypes();
  });

  it('are written to the app’s copy and the typed client’s copy', () => {
    expect(API_TYPES_FILES.map((url) => url.href)).toEqual(COPIES.map((path) => new URL(`../${path}`, import.meta.url).href));
  });

  it.each(COPIES)('%s matches the OpenAPI document the server builds', (path) => {
    const committed = readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
    expect(committed === fresh, `${path} is stale: run \`npm run generate:api\` and commit the result`).toBe(true);
  });

  it('names resolve to the route shapes, not to never', () => {
    // Checked by the compiler (npm run typecheck); a route renamed in src/api turns these red.
    expectTypeOf<Envelope['id']>().toEqualTypeOf<string>();
    expectTypeOf<EnvelopeStatus>().toExtend<string>();
    expectTypeOf<'completed'>().toExtend<EnvelopeStatus>();
    expectTypeOf<Connection['health']['status']>().not.toBeNever();
    expectTypeOf<Job<{ done: number }>['progress']>().toEqualTypeOf<{ done: number } | null>();
    expectTypeOf<SessionState['authenticated']>().toEqualTypeOf<boolean>();
    // The typed client names the same shapes from its own copy.
    expectTypeOf<ClientEnvelope>().toEqualTypeOf<Envelope>();
    expectTypeOf<ClientFeedEvent>().toEqualTypeOf<FeedEvent>();
  });
});
