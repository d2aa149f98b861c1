import type { FastifyBaseLogger, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { TObject, TSchema } from 'typebox';
import type { FieldError } from '../domain/errors.js';
import type { Capabilities } from './capabilities.js';
import type { ProviderId } from './ids.js';
import type { SignatureProvider } from './provider.js';
import type { OutboundPolicy } from '../net/outbound-guard.js';
import type { ConnectionConfig } from './connection.js';
import type { ProviderRuntime } from './runtime.js';

/**
 * A provider is one descriptor (STYLE point 4, issue 8): everything the rest of Countersign needs to
 * know about it, in its folder, registered with one line in providers/index.ts. The registry drives
 * the API (`GET /api/v1/providers`, connection validation and its OpenAPI shape), the CLI's
 * connection flags and `countersign sandbox <provider>`, the web app's connection form, the mounting
 * of sandboxes and the built-in sandbox connection. Nothing outside a provider folder names a provider.
 */
export interface ProviderDescriptor {
  readonly id: ProviderId;
  /** The name people know it by, e.g. `Autenti`. */
  readonly name: string;
  /**
   * API roots by name. `sandbox` (when the provider has one) is `BUILTIN_SANDBOX`, resolved at run
   * time to `${server}${sandbox.mountPath}/${sandbox.apiPath}`, since the server's address can change.
   */
  readonly environments: Readonly<Record<string, string>>;
  /**
   * An API root as an administrator would type it, shown wherever a URL is asked for (the form's
   * placeholder, the CLI prompt, the refusal of something that is not a URL). Providers whose hosts
   * are per customer (Connective) have no `production` environment to point at, so each says its own.
   */
  readonly urlExample: string;
  /**
   * The connection's credentials, one TypeBox object of strings: the only source of their API
   * validation, OpenAPI shape, CLI flags (`--client-id` for `clientId`) and form fields. Annotate each
   * property with `title` (the label people see, in the provider's words), `writeOnly: true` for a
   * secret (sealed at rest, never returned), `format: 'email'` where it applies.
   */
  readonly credentials: TObject;
  /** Countersign generates an RSA key pair whose public JWK the admin registers at the provider (Autenti). */
  readonly keyPair: boolean;
  readonly capabilities: Capabilities;
  /**
   * The adapter for one connection. The runtime's parts default (`completeRuntime`), so a test can call
   * `await create({ id, provider, baseUrl: sandboxUrl, credentials, keyPair }, {})`. A promise when the
   * adapter's modules are imported here, at the first connection that needs them: the shipped
   * providers do, so that a server with no connection to a provider never loads its adapter
   * (HTTP client, answer schemas and their compiler, JWT signing; docs/operations.md "Memory").
   */
  create(connection: ConnectionConfig, runtime?: Partial<ProviderRuntime>): SignatureProvider | Promise<SignatureProvider>;
  /** The offline emulator this build ships for the provider, if any. */
  readonly sandbox?: SandboxDescriptor;
}

/**
 * A provider's sandbox (src/sandbox/<provider>/), as the server mounts it and the CLI runs it.
 * Its modules are imported only when used: a server with sandboxes off never loads them.
 */
export interface SandboxDescriptor {
  /** Where the server mounts it, e.g. `/sandbox/autenti`. */
  readonly mountPath: string;
  /** The provider's API root under the mount path, e.g. `api/v2/`. */
  readonly apiPath: string;
  /** Its HTML pages worth a link, relative to the mount path (e.g. `integration-settings` — where API clients are made). */
  readonly pages: Readonly<Record<string, string>>;
  /** The Fastify plugin. */
  plugin(): Promise<FastifyPluginAsync<SandboxPluginOptions>>;
  /** Runs it alone on its own HTTP server (`countersign sandbox <provider>`). */
  start(options: StandaloneSandboxOptions): Promise<{ url: string; close(): Promise<void> }>;
  /**
   * Connects this server to its mounted sandbox as an administrator would connect to the real
   * provider (create an API client there, enter its credentials here, register our key and callback
   * URL there). `control` is what the plugin gave `onControl`; `connect` creates the connection.
   */
  provision(control: unknown, connect: (input: SandboxConnectionInput) => Promise<SandboxConnection>): Promise<void>;
}

export type SandboxControlGuard = (request: FastifyRequest, reply: FastifyReply) => Promise<{ csrfToken?: string } | null>;

/** What every sandbox plugin takes when the server mounts it. */
export interface SandboxPluginOptions {
  /** The server's data folder; the sandbox keeps its state under `<dataDir>/sandbox/`. */
  dataDir: string;
  logger?: FastifyBaseLogger;
  /** Where its callbacks may go. */
  outbound?: OutboundPolicy;
  /** Guards its control routes (an admin credential of the server that mounts it). */
  authorizeControl?: SandboxControlGuard;
  /** Receives its in-process control (for `provision`) once registered. */
  onControl?: (control: unknown) => void;
}

export interface StandaloneSandboxOptions {
  dataDir: string;
  host: string;
  port: number;
  logger?: FastifyBaseLogger;
  outbound?: OutboundPolicy;
  /** Required by the control routes as `Authorization: Bearer <token>`; needed beyond loopback. */
  token?: string;
}

export interface SandboxConnectionInput {
  readonly name: string;
  readonly credentials: Readonly<Record<string, string>>;
}

export interface SandboxConnection {
  readonly id: string;
  readonly publicJwk: Record<string, unknown> | null;
  /** Where the sandbox should call back; carries the connection's secret. */
  readonly callbackUrl: string;
}

/** Where a `BUILTIN_SANDBOX` connection lives; the server's own address is prefixed at run time. */
export const BUILTIN_SANDBOX = 'builtin:sandbox';

/** Checks a descriptor's shape once, at registration, so a mistake fails at start and not at first use. */
export function defineProvider<const D extends ProviderDescriptor>(descriptor: D): D {
  if (descriptor.credentials.type !== 'object') throw new Error(`Provider ${descriptor.id}: credentials must be a TypeBox object.`);
  for (const [name, schema] of Object.entries(descriptor.credentials.properties)) {
    if ((schema as TSchema & { type?: unknown }).type !== 'string') throw new Error(`Provider ${descriptor.id}: credential ${name} must be a string.`);
  }
  if (descriptor.sandbox && descriptor.environments.sandbox !== BUILTIN_SANDBOX) {
    throw new Error(`Provider ${descriptor.id} has a sandbox: its environments need sandbox: BUILTIN_SANDBOX.`);
  }
  return Object.freeze(descriptor);
}

/** One credential as a form or a prompt shows it, read from the schema's annotations. */
export type CredentialField = {
  readonly name: string;
  readonly label: string;
  /** Secret fields are encrypted at rest and never shown again. */
  readonly secret: boolean;
  readonly format?: string;
  readonly required: boolean;
};

type Annotated = TSchema & { title?: string; writeOnly?: boolean; format?: string };

export function credentialFields(schema: TObject): CredentialField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, property]) => {
    const annotated = property as Annotated;
    return {
      name,
      label: annotated.title ?? name,
      secret: annotated.writeOnly === true,
      ...(annotated.format ? { format: annotated.format } : {}),
      required: required.has(name),
    };
  });
}

