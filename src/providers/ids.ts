/**
 * Provider ids and the names people know them by. A leaf module: errors.ts, capabilities.ts and
 * provider.ts all need these, and importing them from here keeps those three free of cycles.
 */

export const PROVIDER_IDS = ['autenti', 'connective', 'consigno'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** Names people know the providers by, for messages (STYLE point 14). */
export const PROVIDER_NAMES: Readonly<Record<ProviderId, string>> = {
  autenti: 'Autenti',
  connective: 'Connective eSignatures',
  consigno: 'ConsignO Cloud',
};

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && (PROVIDER_IDS as readonly string[]).includes(value);
}
