import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** One offending field of a refused request, named by its JSON path (`parties[0].party.email`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * A refusal answered as `application/problem+json`, shaped like the seed's only example
 * (seed 003, "Sending a document": `{"type":"/challenge","title":…,"status":403,"detail":…,"instance":…}`):
 * a relative `type`, and a fresh UUID as `instance`.
 */
export class SandboxProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail: string,
    readonly extra: { headers?: Record<string, string | string[]>; members?: Record<string, unknown> } = {},
  ) {
    super(detail);
    this.name = 'SandboxProblem';
  }

  static is(error: unknown): error is SandboxProblem {
    return error instanceof SandboxProblem;
  }
}

/** Constructors for the problems the sandbox answers with; `detail` always says what to fix. */
export const problems = {
  badRequest: (detail: string, errors?: FieldProblem[]) =>
    new SandboxProblem(400, '/bad-request', 'Invalid request', detail, errors ? { members: { errors } } : {}),
  unauthorized: (detail: string, error = 'invalid_token') =>
    new SandboxProblem(401, '/unauthorized', 'Unauthorized', detail, {
      headers: { 'www-authenticate': `Bearer error="${error}", error_description="${detail.replace(/"/g, "'")}"` },
    }),
  forbidden: (detail: string) => new SandboxProblem(403, '/forbidden', 'Forbidden', detail),
  notFound: (detail: string) => new SandboxProblem(404, '/not-found', 'Not found', detail),
  conflict: (detail: string, members?: Record<string, unknown>) =>
    new SandboxProblem(409, '/conflict', 'Conflict', detail, members ? { members } : {}),
  preconditionFailed: (detail: string) => new SandboxProblem(412, '/precondition-failed', 'Precondition failed', detail),
  payloadTooLarge: (detail: string) => new SandboxProblem(413, '/payload-too-large', 'Payload too large', detail),
  unsupportedMediaType: (detail: string) => new SandboxProblem(415, '/unsupported-media-type', 'Unsupported media type', detail),
  rangeNotSatisfiable: (detail: string, size: number) =>
    new SandboxProblem(416, '/range-not-satisfiable', 'Range not satisfiable', detail, { headers: { 'content-range': `bytes */${size}` } }),
};

/** Writes `problem` as the response. */
export function sendProblem(reply: FastifyReply, problem: SandboxProblem): FastifyReply {
  for (const [name, value] of Object.entries(problem.extra.headers ?? {})) reply.header(name, value);
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send({
      type: problem.type,
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      instance: randomUUID(),
      ...problem.extra.members,
    });
}

/**
 * The error handler of the sandbox's routes: a {@link SandboxProblem} goes out as is; Fastify's own
 * refusals (bad JSON, body too large) keep their status with a readable detail; anything else is a 500.
 */
export function problemErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (SandboxProblem.is(error)) return sendProblem(reply, error);
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = 'code' in error ? error.code : undefined;
    if (status === 413 || code === 'FST_REQ_FILE_TOO_LARGE') return sendProblem(reply, problems.payloadTooLarge(error.message));
    if (status === 415) return sendProblem(reply, problems.unsupportedMediaType(error.message));
    return sendProblem(reply, new SandboxProblem(status, '/bad-request', 'Invalid request', error.message));
  }
  request.log.error({ err: error }, 'autenti sandbox: unexpected error');
  return sendProblem(reply, new SandboxProblem(500, '/internal-server-error', 'Internal server error', `The sandbox failed: ${error.message}`));
}

/**
 * A refusal of the token endpoint, answered as OAuth 2.0 error JSON `{error, error_description}`
 * (RFC 6749 §5.2): `invalid_client` is 401, the others 400.
 */
export class OAuthError extends Error {
  constructor(
    readonly error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_scope',
    readonly description: string,
  ) {
    super(description);
    this.name = 'OAuthError';
  }

  get status(): number {
    return this.error === 'invalid_client' ? 401 : 400;
  }
}
