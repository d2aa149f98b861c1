/**
 * What the PDF check parses instead of the whole file: the file without the data of its streams (page
 * contents, images, fonts, embedded files) — nearly all of a large PDF's bytes, and nothing the check
 * looks at (pdf-inspect.ts reads the page tree, the actions and the end of the file). Object streams
 * and cross-reference streams keep their data, as they hold objects. The skeleton is built from the
 * file's chunks as they arrive, so the check never holds the file: a 1 GiB scan costs it kilobytes,
 * where a copy of the file cost 1 GiB.
 *
 * A left-out stream keeps its dictionary, its `stream` and `endstream` keywords and nothing between;
 * a direct /Length is overwritten with zeros of the same width, so that the parser reads an empty
 * stream. Only `stream` after a dictionary's `>>` and before a line end starts a stream's data, as the
 * format has it; anything else (the word in a string, say) stays in the skeleton.
 */

const STREAM = Buffer.from('stream');
const ENDSTREAM = Buffer.from('endstream');
const OBJ = Buffer.from('obj');
const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const GREATER_THAN = 0x3e;

/** How far before `stream` its object's header (`12 0 obj`) is looked for; dictionaries are far shorter. */
const DICTIONARY_REACH = 64 * 1024;

/**
 * A /Length a line end or a few bytes off is common in real files (and tolerated by readers), so a
 * left-out stream's `endstream` is looked for from this many bytes before its /Length says it ends.
 */
const LENGTH_SLACK = 64;

/** A ZIP archive's end record and its longest comment: where pdf-inspect.ts looks for one. */
export const TAIL_BYTES = 22 + 0xffff;

/**
 * Streams whose data is kept: object streams and cross-reference streams (the parser reads objects out
 * of them), and, to stay on the safe side, any whose dictionary names its type indirectly or spells a
 * name with # escapes — the parser could take those for either.
 */
const KEEPS_DATA = /ObjStm|XRef|#|\/Type\s*[^/\s]/;

/** A direct /Length (`/Length 1234`, not a reference `/Length 12 0 R`); \b stops backtracking into the digits. */
const DIRECT_LENGTH = /\/Length\s+(\d+)\b(?!\s+\d+\s+R\b)/;

/** An object header's start: "<number> <number> " before `obj`. */
const HEADER_BEFORE_OBJ = /\d+\s+\d+\s+$/;

export interface PdfSkeleton {
  /** The file without the data of its left-out streams. */
  bytes: Buffer;
  /** The file's last TAIL_BYTES bytes (fewer for a smaller file), untouched. */
  tail: Buffer;
  /** The file's size in bytes. */
  size: number;
  /** Why the file cannot be read, in plain words, when its streams themselves show it. */
  problem?: string;
}

/**
 * Builds the skeleton from the file's chunks in order. Nothing of a chunk is kept after `push`
 * returns (what is kept is copied), so a reader may hand it the same buffer again and again.
 */
export class PdfSkeletonBuilder {
  private readonly kept = new GrowingBytes();
  /** Where in `kept` the next keyword is looked for. */
  private searchFrom = 0;
  /** How far `kept` has been searched for object headers, and where the last one found ends (-1: none). */
  private headersSearchedTo = 0;
  private lastHeaderEnd = -1;
  private mode: 'outside' | 'kept-stream' | 'left-out-stream' = 'outside';
  private readonly tail = new LastBytes(TAIL_BYTES);
  private size = 0;
  private problem: string | undefined;

  // The left-out stream being skipped.
  /** Bytes of its data seen before the current chunk. */
  private dataSeen = 0;
  private declaredLength: number | undefined;
  /** Its last bytes, in case `endstream` is split between two chunks. */
  private carry: Buffer = Buffer.alloc(0);
  /** An `endstream` met well before the declared /Length: data that looks like the end too early. */
  private endstreamBeforeLength = false;

  /** Bytes of the skeleton so far. */
  get keptBytes(): number {
    return this.kept.length;
  }

  push(chunk: Buffer): void {
    this.size += chunk.length;
    this.tail.push(chunk);
    let rest = chunk;
    while (rest.length > 0 && this.problem === undefined) rest = this.mode === 'left-out-stream' ? this.skipData(rest) : this.keep(rest);
  }

  finish(): PdfSkeleton {
    if (this.mode !== 'outside' && this.problem === undefined) {
      this.problem = this.endstreamBeforeLength
        ? this.lengthProblem()
        : 'it ends inside a stream (there is no endstream keyword after its data), so the file is cut short';
    }
    return { bytes: this.kept.bytes(), tail: this.tail.bytes(), size: this.size, ...(this.problem === undefined ? {} : { problem: this.problem }) };
  }

