import type { Ownership } from '../domain/envelope.js';
import { CountersignError } from '../domain/errors.js';
import { ROLE_SCOPES, type Role, type Scope } from '../domain/roles.js';
import type { AccountRecord } from '../store/accounts.js';
import type { Viewer } from '../store/visibility.js';

/**
 * Who made a request: a person signed in to the web app, an API key, or the operator's
 * COUNTERSIGN_API_KEY. `scopes` are already the effective ones (a key's own ∩ its user's role).
 */
export interface Principal {
  /** The account id, key id, or 'env': what idempotency keys and logs are kept per. */
  id: string;
  /** An email or a key's name, for people reading logs. */
  name: string;
  kind: 'user' | 'key' | 'environment';
  /** The person acting (a key's owner); null for the environment key and installation keys. */
  accountId: string | null;
  role: Role;
  scopes: readonly Scope[];
}

export const ENVIRONMENT_PRINCIPAL: Principal = {
  id: 'env',
  name: 'COUNTERSIGN_API_KEY',
  kind: 'environment',
  accountId: null,
  role: 'owner',
  scopes: ROLE_SCOPES.owner,
};

/** The principal of an account signed in to the web app: its role's scopes. */
export function principalOfAccount(account: Pick<AccountRecord, 'id' | 'email' | 'role'>): Principal {
  return { id: account.id, name: account.email, kind: 'user', accountId: account.id, role: account.role, scopes: ROLE_SCOPES[account.role] };
}

/** The one question every authorization check asks (also for routes outside /api/v1, e.g. `sandbox:control`). */
export function principalHasScope(principal: Principal | null | undefined, scope: Scope): boolean {
  return principal?.scopes.includes(scope) ?? false;
}

/** Whose envelopes and documents the principal may see: undefined for all (`envelopes:all`). */
export function viewerOf(principal: Principal): Viewer | undefined {
  return principalHasScope(principal, 'envelopes:all') ? undefined : { accountId: principal.accountId };
}

/** What the principal creates is theirs, and private until they share it. */
export function ownershipOf(principal: Principal): Ownership {
  return { createdBy: principal.accountId, visibility: 'private' };
}

/** A scope the request needs and the principal lacks. The API answers 403 naming the scope. */
export class ForbiddenError extends CountersignError {
  constructor(
    readonly requiredScope: Scope | null,
    message: string,
  ) {
    super('FORBIDDEN', message);
  }

  static missing(principal: Principal, scope: Scope): ForbiddenError {
    const who = principal.kind === 'user' ? `Your role (${principal.role})` : `This API key (acting as ${principal.role})`;
    const fix =
      principal.kind === 'key'
        ? ' Use a key created with that scope, by a person whose role grants it.'
        : ' Ask an owner or admin for a role that grants it.';
    return new ForbiddenError(scope, `${who} does not have the scope \`${scope}\` this needs.${fix}`);
  }
}
