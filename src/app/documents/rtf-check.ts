/**
 * The second look at an RTF upload. RTF has no structure worth validating (LibreOffice reads what it
 * can, and says so when the rendition fails); what matters is an embedded OLE object (`\object`),
 * the way RTF files carry exploits and executables into the program that opens them. It is kept as a
 * warning, like macros: the signer's provider sees only the PDF rendition.
 */

import type { Readable } from 'node:stream';
import type { DocumentWarning } from '../../domain/envelope.js';

/** `\object` followed by a delimiter: not a prefix of a longer control word such as `\objectx`. */
const EMBEDDED_OBJECT = /\\object(?![a-z])/;
/** Bytes of one chunk kept for the next, so that a control word split between chunks is still seen. */
const OVERLAP = 16;

export async function inspectRtf(content: Readable): Promise<DocumentWarning[]> {
  let tail = '';
  for await (const chunk of content) {
    const text = tail + (chunk as Buffer).toString('latin1');
    if (EMBEDDED_OBJECT.test(text)) {
      content.destroy();
      return [embeddedObjectWarning()];
    }
    tail = text.slice(-OVERLAP);
  }
  return [];
}

function embeddedObjectWarning(): DocumentWarning {
  return {
    code: 'rtf-embedded-object',
    message:
      'This RTF document embeds an object (an OLE object such as a file or another program’s document). It is not sent to the provider, which gets the PDF rendition, but a person who opens the original may be asked to open the object; check it comes from a trusted source.',
  };
}
