import { inflateSync } from 'node:zlib';

/**
 * Problems in a PDF's cross-reference sections, for the builtin signature verifier: it stands in for
 * the repairs poppler reports ("Syntax Error: …") when pdfsig is not installed. Follows `startxref` and
 * every /Prev, in tables and in cross-reference streams, and checks that each in-use entry points at
 * the start of its object ("12 0 obj"). A wrong offset is the usual bug of an incremental update such
 * as an appended signature; viewers rebuild the table silently, so only a check like this notices.
 * Not a full PDF parser: a stream with a filter other than FlateDecode is not looked into, and the
 * /XRefStm of hybrid files is not followed.
 * @returns one message per problem; empty for a well-formed file.
 */
export function crossReferenceProblems(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const last = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-1024));
  if (!last?.[1]) return ['the file does not end with "startxref <offset> %%EOF"'];

  const problems: string[] = [];
  const visited = new Set<number>();
  let offset: number | undefined = Number(last[1]);
  while (offset !== undefined) {
    if (visited.has(offset)) {
      problems.push(`/Prev ${offset} leads back to a cross-reference section already read`);
      break;
    }
    visited.add(offset);
    const section: Section | { problem: string } = /^xref\s/.test(text.slice(offset, offset + 5)) ? readTable(text, offset) : readStream(pdf, text, offset);
    if ('problem' in section) {
      problems.push(section.problem);
      break;
    }
    for (const entry of section.entries) {
      const found = /^(\d+)\s+(\d+)\s+obj\b/.exec(text.slice(entry.offset, entry.offset + 40));
      if (found && Number(found[1]) === entry.objectNumber && Number(found[2]) === entry.generation) continue;
      const seen = JSON.stringify(text.slice(entry.offset, entry.offset + 16));
      problems.push(
        `the cross-reference section at byte ${offset} puts object ${entry.objectNumber} ${entry.generation} at byte ${entry.offset}, which holds ${seen}`,
      );
    }
    offset = section.previous;
  }
  return problems;
}

interface Section {
  entries: Array<{ objectNumber: number; generation: number; offset: number }>;
  /** The /Prev of the section's trailer or stream dictionary. */
  previous: number | undefined;
}

function readTable(text: string, offset: number): Section | { problem: string } {
  const entries: Section['entries'] = [];
  const subsection = /\s*(\d+)\s+(\d+)[ \t]*\r?\n/y;
  const entry = /\s*(\d{10})\s(\d{5})\s([nf])/y;
  let position = offset + 'xref'.length;
  for (;;) {
    subsection.lastIndex = position;
    const header = subsection.exec(text);
    if (!header) break;
    position = subsection.lastIndex;
    const first = Number(header[1]);
    const count = Number(header[2]);
    for (let index = 0; index < count; index++) {
      entry.lastIndex = position;
      const row = entry.exec(text);
      if (!row) return { problem: `the cross-reference table at byte ${offset} has fewer entries than its subsection ${first} ${count} announces` };
      position = entry.lastIndex;
      if (row[3] === 'n') entries.push({ objectNumber: first + index, generation: Number(row[2]), offset: Number(row[1]) });
    }
  }
  const trailer = /^\s*trailer\s*<<([\s\S]*?)startxref/.exec(text.slice(position));
  if (!trailer?.[1]) return { problem: `the cross-reference table at byte ${offset} is not followed by "trailer <<…>>"` };
  return { entries, previous: numberEntry(trailer[1], 'Prev') };
}

