import type { FieldError } from '../domain/errors.js';

/**
 * A schema's refusal in people's words: what the API answers (problems.ts) when a request does not
 * match its route's schema, and what the web app shows before sending one (its validators are
 * generated from the same schemas with the same Ajv options, scripts/request-validators.ts). Pure,
 * so that the browser runs this very code.
 */

/**
 * The words of a refusal, one per kind of mistake: the API speaks English ({@link ENGLISH_SCHEMA_WORDS});
 * the web app passes its own catalog's, so that a form refused before sending speaks the page's language.
 */
export interface SchemaWords {
  /** The problem's detail: the first field's mistake, and how many more there are. */
  detail(field: string, message: string, more: number): string;
  noMatch: string;
  required: string;
  unknownField: string;
  unknownProvider: string;
  email: string;
  dateTime: string;
  uri: string;
  otherFormat(format: string): string;
  oneOf(values: string): string;
  notEmpty: string;
  minLength(limit: number): string;
  maxLength(limit: number): string;
  phone: string;
  language: string;
  roleKey: string;
  /** Any other keyword: Ajv's own English words (`must be >= 1`), else this. */
  invalid(ajvMessage: string | undefined): string;
}

export const ENGLISH_SCHEMA_WORDS: SchemaWords = {
  detail: (field, message, more) => `${field}: ${message}${more > 0 ? ` (and ${more} more)` : ''}.`,
  noMatch: 'The request does not match the schema.',
  required: 'is required',
  unknownField: 'is not a known field',
  unknownProvider: 'is not a provider this server can connect (GET /api/v1/providers lists them)',
  email: 'must be a valid email address, e.g. name@example.com',
  dateTime: 'must be a date and time in ISO 8601 format, e.g. 2030-01-31T17:00:00Z',
  uri: 'must be an absolute URL',
  otherFormat: (format) => `must be a valid ${format}`,
  oneOf: (values) => `must be one of ${values}`,
  notEmpty: 'must not be empty',
  minLength: (limit) => `must be at least ${limit} characters`,
  maxLength: (limit) => `must be at most ${limit} characters`,
  phone: 'must be an international phone number, e.g. +48722722722',
  language: 'must be a language code such as en, pl or fr-BE',
  // A template role's key names its CSV columns (docs/templates.md).
  roleKey: 'must start with a lower-case letter, then lower-case letters, digits, - or _ (at most 30): it names the CSV columns, as in tenant.email',
  invalid: (ajvMessage) => ajvMessage ?? 'is not valid',
};

/**
 * The `detail` and `errors` of the problem for Ajv's errors of one part of a request (`context`:
 * body, querystring, params; none means the body), in `words` (the API's English unless told).
 */
export function describeSchemaErrors(
  schemaErrors: readonly SchemaError[],
  context?: string,
  words: SchemaWords = ENGLISH_SCHEMA_WORDS,
): { detail: string; errors: FieldError[] } {
  const errors = closestUnionBranches([...schemaErrors]).map((item) => describeSchemaError(item, context, words));
  const first = errors[0];
  const detail = first ? words.detail(first.path || context || 'request', first.message, errors.length - 1) : words.noMatch;
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
function describeSchemaError(error: SchemaError, context: string | undefined, words: SchemaWords): FieldError {
  let path = error.instancePath
    .split('/')
    .filter(Boolean)
    .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('')
    .replace(/^\./, '');
  const join = (name: string) => (path ? `${path}.${name}` : name);
  let message = words.invalid(error.message);
  switch (error.keyword) {
    case 'required':
      path = join(String(error.params.missingProperty));
      message = words.required;
      break;
    case 'additionalProperties':
      path = join(String(error.params.additionalProperty));
      message = words.unknownField;
      break;
    case 'format': {
      const format = String(error.params.format);
      message = format === 'email' ? words.email : format === 'date-time' ? words.dateTime : format === 'uri' ? words.uri : words.otherFormat(format);
      break;
    }
    case 'discriminator':
      path = join(String(error.params.tag));
      message = error.params.tagValue === undefined ? words.required : words.unknownProvider;
      break;
    case 'enum':
      message = words.oneOf((error.params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', '));
      break;
    case 'minLength':
      message = error.params.limit === 1 ? words.notEmpty : words.minLength(Number(error.params.limit));
      break;
    case 'maxLength':
      message = words.maxLength(Number(error.params.limit));
      break;
    case 'pattern': {
      const listed = path.replace(/\[\d+\]/g, '[]');
      const hint = PATTERN_HINTS[listed] ?? PATTERN_HINTS[listed.slice(listed.lastIndexOf('.') + 1)];
      if (hint) message = words[hint];
      break;
    }
  }
  if (context && context !== 'body' && path) path = `${context === 'querystring' ? 'query' : context}.${path}`;
  return { path, message };
}

/**
 * The fields whose pattern has words of its own, by path (an item of a list as `[]`) or by the field's
 * own name wherever it is (`participants[1].phone`, `people.signer1.phone`).
 */
const PATTERN_HINTS: Record<string, 'phone' | 'language' | 'roleKey'> = {
  phone: 'phone',
  language: 'language',
  'roles[].key': 'roleKey',
};
