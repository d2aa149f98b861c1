import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.js';
import type { TemplateRole } from '../../domain/templates.js';
import { exampleBulkSendCsv, parseBulkSendCsv, peopleOfRow } from './bulk-csv.js';

const role = (key: string, authentication: TemplateRole['authentication'] = [{ method: 'email-link' }]): TemplateRole => ({
  key,
  label: key,
  role: 'signer',
  step: 1,
  authentication,
  signatureLevel: null,
  language: null,
  delivery: { mode: 'email' },
  fields: [],
});

const ROLES = [role('tenant', [{ method: 'sms' }]), role('landlord')];
const HEADER = 'tenant.firstName,tenant.lastName,tenant.email,tenant.phone,landlord.firstName,landlord.lastName,landlord.email';

function refusalOf(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (ValidationError.is(error)) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('parseBulkSendCsv', () => {
  it('reads quoted values, a BOM, CRLF lines, blank lines and trims each value; empty cells are left out', () => {
    const csv = `\uFEFF${HEADER}\r\n"Nowak, Anna",Nowak , anna@client.test ,+48722722722,Bert,Berg,bert@client.test\r\n\r\nChloé,"Tremblay ""CT""",chloe@client.test,,Dirk,Dean,dirk@client.test\r\n`;
    const rows = parseBulkSendCsv(csv, ROLES);
    expect(rows).toEqual([
      {
        number: 1,
        cells: {
          'tenant.firstName': 'Nowak, Anna',
          'tenant.lastName': 'Nowak',
          'tenant.email': 'anna@client.test',
          'tenant.phone': '+48722722722',
          'landlord.firstName': 'Bert',
          'landlord.lastName': 'Berg',
          'landlord.email': 'bert@client.test',
        },
      },
      expect.objectContaining({ number: 2, cells: expect.not.objectContaining({ 'tenant.phone': expect.anything() }) }),
    ]);
    expect(rows[1]!.cells['tenant.lastName']).toBe('Tremblay "CT"');
  });

  it('takes a semicolon-separated file, as a spreadsheet in a comma-decimal locale saves it', () => {
    const rows = parseBulkSendCsv(`${HEADER.replaceAll(',', ';')}\nAnna;Nowak;anna@client.test;;Bert;Berg;bert@client.test`, ROLES);
    expect(rows[0]!.cells['landlord.email']).toBe('bert@client.test');
  });

  it('refuses unknown, repeated and missing columns, each named', () => {
    const refusal = refusalOf(() => parseBulkSendCsv('tenant.email,tenant.email,tenant.nickname,title\na,b,c,d', ROLES));
    expect(refusal.errors.map((error) => error.message)).toEqual([
      'the column "tenant.email" is there twice',
      expect.stringMatching(/^column 3, "tenant.nickname", is not one this template takes; its columns are tenant.firstName, .*title, externalRef$/),
      'the role tenant (tenant) needs the columns tenant.firstName, tenant.lastName',
      'the role landlord (landlord) needs the columns landlord.firstName, landlord.lastName, landlord.email',
    ]);
  });

  it('asks for the secret answer column of a role with a secret question', () => {
    const refusal = refusalOf(() => parseBulkSendCsv('a.firstName,a.lastName,a.email\nA,B,a@client.test', [role('a', [{ method: 'secret', question: 'Pet?' }])]));
    expect(refusal.message).toBe('csv: the role a (a) needs the column a.secretAnswer.');
  });

  it('refuses an empty file, a header alone, more than 500 rows and a line that does not parse', () => {
    expect(refusalOf(() => parseBulkSendCsv('\n', ROLES)).message).toMatch(/^The CSV is empty\. Its first line names the columns: tenant\.firstName,/);
    expect(refusalOf(() => parseBulkSendCsv(HEADER, ROLES)).message).toBe('The CSV has a header but no rows: add one line per envelope to send.');
    const row = 'Anna,Nowak,anna@client.test,,Bert,Berg,bert@client.test';
    expect(parseBulkSendCsv([HEADER, ...Array(500).fill(row)].join('\n'), ROLES)).toHaveLength(500);
    expect(refusalOf(() => parseBulkSendCsv([HEADER, ...Array(501).fill(row)].join('\n'), ROLES)).message).toContain('at most 500');
    expect(refusalOf(() => parseBulkSendCsv(`${HEADER}\nAnna,Nowak`, ROLES)).message).toMatch(/^The CSV cannot be read: .*line 2/);
  });
});

describe('peopleOfRow', () => {
  it('gives each role its person, leaving out what the row leaves empty', () => {
    const people = peopleOfRow({ 'tenant.firstName': 'Anna', 'tenant.email': 'anna@client.test', 'landlord.phone': '+48722722722' }, ROLES);
    expect(people).toEqual({
      tenant: { firstName: 'Anna', lastName: '', email: 'anna@client.test' },
      landlord: { firstName: '', lastName: '', email: '', phone: '+48722722722' },
    });
  });
});

describe('exampleBulkSendCsv', () => {
  it('is a CSV the parser takes back, with a phone only where a role sends codes and an answer only where it asks', () => {
    const roles = [...ROLES, role('witness', [{ method: 'secret', question: 'Pet?' }])];
    const csv = exampleBulkSendCsv(roles);
    expect(csv.split('\n')[0]).toBe(`${HEADER},witness.firstName,witness.lastName,witness.email,witness.secretAnswer`);
    const rows = parseBulkSendCsv(csv, roles);
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((row) => row.cells['tenant.email']))).toHaveProperty('size', 2);
    expect(rows[0]!.cells['tenant.email']).not.toBe(rows[0]!.cells['landlord.email']);
  });
});
