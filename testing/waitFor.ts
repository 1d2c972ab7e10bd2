/**
 * Polls `check` until it returns something other than undefined/false, for tests of things that happen on
 * their own clock (heartbeats, expiries). Fails with `what` after `ms` (a generous bound, not a timing claim).
 */
export async function waitFor<T>(what: string, check: () => T | undefined | false, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
