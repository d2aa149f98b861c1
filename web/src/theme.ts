import { createTheme, darken, luminance, mergeThemeOverrides, type CSSVariablesResolver, type MantineColorsTuple, type MantineThemeOverride } from '@mantine/core';
import { paintedOver, readableShade } from './contrast';

// A deep indigo-blue: calm and trustworthy, the colour people expect of a signing product.
const brand: MantineColorsTuple = ['#eef2ff', '#dbe2fe', '#b5c2fb', '#8ca0f7', '#6a83f4', '#5470f2', '#4865f2', '#3955d8', '#304bc2', '#2340ab'];

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: 7,
  // Filled buttons and badges of a light colour (yellow, lime) get dark text rather than unreadable white.
  autoContrast: true,
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
    // Every dialog's × is named ({@link themeIn} adds the word in the app's language), whichever form opens it.
    Modal: { defaultProps: { radius: 'lg', centered: true, overlayProps: { backgroundOpacity: 0.45, blur: 2 } } },
    // Statuses read as the words people know (Ready, Completed), not shouted in capitals.
    Badge: { defaultProps: { variant: 'light', radius: 'sm' }, styles: { root: { textTransform: 'none', letterSpacing: 0 } } },
    // A table wider than a phone scrolls sideways: its scroll area takes the keyboard focus, so that
    // it can be scrolled with the arrow keys even when the table holds no link or button.
    TableScrollContainer: { defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } } },
    // A notification's words read as dimmed text does (Mantine's own grey reads at 3.3:1 on white).
    Notification: { styles: { description: { color: 'var(--mantine-color-dimmed)' } } },
    Tooltip: { defaultProps: { withArrow: true, multiline: true, maw: 280, events: { hover: true, focus: true, touch: true } } },
  },
});

/** The theme with its words (the name of a dialog's ×) in the app's language. */
export function themeIn(words: { close: string }): MantineThemeOverride {
  const closeButtonProps = { 'aria-label': words.close };
  return mergeThemeOverrides(theme, { components: { Modal: { defaultProps: { closeButtonProps } }, Notification: { defaultProps: { closeButtonProps } } } });
}

/**
 * What light-mode text and tints sit on: the cards (white), the page (gray 0) and a selected row of a
 * table (the brand's 10 % tint on a card, `--mantine-primary-color-light`: a badge on it is a tint on a tint).
 */
const LIGHT_SURFACES = ['#ffffff', '#f8f9fa', paintedOver(brand[7], 0.1, '#ffffff')];

/**
 * Mantine's defaults, made to pass WCAG AA contrast (4.5:1 for body text), as the axe check of the
 * browser suite asks on every page. Its dimmed grey (#868e96 on white: 3.3:1; #828282 on the dark
 * body: 4.0:1) and its dark-mode links (brand 4 on a dark card: 4.0:1) are too faint; in light mode
 * each colour's text (`c="red"`), its outline variant and its light variant's words (status badges, alerts: shade 7 on its
 * own 10 % tint, 2.5:1 for green) take the first shade of that colour that reads at 4.5:1 there.
 * Dark mode's light variants (shade 2 on a dark tint) already read well. Placeholders read as dimmed
 * text: a file input shows its placeholder ("Choose a .csv file") as the words of its button.
 */
export const cssVariablesResolver: CSSVariablesResolver = (resolvedTheme) => {
  const light: Record<string, string> = { '--mantine-color-dimmed': '#5c636a', '--mantine-color-placeholder': '#5c636a' };
  // Mantine sets the fills per scheme (its light and dark blocks win over :root): so do these.
  const fills: Record<string, string> = {};
  for (const [name, tuple] of Object.entries(resolvedTheme.colors)) {
    // A filled button or badge: Mantine's autoContrast writes white on a shade darker than its
    // threshold and black on a lighter one. White on red 7 reads at 3.8:1, so the fill of such a
    // colour is its first shade that white reads on at 4.5:1 (red 8), its hover the next one darker.
    if (luminance(tuple[7]) < resolvedTheme.luminanceThreshold) {
      const filled = readableShade(tuple, ['#ffffff']);
      fills[`--mantine-color-${name}-filled`] = filled;
      fills[`--mantine-color-${name}-filled-hover`] = darken(filled, 0.1);
    }
    // Mantine paints the light variant as shade 7 (the primary shade) at 10 % over the surface.
    const tints = LIGHT_SURFACES.map((surface) => paintedOver(tuple[7], 0.1, surface));
    light[`--mantine-color-${name}-light-color`] = readableShade(tuple, tints);
    // Its words on a card or the page: `c="red"` text and the outline variant's label (and border).
    const onSurface = readableShade(tuple, LIGHT_SURFACES);
    light[`--mantine-color-${name}-text`] = onSurface;
    light[`--mantine-color-${name}-outline`] = onSurface;
  }
  // A field's error (its words and border): Mantine's red 6 on white reads at 3.3:1, its red 8 on a dark card at 3.0:1.
  light['--mantine-color-error'] = readableShade(resolvedTheme.colors.red, LIGHT_SURFACES);
  return {
    variables: {},
    light: { ...light, ...fills },
    dark: { ...fills, '--mantine-color-error': 'var(--mantine-color-red-4)', '--mantine-color-dimmed': '#a6a7ab', '--mantine-color-placeholder': '#a6a7ab', '--mantine-color-anchor': 'var(--mantine-color-brand-3)' },
  };
};
