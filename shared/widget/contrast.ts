import { HEX_COLOR } from './appearance.ts';

/** WCAG 2.x AA for normal text: the header title, the launcher icon and the visitor's bubbles. */
export const AA_NORMAL_TEXT = 4.5;

/**
 * The WCAG 2.x contrast ratio of two `#rrggbb` colours, from 1 (same) to 21 (black on white); NaN when either is
 * not such a colour. https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio
 */
export function contrastRatio(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  if (Number.isNaN(la) || Number.isNaN(lb)) return NaN;
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Whether text in `fg` on `bg` meets AA for normal-size text. */
export function meetsAA(fg: string, bg: string): boolean {
  return contrastRatio(fg, bg) >= AA_NORMAL_TEXT;
}

function luminance(hex: string): number {
  const h = hex.toLowerCase();
  if (!HEX_COLOR.test(h)) return NaN;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
