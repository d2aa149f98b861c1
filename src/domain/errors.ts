/**
 * Errors that cross layers. Each carries a stable `code`; the API turns the code into an RFC 9457
 * problem type (see src/api/problems.ts) and the message into the problem's human `detail`.
 * Messages say what to fix. They never contain secrets or document bytes.
 */

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'INVALID_STATE'
  | 'CONFLICT'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'EMPTY_FILE'
  | 'UNREADABLE_DOCUMENT'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'CSRF_TOKEN_REQUIRED'
  | 'SETUP_CODE_REQUIRED'
  | 'SIGN_IN_THROTTLED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_KEY_IN_USE'
  | 'CONFIGURATION_INVALID'
  | 'PROVIDER_AUTHENTICATION'
  | 'PROVIDER_VALIDATION'
  | 'PROVIDER_NOT_FOUND'
  | 'PROVIDER_CONFLICT'
  | 'PROVIDER_RATE_LIMITED'
  | 'PROVIDER_UNAVAILABLE'
  | 'PROVIDER_UNSUPPORTED'
  | 'PROVIDER_DESTINATION_REFUSED'
  | 'PROVIDER_OUTCOME_UNKNOWN'
  | 'PROVIDER_GONE';

/** One bad field of a request, named by its path in the request body, e.g. `participants[1].email`. */
export interface FieldError {
  path: string;
  message: string;
}

export class CountersignError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }

  static is(error: unknown): error is CountersignError {
    return error instanceof CountersignError;
  }
}

export class ValidationError extends CountersignError {
  readonly errors: FieldError[];

  constructor(errors: FieldError[], message?: string) {
    super('VALIDATION_FAILED', message ?? describeFieldErrors(errors));
    this.errors = errors;
  }

  static override is(error: unknown): error is ValidationError {
    return error instanceof ValidationError;
  }
}

export class NotFoundError extends CountersignError {
  constructor(
    readonly resource: string,
    readonly id: string,
  ) {
    super('NOT_FOUND', `No ${resource} with id ${id} exists.`);
  }
}

/** The resource exists but its status does not allow the operation. */
export class InvalidStateError extends CountersignError {
  constructor(
    message: string,
    readonly currentStatus: string,
  ) {
    super('INVALID_STATE', message);
  }
}

export class ConflictError extends CountersignError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

function describeFieldErrors(errors: FieldError[]): string {
  if (errors.length === 0) return 'The request is not valid.';
  const [first] = errors;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  // Messages usually end with their own full stop; add one only where the last sentence lacks it.
  const text = `${first!.path ? `${first!.path}: ` : ''}${first!.message}${more}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** A request malformed in a way its schema cannot say (a cursor this server never issued, a bad header). */
export class InvalidRequestError extends ValidationError {}
