import type { Capabilities } from '../../src/providers/capabilities.js';
import type { ProviderId, SignatureProvider } from '../../src/providers/provider.js';
import type { ConnectionConfig } from '../../src/providers/registry.js';

/**
 * What a provider brings to the conformance suite (describe-provider.ts): its adapter factory and its
 * sandbox, seen through a few provider-neutral operations. Each provider implements this once, in
 * `src/providers/<id>/<id>.conformance.test.ts`.
 */

/** What one recorded provider call did, in the suite's words. The sandbox binding classifies its own calls. */
export type ProviderOperation =
  | 'auth'
  | 'create'
  | 'update'
  | 'upload'
  | 'send'
  | 'fetch'
  | 'list'
  | 'withdraw'
  | 'remind'
  | 'extend'
  | 'skip'
  | 'delete'
  | 'download'
  | 'other';

/** One provider API call as the sandbox recorded it. */
export type SandboxCall = {
  readonly operation: ProviderOperation;
  /** The envelope the call concerns, in the adapter's reference format; `null` for calls about none. */
  readonly reference: string | null;
  /** HTTP status the sandbox answered. */
  readonly status: number;
  /** For failure messages: `POST /api/v2/document-processes`. */
  readonly summary: string;
};

export type ConformanceSandbox = {
  /**
   * A fresh, isolated account at the sandbox, as a connection the adapter can use. `callbackUrl`: where
   * the sandbox calls back, for providers that configure it per account rather than per envelope.
   */
  connect(options?: { callbackUrl?: string }): Promise<ConnectionConfig>;
  /** A position in the sandbox's call log: `callsSince(mark)` lists the calls recorded after it. */
  mark(): Promise<number>;
  callsSince(mark: number): Promise<SandboxCall[]>;
  /** What the sandbox holds for an envelope: its source documents' file names and participants' emails, in order. */
  inspect(reference: string): Promise<{ documents: string[]; participants: string[] }>;
  /**
   * The signature boxes the sandbox holds for an envelope, by participant email, in Countersign's
   * terms (the source document's file name, 1-based page, PDF points from the top-left corner).
   * Required of providers that declare box fields (`capabilities.signatureFields`).
   */
  inspectFields?(reference: string): Promise<Array<{ email: string; filename: string; page: number; left: number; top: number; width: number; height: number }>>;
  /** Acts as a participant, as the person would on the provider's signing page. */
  act(reference: string, email: string, action: 'sign' | 'reject', reason?: string): Promise<void>;
  close(): Promise<void>;
};

export type ProviderUnderTest = {
  readonly id: ProviderId;
  /** The capabilities the provider declares (its descriptor's); the suite registers its cases from them. */
  readonly capabilities: Capabilities;
  /** Builds the adapter for one connection, the way the app does. */
  create(connection: ConnectionConfig): SignatureProvider;
  /** Starts the provider's sandbox on a free loopback port. */
  startSandbox(): Promise<ConformanceSandbox>;
};
