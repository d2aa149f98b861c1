import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { inspectRtf } from './rtf-check.js';

const sample = readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/documents/sample.rtf'));

/** An RTF with an embedded package object, the shape Word writes for a file dropped into a document. */
const withObject = Buffer.from(
  String.raw`{\rtf1\ansi{\object\objemb{\*\objclass Package}\objw1\objh1{\*\objdata 0105000002000000}}Sign here.}`,
  'latin1',
);

describe('inspectRtf', () => {
  it('finds nothing to say about LibreOffice’s plain sample', async () => {
    await expect(inspectRtf(Readable.from([sample]))).resolves.toEqual([]);
  });

  it('flags an embedded object', async () => {
    const warnings = await inspectRtf(Readable.from([withObject]));

    expect(warnings.map((warning) => warning.code)).toEqual(['rtf-embedded-object']);
  });

  it('flags one split across chunks', async () => {
    const at = withObject.indexOf('\\object') + 3;

    const warnings = await inspectRtf(Readable.from([withObject.subarray(0, at), withObject.subarray(at)]));

    expect(warnings.map((warning) => warning.code)).toEqual(['rtf-embedded-object']);
  });

  it('does not take a longer control word that starts the same for one', async () => {
    const lookalike = Buffer.from(String.raw`{\rtf1\ansi{\objectx text}}`, 'latin1');

    await expect(inspectRtf(Readable.from([lookalike]))).resolves.toEqual([]);
  });
});
