/**
 * URL patterns of a dialogue's targeting (SPEC §1): `*` matches any run of characters (also across `/`), the
 * query string and the fragment are never matched, and a pattern is anchored at both ends.
 *
 * A pattern names as much of the URL as it cares about:
 * - `/pricing/*` — a path: matched against the page's path on any host;
 * - `example.com/blog/*` — a host and path: matched against `host/path` (any scheme);
 * - `https://example.com/*` — a whole URL: matched against `scheme://host/path`;
 * - `*pricing*` — a leading `*` matches against the whole `scheme://host/path`.
 * Hosts and schemes compare case-insensitively; paths compare as written. A trailing `/` is not significant
 * (`/demo` matches `/demo/`, `/pricing/*` matches `/pricing`), so marketers need not guess how a site links its
 * pages.
 */
export function matchUrl(pattern: string, url: string): boolean {
  const p = stripQuery(pattern.trim());
  if (p === '') return false;
  const page = splitUrl(url);
  // Tried with and without a trailing `/`, so that `/pricing/*` also covers `/pricing` and `/demo` covers `/demo/`.
  const path = trimSlash(page.path);
  const either = (pat: string, prefix: string) =>
    wildcard(pat, prefix + path) || (path !== '/' && wildcard(pat, `${prefix}${path}/`));
  if (p.startsWith('/')) return either(trimSlash(p), '');
  // A leading `*` swallows whatever scheme and host the page has.
  if (p.startsWith('*')) return either(trimSlash(p), page.scheme + page.host);
  const schemeEnd = p.includes('://') ? p.indexOf('://') + 3 : 0;
  const slash = p.indexOf('/', schemeEnd);
  // The scheme and host compare case-insensitively; a bare host means its home page.
  const head = (slash < 0 ? p : p.slice(0, slash)).toLowerCase();
  const tail = slash < 0 ? (head.endsWith('*') ? '' : '/') : trimSlash(p.slice(slash));
  return either(head + tail, (schemeEnd ? page.scheme : '') + page.host);
}

interface PageUrl {
  /** `https://`, lower case; empty when the URL was a bare path. */
  scheme: string;
  /** lower case, with port; empty when the URL was a bare path. */
  host: string;
  /** starts with `/`. */
  path: string;
}

function splitUrl(url: string): PageUrl {
  const u = stripQuery(url.trim());
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/]*)(.*)$/i.exec(u);
  if (!m) return { scheme: '', host: '', path: u.startsWith('/') ? u : `/${u}` };
  return { scheme: m[1].toLowerCase(), host: m[2].toLowerCase(), path: m[3] || '/' };
}

function stripQuery(s: string): string {
  const cut = s.search(/[?#]/);
  return cut < 0 ? s : s.slice(0, cut);
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** Anchored `*` wildcard match without building a RegExp from user text (no escaping pitfalls, no ReDoS). */
function wildcard(pattern: string, text: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === text;
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (!text.startsWith(first) || text.length < first.length + last.length || !text.endsWith(last)) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = text.indexOf(parts[i], at);
    if (found < 0 || found + parts[i].length > end) return false;
    at = found + parts[i].length;
  }
  return true;
}
