import { createHash, randomBytes } from 'node:crypto';
import { ConflictError, CountersignError, NotFoundError, ValidationError } from '../domain/errors.js';
import { newId } from '../store/ids.js';
import type { Role } from '../domain/roles.js';
import * as accountsStore from '../store/accounts.js';
import { revokeApiKeysOfAccount } from '../store/api-keys.js';
import { lockKey, lockRows } from '../store/locking.js';
import { hashPassword, normalizeEmail, OWNERS_LOCK, PASSWORD_MIN_LENGTH, startSession, type AccountRecord, type SignedIn } from './accounts.js';
import { recordActionIn, type ActionRequest } from './action-request.js';
import { timestamp, type AppContext } from './context.js';
import { ForbiddenError, principalHasScope, principalOfAccount, type Principal } from './principal.js';

/** An invitation link works this long, once. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface Invitation {
  /** The link to hand to the invitee (no mail server is assumed): shown to the inviter once. */
  url: string;
  expiresAt: string;
}

export type User = AccountRecord & { status: accountsStore.AccountStatus };

function asUser(account: AccountRecord): User {
  return { ...account, status: account.status ?? 'active' };
}

export async function listUsers(context: AppContext): Promise<User[]> {
  return (await accountsStore.listAccounts(context.db)).map(asUser);
}

/**
 * Adds a person with a role and no password yet, and returns the one-time link with which they set
 * one. Only the link's hash is stored. Granting `owner` needs `owners:admin` (owners only).
 */
export async function inviteUser(context: AppContext, actor: Principal, input: { email: string; role: Role }, apiRequest?: ActionRequest): Promise<{ user: User; invitation: Invitation }> {
  const email = normalizeEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new ValidationError([{ path: 'email', message: 'must be a valid email address, e.g. name@example.com' }]);
  assertMayManageRole(actor, input.role);
  const account: AccountRecord = { id: newId('acc'), email, role: input.role, createdAt: timestamp(context), lastSignInAt: null, status: 'invited' };
  const invitation = await context.db.transaction().execute(async (trx) => {
    // Two invitations of one email at once: the second finds the first's account.
    await lockKey(trx, `account-email:${email}`);
    if (await accountsStore.findAccountByEmail(trx, email)) {
      throw new ConflictError(`${email} already has an account. Change its role in Settings → Users instead of inviting it again.`);
    }
    // No password until the invitation is used: an empty hash matches nothing (see verifyPassword).
    await accountsStore.insertAccount(trx, { ...account, passwordHash: '' });
    await recordActionIn(context, trx, apiRequest, { id: account.id, name: email });
    return issueInvitation({ ...context, db: trx }, account.id, actor);
  });
  return { user: asUser(account), invitation };
}

/** A new link for someone who has not accepted yet (the old link stops working). */
export async function renewInvitation(context: AppContext, actor: Principal, userId: string, apiRequest?: ActionRequest): Promise<{ user: User; invitation: Invitation }> {
  const account = await findUser(context, userId);
  assertMayManageRole(actor, account.role);
  if (account.status !== 'invited') throw new ConflictError(`${account.email} has already accepted their invitation; they sign in with their password.`);
  const invitation = await context.db.transaction().execute(async (trx) => {
    await recordActionIn(context, trx, apiRequest, { name: account.email });
    return issueInvitation({ ...context, db: trx }, account.id, actor);
  });
  return { user: account, invitation };
}

async function issueInvitation(context: AppContext, accountId: string, actor: Principal): Promise<Invitation> {
  const token = randomBytes(32).toString('base64url');
  const now = context.now();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS).toISOString();
  await accountsStore.deleteInvitationsOf(context.db, accountId);
  await accountsStore.insertInvitation(context.db, {
    id: newId('inv'),
    accountId,
    tokenHash: hashToken(token),
    createdBy: actor.accountId,
    createdAt: now.toISOString(),
    expiresAt,
  });
  // In the fragment, not the path or query: browsers never send it, so it stays out of server and proxy logs.
  return { url: `${context.selfUrl()}/invitation#${token}`, expiresAt };
}

/** Changes a person's role. Their API keys follow at once (scopes are cut to the role at every request). */
export async function changeUserRole(context: AppContext, actor: Principal, userId: string, role: Role, apiRequest?: ActionRequest): Promise<User> {
  return context.db.transaction().execute(async (trx) => {
    await lockKey(trx, OWNERS_LOCK);
    const account = await findUser({ ...context, db: trx }, userId);
    assertMayManageRole(actor, account.role);
    assertMayManageRole(actor, role);
    if (account.role === 'owner' && role !== 'owner') await assertAnotherOwner(trx, account);
    await accountsStore.updateAccountRole(trx, userId, role);
    await recordActionIn(context, trx, apiRequest, { name: account.email });
    return { ...account, role };
  });
}

