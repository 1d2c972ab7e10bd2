import type { WidgetSettings } from '../store/widget.ts';

/** A site is written again at most this often: the loader asks on every page view of every visitor. */
const WRITE_EVERY_MS = 60_000;
/** Origins remembered for throttling; past this the memory starts afresh (the store keeps its own bound). */
const MAX_REMEMBERED = 1000;

/**
 * Records where the widget was seen loading (origin, time, the page's path, whether it was allowed), for the
 * install page's installation check. Throttled per origin in memory and written without waiting: a page view
 * never waits for it, and a failed write only delays the check.
 */
export function siteLog(repo: () => WidgetSettings, now = () => Date.now()) {
  const written = new Map<string, { at: number; allowed: boolean }>();
  return {
    seen(origin: string, url: string, allowed: boolean): void {
      const t = now();
      const last = written.get(origin);
      if (last && last.allowed === allowed && t - last.at < WRITE_EVERY_MS) return;
      if (written.size >= MAX_REMEMBERED) written.clear();
      written.set(origin, { at: t, allowed });
      let lastPage = '/';
      try {
        lastPage = new URL(url).pathname.slice(0, 500);
      } catch {
        // the origin came from the Origin header; the page stays '/'
      }
      repo()
        .siteSeen({ origin: origin.slice(0, 300), lastSeen: t, lastPage, allowed })
        .catch(() => written.delete(origin));
    },
  };
}
