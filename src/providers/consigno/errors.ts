import { ProviderError } from '../errors.js';
import { readErrorBody, type HttpResponse } from '../http.js';
import { readConsignoError, type ConsignoRefusal } from './schemas.js';

/**
 * ConsignO's refusals `{code, msg, parameters}` as `ProviderError`s (the wire contract of issue 11,
 * "Answers and errors"): `4000`/`4002`/`4013` validation with ConsignO's words and the field it names,
 * `4001` authentication, `4003` not allowed for this account, `5004` not found, `4009` conflict. 429
 * and 5xx never reach here: the shared HTTP client retries them and makes them `rate-limited` /
 * `unavailable` with `Retry-After` kept.
 */
export async function consignoError(response: HttpResponse, operation: string, now = Date.now()): Promise<ProviderError & { readonly refusal: ConsignoRefusal }> {
  const refusal = readConsignoError(await readErrorBody(response));
  return refusalError(response.status, refusal, operation, { host: response.host, retryAfter: response.header('retry-after') ?? null, now });
}

export function refusalError(
  httpStatus: number,
  refusal: ConsignoRefusal,
  operation: string,
  context: { host?: string; retryAfter?: string | null; now?: number } = {},
): ProviderError & { readonly refusal: ConsignoRefusal } {
  const said = refusal.message;
  const common = { provider: 'consigno' as const, httpStatus, ...(said === undefined ? {} : { providerMessage: said }) };
  const words = said === undefined ? '' : `: ${said}`;
  const code = refusal.code === undefined ? '' : ` ${refusal.code}`;
  let error: ProviderError;
  if (httpStatus === 401) {
    error = new ProviderError({
      ...common,
      kind: 'authentication',
      message: `ConsignO Cloud did not accept this connection's sign-in while ${operation} (HTTP 401${code}${words}). Check the username and password (and the "login as" client id and secret, if set) in Settings → Connections.`,
    });
  } else if (httpStatus === 403) {
    error = new ProviderError({
      ...common,
      kind: 'authentication',
      message: `ConsignO Cloud does not allow this account to do that while ${operation} (HTTP 403${code}${words}). Ask your ConsignO Cloud administrator to allow it for the connection's user, or change the envelope.`,
    });
  } else if (httpStatus === 400 || httpStatus === 413) {
    const field = refusal.field === undefined ? '' : ` (field ${refusal.field})`;
    error = new ProviderError({ ...common, kind: 'validation', message: `ConsignO Cloud refused ${operation}${field} (HTTP ${httpStatus}${code})${words}` });
  } else {
    error = ProviderError.fromHttpStatus({
      provider: 'consigno',
      httpStatus,
      operation,
      ...(context.host && said === undefined ? { host: context.host } : {}),
      ...(said === undefined ? {} : { providerMessage: said }),
      retryAfter: context.retryAfter ?? null,
      ...(context.now === undefined ? {} : { now: context.now }),
    });
  }
  return Object.assign(error, { refusal });
}

/** Whether `error` is ConsignO's 409 for a document already used by a workflow (a create that happened). */
export function isAlreadyAssigned(error: unknown): boolean {
  if (!ProviderError.is(error, 'conflict')) return false;
  const refusal = (error as ProviderError & { refusal?: ConsignoRefusal }).refusal;
  return /already assigned/i.test(refusal?.message ?? error.providerMessage ?? '');
}