  /** Keeps the bytes and finds what they start: a stream to leave out (its data is returned) or the end of a kept one. */
  private keep(data: Buffer): Buffer {
    this.kept.append(data);
    const bytes = this.kept.bytes();
    for (;;) {
      if (this.mode === 'kept-stream') {
        const end = bytes.indexOf(ENDSTREAM, this.searchFrom);
        if (end < 0) return this.waitForMore(bytes, ENDSTREAM);
        this.mode = 'outside';
        this.searchFrom = end + ENDSTREAM.length;
        continue;
      }
      const keyword = bytes.indexOf(STREAM, this.searchFrom);
      if (keyword < 0) return this.waitForMore(bytes, STREAM);
      if (!followsDictionary(bytes, keyword)) {
        this.searchFrom = keyword + 1;
        continue;
      }
      // The line end after `stream` decides where the data starts; wait until it has arrived.
      const dataStart = dataStartAfter(bytes, keyword);
      if (dataStart === undefined) {
        this.searchFrom = keyword;
        return Buffer.alloc(0);
      }
      if (dataStart === null) {
        this.searchFrom = keyword + 1;
        continue;
      }
      const dictionary = this.dictionaryBefore(bytes, keyword);
      if (dictionary === undefined || KEEPS_DATA.test(dictionary.text)) {
        this.mode = 'kept-stream';
        this.searchFrom = dataStart;
        continue;
      }
      // A view past the kept bytes once they are cut back, not a copy (a copy of the rest of the chunk
      // for every stream, in a file of many small streams, was many times the file's size): what of
      // it is kept again is moved down in the same memory (Buffer#copy is a memmove), and nothing
      // else holds on to it.
      const data = bytes.subarray(dataStart);
      this.kept.truncate(dataStart);
      this.startLeftOutStream(dictionary);
      return data;
    }
  }

  /**
   * The text between the stream's object header (`12 0 obj`) and its `stream` keyword, and where it
   * starts; undefined when no header lies within DICTIONARY_REACH. The kept bytes are searched for
   * headers once, front to back, as streams are met: searched backwards from each keyword, a file of
   * `>> stream` words without headers sent the builder through the same bytes again for each one.
   */
  private dictionaryBefore(bytes: Buffer, keyword: number): { text: string; start: number } | undefined {
    const reach = Math.max(0, keyword - DICTIONARY_REACH);
    for (let obj = bytes.indexOf(OBJ, Math.max(this.headersSearchedTo, reach)); obj >= 0 && obj + OBJ.length <= keyword; obj = bytes.indexOf(OBJ, obj + 1)) {
      if (HEADER_BEFORE_OBJ.test(bytes.toString('latin1', Math.max(0, obj - 32), obj))) this.lastHeaderEnd = obj + OBJ.length;
    }
    this.headersSearchedTo = Math.max(this.headersSearchedTo, keyword - OBJ.length + 1);
    if (this.lastHeaderEnd < reach) return undefined;
    return { text: bytes.toString('latin1', this.lastHeaderEnd, keyword), start: this.lastHeaderEnd };
  }

  private waitForMore(bytes: Buffer, keyword: Buffer): Buffer {
    this.searchFrom = Math.max(this.searchFrom, bytes.length - keyword.length + 1);
    return Buffer.alloc(0);
  }

  private startLeftOutStream(dictionary: { text: string; start: number }): void {
    this.mode = 'left-out-stream';
    this.dataSeen = 0;
    this.carry = Buffer.alloc(0);
    this.endstreamBeforeLength = false;
    const length = DIRECT_LENGTH.exec(dictionary.text);
    this.declaredLength = length ? Number(length[1]) : undefined;
    if (length) {
      const digitsAt = dictionary.start + length.index + length[0].length - length[1]!.length;
      this.kept.bytes().fill(0x30, digitsAt, digitsAt + length[1]!.length);
    }
  }

