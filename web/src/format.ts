import { currentLocale, i18n, wordsByValue } from './i18n';
import type { FieldType, SignatureField } from './types';

/**
 * One formatter per locale and style, made once: dates and numbers follow the app's language (not the
 * browser's, which may differ), so that a page reads in one locale throughout.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function formatterFor<Kind extends Intl.DateTimeFormat | Intl.NumberFormat>(name: string, make: (locale: string) => Kind): Kind {
  const locale = currentLocale();
  const key = `${locale} ${name}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = make(locale);
    formatters.set(key, formatter);
  }
  return formatter as Kind;
}

const BYTE_UNITS = ['kilobyte', 'megabyte', 'gigabyte'] as const;

/** Bytes as people read them in the app's language: 1.2 MB (1,2 MB in Polish), not 1234567. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return formatterFor('byte', (locale) => new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'narrow' })).format(bytes);
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value < 10 ? 1 : 0;
  const name = BYTE_UNITS[unit]!;
  return formatterFor(`${name} ${digits}`, (locale) => new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short', minimumFractionDigits: digits, maximumFractionDigits: digits })).format(value);
}

/** A count as the app's language writes it: 1,234 in English, 1 234 in Polish and French, 1.234 in Dutch. */
export function formatNumber(value: number): string {
  return formatterFor('number', (locale) => new Intl.NumberFormat(locale)).format(value);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatterFor('dateTime', (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(date);
}

/** For a title attribute: the exact moment behind a short date. */
export function formatFullDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatterFor('fullDateTime', (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'long' })).format(date);
}

const MEDIA_TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/msword': 'DOC',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'application/vnd.ms-excel': 'XLS',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
};

export function formatMediaType(mediaType: string): string {
  return MEDIA_TYPE_NAMES[mediaType] ?? mediaType;
}

export function fullName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName}`.trim();
}

/** A field type's name, read in the current language when read. */
export const FIELD_TYPE_LABELS = wordsByValue<FieldType>(['signature', 'text', 'date', 'initials'], (type) => `fields.types.${type}`);

/** A field in a line: "Signature box on Agreement.pdf, page 2: 72 pt from the left, 650 pt from the top, 180 × 50 pt". */
export function describeField(field: SignatureField, filename: string): string {
  const type = FIELD_TYPE_LABELS[field.type];
  if ('anchor' in field) {
    const pages = field.pages?.length ? i18n.t('fields.onPages', { count: field.pages.length, pages: field.pages.join(', ') }) : '';
    const moved = field.offsetX || field.offsetY ? i18n.t('fields.moved', { right: field.offsetX ?? 0, down: field.offsetY ?? 0 }) : '';
    return i18n.t('fields.anchored', { type, anchor: field.anchor, filename, pages, moved });
  }
  return i18n.t('fields.box', { type, filename, page: field.page, left: field.left, top: field.top, width: field.width, height: field.height });
}
