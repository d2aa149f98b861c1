import type { ConnectionUsage } from '../providers/usage.js';
import type { CallbackSubscriptionStatus } from '../store/connections.js';

/** A connection as the API shows it (src/app/connections.ts makes it). */
export interface ConnectionView {
  id: string;
  provider: string;
  name: string;
  /** The named environment (`production`, `test`, `sandbox`) or `custom`. */
  environment: string;
  baseUrl: string;
  /** Non-secret credentials (e.g. client id, account email); secrets are never returned. */
  settings: Record<string, string>;
  /** Paste this into the provider (Autenti: Integration settings → Public key). */
  publicJwk: Record<string, unknown> | null;
  /**
   * Where the provider may call back when an envelope changes (Autenti: Integration settings → URL).
   * It carries this connection's secret token; without it, changes arrive by the scheduled sync.
   */
  callbackUrl: string | null;
  /**
   * Whether Countersign subscribed the provider account to its events itself (providers that configure
   * callbacks per account: Autenti's `/applications/callbacks`), so that `callbackUrl` need not be
   * pasted at the provider; `null` for providers that take the URL per envelope or have no callbacks.
   */
  callbackSubscription: CallbackSubscriptionView | null;
  isDefault: boolean;
  health: { status: string; detail: string | null; checkedAt: string | null };
  /** Provider HTTP calls made for this connection since `usage.since` (counted in memory; they restart with the server). */
  usage: ConnectionUsage;
  createdAt: string;
  updatedAt: string;
}

export interface CallbackSubscriptionView {
  /**
   * `subscribed`: events arrive at `callbackUrl`, nothing to paste. `manual`: the provider account may
   * not subscribe (Autenti: the API client lacks the `notification_management` scope): paste
   * `callbackUrl` at the provider by hand. `pending`: Countersign subscribes when the connection next
   * verifies healthy. `error`: the last attempt failed (`detail` says why); the next verify tries again.
   */
  status: CallbackSubscriptionStatus;
  /** The provider's subscription id (Autenti `CALLBACK:<uuid>`). */
  id: string | null;
  detail: string;
}
