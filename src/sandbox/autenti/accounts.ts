import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { isEmail } from './model.js';
import { problems } from './problems.js';
import type { AccountRecord, SandboxStore } from './store.js';

/**
 * Accounts that sign in with a password. Autenti's password grant is for people who have an Autenti
 * login (seed 003, "Bootstrap client"); the sandbox had none and accepted any password, which made any
 * account takeable once the sandbox was reachable by others. A guarded sandbox (mounted in the server,
 * or standalone with --token) accepts the password grant only for the accounts registered here, through
 * the control route `POST /_sandbox/accounts`; an open one (standalone on loopback, a dev tool) still
 * accepts any password for an account not registered, and checks the password of one that is.
 */

const hash = promisify(scrypt) as (password: string, salt: Buffer, length: number) => Promise<Buffer>;
const KEY_LENGTH = 32;
/** Long enough that a guessed password is not the way in; the sandbox has no lockout. */
export const MIN_PASSWORD_LENGTH = 10;

async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return `${salt.toString('base64url')}:${(await hash(password, salt, KEY_LENGTH)).toString('base64url')}`;
}

/** Whether `password` is the one `account` was registered with (constant time). */
export async function passwordMatches(account: AccountRecord, password: string): Promise<boolean> {
  const [salt, expected] = account.passwordHash.split(':');
  if (!salt || !expected) return false;
  const given = await hash(password, Buffer.from(salt, 'base64url'), KEY_LENGTH);
  return timingSafeEqual(given, Buffer.from(expected, 'base64url'));
}

/** Registers (or resets the password of) an account; answers what may be shown of it. */
export async function registerAccount(store: SandboxStore, input: { email: unknown; password: unknown; now: Date }) {
  if (!isEmail(input.email)) throw problems.badRequest('email must be the account’s email address.', [{ field: 'email', message: 'an email address' }]);
  if (typeof input.password !== 'string' || [...input.password].length < MIN_PASSWORD_LENGTH) {
    throw problems.badRequest(`password must be at least ${MIN_PASSWORD_LENGTH} characters long.`, [{ field: 'password', message: `at least ${MIN_PASSWORD_LENGTH} characters` }]);
  }
  const email = input.email.toLowerCase();
  const record: AccountRecord = { email, passwordHash: await hashPassword(input.password), createdAt: store.getAccount(email)?.createdAt ?? input.now.toISOString() };
  store.putAccount(record);
  return describeAccount(record);
}

const describeAccount = (account: AccountRecord) => ({ email: account.email, createdAt: account.createdAt });

/** `GET /accounts` and `POST /accounts` (`{ email, password }`), under the guarded `/_sandbox`. */
export function accountRoutes(store: SandboxStore, now: () => Date): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    app.get('/accounts', async () => store.listAccounts().map(describeAccount));
    app.post('/accounts', async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      return reply.code(201).send(await registerAccount(store, { email: body.email, password: body.password, now: now() }));
    });
  };
}
