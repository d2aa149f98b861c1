import type { FieldError } from '../domain/errors.js';

/**
 * A schema's refusal in people's words: what the API answers (problems.ts) when a request does not
 * match its route's schema, and what the web app shows before sending one (its validators are
 * generated from the same schemas with the same Ajv options, scripts/request-validators.ts). Pure,
 * so that the browser runs this very code.
 */

/**
 * The `detail` and `errors` of the problem for Ajv's errors of one part of a request (`context`:
 * body, querystring, params; none means the body).
 */
export function describeSchemaErrors(schemaErrors: readonly SchemaError[], context?: string): { detail: string; errors: FieldError[] } {
  const errors = closestUnionBranches([...schemaErrors]).map((item) => describeSchemaError(item, context));
  const first = errors[0];
  const detail = first ? `${first.path || context || 'request'}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}.` : 'The request does not match the schema.';
  return { detail, errors };
}

export interface SchemaError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  message?: string;
  params: Record<string, unknown>;
}

/**
 * AJV reports every branch of a failed `anyOf`: a signature box with a zero width was also checked as
 * a text anchor, so besides "width must be > 0" came "anchor is required" and "page is not a known
 * field", which a form shows beside the wrong inputs. Only the closest branch is kept — the one that
 * did not refuse the value's type outright (`null` in a nullable field), then the one with the fewest
 * errors, the first on a tie — and the bare "must match a schema in anyOf" goes with the others.
 * Innermost unions first, so an outer union counts its branches' errors already pruned.
 */
function closestUnionBranches(errors: SchemaError[]): SchemaError[] {
  const unions = errors.filter((error) => error.keyword === 'anyOf').sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  let kept = errors;
  for (const union of unions) {
    const prefix = `${union.schemaPath}/`;
    const within = (error: SchemaError) =>
      error.schemaPath.startsWith(prefix) && (error.instancePath === union.instancePath || error.instancePath.startsWith(`${union.instancePath}/`));
    const branches = new Map<string, SchemaError[]>();
    for (const error of kept.filter(within)) {
      const branch = error.schemaPath.slice(prefix.length).split('/')[0]!;
      branches.set(branch, [...(branches.get(branch) ?? []), error]);
    }
    if (branches.size === 0) continue;
    const wrongType = (branchErrors: SchemaError[]) => branchErrors.some((error) => error.keyword === 'type' && error.instancePath === union.instancePath);
    const closer = (candidate: SchemaError[], best: SchemaError[]) =>
      wrongType(candidate) !== wrongType(best) ? !wrongType(candidate) : candidate.length < best.length;
    const closest = [...branches.values()].reduce((best, candidate) => (closer(candidate, best) ? candidate : best));
    kept = kept.filter((error) => error !== union && (!within(error) || closest.includes(error)));
  }
  return kept;
}

/** `/participants/1/email` → `participants[1].email`, and AJV's wording made human. */
function describeSchemaError(error: SchemaError, context: string | undefined): FieldError {
  let path = error.instancePath
    .split('/')
    .filter(Boolean)
    .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('')
    .replace(/^\./, '');
  const join = (name: string) => (path ? `${path}.${name}` : name);
  let message = error.message ?? 'is not valid';
  switch (error.keyword) {
    case 'required':
      path = join(String(error.params.missingProperty));
      message = 'is required';
      break;
    case 'additionalProperties':
      path = join(String(error.params.additionalProperty));
      message = 'is not a known field';
      break;
    case 'format':
      message = FORMAT_MESSAGES[String(error.params.format)] ?? `must be a valid ${String(error.params.format)}`;
      break;
    case 'discriminator':
      path = join(String(error.params.tag));
      message =
        error.params.tagValue === undefined
          ? 'is required'
          : 'is not a provider this server can connect (GET /api/v1/providers lists them)';
      break;
    case 'enum':
      message = `must be one of ${(error.params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
      break;
    case 'minLength':
      message = error.params.limit === 1 ? 'must not be empty' : `must be at least ${String(error.params.limit)} characters`;
      break;
    case 'maxLength':
      message = `must be at most ${String(error.params.limit)} characters`;
      break;
    case 'pattern':
      message = PATTERN_HINTS[path.replace(/\[\d+\]/g, '[]')] ?? message;
      break;
  }
  if (context && context !== 'body' && path) path = `${context === 'querystring' ? 'query' : context}.${path}`;
  return { path, message };
}

const FORMAT_MESSAGES: Record<string, string> = {
  email: 'must be a valid email address, e.g. name@example.com',
  'date-time': 'must be a date and time in ISO 8601 format, e.g. 2030-01-31T17:00:00Z',
  uri: 'must be an absolute URL',
};

const PATTERN_HINTS: Record<string, string> = {
  'participants[].phone': 'must be an international phone number, e.g. +48722722722',
  phone: 'must be an international phone number, e.g. +48722722722',
  language: 'must be a language code such as en, pl or fr-BE',
  // A template role's key names its CSV columns (docs/templates.md).
  'roles[].key': 'must start with a lower-case letter, then lower-case letters, digits, - or _ (at most 30): it names the CSV columns, as in tenant.email',
};
