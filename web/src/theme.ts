import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A deep indigo-blue: calm and trustworthy, the colour people expect of a signing product.
const brand: MantineColorsTuple = ['#eef2ff', '#dbe2fe', '#b5c2fb', '#8ca0f7', '#6a83f4', '#5470f2', '#4865f2', '#3955d8', '#304bc2', '#2340ab'];

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: 7,
  colors: { brand },
  defaultRadius: 'md',
  fontFamily: 'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '650' },
  // Keyboard users always see where they are; mouse users do not get rings on every click.
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    // Fields stay `required` for assistive technology, without the visual asterisk: labels read
    // exactly "Email", "First name"…, and optional fields say "(optional)" instead.
    InputWrapper: { defaultProps: { withAsterisk: false } },
    Card: { defaultProps: { withBorder: true, radius: 'lg', padding: 'lg', shadow: 'xs' } },
    Paper: { defaultProps: { radius: 'lg' } },
    Modal: { defaultProps: { radius: 'lg', centered: true, overlayProps: { backgroundOpacity: 0.45, blur: 2 } } },
    // Statuses read as the words people know (Ready, Completed), not shouted in capitals.
    Badge: { defaultProps: { variant: 'light', radius: 'sm' }, styles: { root: { textTransform: 'none', letterSpacing: 0 } } },
    Tooltip: { defaultProps: { withArrow: true, multiline: true, maw: 280, events: { hover: true, focus: true, touch: true } } },
  },
});
