import { sandboxPage } from '../html.js';

/** The Connective sandbox's pages, on the shared page layout (src/sandbox/html.ts). */

/** The provider's name as the sandbox's pages give it to a person. */
export const PROVIDER_NAME = 'Connective';

/** A whole page under the Connective sandbox banner; `body` must already be escaped. */
export const page = (title: string, body: string): string => sandboxPage('Connective eSignatures sandbox', title, body);
