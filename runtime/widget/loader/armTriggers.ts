import type { Triggers } from '../../../shared/protocol/visitor.ts';

/**
 * Arms a dialogue's triggers and calls `fire` once all the given ones have held (docs/protocol.md): seconds on
 * this page, seconds on the site (this visit, counted across page views), and the visitor having scrolled past a
 * percentage of the page (a page too short to scroll counts as fully read). Each condition, once met, stays met.
 * A dialogue without triggers fires at once. Returns a function that disarms whatever is still pending.
 */
export function armTriggers(t: Triggers, msOnSite: number, fire: () => void): () => void {
  const timers: ReturnType<typeof setTimeout>[] = [];
  let pending = 0;
  const disarm = () => {
    timers.forEach(clearTimeout);
    removeEventListener('scroll', onScroll);
  };
  const met = () => {
    if (--pending === 0) {
      disarm();
      fire();
    }
  };
  const wait = (ms: number) => {
    pending++;
    timers.push(setTimeout(met, Math.max(0, ms)));
  };
  let scrolled = false;
  const onScroll = () => {
    if (scrolled || scrolledPercent() < (t.scrollPercent ?? 0)) return;
    scrolled = true;
    removeEventListener('scroll', onScroll);
    met();
  };

  if (t.secondsOnPage !== undefined) wait(t.secondsOnPage * 1000);
  if (t.secondsOnSite !== undefined) wait(t.secondsOnSite * 1000 - msOnSite);
  if (t.scrollPercent !== undefined) {
    pending++;
    addEventListener('scroll', onScroll, { passive: true });
    // Checked once the page has laid out too, so that a page with nothing to scroll fires.
    timers.push(setTimeout(onScroll, 50));
  }
  if (pending === 0) queueMicrotask(fire);
  return disarm;
}

function scrolledPercent(): number {
  const doc = document.documentElement;
  const scrollable = doc.scrollHeight - innerHeight;
  return scrollable <= 0 ? 100 : (Math.min(scrollY, scrollable) / scrollable) * 100;
}
