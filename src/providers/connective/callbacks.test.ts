import { describe, expect, it } from 'vitest';
import { callbackTarget } from './index.js';

const callback = (url: string, body = '') => ({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body });

describe('parseCallback (callbackTarget)', () => {
  it('names the package from the query, or from a JSON PackageId', () => {
    expect(callbackTarget(callback('/api/v1/callbacks/con_1/token?packageId=p-123'))).toEqual({ reference: 'p-123' });
    expect(callbackTarget(callback('/api/v1/callbacks/con_1/token?PackageId=p-9&status=Finished'))).toEqual({ reference: 'p-9' });
    const body = JSON.stringify({ PackageId: 'p-456', PackageStatus: 'Pending', ExternalPackageReference: 'env_1', ActorId: 'a1', ActorStatus: 'Finished' });
    expect(callbackTarget(callback('/api/v1/callbacks/con_1/token', body))).toEqual({ reference: 'p-456' });
  });

  it('falls back to our envelope id from ExternalPackageReference', () => {
    expect(callbackTarget(callback('/cb', JSON.stringify({ PackageId: null, ExternalPackageReference: 'env_42' })))).toEqual({ envelopeId: 'env_42' });
  });

  it('ignores anything else, with a warning that says what was missing', () => {
    const warnings: string[] = [];
    const logger = { debug: () => undefined, warn: (_object: Record<string, unknown>, message?: string) => void warnings.push(message ?? '') };
    expect(callbackTarget(callback('/cb', '<xml/>'), logger)).toBeNull();
    expect(callbackTarget(callback('/cb', JSON.stringify([{ PackageId: 'p1' }])), logger)).toBeNull();
    expect(callbackTarget(callback('/cb', JSON.stringify({ PackageId: 42 })), logger)).toBeNull();
    expect(callbackTarget(callback('/cb?packageId='), logger)).toBeNull();
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toMatch(/neither a packageId in the query nor a PackageId/);
  });
});
