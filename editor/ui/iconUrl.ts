const cache = new Map<string, string>();

/**
 * An icon as an image URL (SVG data URI) in a fixed colour. Card nodes use these instead of inline SVG: an inline
 * `<svg>` adds its own transform to Chromium's paint property trees, and with a thousand cards on screen that
 * multiplies the compositor's layerize work on every drag frame; an image is one plain display item.
 */
export function iconUrl(path: string, color: string): string {
  const key = `${color}|${path}`;
  let url = cache.get(key);
  if (!url) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="${color}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="${path}"/></svg>`;
    url = `data:image/svg+xml,${encodeURIComponent(svg)}`;
    cache.set(key, url);
  }
  return url;
}

/** Shortens text for a card face (a CSS line clamp would need `overflow: hidden`, a clip per card). */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
