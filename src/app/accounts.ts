import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { ConflictError, CountersignError, ValidationError, type FieldError } from '../domain/errors.js';
import { newId } from '../store/ids.js';
import * as store from '../store/accounts.js';
import { lockKey } from '../store/locking.js';
import type { AppContext } from './context.js';

export type { AccountRecord } from '../store/accounts.js';

export const PASSWORD_MIN_LENGTH = 10;
/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** …and this long after sign-in, however active. */
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** Wrong passwords in a row for one email before each further attempt waits. */
export const FAILURES_BEFORE_LOCK = 5;
const FIRST_LOCK_MS = 1000;
const MAX_LOCK_MS = 15 * 60 * 1000;
/** A failure count left alone this long is forgotten. */
const FORGET_FAILURES_MS = 24 * 60 * 60 * 1000;

// scrypt cost: 128·N·r bytes = 32 MiB of memory per hash, around 100 ms on a small server.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, saltBytes: 16, keyBytes: 32 } as const;
// Node's default maxmem is exactly 32 MiB and refuses N=2^15, r=8 on some versions: leave headroom.
const SCRYPT_MAX_MEMORY = 64 * 1024 * 1024;

/** Wrong email or password: one message for both, so that a refusal never says whether an email has an account. */
export class InvalidCredentialsError extends CountersignError {
  constructor() {
    super('UNAUTHORIZED', 'The email or password is not correct.');
  }
}

/**
 * Too many wrong passwords in a row for one email. The session routes answer it with 429 and
 * Retry-After (ErrorCode has no code of its own for it; left to itself it would be a 401).
 */
export class SignInThrottledError extends CountersignError {
  readonly retryAfterSeconds: number;

  constructor(
    readonly retryAt: string,
    now: Date,
  ) {
    const seconds = Math.max(1, Math.ceil((Date.parse(retryAt) - now.getTime()) / 1000));
    super('SIGN_IN_THROTTLED', `Too many failed sign-ins for this email. Try again in ${describeSeconds(seconds)} (after ${retryAt}).`);
    this.retryAfterSeconds = seconds;
  }
}

export interface SignedIn {
  account: store.AccountRecord;
  /** Goes into the session cookie; only its SHA-256 is stored. */
  secret: string;
  /** Must come back as X-CSRF-Token on cookie-authenticated writes. */
  csrfToken: string;
  /** The session's absolute end (it may end earlier when idle). */
  expiresAt: string;
}

export interface ActiveSession {
  id: string;
  account: store.AccountRecord;
  csrfToken: string;
  expiresAt: string;
}

// Passwords

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = SCRYPT;
  const salt = randomBytes(SCRYPT.saltBytes);
  const hash = await deriveKey(password, salt, N, r, p, SCRYPT.keyBytes);
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** Checks a password against a stored `scrypt$N$r$p$salt$hash`, comparing in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  if (expected.length === 0) return false;
  const actual = await deriveKey(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p), expected.length);
  return timingSafeEqual(actual, expected);
}

