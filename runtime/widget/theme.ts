import { DEFAULT_APPEARANCE, type Appearance } from '../../shared/widget/appearance.ts';

/**
 * Applies an appearance to a widget: CSS custom properties set on its `.tb` container inside the shadow root
 * (page stylesheets cannot reach it, and CSSOM writes need no `style-src 'unsafe-inline'`), and the `left` and
 * `dark` classes. Used by the loader, and by the product's live preview, so that both look alike. Calling it again
 * replaces the previous appearance.
 */
export function applyTheme(box: HTMLElement, a: Appearance): void {
  const d = DEFAULT_APPEARANCE;
  // Only a colour or a number reaches the properties, whatever the answer held.
  const color = (v: string, f: string) => (/^#[0-9a-f]{6}$/i.test(v) ? v : f);
  const set = (name: string, v: string) => box.style.setProperty(`--tb-${name}`, v);
  set('accent', color(a.brandColor, d.brandColor));
  set('accent-ink', color(a.textColor, d.textColor));
  set('x', `${Math.max(0, +a.offsetX || 0)}px`);
  set('y', `${Math.max(0, +a.offsetY || 0)}px`);
  set('radius', `${Math.max(0, +a.radius || 0)}px`);
  if (a.font === 'page') set('font', getComputedStyle(document.body).fontFamily);
  else box.style.removeProperty('--tb-font');
  box.classList.toggle('left', a.position === 'left');
  box.classList.toggle('dark', a.mode === 'dark');
}

/**
 * The appearance from the runtime's answer over the defaults. The loader cannot afford the zod schema: what
 * reaches the styles is checked in `applyTheme`, and texts are only ever set as text.
 */
export function readAppearance(raw: unknown): Appearance {
  return { ...DEFAULT_APPEARANCE, ...(raw && typeof raw === 'object' ? raw : {}) };
}
