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

export function usePathname(): string {
  return useSyncExternalStore(
    (fn) => (listeners.add(fn), () => listeners.delete(fn)),
    () => location.pathname,
  );
}
