import { describe, expect, it } from 'vitest';
import { newRequestId } from './edge-errors.js';

describe('newRequestId', () => {
  it('gives distinct ids of 16 hex digits, also across refills of its random bytes', () => {
    const ids = Array.from({ length: 2000 }, () => newRequestId());
    for (const id of ids) expect(id).toMatch(/^req_[0-9a-f]{16}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
