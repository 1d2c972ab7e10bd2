import type { Page } from 'playwright-core';

/**
 * Words that are the same in a Korean UI: the product's name, formats, key names, units, the language switch's
 * "English". Anything else in Latin letters on a Korean page is English left over, or a raw identifier, unless it
 * is the user's own content (see `userWords`).
 */
const SAME_IN_KOREAN = new Set(
  [
    'Tributary',
    'English',
    'CSV',
    'URL',
    'HTTP',
    'HTTPS',
    'HTML',
    'CSS',
    'WCAG',
    'AA',
    'PNG',
    'JPEG',
    'GIF',
    'WebP',
    'px',
    'kB',
    'ms',
    'Ctrl',
    'Shift',
    'Alt',
    'Enter',
    'Esc',
    'Delete',
    'Backspace',
    'rrggbb',
    'UTC',
    'ID',
    // The widget's install instructions name HTML and Content-Security-Policy terms, which are not translated.
    'CSP',
    'html',
    'lang',
    'body',
    'nonce',
    'script',
    'src',
    'unsafe',
    'inline',
    'en',
    'ko',
  ].map((w) => w.toLowerCase()),
);

/** Every Latin-script word in the strings of some user content (a stream document, names, addresses). */
export function userWords(...content: unknown[]): Set<string> {
  const words = new Set<string>();
  const walk = (v: unknown, key?: string): void => {
    if (typeof v === 'string') {
      // Card ids and types are identifiers the page must not show raw: not user words.
      if (key !== 'id' && key !== 'type') for (const w of v.match(/[A-Za-z]+/g) ?? []) words.add(w.toLowerCase());
    } else if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  content.forEach((c) => walk(c));
  return words;
}

/**
 * The text a person reads on the page (visible text, and the placeholders, titles, labels and options of visible
 * controls) that still has Latin-script words which are neither the same in Korean nor the user's own words:
 * English left over, raw identifiers, English dates. URLs and email addresses are left out.
 */
export async function englishLeft(page: Page, user: Set<string>): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const visible = (el: Element | null) => !!el && (el as HTMLElement).checkVisibility?.({ visibilityProperty: true });
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest('script, style, code, pre, .mono') || !visible(parent)) continue;
      if (n.textContent?.trim()) out.push(n.textContent.trim());
    }
    for (const el of document.querySelectorAll('[placeholder], [title], [aria-label], select')) {
      if (!visible(el)) continue;
      for (const a of ['placeholder', 'title', 'aria-label']) {
        const v = el.getAttribute(a);
        if (v?.trim()) out.push(v.trim());
      }
      if (el instanceof HTMLSelectElement) for (const o of el.options) out.push(o.text.trim());
    }
    return out;
  });
  const left = new Set<string>();
  for (const text of texts) {
    const rest = text
      .replace(/\b[a-z][a-z+.-]*:\/\/\S+/gi, ' ') // URLs
      .replace(/\S+@\S+\.\w+/g, ' ') // email addresses
      .replace(/(^|\s)\/\S*/g, ' ') // page paths (targeting)
      .replace(/\bsha256:[0-9a-f]+/g, ' ') // content hashes
      .replace(/\bID[:(]\s*[^\s)]+/g, ' '); // an id shown as one, labelled "ID"
    // Single letters are key names (F, Z) and version marks (v2).
    const words = (rest.match(/[A-Za-z]+/g) ?? []).filter((w) => w.length > 1);
    if (words.some((w) => !SAME_IN_KOREAN.has(w.toLowerCase()) && !user.has(w.toLowerCase()))) left.add(text);
  }
  return [...left];
}
