import { formPathOf } from '../hooks/useSchemaForm';

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
