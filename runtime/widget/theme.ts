import { APPEARANCE_BOUNDS, DEFAULT_APPEARANCE, type Appearance } from '../../shared/widget/appearance.ts';

const sheets = new WeakMap<ShadowRoot, { replaceSync(css: string): void } | HTMLStyleElement>();

/**
 * Applies an appearance to a widget's shadow root: CSS custom properties on the `.tb` container (the page's
 * stylesheets cannot reach inside the shadow root, so a hostile page cannot change them), and the `left` and
 * `dark` classes. Used by the loader, the conversation UI and the product's live preview, so that all three look
 * alike. Calling it again replaces the previous appearance.
 */
export function applyTheme(root: ShadowRoot, box: HTMLElement, a: Appearance): void {
  const d = DEFAULT_APPEARANCE;
  const B = APPEARANCE_BOUNDS;
  // Nothing but a colour or a number in range ever reaches the stylesheet text.
  const color = (v: string, f: string) => (/^#[0-9a-f]{6}$/i.test(v) ? v : f);
  const px = (v: number, b: { max: number }) => `${Math.min(b.max, Math.max(0, Math.round(+v) || 0))}px`;
  const font = a.font === 'page' ? pageFont() : '';
  const css =
    `.tb{--tb-accent:${color(a.brandColor, d.brandColor)};--tb-accent-ink:${color(a.textColor, d.textColor)};` +
    `--tb-x:${px(a.offsetX, B.offsetX)};--tb-y:${px(a.offsetY, B.offsetY)};--tb-radius:${px(a.radius, B.radius)}` +
    `${font ? `;--tb-font:${font}` : ''}}`;
  box.classList.toggle('left', a.position === 'left');
  box.classList.toggle('dark', a.mode === 'dark');
  let sheet = sheets.get(root);
  if (!sheet) {
    try {
      const s = new CSSStyleSheet();
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, s];
      sheet = s;
    } catch {
      sheet = document.createElement('style');
      root.append(sheet);
    }
    sheets.set(root, sheet);
  }
  if ('replaceSync' in sheet) sheet.replaceSync(css);
  else sheet.textContent = css;
}

/**
 * The appearance from the runtime's answer over the defaults. The loader cannot afford the zod schema; what
 * reaches the stylesheet text is checked in `applyTheme`, and texts are only ever set as text.
 */
export function readAppearance(raw: unknown): Appearance {
  return { ...DEFAULT_APPEARANCE, ...(raw && typeof raw === 'object' ? raw : {}) };
}

/** The host page's font family, from its <body>, without anything that could end the declaration. */
function pageFont(): string {
  return getComputedStyle(document.body ?? document.documentElement).fontFamily.replace(/[;{}<>\\]/g, '');
}
