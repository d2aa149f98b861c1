import { resolve } from 'node:path';
import { ACCEPTED_MEDIA_TYPES, type AcceptedKind } from '../../src/app/documents/media-type.js';

/** Real files made with LibreOffice and friends; test/fixtures/documents/README.md says how. */
const folder = resolve(import.meta.dirname, '../fixtures/documents');
const at = (name: string) => resolve(folder, name);

export const FIXTURES = {
  pdf: at('sample.pdf'),
  doc: at('sample.doc'),
  docx: at('sample.docx'),
  odt: at('sample.odt'),
  ods: at('sample.ods'),
  xls: at('sample.xls'),
  xlsx: at('sample.xlsx'),
  rtf: at('sample.rtf'),
} as const;

export const ACCEPTED_FIXTURES = Object.fromEntries(
  (Object.keys(FIXTURES) as AcceptedKind[]).map((kind) => [kind, { path: FIXTURES[kind], mediaType: ACCEPTED_MEDIA_TYPES[kind].mediaType }]),
) as Record<AcceptedKind, { path: string; mediaType: string }>;

/** Files that must be refused whatever they are called (the tests upload them as `contract.pdf`). */
export const REFUSED_FIXTURES: Record<string, string> = {
  'a Linux executable named .pdf': at('linux-program.pdf'),
  'a Windows executable named .pdf': at('windows-program.pdf'),
  'an MSI installer (also an OLE2 file)': at('installer.msi'),
  'a PowerPoint 97 file (also an OLE2 file)': at('slides.ppt'),
  'a PPTX presentation': at('slides.pptx'),
  'a plain ZIP archive': at('archive.zip'),
  'a PNG image': at('image.png'),
  'a text file': at('notes.txt'),
};
