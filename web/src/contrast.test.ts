import { DEFAULT_THEME, luminance } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrastRatio, paintedOver, readableShade, READABLE_CONTRAST } from './contrast';
import { cssVariablesResolver, theme } from './theme';

describe('readable colours', () => {
  it('computes WCAG contrast and paints a tint as the browser does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#868e96', '#ffffff')).toBeCloseTo(3.32, 2);
    expect(paintedOver('#f03e3e', 0.1, '#ffffff')).toBe('rgb(254, 236, 236)');
  });

  it('keeps shade 7 where it reads, and darkens past shade 9 where even that does not', () => {
    const brand = theme.colors!.brand!;
    expect(readableShade(brand, ['#ffffff'])).toBe(brand[7]);
    const yellow = DEFAULT_THEME.colors.yellow;
    const onTint = readableShade(yellow, [paintedOver(yellow[7], 0.1, '#ffffff')]);
    expect(yellow).not.toContain(onTint);
    expect(contrastRatio(onTint, paintedOver(yellow[7], 0.1, '#ffffff'))).toBeGreaterThanOrEqual(READABLE_CONTRAST);
  });

  it('gives every colour of the theme readable words on its light tint, on a card and on the page', () => {
    const merged = { ...DEFAULT_THEME, colors: { ...DEFAULT_THEME.colors, ...theme.colors } } as typeof DEFAULT_THEME;
    const { light } = cssVariablesResolver(merged);
    for (const [name, tuple] of Object.entries(merged.colors)) {
      // A card, the page, and a selected table row (the brand's tint on a card).
      for (const surface of ['#ffffff', '#f8f9fa', paintedOver(merged.colors.brand![7], 0.1, '#ffffff')]) {
        const tint = paintedOver(tuple[7], 0.1, surface);
        expect(contrastRatio(light[`--mantine-color-${name}-light-color`]!, tint), `${name} on its tint over ${surface}`).toBeGreaterThanOrEqual(READABLE_CONTRAST);
        expect(contrastRatio(light[`--mantine-color-${name}-text`]!, surface), `${name} text on ${surface}`).toBeGreaterThanOrEqual(READABLE_CONTRAST);
        expect(contrastRatio(light[`--mantine-color-${name}-outline`]!, surface), `${name} outline on ${surface}`).toBeGreaterThanOrEqual(READABLE_CONTRAST);
      }
    }
    expect(contrastRatio(light['--mantine-color-dimmed']!, '#f8f9fa')).toBeGreaterThanOrEqual(READABLE_CONTRAST);
    for (const surface of ['#ffffff', '#f8f9fa']) expect(contrastRatio(light['--mantine-color-error']!, surface), `a field's error on ${surface}`).toBeGreaterThanOrEqual(READABLE_CONTRAST);
    // Dark mode: the error's red 4 on the darkest and lightest surfaces words sit on (the body, a card).
    const { dark } = cssVariablesResolver(merged);
    expect(dark['--mantine-color-error']).toBe('var(--mantine-color-red-4)');
    for (const surface of [merged.colors.dark[7], merged.colors.dark[6]]) expect(contrastRatio(merged.colors.red[4], surface)).toBeGreaterThanOrEqual(READABLE_CONTRAST);
  });

  it('fills every button and badge that Mantine writes white on with a shade white reads on, in both schemes', () => {
    const merged = { ...DEFAULT_THEME, ...theme, colors: { ...DEFAULT_THEME.colors, ...theme.colors } } as typeof DEFAULT_THEME;
    const { light, dark } = cssVariablesResolver(merged);
    expect(light['--mantine-color-red-filled']).toBe(DEFAULT_THEME.colors.red[8]);
    expect(dark['--mantine-color-red-filled']).toBe(DEFAULT_THEME.colors.red[8]);
    for (const [name, tuple] of Object.entries(merged.colors)) {
      const filled = light[`--mantine-color-${name}-filled`] ?? tuple[7];
      // Where Mantine writes black instead (yellow, lime…), black on shade 7 reads well: it is left as it is.
      const text = luminance(tuple[7]) < merged.luminanceThreshold ? '#ffffff' : '#000000';
      expect(contrastRatio(text, filled), `${text} on ${name}'s fill`).toBeGreaterThanOrEqual(READABLE_CONTRAST);
    }
  });
});
