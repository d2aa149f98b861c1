import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

/**
 * A `multipart/form-data` body (RFC 7578) produced as a stream, so a document goes from the blob
 * store to Autenti chunk by chunk and is never whole in memory. Autenti's upload (seed 003 "Creating
 * & sending a document via API", `POST …/files`) has two parts: `fileMeta` (JSON) and `file` (the
 * bytes). The seed closes the boundary after `fileMeta` as well (`--WebAppBoundary--` twice), which
 * would end the body before the file: a conversion artifact; the standard form is used.
 */

export type MultipartPart =
  | { readonly name: string; readonly contentType: string; readonly filename?: string; readonly value: string }
  | {
      readonly name: string;
      readonly contentType: string;
      /** Multipart parsers treat a part without a filename as a form field and may buffer it; files always have one. */
      readonly filename: string;
      /** Exact byte count when known: lets the body carry a `Content-Length`. */
      readonly size?: number;
      readonly open: () => Promise<Readable>;
    };

export type MultipartBody = {
  readonly contentType: string;
  /** Total bytes, when every streamed part has a `size`. */
  readonly length: number | undefined;
  /** A fresh stream of the whole body, for each attempt. */
  open(): Promise<Readable>;
};

const CRLF = '\r\n';

/** Escapes a value for a quoted `Content-Disposition` parameter; CR and LF cannot appear in a header. */
function quoted(value: string): string {
  return `"${value.replace(/[\r\n]+/g, ' ').replace(/(["\\])/g, '\\$1')}"`;
}

export function createMultipartBody(parts: readonly MultipartPart[], boundary = `countersign-${randomBytes(12).toString('hex')}`): MultipartBody {
  const heads = parts.map((part) => {
    const filename = part.filename === undefined ? '' : `; filename=${quoted(part.filename)}`;
    return Buffer.from(
      `--${boundary}${CRLF}Content-Disposition: form-data; name=${quoted(part.name)}${filename}${CRLF}Content-Type: ${part.contentType}${CRLF}${CRLF}`,
      'utf8',
    );
  });
  const separator = Buffer.from(CRLF, 'utf8');
  const closing = Buffer.from(`--${boundary}--${CRLF}`, 'utf8');

  let length: number | undefined = closing.length;
  parts.forEach((part, index) => {
    const size = 'value' in part ? Buffer.byteLength(part.value, 'utf8') : part.size;
    length = length === undefined || size === undefined ? undefined : length + heads[index]!.length + size + separator.length;
  });

  async function* produce(): AsyncGenerator<Buffer> {
    // What is known up front (part heads, form values, separators) goes out joined: each chunk yielded
    // is a socket write of its own, a TCP packet of its own (undici turns Nagle off). Yielded one by
    // one, Autenti's upload of four parts made eleven small writes around the file's; joined, two.
    let known: Buffer[] = [];
    const takeKnown = () => {
      const joined = Buffer.concat(known);
      known = [];
      return joined;
    };
    for (const [index, part] of parts.entries()) {
      known.push(heads[index]!);
      if ('value' in part) {
        known.push(Buffer.from(part.value, 'utf8'));
      } else {
        yield takeKnown();
        const source = await part.open();
        try {
          // Pulled one chunk at a time: the next chunk is read only when the socket took this one.
          for await (const chunk of source) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
        } finally {
          source.destroy();
        }
      }
      known.push(separator);
    }
    known.push(closing);
    yield takeKnown();
  }

  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
    async open() {
      // Byte mode, 64 KB high-water mark: only that much waits ahead of the socket.
      return Readable.from(produce(), { objectMode: false, highWaterMark: 64 * 1024 });
    },
  };
}
