import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../domain/errors.js';
import type { Db } from '../store/database.js';
import { openTestDatabase, type TestDatabase } from '../../test/support/database.js';
import {
  createOwner,
  csrfTokenMatches,
  hashPassword,
  InvalidCredentialsError,
  sessionFor,
  SESSION_IDLE_MS,
  setupRequired,
  signIn,
  SignInThrottledError,
  signOut,
  verifyPassword,
} from './accounts.js';
import type { AppContext } from './context.js';
import { createSecretBox } from './secrets.js';

const PASSWORD = 'correct horse battery staple';
const HOUR = 60 * 60 * 1000;

let database: TestDatabase;
let db: Db;
let clock: Date;
let context: AppContext;

beforeEach(async () => {
  database = await openTestDatabase();
  db = database.db;
  clock = new Date('2026-11-23T10:00:00.000Z');
  // Only what the account use cases touch.
  context = { db, secrets: createSecretBox(randomBytes(32)), now: () => clock } as unknown as AppContext;
});

afterEach(async () => {
  await database.close();
});

const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

/** What a sign-in attempt came to: 'ok', 'wrong' (401) or the seconds a 429 asks to wait. */
async function attempt(email: string, password: string): Promise<'ok' | 'wrong' | number> {
  try {
    await signIn(context, email, password);
    return 'ok';
  } catch (error) {
    if (error instanceof InvalidCredentialsError) return 'wrong';
    if (error instanceof SignInThrottledError) return error.retryAfterSeconds;
    throw error;
  }
}

describe('password hashing', () => {
  it('stores scrypt$N$r$p$salt$hash with N=2^15, r=8, p=1 and a 16-byte salt, and verifies it', async () => {
    const stored = await hashPassword(PASSWORD);
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
    expect(await hashPassword(PASSWORD)).not.toBe(stored);
  });

  it('refuses a stored value that is not one of its hashes instead of throwing', async () => {
    expect(await verifyPassword(PASSWORD, '')).toBe(false);
    expect(await verifyPassword(PASSWORD, 'bcrypt$2b$10$abc')).toBe(false);
  });
});

describe('the owner account', () => {
  it('is required on a fresh install, created once with a lower-case email, and refused a second time', async () => {
    expect(await setupRequired(context)).toBe(true);
    const owner = await createOwner(context, ' Owner@Example.com ', PASSWORD);
    expect(owner).toMatchObject({ id: expect.stringMatching(/^acc_[0-9A-Z]{26}$/), email: 'owner@example.com', role: 'owner' });
    expect(await setupRequired(context)).toBe(false);
    await expect(createOwner(context, 'other@example.com', PASSWORD)).rejects.toThrow(ConflictError);
    const row = await db.selectFrom('accounts').selectAll().executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
  });

  it('asks for a password of at least 10 characters, saying so', async () => {
    const error = await createOwner(context, 'owner@example.com', 'short').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/^password: must be at least 10 characters long/);
    expect(await setupRequired(context)).toBe(true);
  });
});

