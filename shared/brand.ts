/**
 * Tributary's look, defined once: the brand colour, the mark (two streams joining into one) and the colour of a
 * person. The editor, the inbox, the widget's default and the favicon all take them from here, so the two apps
 * look like one product and a person has the same colour in every tab of either app.
 */

/** The brand colour (the editor's primary, the inbox's accent, the widget's default brand colour). */
export const BRAND_COLOR = '#4f46e5';

/** The mark's strokes, on a 32×32 rounded square of the brand colour. */
export const MARK_PATH = 'M8 8c0 6 8 5 8 11v5M24 8c0 6-8 5-8 11';

/** The mark as a standalone SVG document (the favicon). */
export const MARK_SVG =
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="${BRAND_COLOR}"/>` +
  `<path d="${MARK_PATH}" stroke="white" stroke-width="2.6" stroke-linecap="round" fill="none"/>` +
  `<circle cx="16" cy="25" r="2" fill="white"/></svg>`;

/** Colours that carry white initials and read as a caret on the canvas. */
const PERSON_COLORS = ['#5b6ee1', '#2f9e8f', '#d9730d', '#c2417a', '#7a5af8', '#2e90fa', '#0f9d58', '#b54708'];

/** A person's colour, derived from their name: the same in the editor's carets and the inbox's avatars. */
export function personColor(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return PERSON_COLORS[h % PERSON_COLORS.length];
}
