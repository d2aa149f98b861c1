import { sandboxPage } from '../html.js';

/** The ConsignO Cloud sandbox's pages, on the shared page layout (src/sandbox/html.ts). */

/** The provider's name as the sandbox's pages give it to a person. */
export const PROVIDER_NAME = 'ConsignO Cloud';

/** A whole page under the ConsignO Cloud sandbox banner; `body` must already be escaped. */
export const page = (title: string, body: string): string => sandboxPage('ConsignO Cloud sandbox', title, body);
