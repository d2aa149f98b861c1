import { refusals } from './errors.js';

/**
 * Readers of request members, tolerant the way live clients need (the reference definition types
 * numbers as strings, the public client sends numbers) and strict about everything else: a wrong
 * member is a 400 `Request.Invalid` that names it.
 */

export type Body = Record<string, unknown>;

export function asObject(value: unknown, name: string): Body {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refusals.invalid(`${name} must be a JSON object.`);
  return value as Body;
}

/** A string member; absent, null and "" read as null. */
export function optionalText(body: Body, name: string, path = name): string | null {
  const value = body[name];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw refusals.invalid(`${path} must be a string.`);
  return value;
}

export function requiredText(body: Body, name: string, path = name): string {
  const value = optionalText(body, name, path);
  if (value === null || value.trim() === '') throw refusals.invalid(`${path} is required.`);
  return value;
}

/** A number sent as a number or a numeric string ("12.5"); null when absent. */
export function optionalNumber(body: Body, name: string, path = name): number | null {
  const value = body[name];
  if (value === undefined || value === null || value === '') return null;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) throw refusals.invalid(`${path} must be a number (or a numeric string); got ${JSON.stringify(value)}.`);
  return number;
}

export function optionalBoolean(body: Body, name: string, path = name): boolean | null {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw refusals.invalid(`${path} must be true or false.`);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function checkEmail(value: string, path: string): string {
  if (!EMAIL.test(value)) throw refusals.invalid(`${path} must be an email address; got ${JSON.stringify(value)}.`);
  return value;
}

/** An ISO 8601 timestamp, normalised to UTC (`…Z`); null when absent. */
export function optionalTimestamp(body: Body, name: string, path = name): string | null {
  const value = optionalText(body, name, path);
  if (value === null) return null;
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time)) throw refusals.invalid(`${path} must be an ISO 8601 timestamp; got ${JSON.stringify(value)}.`);
  return new Date(time).toISOString();
}

/** The first member present among spellings (`RedirectURL` / `RedirectUrl`). */
export function firstOf(body: Body, names: string[]): string {
  return names.find((name) => body[name] !== undefined && body[name] !== null) ?? names[0]!;
}
