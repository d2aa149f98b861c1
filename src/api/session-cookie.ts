import type { FastifyReply, FastifyRequest } from 'fastify';

/** The cookie that carries a web app session's secret. */
export const SESSION_COOKIE = 'countersign_session';

/**
 * The value of one cookie from the Cookie header (RFC 6265 §5.4), or undefined. The first one wins
 * when a name repeats, as browsers send the most specific path first. Parsed here rather than through
 * @fastify/cookie: this is the only cookie the server reads.
 */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0 || pair.slice(0, separator).trim() !== name) continue;
    let value = pair.slice(separator + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

/**
 * Secure when the browser reached us over https: directly, or through a proxy whose public address
 * (COUNTERSIGN_PUBLIC_URL, hence `selfUrl`) is https. A plain-http local install still gets a cookie.
 */
function secureFor(request: FastifyRequest, selfUrl: string): boolean {
  return request.protocol === 'https' || selfUrl.startsWith('https:');
}

/**
 * httpOnly keeps the secret from page scripts; SameSite=Lax keeps it off cross-site writes (the
 * X-CSRF-Token check is the second lock on those doors).
 */
export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, selfUrl: string, secret: string, expiresAt: string): void {
  const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000));
  reply.header('Set-Cookie', serialize(secret, maxAge, secureFor(request, selfUrl)));
}

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest, selfUrl: string): void {
  reply.header('Set-Cookie', serialize('', 0, secureFor(request, selfUrl)));
}

function serialize(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${SESSION_COOKIE}=${value}`, 'Path=/', `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : [])].join('; ');
}