function deriveKey(password: string, salt: Buffer, N: number, r: number, p: number, length: number): Promise<Buffer> {
  // NFKC: the same password typed on another system (composed or decomposed accents) still matches.
  const normalized = password.normalize('NFKC');
  return new Promise((resolve, reject) =>
    scrypt(normalized, salt, length, { N, r, p, maxmem: SCRYPT_MAX_MEMORY }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

let dummyHash: Promise<string> | undefined;
/** Verified against when an email has no account, so that an unknown email takes as long as a wrong password. */
function hashForUnknownEmail(): Promise<string> {
  return (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

// Accounts

export async function setupRequired(context: AppContext): Promise<boolean> {
  return (await store.countAccounts(context.db)) === 0;
}

/**
 * A server that others can reach must not hand its owner account to whoever visits first: at such a
 * start with no account yet, main.ts makes a one-time setup code and prints it to the terminal, and
 * the first visitor must type it. (On loopback only this machine can visit, and no code is asked.)
 */
export function newSetupCode(): string {
  // 24 letters of a 32-letter alphabet (no 0/O, 1/I) in groups of 4: 120 bits, beyond guessing, easy to copy.
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(24);
  return [...bytes].map((byte) => letters[byte % 32]).join('').replace(/(.{4})(?=.)/g, '$1-');
}

export class SetupCodeError extends CountersignError {
  constructor(presented: boolean) {
    super(
      'SETUP_CODE_REQUIRED',
      presented
        ? 'The setup code is not correct. Copy it from the lines the server printed when it started (it changes at every start).'
        : 'This server is reachable from other machines: creating the owner account needs the setup code the server printed when it started (setupCode). Or set COUNTERSIGN_ADMIN_EMAIL and COUNTERSIGN_ADMIN_PASSWORD and restart.',
    );
  }
}

/** Throws SetupCodeError unless no code is expected or the presented one matches (in constant time; case and dashes ignored). */
export function checkSetupCode(expected: string | undefined, presented: string | undefined): void {
  if (expected === undefined) return;
  const canonical = (code: string) => Buffer.from(createHash('sha256').update(code.toUpperCase().replace(/[^A-Z0-9]/g, '')).digest());
  if (presented === undefined || !timingSafeEqual(canonical(expected), canonical(presented))) throw new SetupCodeError(presented !== undefined);
}

/** Creates the owner account; only while no account exists (the first visit, or COUNTERSIGN_ADMIN_*). */
/**
 * Taken by every change that may take away an owner (users.ts), and the first owner's creation: two owners
 * demoting or removing each other at once cannot leave none.
 */
export const OWNERS_LOCK = 'owners';

export async function createOwner(context: AppContext, email: string, password: string): Promise<store.AccountRecord> {
  const normalized = normalizeEmail(email);
  const errors: FieldError[] = [];
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalized)) errors.push({ path: 'email', message: 'must be a valid email address, e.g. name@example.com' });
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    errors.push({
      path: 'password',
      message: `must be at least ${PASSWORD_MIN_LENGTH} characters long; a few unrelated words make one that is easy to remember`,
    });
  }
  if (errors.length > 0) throw new ValidationError(errors);

  // Hashed before the transaction: the embedded database has one connection, not to be held for 100 ms.
  const passwordHash = await hashPassword(password);
  const account: store.AccountRecord = { id: newId('acc'), email: normalized, role: 'owner', createdAt: context.now().toISOString(), lastSignInAt: null };
  await context.db.transaction().execute(async (trx) => {
    // Counted and inserted in one transaction under the owners' lock, so that two first visits at once cannot make two owners.
    await lockKey(trx, OWNERS_LOCK);
    if ((await store.countAccounts(trx)) > 0) throw new ConflictError('The owner account already exists. Sign in with it instead.');
    await store.insertAccount(trx, { ...account, passwordHash });
  });
  return account;
}

/** At start with COUNTERSIGN_ADMIN_EMAIL and _PASSWORD: creates the owner if there is no account yet. */
export async function ensureOwner(context: AppContext, email: string, password: string): Promise<store.AccountRecord | undefined> {
  if (!(await setupRequired(context))) return undefined;
  return createOwner(context, email, password);
}

// Sign-in

/**
 * Checks the password and opens a session. Throws InvalidCredentialsError (unknown email and wrong
 * password alike) or SignInThrottledError while the email is locked after repeated failures.
 */
export async function signIn(context: AppContext, email: string, password: string): Promise<SignedIn> {
  const normalized = normalizeEmail(email);
  await countAttempt(context, normalized);
  const account = await store.findAccountWithHashByEmail(context.db, normalized);
  // An invited person has no password yet (an empty hash): checked against the dummy like an unknown email.
  const matches = await verifyPassword(password, account?.passwordHash || (await hashForUnknownEmail()));
  if (!account || !account.passwordHash || !matches) throw new InvalidCredentialsError();
  await store.deleteSignInAttempt(context.db, normalized);
  const at = context.now().toISOString();
  await store.recordSignIn(context.db, account.id, at);
  const { passwordHash: _hash, ...record } = account;
  return startSession(context, { ...record, lastSignInAt: at });
}

/**
 * Counts an attempt as a failure *before* the password is checked (a success clears the count), so
 * that a burst of parallel guesses cannot all pass the check while the first ones are being hashed.
 * From the FAILURES_BEFORE_LOCK-th on, each failure locks the email for 1 s, 2 s, 4 s… up to 15 min.
 */
async function countAttempt(context: AppContext, email: string): Promise<void> {
  const now = context.now();
  const at = now.toISOString();
  await context.db.transaction().execute(async (trx) => {
    // Parallel guesses at one email count one after the other: none reads a count another is raising.
    await lockKey(trx, `sign-in:${email}`);
    await store.deleteStaleSignInAttempts(trx, new Date(now.getTime() - FORGET_FAILURES_MS).toISOString(), at);
    const previous = await store.findSignInAttempt(trx, email);
    if (previous?.lockedUntil && previous.lockedUntil > at) throw new SignInThrottledError(previous.lockedUntil, now);
    const failures = (previous?.failures ?? 0) + 1;
    const lockMs = failures < FAILURES_BEFORE_LOCK ? 0 : Math.min(FIRST_LOCK_MS * 2 ** (failures - FAILURES_BEFORE_LOCK), MAX_LOCK_MS);
    const lockedUntil = lockMs > 0 ? new Date(now.getTime() + lockMs).toISOString() : null;
    await store.saveSignInAttempt(trx, { email, failures, lockedUntil, updatedAt: at });
  });
}

/** Opens a session for an account whose identity is established (a checked password, or the owner just created). */
export async function startSession(context: AppContext, account: store.AccountRecord): Promise<SignedIn> {
  const secret = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const id = sessionIdOf(secret);
  const now = context.now();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + SESSION_MAX_MS).toISOString();
  // Sign-ins are rare: a good moment to drop sessions that ended, so the table does not grow forever.
  await store.deleteExpiredSessions(context.db, at, new Date(now.getTime() - SESSION_IDLE_MS).toISOString());
  await store.insertSession(context.db, {
    id,
    accountId: account.id,
    sealedCsrfToken: context.secrets.seal(csrfToken, csrfContext(id)),
    createdAt: at,
    lastSeenAt: at,
    expiresAt,
  });
  return { account, secret, csrfToken, expiresAt };
}

/** The live session a cookie's secret opens, or undefined (unknown, signed out, idle too long, or past its end). */
export async function sessionFor(context: AppContext, secret: string): Promise<ActiveSession | undefined> {
  // Our secrets are 32 bytes of base64url; anything else is not worth a query.
  if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) return undefined;
  const id = sessionIdOf(secret);
  const found = await store.findSessionWithAccount(context.db, id);
  if (!found) return undefined;
  const now = context.now().getTime();
  const lastSeen = Date.parse(found.session.lastSeenAt);
  if (now >= Date.parse(found.session.expiresAt) || now >= lastSeen + SESSION_IDLE_MS) {
    await store.deleteSession(context.db, id);
    return undefined;
  }
  // Recorded at most once a minute, so that reads do not each become a write.
  if (now - lastSeen > 60_000) await store.touchSession(context.db, id, new Date(now).toISOString());
  return {
    id,
    account: found.account,
    csrfToken: context.secrets.open(found.session.sealedCsrfToken, csrfContext(id)),
    expiresAt: found.session.expiresAt,
  };
}

export async function signOut(context: AppContext, secret: string): Promise<void> {
  await store.deleteSession(context.db, sessionIdOf(secret));
}

/** Compares a presented X-CSRF-Token with the session's in constant time (hashing first evens out the lengths). */
export function csrfTokenMatches(session: ActiveSession, presented: string | undefined): boolean {
  if (!presented) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(presented), digest(session.csrfToken));
}

function sessionIdOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Binds a sealed CSRF token to its session: a sealed value copied to another row does not open. */
function csrfContext(sessionId: string): string {
  return `session-csrf:${sessionId}`;
}

function describeSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
