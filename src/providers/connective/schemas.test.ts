import { describe, expect, it } from 'vitest';
import { ProviderError } from '../errors.js';
import { AddedDocumentSchema, PackageListSchema, PackageStatusSchema, readAnswer, readConnectiveError } from './schemas.js';

const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error as ProviderError;
  }
  throw new Error('expected a refusal');
};

describe('answers', () => {
  it('reads null as absent, and numbers Connective writes as strings', () => {
    expect(readAnswer(AddedDocumentSchema, { DocumentId: 'd1', CreationTimestamp: null, Locations: [{ Id: 'l1', Label: null, PageNumber: '2' }] }, 'adding', '')).toEqual({
      DocumentId: 'd1',
      Locations: [{ Id: 'l1', PageNumber: '2' }],
    });
    expect(readAnswer(PackageListSchema, { ContinuationToken: null, MaxQuantity: 1, Total: 0, Items: [] }, 'listing', '')).toEqual({ MaxQuantity: 1, Total: 0, Items: [] });
  });

  it('refuses a shape the contract does not describe as unsupported, naming where and what, never the content', () => {
    const error = refusal(() => readAnswer(PackageStatusSchema, { PackageStatus: 'Pending', Stakeholders: { secret: 'x' } }, 'reading package p1', 'a package status object'));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'unsupported', feature: 'response-shape', retryable: false });
    expect(error.message).toContain('at /Stakeholders it sent an object with fields secret');
    expect(error.message).not.toContain('"x"');
    expect(refusal(() => readAnswer(PackageStatusSchema, { PackageName: 'no status' }, 'reading package p1', 'x')).message).toMatch(/Connective eSignatures answered reading package p1/);
  });
});

describe('readConnectiveError', () => {
  it('reads {ErrorCode, Message}, a list of them, and nothing else', () => {
    expect(readConnectiveError('{"ErrorCode":"Package.NotFound","Message":"No package with this id."}')).toEqual({ code: 'Package.NotFound', message: 'No package with this id. (Package.NotFound)' });
    expect(readConnectiveError('[{"ErrorCode":"Request.Invalid","Message":"PackageName is required."},{"ErrorCode":"Request.Invalid","Message":"Bad\\nexpiry"}]')).toEqual({
      code: 'Request.Invalid',
      message: 'PackageName is required. (Request.Invalid); Bad expiry (Request.Invalid)',
    });
    expect(readConnectiveError('{"ErrorCode":"Throttling.Exceeded","Message":null}')).toEqual({ code: 'Throttling.Exceeded', message: 'Throttling.Exceeded' });
    expect(readConnectiveError('<html>Server Error</html>')).toEqual({});
    expect(readConnectiveError('{"error":"something else"}')).toEqual({});
    expect(readConnectiveError(JSON.stringify({ Message: 'x'.repeat(400) })).message).toHaveLength(300);
  });
});