  /**
   * Skips a left-out stream's data up to its `endstream`; returns what follows it, or nothing yet.
   * The chunk is searched where it lies; only an `endstream` that may begin in the bytes carried over
   * from the chunk before is looked for in a join of a few bytes, so no chunk is copied.
   */
  private skipData(data: Buffer): Buffer {
    let end: { at: number; rest: Buffer } | undefined;
    if (this.carry.length > 0) {
      const join = Buffer.concat([this.carry, data.subarray(0, ENDSTREAM.length - 1)]);
      const at = this.findEnd(join, this.dataSeen - this.carry.length, this.carry.length);
      if (at >= 0) end = { at: this.dataSeen - this.carry.length + at, rest: Buffer.concat([this.carry.subarray(at), data]) };
    }
    if (end === undefined) {
      const at = this.findEnd(data, this.dataSeen, data.length);
      if (at >= 0) end = { at: this.dataSeen + at, rest: data.subarray(at) };
    }
    if (end === undefined) {
      // Copied: the chunk is not this builder's to keep.
      this.carry = Buffer.from(data.length >= ENDSTREAM.length - 1 ? lastBytes(data, ENDSTREAM.length - 1) : lastBytes(Buffer.concat([this.carry, data]), ENDSTREAM.length - 1));
      this.dataSeen += data.length;
      return Buffer.alloc(0);
    }
    if (this.declaredLength !== undefined && this.endstreamBeforeLength && end.at > this.declaredLength + LENGTH_SLACK) {
      this.problem = this.lengthProblem();
      return Buffer.alloc(0);
    }
    this.mode = 'outside';
    this.searchFrom = this.kept.length;
    return end.rest;
  }

  /**
   * Where in `bytes` (whose first byte is at `origin` in the stream's data) the stream's `endstream`
   * starts, looking at starts before `before`: the first one no earlier than its /Length allows
   * (earlier ones are noted); -1 when there is none.
   */
  private findEnd(bytes: Buffer, origin: number, before: number): number {
    const lookFrom = this.declaredLength === undefined ? 0 : Math.max(0, this.declaredLength - LENGTH_SLACK);
    for (let at = bytes.indexOf(ENDSTREAM); at >= 0 && at < before; at = bytes.indexOf(ENDSTREAM, at + 1)) {
      if (origin + at >= lookFrom) return at;
      this.endstreamBeforeLength = true;
    }
    return -1;
  }

  private lengthProblem(): string {
    return `a stream's /Length (${this.declaredLength} bytes) does not lead to its endstream keyword, so the objects after it cannot be told apart`;
  }
}

/** Whether `stream` at this position follows a dictionary's `>>` (only whitespace between). */
function followsDictionary(bytes: Buffer, keyword: number): boolean {
  let before = keyword - 1;
  while (before >= 0 && WHITESPACE.has(bytes[before]!)) before--;
  return bytes[before] === GREATER_THAN;
}

/**
 * Where a stream's data starts after its `stream` keyword: past "\r\n", "\r", "\n" or " \r\n", as
 * the parser reads it; undefined until enough bytes have arrived to tell, null when no line end follows
 * (the word sits elsewhere, e.g. in a string, or the file is malformed: its data is then kept).
 */
function dataStartAfter(bytes: Buffer, keyword: number): number | undefined | null {
  const after = keyword + STREAM.length;
  if (bytes.length < after + 3) return undefined;
  const next = bytes.toString('latin1', after, after + 3);
  if (next === ' \r\n') return after + 3;
  if (next.startsWith('\r\n')) return after + 2;
  if (next.startsWith('\r') || next.startsWith('\n')) return after + 1;
  return null;
}

function lastBytes(bytes: Buffer, count: number): Buffer {
  return bytes.length > count ? bytes.subarray(bytes.length - count) : bytes;
}

/** A byte buffer that grows by doubling, so that appending chunk after chunk copies each byte about once. */
class GrowingBytes {
  private storage = Buffer.alloc(64 * 1024);
  length = 0;

  append(data: Buffer): void {
    if (this.length + data.length > this.storage.length) {
      const larger = Buffer.alloc(Math.max(this.storage.length * 2, this.length + data.length));
      this.storage.copy(larger, 0, 0, this.length);
      this.storage = larger;
    }
    data.copy(this.storage, this.length);
    this.length += data.length;
  }

  truncate(length: number): void {
    this.length = length;
  }

  /** The bytes so far (a view: valid until the next append). */
  bytes(): Buffer {
    return this.storage.subarray(0, this.length);
  }
}

/** The last `capacity` bytes pushed, copied into a ring: no chunk is held. */
class LastBytes {
  private readonly ring: Buffer;
  private pushed = 0;

  constructor(private readonly capacity: number) {
    this.ring = Buffer.alloc(capacity);
  }

  push(chunk: Buffer): void {
    const kept = lastBytes(chunk, this.capacity);
    this.pushed += chunk.length - kept.length;
    const at = this.pushed % this.capacity;
    const first = Math.min(kept.length, this.capacity - at);
    kept.copy(this.ring, at, 0, first);
    kept.copy(this.ring, 0, first);
    this.pushed += kept.length;
  }

  bytes(): Buffer {
    if (this.pushed <= this.capacity) return Buffer.from(this.ring.subarray(0, this.pushed));
    const at = this.pushed % this.capacity;
    return Buffer.concat([this.ring.subarray(at), this.ring.subarray(0, at)]);
  }
}
