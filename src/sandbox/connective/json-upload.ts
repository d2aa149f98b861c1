import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { refusals } from './errors.js';

/**
 * Reads a JSON request body whose top-level `Document` member is a base64 string (Add Document, Create
 * Instant Package), decoding that string to a file as the body arrives: a document may be hundreds of
 * megabytes, and the sandbox must never hold it in memory. The rest of the object — small by
 * comparison — is kept as text with `"Document": null` in place of the string and parsed with
 * JSON.parse at the end, so that every other member keeps JSON's exact meaning.
 *
 * A small state machine over the characters: it tracks strings (and their escapes) and nesting depth
 * only to recognise the `Document` key at depth 1; everything else is passed through verbatim.
 */

export interface JsonUpload {
  /** The JSON object with `Document` set to null (when it was a string). */
  fields: Record<string, unknown>;
  /** The decoded document, or null when the body carried no `Document` string. */
  document: { path: string; bytes: number } | null;
}

export interface JsonUploadOptions {
  /** Where the decoded document is written (created, or replaced). */
  target: string;
  maxFileBytes: number;
  /** Largest size of the rest of the JSON, in characters; 1 MB by default. */
  maxOtherChars?: number;
}

const BASE64_RUN = /^[A-Za-z0-9+/=_-]*$/;
const WHITESPACE = /[\s]/g;

export async function readJsonUpload(source: AsyncIterable<Buffer | string>, options: JsonUploadOptions): Promise<JsonUpload> {
  const maxOther = options.maxOtherChars ?? 1024 * 1024;
  const decoder = new StringDecoder('utf8');
  const kept: string[] = [];
  let keptLength = 0;
  let depth = 0;
  let inString = false;
  let escape = false;
  let expectKey = false;
  let collectingKey = false;
  let keyChars = '';
  let lastKey: string | null = null;
  let documentNext = false;
  let inDocument = false;
  let documentSeen = false;
  let pending = '';
  let bytes = 0;
  let started = false;
  const writer = createWriteStream(options.target);
  let writerFailed: Error | null = null;
  writer.on('error', (error) => (writerFailed = error));

  const keep = (text: string) => {
    keptLength += text.length;
    if (keptLength > maxOther) throw refusals.invalid(`The JSON body apart from Document is larger than ${maxOther} characters.`);
    kept.push(text);
  };
  const write = async (base64: string) => {
    if (!BASE64_RUN.test(base64)) throw refusals.invalid('Document is not base64: it holds characters outside the base64 alphabet.');
    pending += base64;
    const whole = pending.length - (pending.length % 4);
    if (whole === 0) return;
    const decoded = Buffer.from(pending.slice(0, whole), 'base64');
    pending = pending.slice(whole);
    await emit(decoded);
  };
  const emit = async (decoded: Buffer) => {
    bytes += decoded.length;
    if (bytes > options.maxFileBytes) throw refusals.tooLarge(`The document is larger than the sandbox's limit of ${options.maxFileBytes} bytes.`);
    if (writerFailed) throw writerFailed;
    if (!writer.write(decoded)) await once(writer, 'drain');
  };

  /** Consumes one decoded text chunk. */
  const consume = async (text: string) => {
    let index = 0;
    if (!started && text.length > 0) {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) index = 1; // a byte-order mark some clients send
    }
    while (index < text.length) {
      if (inDocument) {
        // Bulk path: up to the next quote or backslash, everything is base64 (maybe with line breaks).
        let stop = index;
        while (stop < text.length && text[stop] !== '"' && text[stop] !== '\\') {
          if (escape) break;
          stop += 1;
        }
        if (escape) {
          const escaped = text[index]!;
          escape = false;
          index += 1;
          if (escaped === '/') await write('/');
          else if (escaped !== 'n' && escaped !== 'r' && escaped !== 't') throw refusals.invalid(`Document is not base64: it holds the escape \\${escaped}.`);
          continue;
        }
        if (stop > index) await write(text.slice(index, stop).replace(WHITESPACE, ''));
        index = stop;
        if (index >= text.length) break;
        if (text[index] === '\\') {
          escape = true;
          index += 1;
          continue;
        }
        // The closing quote of the Document string.
        inDocument = false;
        documentSeen = true;
        if (pending.length > 0) {
          const decoded = Buffer.from(pending, 'base64');
          pending = '';
          await emit(decoded);
        }
        index += 1;
        continue;
      }
      const character = text[index]!;
      index += 1;
      if (inString) {
        keep(character);
        if (escape) {
          escape = false;
          if (collectingKey) keyChars += character;
        } else if (character === '\\') escape = true;
        else if (character === '"') {
          inString = false;
          if (collectingKey) {
            lastKey = keyChars;
            collectingKey = false;
          }
        } else if (collectingKey) keyChars += character;
        continue;
      }
      if (character === ' ' || character === '\n' || character === '\r' || character === '\t') {
        keep(character);
        continue;
      }
      if (documentNext) {
        documentNext = false;
        if (character === '"') {
          if (documentSeen) throw refusals.invalid('The body has two Document members.');
          inDocument = true;
          keep('null');
          continue;
        }
      }
      keep(character);
      switch (character) {
        case '"':
          inString = true;
          collectingKey = depth === 1 && expectKey;
          keyChars = '';
          break;
        case '{':
        case '[':
          depth += 1;
          if (depth === 1) expectKey = character === '{';
          break;
        case '}':
        case ']':
          depth -= 1;
          break;
        case ':':
          if (depth === 1) {
            expectKey = false;
            documentNext = lastKey === 'Document';
          }
          break;
        case ',':
          if (depth === 1) expectKey = true;
          break;
        default:
          break;
      }
    }
  };

  try {
    for await (const chunk of source) await consume(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    await consume(decoder.end());
    if (inDocument || inString || depth !== 0) throw refusals.invalid('The JSON body ends before it is complete.');
    writer.end();
    await once(writer, 'close');
    if (writerFailed) throw writerFailed;
  } catch (error) {
    writer.destroy();
    // The file may still be opening: removed before the stream has closed, the open would create it again.
    if (!writer.closed) await once(writer, 'close');
    await rm(options.target, { force: true });
    throw error;
  }

  let fields: unknown;
  try {
    fields = JSON.parse(kept.join('') || 'null');
  } catch (error) {
    await rm(options.target, { force: true });
    throw refusals.invalid(`The body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    await rm(options.target, { force: true });
    throw refusals.invalid('The body must be a JSON object.');
  }
  if (!documentSeen) await rm(options.target, { force: true });
  return { fields: fields as Record<string, unknown>, document: documentSeen ? { path: options.target, bytes } : null };
}
