import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionFor } from '../app/accounts.js';
import type { AppContext } from '../app/context.js';
import { ForbiddenError, principalHasScope } from '../app/principal.js';
import { authenticateRequest, CSRF_HEADER } from './auth.js';
import { problemFromError, sendProblem } from './problems.js';
import { readCookie, SESSION_COOKIE } from './session-cookie.js';

/**
 * Who may control the built-in sandboxes mounted under /sandbox (their clients, accounts, faults,
 * mailbox, party actions, Integration settings page and login stand-in): a caller /api/v1 accepts — an
 * API key as `Authorization: Bearer`, or the web app's session cookie with X-CSRF-Token on writes —
 * whose scopes include `sandbox:control` (admins and owners: the sandbox reaches every account's
 * documents). Refusals are the API's own problem+json 401/403.
 */
export function sandboxControlGuard(context: AppContext, environmentKeyHash: string | undefined) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<{ csrfToken?: string } | null> => {
    adoptFormCsrfToken(request);
    // Refused: the problem is on its way, and null tells the sandbox to run no handler.
    if (await authenticateRequest(request, reply, context, environmentKeyHash)) return null;
    if (!principalHasScope(request.principal, 'sandbox:control')) {
      sendProblem(reply, problemFromError(request, ForbiddenError.missing(request.principal, 'sandbox:control')));
      return null;
    }
    if (request.headers.authorization) return {};
    // A browser session: the sandbox's HTML forms need its CSRF token to post back.
    const secret = readCookie(request, SESSION_COOKIE);
    const session = secret === undefined ? undefined : await sessionFor(context, secret);
    return session ? { csrfToken: session.csrfToken } : {};
  };
}

/**
 * An HTML form cannot send headers: the sandbox's Integration settings page posts the session's CSRF
 * token as the form field `csrfToken`, which is taken as the header when the header is absent. A page
 * on another site still cannot read the token to put it in a form.
 */
function adoptFormCsrfToken(request: FastifyRequest): void {
  if (request.headers[CSRF_HEADER] !== undefined) return;
  const body = request.body as Record<string, unknown> | undefined;
  if (body && typeof body === 'object' && typeof body.csrfToken === 'string') request.headers[CSRF_HEADER] = body.csrfToken;
}
