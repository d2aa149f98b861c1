import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from '../scripts/api-types.js';
import type { Connection, Envelope, EnvelopeStatus, Job, SessionState } from '../src/api-client/types.js';

describe('generated API types', () => {
  it('src/api-client/schema.ts matches the OpenAPI document the server builds', async () => {
    const fresh = await generateApiTypes();
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    expect(committed === fresh, 'src/api-client/schema.ts is stale: run `npm run generate:api` and commit the result').toBe(true);
  });

  it('names resolve to the route shapes, not to never', () => {
    // Checked by the compiler (npm run typecheck); a route renamed in src/api turns these red.
    expectTypeOf<Envelope['id']>().toEqualTypeOf<string>();
    expectTypeOf<EnvelopeStatus>().toExtend<string>();
    expectTypeOf<'completed'>().toExtend<EnvelopeStatus>();
    expectTypeOf<Connection['health']['status']>().not.toBeNever();
    expectTypeOf<Job<{ done: number }>['progress']>().toEqualTypeOf<{ done: number } | null>();
    expectTypeOf<SessionState['authenticated']>().toEqualTypeOf<boolean>();
  });
});
