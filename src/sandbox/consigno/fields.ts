import { refusals } from './errors.js';

/**
 * Readers of request members, tolerant the way live clients need (numbers sent as numeric strings,
 * refs as numbers or strings) and strict about everything else: a wrong member is a 400 `4000` whose
 * `parameters.field` is the member's path.
 */

export type Body = Record<string, unknown>;

export function asObject(value: unknown, path: string): Body {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refusals.invalid(`${path} must be a JSON object.`, path);
  return value as Body;
}

export function asArray(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw refusals.invalid(`${path} must be an array.`, path);
  return value;
}

/** A string member; absent, null and "" read as null. */
export function optionalText(body: Body, name: string, path: string): string | null {
  const value = body[name];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw refusals.invalid(`${path} must be a string.`, path);
  return value;
}

export function requiredText(body: Body, name: string, path: string): string {
  const value = optionalText(body, name, path);
  if (value === null || value.trim() === '') throw refusals.invalid(`${path} is required.`, path);
  return value;
}

/** A number sent as a number or a numeric string ("12.5"); null when absent. */
export function optionalNumber(body: Body, name: string, path: string): number | null {
  const value = body[name];
  if (value === undefined || value === null || value === '') return null;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) throw refusals.invalid(`${path} must be a number (or a numeric string); got ${JSON.stringify(value)}.`, path);
  return number;
}

export function optionalBoolean(body: Body, name: string, path: string): boolean | null {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw refusals.invalid(`${path} must be true or false.`, path);
}

/** A reference (`ref`, `assignedTo`): seed 002 calls it "a common random numerical value"; integrators send strings or numbers. */
export function optionalRef(body: Body, name: string, path: string): string | null {
  const value = body[name];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return value;
  throw refusals.invalid(`${path} must be a string or a number.`, path);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function checkEmail(value: string, path: string): string {
  if (!EMAIL.test(value)) throw refusals.invalid(`${path} must be an email address; got ${JSON.stringify(value)}.`, path);
  return value;
}

export function checkUrl(value: string, path: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refusals.invalid(`${path} must be an absolute http(s) URL; got ${JSON.stringify(value)}.`, path);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refusals.invalid(`${path} must be an http(s) URL.`, path);
  return value;
}

/**
 * `expiresOn`: a date `YYYY-MM-DD` (the workflow expires at the end of that day, UTC) or epoch
 * milliseconds (that instant). Null when absent.
 */
export function expiryOf(body: Body, path: string): number | null {
  const value = body.expiresOn;
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00.000Z`);
    if (!Number.isNaN(start)) return start + 24 * 60 * 60 * 1000 - 1;
  }
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  throw refusals.invalid(`${path} must be a date YYYY-MM-DD or epoch milliseconds; got ${JSON.stringify(value)}.`, path);
}
