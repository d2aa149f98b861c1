import type { FieldError, Problem } from './types.js';

/**
 * Countersign refused a request: its problem+json answer (RFC 9457), with the server's own words in
 * `detail` (what went wrong and what to do) and, for a 400 or 422, each bad field in `errors`. An
 * answer that is not a problem (a proxy's error page) becomes one too, with a `detail` that says so.
 */
export class CountersignError extends Error {
  override readonly name = 'CountersignError';
  /** The HTTP status: 400 malformed, 401 key refused, 403 scope missing, 404, 409 wrong state, 422 refused… */
  readonly status: number;
  /** The problem type's short summary, e.g. `Invalid state`. */
  readonly title: string;
  /** What went wrong and what to do about it, for people. Also the error's message. */
  readonly detail: string;
  /** The problem type, a relative URI of Countersign's documentation; undefined when the answer was not a problem. */
  readonly type: string | undefined;
  /** The bad fields of a 400 or 422: `{ path: 'participants[0].email', message: 'must be an email address' }`. */
  readonly errors: FieldError[];
  /** Quote it to the operator: the server's log line for the request carries it. */
  readonly requestId: string | undefined;
  /**
   * Every member of the problem as answered — `currentStatus` for a 409, `requiredScope` for a 403,
   * `capability` for a refusal by capability, and members this version of the client does not know.
   */
  readonly problem: Partial<Problem> & Record<string, unknown>;

  constructor(status: number, problem: Partial<Problem> & Record<string, unknown>, fallbackDetail: string) {
    const detail = typeof problem.detail === 'string' ? problem.detail : fallbackDetail;
    super(detail);
    this.status = status;
    this.title = typeof problem.title === 'string' ? problem.title : `HTTP ${status}`;
    this.detail = detail;
    this.type = typeof problem.type === 'string' ? problem.type : undefined;
    this.errors = Array.isArray(problem.errors)
      ? problem.errors.filter((item): item is FieldError => typeof item?.path === 'string' && typeof item?.message === 'string')
      : [];
    this.requestId = typeof problem.requestId === 'string' ? problem.requestId : undefined;
    this.problem = problem;
  }

  /** True for a CountersignError, also one made by another copy of this package (where `instanceof` fails). */
  static is(error: unknown): error is CountersignError {
    return error instanceof CountersignError || (error instanceof Error && error.name === 'CountersignError' && typeof (error as CountersignError).status === 'number');
  }

  /** From a refused answer; `body` is what openapi-fetch read of it: parsed JSON, else its text, or undefined. */
  static fromAnswer(response: Response, body: unknown): CountersignError {
    // Whatever answered may not be Countersign (a proxy, a wrong URL): every member is checked where it is read.
    const problem = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const where = response.url ? new URL(response.url).host : 'The server';
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    const fallback = `${where} answered ${status} without a problem+json body: a proxy in between refused it, or baseUrl is not where Countersign runs.`;
    return new CountersignError(response.status, problem, fallback);
  }
}
