import { ApiError } from '../api';

/**
 * Whether a refusal names one of these body fields (or a part of one, `events[2]`): the field's
 * input then says it, and the form's alert would only say it twice. Asked of the refusal itself, not
 * of the form's errors, which an input clears as soon as it is changed.
 */
export function refusedBesideFields(refusal: unknown, fields: readonly string[]): boolean {
  if (!(refusal instanceof ApiError)) return false;
  return refusal.errors.some(({ path }) => fields.some((field) => path === field || path.startsWith(`${field}[`) || path.startsWith(`${field}.`)));
}
