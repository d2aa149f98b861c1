import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { ValidationError, type FieldError } from '../../domain/errors.js';
import { BULK_SEND_MAX_ROWS, bulkSendColumns, ENVELOPE_COLUMNS, personColumnsOf, type RolePerson, type TemplateRole } from '../../domain/templates.js';

/**
 * The CSV of a bulk send (docs/templates.md): a header row, then one row per envelope. Columns are
 * `<role key>.<firstName|lastName|email|phone|secretAnswer>` for each role of the template, and
 * optionally `title` and `externalRef` for each row's envelope. Comma or semicolon separated (a
 * spreadsheet in a comma-decimal locale saves the latter), UTF-8 with or without a BOM, quoted as
 * RFC 4180 says. Parsed by csv-parse; what it refuses is named with its line.
 */

export interface BulkCsvRow {
  /** The row's number among the data rows, from 1 (the header is not counted). */
  number: number;
  /** Column → value, trimmed; empty cells left out. */
  cells: Record<string, string>;
}

/** Columns every role needs: an envelope's participant has a name and an email. */
const REQUIRED_PERSON_COLUMNS = ['firstName', 'lastName', 'email'];

export function parseBulkSendCsv(text: string, roles: readonly TemplateRole[]): BulkCsvRow[] {
  const records = readRecords(text);
  const [header, ...rows] = records;
  if (!header) throw refusal(`The CSV is empty. Its first line names the columns: ${bulkSendColumns(roles).join(',')}.`);
  checkHeader(header, roles);
  if (rows.length === 0) throw refusal('The CSV has a header but no rows: add one line per envelope to send.');
  if (rows.length > BULK_SEND_MAX_ROWS) throw refusal(`The CSV has ${rows.length} rows; one bulk send takes at most ${BULK_SEND_MAX_ROWS}. Split it into several files.`);
  return rows.map((values, index) => ({
    number: index + 1,
    cells: Object.fromEntries(header.flatMap((column, position) => (values[position] ? [[column, values[position]]] : []))),
  }));
}

function readRecords(text: string): string[][] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  // The header decides: a semicolon there and no comma means a semicolon-separated file.
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  try {
    return parse(text, { bom: true, delimiter, trim: true, skip_empty_lines: true, skip_records_with_empty_values: true }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) throw refusal(`The CSV cannot be read: ${error.message}. Check the quotes and that every line has as many values as the header.`);
    throw error;
  }
}

function checkHeader(header: readonly string[], roles: readonly TemplateRole[]): void {
  const known = new Set([...roles.flatMap((role) => personColumnsOf(role).map((column) => `${role.key}.${column}`)), ...ENVELOPE_COLUMNS]);
  const errors: FieldError[] = [];
  header.forEach((column, index) => {
    if (!known.has(column)) errors.push({ path: 'csv', message: `column ${index + 1}, "${column}", is not one this template takes; its columns are ${[...known].join(', ')}` });
    else if (header.indexOf(column) !== index) errors.push({ path: 'csv', message: `the column "${column}" is there twice` });
  });
  for (const role of roles) {
    const required = [...REQUIRED_PERSON_COLUMNS, ...(role.authentication.some((method) => method.method === 'secret') ? ['secretAnswer'] : [])];
    const missing = required.map((column) => `${role.key}.${column}`).filter((column) => !header.includes(column));
    if (missing.length > 0) errors.push({ path: 'csv', message: `the role ${role.key} (${role.label}) needs the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` });
  }
  if (errors.length > 0) throw new ValidationError(errors);
}

function refusal(message: string): ValidationError {
  return new ValidationError([{ path: 'csv', message }], message);
}

/** The people of a row, by role key, as the template's filler takes them (an empty cell: not given). */
export function peopleOfRow(cells: Readonly<Record<string, string>>, roles: readonly TemplateRole[]): Record<string, RolePerson> {
  return Object.fromEntries(
    roles.map((role) => {
      const cell = (column: string) => cells[`${role.key}.${column}`];
      return [
        role.key,
        {
          firstName: cell('firstName') ?? '',
          lastName: cell('lastName') ?? '',
          email: cell('email') ?? '',
          ...(cell('phone') ? { phone: cell('phone') } : {}),
          ...(cell('secretAnswer') ? { secretAnswer: cell('secretAnswer') } : {}),
        },
      ];
    }),
  );
}

const EXAMPLE_PEOPLE = [
  { firstName: 'Anna', lastName: 'Nowak', email: 'anna.nowak@example.com', phone: '+48722722722' },
  { firstName: 'Bert', lastName: 'Peeters', email: 'bert.peeters@example.com', phone: '+32470123456' },
  { firstName: 'Chloé', lastName: 'Tremblay', email: 'chloe.tremblay@example.com', phone: '+15145550123' },
];

/** A CSV to start from: the template's header and two example rows, each role with its own example person. */
export function exampleBulkSendCsv(roles: readonly TemplateRole[]): string {
  const header = bulkSendColumns(roles);
  const rows = [0, 1].map((row) =>
    header.map((column) => {
      const [key, field] = column.split('.') as [string, string];
      const person = EXAMPLE_PEOPLE[(roles.findIndex((role) => role.key === key) + row) % EXAMPLE_PEOPLE.length]!;
      if (field === 'secretAnswer') return `answer agreed with ${person.firstName}`;
      return person[field as keyof typeof person];
    }),
  );
  return stringify([header, ...rows]);
}