function readStream(pdf: Buffer, text: string, offset: number): Section | { problem: string } {
  const header = /^(\d+)\s+(\d+)\s+obj\s*<</.exec(text.slice(offset, offset + 64));
  const streamKeyword = text.indexOf('stream', offset);
  if (!header || streamKeyword < 0) return { problem: `startxref or /Prev points at byte ${offset}, where there is neither "xref" nor an object` };
  const dictionary = text.slice(offset + header[0].length, streamKeyword);
  if (!/\/Type\s*\/XRef\b/.test(dictionary)) return { problem: `the object at byte ${offset} that startxref or /Prev points at is not a cross-reference stream` };
  const previous = numberEntry(dictionary, 'Prev');

  const widths = /\/W\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(dictionary)?.slice(1).map(Number);
  const size = numberEntry(dictionary, 'Size');
  if (!widths || size === undefined) return { problem: `the cross-reference stream at byte ${offset} lacks /W or /Size` };
  const index = (/\/Index\s*\[([\d\s]*)\]/.exec(dictionary)?.[1] ?? `0 ${size}`).trim().split(/\s+/).map(Number);

  const dataStart = streamKeyword + (text.startsWith('\r\n', streamKeyword + 6) ? 8 : 7);
  const length = numberEntry(dictionary, 'Length') ?? text.indexOf('endstream', dataStart) - dataStart;
  let data = pdf.subarray(dataStart, dataStart + length);
  const filter = /\/Filter\s*\[?\s*\/(\w+)\s*\]?/.exec(dictionary)?.[1];
  if (filter !== undefined && filter !== 'FlateDecode') return { entries: [], previous };
  if (filter === 'FlateDecode') {
    try {
      data = inflateSync(data);
    } catch (error) {
      return { problem: `the cross-reference stream at byte ${offset} does not inflate (${(error as Error).message})` };
    }
  }
  const predictor = numberEntry(dictionary, 'Predictor') ?? 1;
  const rowLength = widths.reduce((sum, width) => sum + width, 0);
  if (predictor >= 10) data = undoPngPredictor(data, numberEntry(dictionary, 'Columns') ?? rowLength);
  else if (predictor !== 1) return { entries: [], previous };

  const entries: Section['entries'] = [];
  const field = (row: number, skip: number, width: number, fallback: number) =>
    width === 0 ? fallback : data.subarray(row * rowLength + skip, row * rowLength + skip + width).reduce((value, byte) => value * 256 + byte, 0);
  let row = 0;
  for (let pair = 0; pair + 1 < index.length; pair += 2) {
    const [first = 0, count = 0] = [index[pair], index[pair + 1]];
    for (let objectNumber = first; objectNumber < first + count; objectNumber++, row++) {
      if ((row + 1) * rowLength > data.length) return { problem: `the cross-reference stream at byte ${offset} has fewer rows than its /Index announces` };
      // Type 1 is an object at a byte offset; type 2 lives in an object stream, type 0 is free.
      if (field(row, 0, widths[0]!, 1) !== 1) continue;
      entries.push({ objectNumber, offset: field(row, widths[0]!, widths[1]!, 0), generation: field(row, widths[0]! + widths[1]!, widths[2]!, 0) });
    }
  }
  return { entries, previous };
}

/** A direct number entry of a dictionary's text (`/Prev 1234`); undefined when absent or a reference. */
function numberEntry(dictionary: string, key: string): number | undefined {
  const match = new RegExp(`/${key}\\s+(\\d+)(?!\\s+\\d+\\s+R)\\b`).exec(dictionary);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** PNG predictors as PDF uses them in cross-reference streams: one byte per pixel, a filter byte per row. */
function undoPngPredictor(data: Buffer, columns: number): Buffer {
  const rows = Math.floor(data.length / (columns + 1));
  const output = Buffer.alloc(rows * columns);
  for (let row = 0; row < rows; row++) {
    const filterType = data[row * (columns + 1)];
    for (let column = 0; column < columns; column++) {
      const left = column > 0 ? output[row * columns + column - 1]! : 0;
      const up = row > 0 ? output[(row - 1) * columns + column]! : 0;
      const upLeft = row > 0 && column > 0 ? output[(row - 1) * columns + column - 1]! : 0;
      const predicted =
        filterType === 1 ? left : filterType === 2 ? up : filterType === 3 ? (left + up) >> 1 : filterType === 4 ? paeth(left, up, upLeft) : 0;
      output[row * columns + column] = (data[row * (columns + 1) + 1 + column]! + predicted) & 0xff;
    }
  }
  return output;
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const [toLeft, toUp, toUpLeft] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
  return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
}
