import { sandboxPage } from '../html.js';

/** The Autenti sandbox's pages, on the shared page layout (src/sandbox/html.ts). */
export { escapeHtml } from '../html.js';

/** A whole page under the Autenti sandbox banner; `body` must already be escaped. */
export const page = (title: string, body: string): string => sandboxPage('Autenti sandbox', title, body);
