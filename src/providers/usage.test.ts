import { describe, expect, it } from 'vitest';
import { createMemoryUsageMeter } from './usage.js';

describe('createMemoryUsageMeter', () => {
  it('counts calls per connection, and as failures only those with no answer, a 429 or a 5xx', () => {
    const meter = createMemoryUsageMeter(() => new Date('2026-11-30T12:00:00Z'));
    for (const status of [200, 403, 404, null, 429, 503]) meter.record('con_a', { status });
    meter.record('con_b', { status: 200 });
    expect(meter.read('con_a')).toEqual({ calls: 6, failures: 3, since: '2026-11-30T12:00:00.000Z' });
    expect(meter.read('con_b')).toMatchObject({ calls: 1, failures: 0 });
    expect(meter.read('con_c')).toMatchObject({ calls: 0, failures: 0 });
  });
});