/** Removes a person: their sessions end and their API keys are revoked, in one transaction. */
export async function removeUser(context: AppContext, actor: Principal, userId: string, apiRequest?: ActionRequest): Promise<User> {
  return context.db.transaction().execute(async (trx) => {
    await lockKey(trx, OWNERS_LOCK);
    const account = await findUser({ ...context, db: trx }, userId);
    assertMayManageRole(actor, account.role);
    if (account.role === 'owner') await assertAnotherOwner(trx, account);
    await revokeApiKeysOfAccount(trx, userId, timestamp(context));
    await accountsStore.deleteAccountRow(trx, userId);
    await recordActionIn(context, trx, apiRequest, { name: account.email });
    return account;
  });
}

/** What an invitation link is for, so that the page can say so before asking for a password. */
export async function describeInvitation(context: AppContext, token: string): Promise<{ email: string; role: Role; expiresAt: string }> {
  const { invitation, account } = await openInvitation(context, token);
  return { email: account.email, role: account.role, expiresAt: invitation.expiresAt };
}

/** Sets the invitee's password, uses up the link and signs them in. */
/** `requestId`: the request's, for its `user.invitation-accepted` audit line, written with the change it records. */
export async function acceptInvitation(context: AppContext, token: string, password: string, requestId?: string): Promise<SignedIn> {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    throw new ValidationError([
      { path: 'password', message: `must be at least ${PASSWORD_MIN_LENGTH} characters long; a few unrelated words make one that is easy to remember` },
    ]);
  }
  const { account } = await openInvitation(context, token);
  const passwordHash = await hashPassword(password);
  const at = timestamp(context);
  await context.db.transaction().execute(async (trx) => {
    // Checked again inside the transaction, the account locked: two tabs using the same link cannot both set a password.
    await lockRows(trx, 'accounts', [account.id]);
    const again = await accountsStore.findInvitationByHash(trx, hashToken(token));
    if (!again) throw invitationUnusable();
    await accountsStore.deleteInvitationsOf(trx, account.id);
    await accountsStore.activateAccount(trx, account.id, passwordHash, at);
    const apiRequest: ActionRequest | undefined =
      requestId === undefined ? undefined : { principal: principalOfAccount(account), auditAction: 'user.invitation-accepted', requestId, targetId: account.id, idempotency: undefined };
    await recordActionIn(context, trx, apiRequest, { name: account.email });
  });
  return startSession(context, { ...account, status: 'active', lastSignInAt: at });
}

async function openInvitation(context: AppContext, token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw invitationUnusable();
  const invitation = await accountsStore.findInvitationByHash(context.db, hashToken(token));
  if (!invitation || Date.parse(invitation.expiresAt) <= context.now().getTime()) throw invitationUnusable();
  const account = await accountsStore.findAccount(context.db, invitation.accountId);
  if (!account || account.status !== 'invited') throw invitationUnusable();
  return { invitation, account };
}

function invitationUnusable(): CountersignError {
  return new CountersignError(
    'NOT_FOUND',
    'This invitation link is not valid: it was already used, has expired (after 7 days), or was replaced by a newer one. Ask the person who invited you for a new link.',
  );
}

async function findUser(context: AppContext, userId: string): Promise<User> {
  const account = await accountsStore.findAccount(context.db, userId);
  if (!account) throw new NotFoundError('user', userId);
  return asUser(account);
}

/** Admins manage admins, members and viewers; only someone with `owners:admin` (an owner) touches the owner role. */
function assertMayManageRole(actor: Principal, role: Role): void {
  if (role === 'owner' && !principalHasScope(actor, 'owners:admin')) {
    throw new ForbiddenError('owners:admin', 'Only an owner may grant, change or remove the owner role (scope `owners:admin`).');
  }
}

/** There is always at least one owner who can sign in. */
async function assertAnotherOwner(db: AppContext['db'], account: User): Promise<void> {
  const activeOwners = await accountsStore.countActiveOwners(db);
  if (account.status === 'active' && activeOwners <= 1) {
    throw new ConflictError(`${account.email} is the only owner. Make someone else owner first; there must always be one.`);
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
