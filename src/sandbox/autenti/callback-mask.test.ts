import { describe, expect, it } from 'vitest';
import { maskCallbackUrl } from './clients.js';
import { isLoopbackHost } from './index.js';

describe('maskCallbackUrl', () => {
  it('hides the last path segment and the query, where callback secrets live', () => {
    expect(maskCallbackUrl('https://sign.example.com/api/v1/callbacks/con_01/s3cr3t-token')).toBe('https://sign.example.com/api/v1/callbacks/con_01/••••••');
    expect(maskCallbackUrl('https://hooks.example.com/receive/?key=s3cr3t')).toBe('https://hooks.example.com/••••••/?••••••');
    expect(maskCallbackUrl('https://hooks.example.com/?key=s3cr3t')).toBe('https://hooks.example.com/?••••••');
    expect(maskCallbackUrl(null)).toBeNull();
  });
});

describe('isLoopbackHost', () => {
  it('knows the addresses only this machine reaches', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'sign.example.com', '128.0.0.1']) expect(isLoopbackHost(host), host).toBe(false);
  });
});
