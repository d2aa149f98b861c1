import { useMediaQuery } from '@mantine/hooks';

/**
 * Below Mantine's `sm` breakpoint (48em = 768 px): lists become cards and dialogs fill the screen.
 * Read on the first render, so a phone never sees the desktop layout flash first.
 */
export function usePhone(): boolean {
  return useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
}
