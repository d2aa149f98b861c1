import type { FastifyInstance } from 'fastify';
import { InvalidRequestError } from '../domain/errors.js';

/**
 * PostgreSQL's text cannot hold U+0000 (it refuses the whole statement, a 500 to the client) where
 * SQLite's can: a NUL in a request's path, query or JSON body is refused at the edge instead, with
 * the field named, the same on both databases. Uploaded file names lose control characters when
 * staged (app/documents), so multipart needs nothing here.
 */
export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    // Paths as validation errors name them: `title`, `participants[0].email`, `query.q`, `params.id`.
    const found = nulPath(request.params, 'params') ?? nulPath(request.query, 'query') ?? nulPath(request.body, '');
    if (found) throw new InvalidRequestError([{ path: found, message: 'must not contain the NUL character (U+0000)' }]);
  });
}

/** The path of the first string (or object key) holding U+0000 in a parsed JSON value, if any. */
export function nulPath(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(the body)' : undefined;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  for (const [key, entry] of Object.entries(value)) {
    const entryPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return entryPath;
    const found = nulPath(entry, entryPath);
    if (found) return found;
  }
  return undefined;
}
