import { describe, expect, it } from 'vitest';
import { storageTroubleOf } from './storage-trouble.js';

const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('storageTroubleOf', () => {
  it.each([
    ['SQLITE_BUSY', 'busy'],
    ['SQLITE_BUSY_SNAPSHOT', 'busy'],
    ['SQLITE_FULL', 'full'],
    ['SQLITE_READONLY_DBMOVED', 'read-only'],
    ['SQLITE_IOERR_FSYNC', 'io'],
    ['ENOSPC', 'full'],
    ['EROFS', 'read-only'],
    ['53100', 'full'],
    ['57P01', 'unreachable'],
    ['08006', 'unreachable'],
    ['ECONNREFUSED', 'unreachable'],
  ])('reads %s as %s', (code, kind) => {
    expect(storageTroubleOf(coded(code))?.kind).toBe(kind);
  });

  it("reads pg's words for a connection the server closed, and a trouble wrapped as another error's cause", () => {
    expect(storageTroubleOf(new Error('Connection terminated unexpectedly'))?.kind).toBe('unreachable');
    expect(storageTroubleOf(new Error('the archive failed', { cause: coded('SQLITE_FULL') }))?.kind).toBe('full');
  });

  it('leaves alone what is the statement’s fault or not storage at all', () => {
    for (const error of [coded('SQLITE_CONSTRAINT_UNIQUE'), coded('SQLITE_ERROR'), coded('23505'), coded('42P01'), new Error('boom'), 'text', null]) {
      expect(storageTroubleOf(error)).toBeUndefined();
    }
  });

  it('tells each kind what to do and when to come back', () => {
    expect(storageTroubleOf(coded('SQLITE_BUSY'))).toMatchObject({ retryAfterSeconds: 1, detail: expect.stringMatching(/busy.*try again/) });
    expect(storageTroubleOf(coded('ENOSPC'))).toMatchObject({ retryAfterSeconds: 60, detail: expect.stringMatching(/full.*free space/) });
  });
});
