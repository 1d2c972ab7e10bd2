import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'list' }
  | { page: 'editor'; streamId: string }
  | { page: 'widget'; tab: 'appearance' | 'install' }
  | { page: 'leads' };

/**
 * The editor's pages: `/` (streams), `/streams/{id}` (one stream's canvas), `/widget` and `/widget/install`,
 * `/leads` (the leads and conversations table).
 */
export function parseRoute(pathname: string): Route {
  if (/^\/leads\/?$/.test(pathname)) return { page: 'leads' };
  if (/^\/widget\/?$/.test(pathname)) return { page: 'widget', tab: 'appearance' };
  if (/^\/widget\/install\/?$/.test(pathname)) return { page: 'widget', tab: 'install' };
  const m = /^\/streams\/([^/]+)\/?$/.exec(pathname);
  if (m) {
    try {
      return { page: 'editor', streamId: decodeURIComponent(m[1]) };
    } catch {
      return { page: 'list' };
    }
  }
  return { page: 'list' };
}

const listeners = new Set<() => void>();
if (typeof window !== 'undefined') window.addEventListener('popstate', () => listeners.forEach((fn) => fn()));

export function navigate(path: string): void {
  if (location.pathname === path) return;
  history.pushState(null, '', path);
  listeners.forEach((fn) => fn());
}

/**
 * Puts a page's own state in the URL's query (the path stays): a new history entry, or the current one replaced
 * (a correction nobody should go back to). Reload, back and forward and shared links then restore it.
 */
export function setSearch(search: string, opts: { replace?: boolean } = {}): void {
  if (location.search === search || (search === '' && location.search === '?')) return;
  const url = location.pathname + search + location.hash;
  if (opts.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  listeners.forEach((fn) => fn());
}

/** The URL's query (`?a=1`, or ''), following navigation and back/forward. */
export function useSearch(): string {
  return useSyncExternalStore(
    (fn) => (listeners.add(fn), () => listeners.delete(fn)),
    () => location.search,
  );
}

export function usePathname(): string {
  return useSyncExternalStore(
    (fn) => (listeners.add(fn), () => listeners.delete(fn)),
    () => location.pathname,
  );
}
