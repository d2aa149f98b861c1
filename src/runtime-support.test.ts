import { describe, expect, it } from 'vitest';
import { checkRuntime } from './runtime-support.js';

describe('checkRuntime', () => {
  const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

  it('accepts a tested line before its end of life', () => {
    expect(checkRuntime('v24.11.0', day('2026-11-30'))).toEqual({ nodeVersion: 'v24.11.0' });
    expect(checkRuntime('v22.23.5', day('2026-11-30'))).toEqual({ nodeVersion: 'v22.23.5' });
    expect(checkRuntime('v20.20.2', day('2026-04-30'))).toEqual({ nodeVersion: 'v20.20.2' });
  });

  it('warns on a tested line past its end of life, naming the date and the recommended line', () => {
    expect(checkRuntime('v20.20.2', day('2026-05-01')).warning).toBe(
      'Node.js 20 reached end of life on 2026-04-30 and gets no security fixes. Use Node.js 24 (active LTS) in production.',
    );
  });

  it('warns on a line that is not tested (odd, newer or older ones)', () => {
    expect(checkRuntime('v25.1.0', day('2026-11-30')).warning).toMatch(/^Node\.js v25\.1\.0 is not a release line Countersign is tested on \(20, 22, 24\)\./);
    expect(checkRuntime('v18.20.0', day('2026-11-30')).warning).toMatch(/not a release line/);
  });
});
