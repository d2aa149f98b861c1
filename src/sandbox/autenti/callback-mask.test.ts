import { describe, expect, it } from 'vitest';
import { maskCallbackUrl } from './clients.js';

describe('maskCallbackUrl', () => {
  it('hides the last path segment and the query, where callback secrets live', () => {
    expect(maskCallbackUrl('https://sign.example.com/api/v1/callbacks/con_01/s3cr3t-token')).toBe('https://sign.example.com/api/v1/callbacks/con_01/••••••');
    expect(maskCallbackUrl('https://hooks.example.com/receive/?key=s3cr3t')).toBe('https://hooks.example.com/••••••/?••••••');
    expect(maskCallbackUrl('https://hooks.example.com/?key=s3cr3t')).toBe('https://hooks.example.com/?••••••');
    expect(maskCallbackUrl(null)).toBeNull();
  });
});
