import { InvalidRequestError } from '../domain/errors.js';

/**
 * Cursors are opaque to clients: the id of the last row of a page, base64url-encoded. Ids sort by
 * creation time (src/domain/ids.ts), so "rows with a smaller id" stays the same set however many rows
 * are inserted meanwhile: a page never repeats or skips a row.
 */
export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ before: lastId })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { before?: unknown };
    if (typeof parsed.before === 'string' && /^[a-z]+_[0-9A-Z]{26}$/.test(parsed.before)) return parsed.before;
  } catch {
    // fall through to the validation error
  }
  throw new InvalidRequestError([
    { path: 'cursor', message: 'is not a cursor this server issued; pass the nextCursor of the previous page unchanged' },
  ]);
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Builds a page from `limit + 1` fetched rows: the extra row only tells whether another page exists. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
