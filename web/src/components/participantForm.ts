import type { ReactNode } from 'react';
import { formPathOf, type InputProps } from '../hooks/useSchemaForm';

/**
 * What a participant's inputs need of the form they are part of: the create form holds them at
 * `participants.0`, the participant dialog at its root. The paths are strings because the part does
 * not know the whole form's type (as @mantine/form's own list items).
 */
export interface FormPart {
  errors: Record<string, ReactNode>;
  getInputProps: (path: string, options?: { type?: 'input' | 'checkbox' }) => InputProps;
  setFieldValue: (path: string, value: unknown) => void;
  insertListItem: (path: string, item: unknown) => void;
  removeListItem: (path: string, index: number) => void;
}

/** `name` under `base`, as @mantine/form writes paths: `participants.0` + `email`; the root ('') + `email`. */
export function pathIn(base: string, name: string | number): string {
  return base ? `${base}.${name}` : String(name);
}

/**
 * Where a body path's error is shown among a participant's inputs, relative to the participant.
 * The options are kept as the inputs show them (ParticipantOptionsDraft), not as the body says them:
 * `phone` → `options.phone`, `authentication[1].answer` → `options.answer`, `delivery.returnUrl` →
 * `options.returnUrl`; a field's `pages[2]` belongs to its one Pages input.
 */
export function participantFieldOf(bodyPath: string): string {
  for (const [pattern, formPath] of OPTION_PATHS) if (pattern.test(bodyPath)) return formPath;
  return formPathOf(bodyPath.replace(/^(fields\[\d+\]\.pages)\[\d+\]$/, '$1'));
}

/** First match wins: a secret's or an identity scheme's own member before the methods as a whole. */
const OPTION_PATHS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^phone$/, 'options.phone'],
  [/^authentication\[\d+\]\.question$/, 'options.question'],
  [/^authentication\[\d+\]\.answer$/, 'options.answer'],
  [/^authentication\[\d+\]\.scheme$/, 'options.eidScheme'],
  [/^authentication\b/, 'options.methods'],
  [/^signatureLevel$/, 'options.signatureLevel'],
  [/^language$/, 'options.language'],
  [/^delivery\b/, 'options.returnUrl'],
];
