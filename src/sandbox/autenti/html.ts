import { sandboxPage } from '../html.js';

/** The Autenti sandbox's pages, on the shared page layout (src/sandbox/html.ts). */
export { escapeHtml } from '../html.js';

/** The provider's name as the sandbox's pages give it to a person. */
export const PROVIDER_NAME = 'Autenti';

/** A whole page under the Autenti sandbox banner; `body` must already be escaped. */
export const page = (title: string, body: string): string => sandboxPage('Autenti sandbox', title, body);
