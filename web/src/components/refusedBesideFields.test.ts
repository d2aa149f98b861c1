import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { refusedBesideFields } from './refusedBesideFields';

describe('a refusal beside its fields', () => {
  it('is one that names one of the fields or a part of one; anything else is for the form’s alert', () => {
    const refusal = (path: string) => new ApiError(422, 'refused', [{ path, message: 'is not right' }]);
    expect(refusedBesideFields(refusal('url'), ['url', 'events'])).toBe(true);
    expect(refusedBesideFields(refusal('events[2]'), ['url', 'events'])).toBe(true);
    expect(refusedBesideFields(refusal('urlPrefix'), ['url'])).toBe(false);
    expect(refusedBesideFields(new ApiError(409, 'conflict'), ['url'])).toBe(false);
    expect(refusedBesideFields(new Error('offline'), ['url'])).toBe(false);
  });
});
