import type { Static, TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { Value } from 'typebox/value';

/**
 * The one check of a provider's answer against the shape an adapter expects (its TypeBox schema),
 * shared by the adapters' `schemas.ts`. A mismatch is described by kind and field names only, never
 * by content: a connection's URL may lead elsewhere than the provider, and only `readProviderMessage`
 * (http.ts) decides which remote text reaches people (docs/providers.md "Errors").
 */

/** Object properties that are `null` removed, recursively (arrays keep their length): null means absent. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) if (entry !== null) result[key] = withoutNulls(entry);
  return result;
}

/**
 * `value` (nulls dropped) checked against `schema`. On a mismatch, `refuse` gets the first one in
 * words (`at /parties/0/id it sent a number (…)`) and its error is thrown.
 */
export function checkAnswer<T extends TSchema>(schema: T, value: unknown, refuse: (said: string) => Error): Static<T> {
  const cleaned = withoutNulls(value);
  if (validatorOf(schema).Check(cleaned)) return cleaned as Static<T>;
  const first = [...Value.Errors(schema, cleaned)][0];
  const pointer = first?.instancePath ?? '';
  const at = pointer
    .split('/')
    .map((segment, index) => (index === 0 ? segment : safeName(unescapePointer(segment))))
    .join('/');
  throw refuse(at === '' ? `it sent ${describeValue(cleaned)}` : `at ${at} it sent ${describeValue(valueAt(cleaned, pointer))} (${first?.message ?? 'unexpected'})`);
}

/**
 * Each schema compiled once, at its first use: a list page of 1,000 processes is 1,000 checks, and
 * the compiled check is many times faster than interpreting the schema each time (Value.Check).
 * Only the explanation of a mismatch, rare, still walks the schema (Value.Errors).
 */
const validators = new WeakMap<TSchema, Validator>();

function validatorOf(schema: TSchema): Validator {
  let validator = validators.get(schema);
  if (!validator) validators.set(schema, (validator = Compile(schema) as Validator));
  return validator;
}

/** A name from the remote answer, as it may appear in a message: short identifiers only, else `?`. */
const safeName = (name: string) => (/^[A-Za-z0-9_$-]{1,40}$/.test(name) ? name : '?');

const unescapePointer = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/** A short, readable account of a value for an error message: its kind and field names, never its content. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') {
    const keys = Object.keys(value).map(safeName);
    return `an object with ${keys.length === 0 ? 'no fields' : `fields ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}`}`;
  }
  return `a ${typeof value}`;
}

function valueAt(value: unknown, pointer: string): unknown {
  let current = value;
  for (const part of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[unescapePointer(part)];
  }
  return current;
}
