import { useSyncExternalStore, type MouseEvent } from 'react';

/** The inbox's pages live under /inbox; the runtime answers every /inbox/* path with the app (SPA fallback). */
export const BASE = '/inbox';
const listeners = new Set<() => void>();

function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  window.addEventListener('popstate', fn);
  return () => {
    listeners.delete(fn);
    window.removeEventListener('popstate', fn);
  };
}

/** The path inside the app (`/`, `/conversations`, `/admin/rules`, …), without the /inbox prefix. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath, () => '/');
}

export function currentPath(): string {
  const p = window.location.pathname;
  const inner = p.startsWith(BASE) ? p.slice(BASE.length) : p;
  return inner === '' ? '/' : inner.replace(/\/+$/, '') || '/';
}

export function navigate(path: string, replace = false): void {
  const url = BASE + (path === '/' ? '' : path);
  if (url === window.location.pathname + window.location.search) return;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  for (const fn of listeners) fn();
}

/** An in-app link: a real href (open in new tab works), client-side navigation on a plain click. */
export function linkProps(path: string) {
  return {
    href: BASE + (path === '/' ? '' : path),
    onClick: (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      navigate(path);
    },
  };
}
