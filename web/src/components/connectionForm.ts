import { formPathOf } from '../hooks/useSchemaForm';
import type { ProviderEntry } from '../types';

/** The API URL choice that is typed in rather than named. */
export const CUSTOM = 'custom';

/**
 * What the add and change forms of a connection keep: the chosen environment and a typed URL apart
 * (the body has one `baseUrl`), and the provider's credentials under `credentials`, by their names.
 */
export interface ConnectionFormValues extends Record<string, unknown> {
  name: string;
  environment: string;
  customUrl: string;
  credentials: Record<string, string>;
}

/** The body's own fields; every other property of a connection body is one of the provider's credentials. */
const CONNECTION_FIELDS: ReadonlySet<string> = new Set(['provider', 'name', 'baseUrl', 'makeDefault']);

/**
 * The form path that shows a connection body's error: the URL's under the typed URL (the API URL
 * choice shows it instead while a named environment is chosen), a credential's under its input.
 */
export function connectionFieldOf(bodyPath: string): string {
  if (bodyPath === 'baseUrl') return 'customUrl';
  if (bodyPath === 'provider') return 'providerId';
  // The body itself (no field named) or one of its own fields: the same path.
  const field = bodyPath.split(/[.[]/)[0] ?? '';
  return field === '' || CONNECTION_FIELDS.has(field) ? formPathOf(bodyPath) : `credentials.${formPathOf(bodyPath)}`;
}

/** The body's `baseUrl`: a named environment by its name (the server resolves it, and the sandbox's address), else the URL typed. */
export function baseUrlOf({ environment, customUrl }: Pick<ConnectionFormValues, 'environment' | 'customUrl'>): string {
  return environment === CUSTOM ? customUrl.trim() : environment;
}

/**
 * A change form's starting credentials: the stored settings (the API returns only the credentials
 * that are not secret), without any field the provider names secret, so that a form never starts
 * from a secret whatever the answer held. A secret's input starts empty: left so, the stored one is kept.
 */
export function storedCredentials(provider: ProviderEntry | undefined, settings: Record<string, string>): Record<string, string> {
  const secrets = new Set((provider?.credentials ?? []).filter((field) => field.secret).map((field) => field.name));
  return Object.fromEntries(Object.entries(settings).filter(([name]) => !secrets.has(name)));
}
