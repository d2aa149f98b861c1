import { StringDecoder } from 'node:string_decoder';
import { ProviderError } from '../errors.js';

/**
 * Reads the JSON objects of an Autenti listing one by one, as they arrive, without holding the whole
 * body: `application/stream+json` is one object per line (seed 003 "Querying existing documents",
 * the `Accept: application/stream+json` example), and file lists come as concatenated objects
 * ("Retrieving files"). The scanner finds each top-level object by its braces (strings and escapes
 * respected), so it reads all three forms the seed shows or implies:
 * - one object per line, blank lines tolerated;
 * - objects back to back, or pretty-printed over several lines;
 * - a plain JSON array of objects (the `application/json` answer).
 * A body that ends inside an object (a connection cut mid-stream) is `unavailable`: the page is
 * incomplete and is read again on the next attempt.
 */
export async function* parseJsonObjects(source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, what: string): AsyncGenerator<unknown> {
  const decoder = new StringDecoder('utf8');
  let buffer = '';
  let depth = 0;
  let inString = false;
  let start = -1;
  let inArray = false;
  let scanned = 0;

  const flush = function* (): Generator<unknown> {
    for (; scanned < buffer.length; scanned += 1) {
      if (inString) {
        // Strings are most of a process: jump to the next quote rather than walk every character.
        // It ends the string unless an odd number of backslashes escapes it (the buffer holds the
        // whole object so far, so the count never misses a backslash from an earlier chunk).
        const quote = buffer.indexOf('"', scanned);
        if (quote === -1) {
          scanned = buffer.length - 1;
          continue;
        }
        let backslashes = 0;
        for (let index = quote - 1; buffer[index] === '\\'; index -= 1) backslashes += 1;
        if (backslashes % 2 === 0) inString = false;
        scanned = quote;
        continue;
      }
      const char = buffer[scanned]!;
      if (char === '"') {
        if (depth === 0) throw garbled(what, 'a string outside any object');
        inString = true;
      } else if (char === '{') {
        if (depth === 0) start = scanned;
        depth += 1;
      } else if (char === '}') {
        depth -= 1;
        if (depth < 0) throw garbled(what, 'an unmatched "}"');
        if (depth === 0) {
          const text = buffer.slice(start, scanned + 1);
          try {
            yield JSON.parse(text) as unknown;
          } catch (error) {
            throw garbled(what, 'an object that is not valid JSON', error);
          }
          start = -1;
        }
      } else if (depth === 0) {
        // Between objects only whitespace, or the brackets and commas of a JSON array.
        if (char === '[' && !inArray) inArray = true;
        else if ((char === ',' || char === ']') && inArray) {
          if (char === ']') inArray = false;
        } else if (!/\s/.test(char)) throw garbled(what, `an unexpected "${char}" between objects`);
      }
    }
    // Keep only the object still open, once per chunk (not once per object read).
    if (depth === 0) buffer = '';
    else {
      buffer = buffer.slice(start);
      start = 0;
    }
    scanned = buffer.length;
  };

  for await (const chunk of source) {
    buffer += typeof chunk === 'string' ? chunk : decoder.write(Buffer.from(chunk));
    yield* flush();
  }
  buffer += decoder.end();
  yield* flush();
  if (depth !== 0 || inString) throw garbled(what, 'an object cut off at the end (the answer was incomplete)');
}

function garbled(what: string, problem: string, cause?: unknown): ProviderError {
  return new ProviderError({
    kind: 'unavailable',
    provider: 'autenti',
    message: `Autenti's answer while ${what} could not be read: ${problem}. Countersign retries later.`,
    cause,
  });
}
