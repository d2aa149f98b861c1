import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { ProblemSchema } from '../schemas.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request',
  401: 'Missing or invalid API key',
  403: 'Session write without a valid X-CSRF-Token',
  404: 'Not found',
  408: 'The upload stalled and was cut',
  409: 'Not allowed in the current status',
  413: 'File too large',
  415: 'Unsupported file type',
  422: 'Valid request that cannot be carried out as given',
  429: 'Too many attempts (or uploads at once); see Retry-After',
};

/** The problem+json responses an operation may give, for the OpenAPI document. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: DESCRIPTIONS[status] ?? 'Problem', content: { 'application/problem+json': { schema: ProblemSchema } } },
    ]),
  );
}

export const NoContent = Type.Null({ description: 'Done; no content' });

/** A streamed file. Fastify sends streams as they are; the schema only documents the operation. */
export const FileContent = Type.Unsafe<NodeJS.ReadableStream>({ type: 'string', format: 'binary', description: 'The file, streamed' });

/**
 * Sends `text`, JSON the database wrote in the shape of the route's response schema, as it is:
 * Fastify serialises no string sent as JSON.
 */
export function sendJsonText(reply: FastifyReply, text: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(text);
}
