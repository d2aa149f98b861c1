import type { FieldType, SignatureField } from './types';

/** Bytes as people read them: 1.2 MB, not 1234567. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const fullDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** For a title attribute: the exact moment behind a short date. */
export function formatFullDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : fullDateTime.format(date);
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

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function fullName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName}`.trim();
}

export const FIELD_TYPE_LABELS: Record<FieldType, string> = { signature: 'Signature', text: 'Text', date: 'Date', initials: 'Initials' };

/** A field in a line: "Signature box on Agreement.pdf, page 2: 72 pt from the left, 650 pt from the top, 180 × 50 pt". */
export function describeField(field: SignatureField, filename: string): string {
  const type = FIELD_TYPE_LABELS[field.type];
  if ('anchor' in field) {
    const pages = field.pages?.length ? `, on page${field.pages.length === 1 ? '' : 's'} ${field.pages.join(', ')}` : '';
    const moved = field.offsetX || field.offsetY ? `, moved ${field.offsetX ?? 0} pt right and ${field.offsetY ?? 0} pt down` : '';
    return `${type} at “${field.anchor}” in ${filename}${pages}${moved}`;
  }
  return `${type} box on ${filename}, page ${field.page}: ${field.left} pt from the left, ${field.top} pt from the top, ${field.width} × ${field.height} pt`;
}
