import type { Db } from './database.js';
import type { Role } from '../domain/roles.js';
import type { AccountsTable, InvitationsTable, SessionsTable, SignInAttemptsTable } from './schema.js';

export type AccountRole = Role;
/** 'invited': has not set a password through their invitation yet. */
export type AccountStatus = 'invited' | 'active';

export interface AccountRecord {
  id: string;
  email: string;
  role: AccountRole;
  createdAt: string;
  lastSignInAt: string | null;
  /** Absent on records built before statuses existed; read as 'active'. */
  status?: AccountStatus;
}

export interface InvitationRecord {
  id: string;
  accountId: string;
  /** SHA-256 (hex) of the token in the link. */
  tokenHash: string;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
}

export interface SessionRecord {
  /** SHA-256 (hex) of the session secret. */
  id: string;
  accountId: string;
  /** Sealed; see src/app/accounts.ts. */
  sealedCsrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface SignInAttemptRecord {
  email: string;
  failures: number;
  lockedUntil: string | null;
  updatedAt: string;
}

function toAccount(row: Omit<AccountsTable, 'password_hash'>): AccountRecord {
  return {
    id: row.id,
    email: row.email,
    role: row.role as AccountRole,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
    status: row.status as AccountStatus,
  };
}

function toInvitation(row: InvitationsTable): InvitationRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    tokenHash: row.token_hash,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

function toSession(row: SessionsTable): SessionRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    sealedCsrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
}

function toAttempt(row: SignInAttemptsTable): SignInAttemptRecord {
  return { email: row.email, failures: row.failures, lockedUntil: row.locked_until, updatedAt: row.updated_at };
}

// Accounts

export async function countAccounts(db: Db): Promise<number> {
  const row = await db.selectFrom('accounts').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertAccount(db: Db, account: AccountRecord & { passwordHash: string }): Promise<void> {
  await db
    .insertInto('accounts')
    .values({
      id: account.id,
      email: account.email,
      password_hash: account.passwordHash,
      role: account.role,
      created_at: account.createdAt,
      last_sign_in_at: account.lastSignInAt,
      status: account.status ?? 'active',
    })
    .execute();
}

export async function findAccount(db: Db, id: string): Promise<AccountRecord | undefined> {
  const row = await db.selectFrom('accounts').select(ACCOUNT_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toAccount(row);
}

export async function findAccountByEmail(db: Db, email: string): Promise<AccountRecord | undefined> {
  const row = await db.selectFrom('accounts').select(ACCOUNT_COLUMNS).where('email', '=', email).executeTakeFirst();
  return row && toAccount(row);
}

export async function listAccounts(db: Db): Promise<AccountRecord[]> {
  const rows = await db.selectFrom('accounts').select(ACCOUNT_COLUMNS).orderBy('id').execute();
  return rows.map(toAccount);
}

export async function countActiveOwners(db: Db): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('role', '=', 'owner')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The first owner: rows from before people existed belong to them. */
export async function findFirstOwner(db: Db): Promise<AccountRecord | undefined> {
  const row = await db.selectFrom('accounts').select(ACCOUNT_COLUMNS).where('role', '=', 'owner').orderBy('id').executeTakeFirst();
  return row && toAccount(row);
}

export async function updateAccountRole(db: Db, id: string, role: AccountRole): Promise<void> {
  await db.updateTable('accounts').set({ role }).where('id', '=', id).execute();
}

export async function activateAccount(db: Db, id: string, passwordHash: string, at: string): Promise<void> {
  await db.updateTable('accounts').set({ password_hash: passwordHash, status: 'active', last_sign_in_at: at }).where('id', '=', id).execute();
}

/** Removes the account with its sessions and invitations (API keys are revoked by the use case, and kept). */
export async function deleteAccountRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('account_id', '=', id).execute();
  await db.deleteFrom('invitations').where('account_id', '=', id).execute();
  await db.deleteFrom('accounts').where('id', '=', id).execute();
}

const ACCOUNT_COLUMNS = ['id', 'email', 'role', 'created_at', 'last_sign_in_at', 'status'] as const;

// Invitations

export async function insertInvitation(db: Db, invitation: InvitationRecord): Promise<void> {
  await db
    .insertInto('invitations')
    .values({
      id: invitation.id,
      account_id: invitation.accountId,
      token_hash: invitation.tokenHash,
      created_by: invitation.createdBy,
      created_at: invitation.createdAt,
      expires_at: invitation.expiresAt,
    })
    .execute();
}

export async function findInvitationByHash(db: Db, tokenHash: string): Promise<InvitationRecord | undefined> {
  const row = await db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row && toInvitation(row);
}

/** An account has at most one live invitation: issuing a new one, or using one, ends the others. */
export async function deleteInvitationsOf(db: Db, accountId: string): Promise<void> {
  await db.deleteFrom('invitations').where('account_id', '=', accountId).execute();
}

/** The account and its password hash, for sign-in only. */
export async function findAccountWithHashByEmail(db: Db, email: string): Promise<(AccountRecord & { passwordHash: string }) | undefined> {
  const row = await db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
  return row && { ...toAccount(row), passwordHash: row.password_hash };
}

export async function recordSignIn(db: Db, accountId: string, at: string): Promise<void> {
  await db.updateTable('accounts').set({ last_sign_in_at: at }).where('id', '=', accountId).execute();
}

// Sessions

export async function insertSession(db: Db, session: SessionRecord): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      account_id: session.accountId,
      csrf_token: session.sealedCsrfToken,
      created_at: session.createdAt,
      last_seen_at: session.lastSeenAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** A session with its account, in one query (every cookie-authenticated request asks). */
export async function findSessionWithAccount(db: Db, id: string): Promise<{ session: SessionRecord; account: AccountRecord } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select([
      'sessions.id',
      'sessions.account_id',
      'sessions.csrf_token',
      'sessions.created_at',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'accounts.email',
      'accounts.role',
      'accounts.created_at as account_created_at',
      'accounts.last_sign_in_at',
      'accounts.status',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    session: toSession(row),
    account: toAccount({
      id: row.account_id,
      email: row.email,
      role: row.role,
      created_at: row.account_created_at,
      last_sign_in_at: row.last_sign_in_at,
      status: row.status,
    }),
  };
}

export async function touchSession(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Removes sessions past their absolute end or idle since before `idleSince`. */
export async function deleteExpiredSessions(db: Db, now: string, idleSince: string): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)]))
    .execute();
}

// Sign-in attempts

export async function findSignInAttempt(db: Db, email: string): Promise<SignInAttemptRecord | undefined> {
  const row = await db.selectFrom('sign_in_attempts').selectAll().where('email', '=', email).executeTakeFirst();
  return row && toAttempt(row);
}

export async function saveSignInAttempt(db: Db, attempt: SignInAttemptRecord): Promise<void> {
  const values = { failures: attempt.failures, locked_until: attempt.lockedUntil, updated_at: attempt.updatedAt };
  await db
    .insertInto('sign_in_attempts')
    .values({ email: attempt.email, ...values })
    .onConflict((conflict) => conflict.column('email').doUpdateSet(values))
    .execute();
}

export async function deleteSignInAttempt(db: Db, email: string): Promise<void> {
  await db.deleteFrom('sign_in_attempts').where('email', '=', email).execute();
}

/** Forgets counts untouched since `before` whose lock has passed; unknown emails must not pile up. */
export async function deleteStaleSignInAttempts(db: Db, before: string, now: string): Promise<void> {
  await db
    .deleteFrom('sign_in_attempts')
    .where('updated_at', '<', before)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .execute();
}
