/**
 * Who may do what. A person has one role; a role grants a set of scopes; an API key carries scopes of
 * its own and may use only those its user's role also grants (evaluated at every request, so that
 * demoting a person demotes their keys). Every /api/v1 route needs one scope (src/api/route-access.ts).
 */

export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Every scope, with what it allows: the text the API reference and the web app show. */
export const SCOPE_DESCRIPTIONS = {
  'envelopes:read': 'Read envelopes, their history, signed files and jobs.',
  'envelopes:write': 'Create, change, delete, send, remind, withdraw and sync envelopes.',
  'envelopes:all': 'See and act on every envelope and document, not only one’s own and shared ones.',
  'documents:read': 'Read documents and download their content.',
  'documents:write': 'Upload, share and delete documents.',
  'connections:read': 'List providers and connections (never their credentials).',
  'connections:admin': 'Add, change, verify, rotate keys of and delete connections.',
  'webhooks:admin': 'Manage webhooks.',
  'keys:admin': 'Create, list and revoke API keys.',
  'users:admin': 'Invite, change and remove admins, members and viewers.',
  'owners:admin': 'Grant, change and remove the owner role.',
  'audit:read': 'Read the audit log.',
  'sandbox:control': 'Drive the built-in provider sandbox’s control routes.',
} as const satisfies Record<string, string>;

export type Scope = keyof typeof SCOPE_DESCRIPTIONS;
export const SCOPES = Object.keys(SCOPE_DESCRIPTIONS) as Scope[];

const VIEWER: readonly Scope[] = ['envelopes:read', 'documents:read', 'connections:read'];
const MEMBER: readonly Scope[] = [...VIEWER, 'envelopes:write', 'documents:write'];
const ADMIN: readonly Scope[] = [
  ...MEMBER,
  'envelopes:all',
  'connections:admin',
  'webhooks:admin',
  'keys:admin',
  'users:admin',
  'audit:read',
  'sandbox:control',
];
const OWNER: readonly Scope[] = [...ADMIN, 'owners:admin'];

/** owner ⊇ admin ⊇ member ⊇ viewer. */
export const ROLE_SCOPES: Readonly<Record<Role, readonly Scope[]>> = { owner: OWNER, admin: ADMIN, member: MEMBER, viewer: VIEWER };

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isScope(value: string): value is Scope {
  return Object.hasOwn(SCOPE_DESCRIPTIONS, value);
}

/** The scopes a key may actually use: its own, cut down to what its user's role grants today. */
export function effectiveScopes(role: Role, keyScopes: readonly Scope[] | null): Scope[] {
  const granted = ROLE_SCOPES[role];
  return keyScopes === null ? [...granted] : granted.filter((scope) => keyScopes.includes(scope));
}
