import { autentiProvider } from './autenti/descriptor.js';
import { connectiveProvider } from './connective/descriptor.js';
import { consignoProvider } from './consigno/descriptor.js';
import type { ProviderRegistry } from './registry.js';

/**
 * The providers this build ships, one line each (docs/architecture.md "Add a provider"). Everything
 * that names a provider — the API, CLI, web form, sandbox mounting, the built-in sandbox connection —
 * reads this list.
 */
export const PROVIDERS: ProviderRegistry = [
  autentiProvider,
  connectiveProvider,
  consignoProvider,
];

