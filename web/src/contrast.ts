import { alpha, darken, luminance, toRgba, type MantineColorsTuple } from '@mantine/core';

/** WCAG's minimum contrast for body text (AA), which the browser suite's axe check holds every page to. */
export const READABLE_CONTRAST = 4.5;

/** WCAG's contrast ratio of two colours (1 to 21). */
export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/** `color` at `opacity` painted over the opaque `background`, as the browser shows it. */
export function paintedOver(color: string, opacity: number, background: string): string {
  const top = toRgba(alpha(color, opacity));
  const bottom = toRgba(background);
  const mix = (upper: number, lower: number) => Math.round(upper * top.a + lower * (1 - top.a));
  return `rgb(${mix(top.r, bottom.r)}, ${mix(top.g, bottom.g)}, ${mix(top.b, bottom.b)})`;
}

/**
 * The lightest of a colour's shades from `fromShade` on that reads at {@link READABLE_CONTRAST} on every
 * one of `backgrounds`; past shade 9 (yellow, lime and green are light even there), shade 9 darkened
 * step by step. Keeps the hue people know for a status while making its words readable.
 */
export function readableShade(tuple: MantineColorsTuple, backgrounds: readonly string[], fromShade = 7): string {
  const readable = (color: string) => backgrounds.every((background) => contrastRatio(color, background) >= READABLE_CONTRAST);
  for (let shade = fromShade; shade <= 9; shade++) if (readable(tuple[shade]!)) return tuple[shade]!;
  for (let step = 0.05; step < 1; step += 0.05) {
    const darker = darken(tuple[9], step);
    if (readable(darker)) return darker;
  }
  return '#000000';
}
