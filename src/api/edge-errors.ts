import { randomFillSync } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_TYPES, edgeProblem, sendProblem, type ProblemSlug } from './problems.js';

/**
 * Refusals made before a request reaches a route: by the router (a URL it cannot decode, a path
 * segment too long) or by Node's HTTP parser (unparsable HTTP, oversized headers, a request not
 * received in time). Fastify answers these with its own JSON; here they are problem+json like every
 * other error, with a request id, and they never repeat the URL or a header back.
 */

/**
 * Random bytes for request ids, drawn 4 KB at a time: one call to the kernel per 512 requests instead
 * of one per request (it was 4.5 % of a GET's CPU). A request id correlates log lines; it guards nothing.
 */
const idBytes = Buffer.alloc(4096);
let idBytesUsed = idBytes.length;

export function newRequestId(): string {
  if (idBytesUsed + 8 > idBytes.length) {
    randomFillSync(idBytes);
    idBytesUsed = 0;
  }
  idBytesUsed += 8;
  return `req_${idBytes.toString('hex', idBytesUsed - 8, idBytesUsed)}`;
}

/** Fastify's `frameworkErrors`: the request exists, but no route was matched. */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const [slug, detail] = describeFrameworkError(error);
  request.log.info({ code: error.code, statusCode: slugStatus(slug) }, 'request refused before routing');
  reply.header('X-Request-Id', request.id).header('X-Content-Type-Options', 'nosniff');
  void sendProblem(reply, edgeProblem(slug, detail, request.id));
}

function describeFrameworkError(error: FastifyError): [ProblemSlug, string] {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return ['invalid-request', 'The URL contains an invalid percent-escape. Encode special characters as UTF-8 bytes, each written %XX with two hex digits.'];
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return ['uri-too-long', 'A path segment of the URL is longer than any id this API uses. Check the URL.'];
    default:
      return ['invalid-request', 'The request could not be routed. Check the method and URL against the API reference at /api/v1/docs.'];
  }
}

/**
 * Fastify's `clientErrorHandler`: Node's parser refused the bytes, so there is no request object,
 * only the socket. The answer is written by hand and the connection closed.
 */
export function answerClientError(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has no one left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [slug, detail] = describeClientError(error.code);
  const requestId = newRequestId();
  // Only the code: the error's rawPacket holds the request's bytes, Authorization header included.
  this.log.info({ requestId, code: error.code, statusCode: slugStatus(slug) }, 'client error');
  // When a response to this socket has already begun (Node keeps it as `_httpMessage`), a second
  // status line would corrupt it: only close. Node's own default handler makes the same check.
  const current = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !current?.headersSent) socket.write(rawProblemResponse(slug, detail, requestId));
  socket.destroy(error);
}

function describeClientError(code: string | undefined): [ProblemSlug, string] {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return ['request-timeout', 'The request was not received whole in time and was cut. Send it again.'];
    case 'HPE_HEADER_OVERFLOW':
      return ['header-fields-too-large', 'The request line and headers exceed 16 KB. Send a shorter URL or fewer, smaller headers.'];
    default:
      return ['invalid-request', 'The request is not valid HTTP/1.1 (request line, headers or chunked body). Send a well-formed request.'];
  }
}

/** A complete HTTP/1.1 response carrying the problem, for a socket that has no Fastify reply. */
export function rawProblemResponse(slug: ProblemSlug, detail: string, requestId: string): string {
  const body = JSON.stringify(edgeProblem(slug, detail, requestId));
  const status = slugStatus(slug);
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Content-Type: application/problem+json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    'X-Content-Type-Options: nosniff',
    'Cache-Control: no-store',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

function slugStatus(slug: ProblemSlug): number {
  return PROBLEM_TYPES[slug].status;
}
