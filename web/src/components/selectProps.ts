import type { ComboboxProps } from '@mantine/core';

/**
 * Mantine keeps a closed Select's option list in the page (hidden), labelled by the field's label:
 * "Role" or "Status" would then name two elements, and a test or a screen reader looking the field
 * up by its label would find both. Unmounted while closed, the label names the field alone.
 */
export const UNMOUNTED_WHEN_CLOSED: ComboboxProps = { keepMounted: false };
