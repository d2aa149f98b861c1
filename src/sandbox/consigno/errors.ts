import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/**
 * A refusal in ConsignO Cloud's error shape (references, "ConsignO Cloud"): the HTTP status and
 * `{"code": "<number as string>", "msg": "<text>", "parameters": {…}}`. `msg` always says what to fix.
 * The sandbox's own routes (control, signing pages) are not ConsignO's: they answer the same refusals
 * as RFC 9457 problem+json ({@link controlErrorHandler}).
 */
export class ConsignoError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly parameters: Record<string, unknown> | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ConsignoError';
  }

  static is(error: unknown): error is ConsignoError {
    return error instanceof ConsignoError;
  }
}

/** The refusals the sandbox answers with (codes of the shared brief's table, docs/sandbox-consigno.md). */
export const refusals = {
  /** 400 `4000`; `field` is the request member's path, e.g. `actions[0].signer.amr`. */
  invalid: (message: string, field?: string) => new ConsignoError(400, '4000', message, field ? { field } : null),
  notPdf: () => new ConsignoError(400, '4002', 'Only PDF documents can be uploaded: the file does not start with %PDF-.'),
  authentication: (message: string) => new ConsignoError(401, '4001', message),
  forbidden: (message: string) => new ConsignoError(403, '4003', message),
  notFound: (message: string, id?: string) => new ConsignoError(404, '5004', message, id ? { id } : null),
  conflict: (message: string, parameters?: Record<string, unknown>) => new ConsignoError(409, '4009', message, parameters ?? null),
  tooLarge: (message: string) => new ConsignoError(413, '4013', message),
  rateLimited: (seconds: number) =>
    new ConsignoError(429, '4029', `Injected fault: rate limit; retry after ${seconds} seconds (see /_sandbox/faults).`, null, { 'retry-after': String(seconds) }),
  serverError: (status: number, message: string) => new ConsignoError(status, '5000', message, null, status === 500 ? {} : { 'retry-after': '1' }),
};

/** Writes `error` in ConsignO's shape. */
export function sendError(reply: FastifyReply, error: ConsignoError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply
    .code(error.status)
    .type('application/json; charset=utf-8')
    .send({ code: error.code, msg: error.message, ...(error.parameters ? { parameters: error.parameters } : {}) });
}

/** Writes `error` as problem+json, its ConsignO code kept as `code` (the sandbox's own routes). */
export function sendProblem(reply: FastifyReply, error: ConsignoError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply
    .code(error.status)
    .type('application/problem+json')
    .send({
      type: `urn:countersign:sandbox:consigno:${error.code}`,
      title: STATUS_CODES[error.status] ?? 'Error',
      status: error.status,
      detail: error.message,
      code: error.code,
      ...(error.parameters ? { parameters: error.parameters } : {}),
    });
}

/** A multipart body the parser gave up on (cut short, a wrong boundary) is the client's error: 400, never 500. */
export function malformedMultipart(error: unknown): unknown {
  if (ConsignoError.is(error) || !(error instanceof Error)) return error;
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : null;
  if (status !== null && status !== 500) return error;
  return refusals.invalid(`The multipart body cannot be read: ${error.message}. Send a complete multipart/form-data body with the boundary its Content-Type names.`);
}

/** The emulated API's error handler: Fastify's own refusals (bad JSON, too large) keep their status in ConsignO's shape. */
export function consignoErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendError(reply, asConsignoError(error, request));
}

/** The sandbox's own routes' error handler: the same refusals as problem+json. */
export function controlErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(reply, asConsignoError(error, request));
}

function asConsignoError(error: FastifyError | Error, request: FastifyRequest): ConsignoError {
  if (ConsignoError.is(error)) return error;
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = 'code' in error ? error.code : undefined;
    if (status === 413 || code === 'FST_REQ_FILE_TOO_LARGE') return refusals.tooLarge(`The request is larger than the sandbox accepts: ${error.message}`);
    return new ConsignoError(status, status === 401 ? '4001' : status === 403 ? '4003' : status === 404 ? '5004' : '4000', error.message);
  }
  request.log.error({ err: error }, 'consigno sandbox: unexpected error');
  return new ConsignoError(500, '5000', `The sandbox failed: ${error.message}`);
}