/**
 * `given` checked against the descriptor's credentials schema: values trimmed (an empty one counts as
 * absent), unknown names refused. `partial`: only the names given are checked (a change). Returns the
 * clean values, or the field errors for a 422.
 */
export async function checkCredentials(
  descriptor: Pick<ProviderDescriptor, 'credentials'>,
  given: Readonly<Record<string, unknown>>,
  options: { partial: boolean },
): Promise<{ credentials: Record<string, string>; errors: FieldError[] }> {
  // Imported here, not at the top: typebox/value is some 300 modules that only a connection's create
  // or change needs, not the server's start (docs/operations.md "Memory").
  const { Value } = await import('typebox/value');
  const fields = credentialFields(descriptor.credentials);
  const errors: FieldError[] = [];
  const credentials: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const field = fields.find((candidate) => candidate.name === name);
    if (!field) {
      errors.push({ path: name, message: `is not a credential of this provider (it takes ${fields.map((known) => known.name).join(', ')})` });
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : value;
    if (text === '') {
      // An optional credential given empty is cleared (a change that removes it), never refused.
      if (!field.required) continue;
      errors.push({ path: name, message: `is required (${field.label})` });
      continue;
    }
    credentials[name] = text as string;
  }
  for (const field of fields) {
    if (!options.partial && field.required && credentials[field.name] === undefined && !errors.some((error) => error.path === field.name)) {
      errors.push({ path: field.name, message: `is required (${field.label})` });
    }
  }
  for (const field of fields) {
    const value = credentials[field.name];
    if (value === undefined) continue;
    const schema = descriptor.credentials.properties[field.name] as TSchema;
    const problem = [...Value.Errors(schema, value)][0];
    if (problem) {
      errors.push({ path: field.name, message: problem.keyword === 'format' && field.format === 'email' ? 'must be a valid email address' : problem.message });
      delete credentials[field.name];
    }
  }
  return { credentials, errors };
}