describe('sign-in and sessions', () => {
  beforeEach(async () => {
    await createOwner(context, 'owner@example.com', PASSWORD);
  });

  it('opens a session whose secret and CSRF token are stored only hashed or sealed', async () => {
    const signedIn = await signIn(context, 'OWNER@example.com', PASSWORD);
    expect(signedIn.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(signedIn.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const session = await sessionFor(context, signedIn.secret);
    expect(session).toMatchObject({ account: { email: 'owner@example.com', role: 'owner' }, csrfToken: signedIn.csrfToken });
    expect(csrfTokenMatches(session!, signedIn.csrfToken)).toBe(true);
    expect(csrfTokenMatches(session!, `${signedIn.csrfToken}x`)).toBe(false);
    expect(csrfTokenMatches(session!, undefined)).toBe(false);

    const dump = JSON.stringify(await db.selectFrom('sessions').selectAll().execute());
    expect(dump).not.toContain(signedIn.secret);
    expect(dump).not.toContain(signedIn.csrfToken);
    expect((await db.selectFrom('accounts').select('last_sign_in_at').executeTakeFirstOrThrow()).last_sign_in_at).toBe(clock.toISOString());
  });

  it('ends a session at sign-out, after 12 idle hours, and 7 days after sign-in however active', async () => {
    const first = await signIn(context, 'owner@example.com', PASSWORD);
    await signOut(context, first.secret);
    expect(await sessionFor(context, first.secret)).toBeUndefined();

    const idle = await signIn(context, 'owner@example.com', PASSWORD);
    advance(SESSION_IDLE_MS - HOUR);
    expect(await sessionFor(context, idle.secret)).toBeDefined();
    // The idle limit slides from the last request.
    advance(SESSION_IDLE_MS - HOUR);
    expect(await sessionFor(context, idle.secret)).toBeDefined();
    advance(SESSION_IDLE_MS);
    expect(await sessionFor(context, idle.secret)).toBeUndefined();

    const active = await signIn(context, 'owner@example.com', PASSWORD);
    for (let elapsed = 0; elapsed < 7 * 24 * HOUR - 11 * HOUR; elapsed += 11 * HOUR) {
      advance(11 * HOUR);
      expect(await sessionFor(context, active.secret)).toBeDefined();
    }
    advance(11 * HOUR);
    expect(await sessionFor(context, active.secret)).toBeUndefined();
  });

  it('refuses a wrong password and an unknown email with the same error', async () => {
    const wrong = await signIn(context, 'owner@example.com', 'not the password').catch((error: unknown) => error);
    const unknown = await signIn(context, 'nobody@example.com', PASSWORD).catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(InvalidCredentialsError);
    expect(unknown).toBeInstanceOf(InvalidCredentialsError);
    expect((unknown as Error).message).toBe((wrong as Error).message);
    expect(await sessionFor(context, 'A'.repeat(43))).toBeUndefined();
  });
});

describe('throttling after wrong passwords', () => {
  beforeEach(async () => {
    await createOwner(context, 'owner@example.com', PASSWORD);
  });

  it('locks an email after 5 failures for 1 s, then 2 s, then 4 s, refusing even the right password meanwhile', async () => {
    for (let failure = 1; failure <= 5; failure++) expect(await attempt('owner@example.com', 'wrong password')).toBe('wrong');
    expect(await attempt('owner@example.com', PASSWORD)).toBe(1);

    advance(1000);
    expect(await attempt('owner@example.com', 'wrong password')).toBe('wrong');
    expect(await attempt('owner@example.com', 'wrong password')).toBe(2);
    advance(1000);
    expect(await attempt('owner@example.com', 'wrong password')).toBe(1);
    advance(1000);
    expect(await attempt('owner@example.com', 'wrong password')).toBe('wrong');
    expect(await attempt('owner@example.com', PASSWORD)).toBe(4);

    // Another email is not affected.
    expect(await attempt('someone@example.com', 'wrong password')).toBe('wrong');
  });

  it('says in its message when to retry', async () => {
    for (let failure = 1; failure <= 5; failure++) await attempt('owner@example.com', 'wrong password');
    const error = (await signIn(context, 'owner@example.com', PASSWORD).catch((caught: unknown) => caught)) as SignInThrottledError;
    expect(error.retryAt).toBe(new Date(clock.getTime() + 1000).toISOString());
    expect(error.message).toBe(`Too many failed sign-ins for this email. Try again in 1 second (after ${error.retryAt}).`);
  });

  it('caps the lock at 15 minutes', async () => {
    let last: 'ok' | 'wrong' | number = 'wrong';
    for (let failure = 1; failure <= 16; failure++) {
      await attempt('owner@example.com', 'wrong password');
      last = await attempt('owner@example.com', 'wrong password');
      advance(15 * 60 * 1000);
    }
    expect(last).toBe(15 * 60);
  });

  it('starts counting again after a successful sign-in', async () => {
    for (let failure = 1; failure <= 5; failure++) await attempt('owner@example.com', 'wrong password');
    advance(1000);
    expect(await attempt('owner@example.com', PASSWORD)).toBe('ok');
    for (let failure = 1; failure <= 5; failure++) expect(await attempt('owner@example.com', 'wrong password')).toBe('wrong');
    expect(await attempt('owner@example.com', 'wrong password')).toBe(1);
  });

  it('treats an unknown email exactly like a known one', async () => {
    const known: Array<'ok' | 'wrong' | number> = [];
    const unknown: Array<'ok' | 'wrong' | number> = [];
    for (let attemptNumber = 1; attemptNumber <= 7; attemptNumber++) {
      known.push(await attempt('owner@example.com', 'wrong password'));
      unknown.push(await attempt('nobody@example.com', 'wrong password'));
    }
    expect(unknown).toEqual(known);
    expect(known).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'wrong', 1, 1]);
  });

  it('forgets old failures after a quiet day', async () => {
    for (let failure = 1; failure <= 4; failure++) await attempt('owner@example.com', 'wrong password');
    advance(25 * HOUR);
    // Counted from zero again: four more failures before the fifth locks.
    for (let failure = 1; failure <= 5; failure++) expect(await attempt('owner@example.com', 'wrong password')).toBe('wrong');
    expect(await attempt('owner@example.com', 'wrong password')).toBe(1);
  });
});
