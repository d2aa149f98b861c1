import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/**
 * A refusal in Connective's error shape (the reference definition's `ErrorHandlingResponse`):
 * `{"ErrorCode": "<Area.Reason>", "Message": "<text>"}` as `application/json`, on every 4xx/5xx of the
 * emulated API. `Message` always says what to fix. The sandbox's own routes (control, signing pages)
 * are not Connective's: they answer the same refusals as RFC 9457 problem+json, like the rest of
 * Countersign ({@link controlErrorHandler}).
 */
export class ConnectiveError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ConnectiveError';
  }

  static is(error: unknown): error is ConnectiveError {
    return error instanceof ConnectiveError;
  }
}

/** The refusals the sandbox answers with. */
export const refusals = {
  invalid: (message: string) => new ConnectiveError(400, 'Request.Invalid', message),
  authentication: (message: string) =>
    new ConnectiveError(401, 'Authentication.Failed', message, { 'www-authenticate': 'Basic realm="eSignatures sandbox"' }),
  packageNotFound: (id: string) => new ConnectiveError(404, 'Package.NotFound', `No package ${id} for this API user (deleted, or never created).`),
  documentNotFound: (packageId: string, documentId: string) =>
    new ConnectiveError(404, 'Document.NotFound', `Package ${packageId} has no document ${documentId}.`),
  notFound: (message: string) => new ConnectiveError(404, 'Resource.NotFound', message),
  invalidStatus: (message: string) => new ConnectiveError(409, 'Package.InvalidStatus', message),
  conflict: (code: string, message: string) => new ConnectiveError(409, code, message),
  tooLarge: (message: string) => new ConnectiveError(413, 'Document.TooLarge', message),
  unsupportedMediaType: (message: string) => new ConnectiveError(415, 'Request.UnsupportedMediaType', message),
  throttled: (retryAfterSeconds: number) =>
    new ConnectiveError(
      429,
      'Throttling.Exceeded',
      `More than 100 API calls in 60 seconds for this API user; retry after ${retryAfterSeconds} seconds.`,
      { 'retry-after': String(retryAfterSeconds) },
    ),
};

/** Writes `error` as the response. */
export function sendError(reply: FastifyReply, error: ConnectiveError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply.code(error.status).type('application/json; charset=utf-8').send({ ErrorCode: error.errorCode, Message: error.message });
}

/** Writes `error` as problem+json, its Connective code kept as `errorCode` (the sandbox's own routes). */
export function sendProblem(reply: FastifyReply, error: ConnectiveError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply
    .code(error.status)
    .type('application/problem+json')
    .send({ type: `urn:countersign:sandbox:connective:${error.errorCode}`, title: STATUS_CODES[error.status] ?? 'Error', status: error.status, detail: error.message, errorCode: error.errorCode });
}

/**
 * The error handler of the emulated API's routes: a {@link ConnectiveError} goes out as is; Fastify's own
 * refusals (bad JSON, body too large, multipart limits) keep their status in Connective's shape;
 * anything else is a 500 `Server.Error`.
 */
export function connectiveErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendError(reply, asConnectiveError(error, request));
}

/** The error handler of the sandbox's own routes (control, signing pages): the same refusals as problem+json. */
export function controlErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(reply, asConnectiveError(error, request));
}

function asConnectiveError(error: FastifyError | Error, request: FastifyRequest): ConnectiveError {
  if (ConnectiveError.is(error)) return error;
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = 'code' in error ? error.code : undefined;
    if (status === 413 || code === 'FST_REQ_FILE_TOO_LARGE') return refusals.tooLarge(error.message);
    if (status === 415) return refusals.unsupportedMediaType(error.message);
    return new ConnectiveError(status, 'Request.Invalid', error.message);
  }
  request.log.error({ err: error }, 'connective sandbox: unexpected error');
  return new ConnectiveError(500, 'Server.Error', `The sandbox failed: ${error.message}`);
}
