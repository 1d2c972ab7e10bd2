/**
 * The web apps (editor, inbox) are signed in by the session cookie alone: it is HttpOnly, so no script on the page can
 * read it, and the browser sends it with every same-origin request and WebSocket handshake (the server checks that
 * those come from this site: docs/security.md). The `{token}` that sign-in also answers is for scripts and tests.
 *
 * Earlier versions kept that 30-day token in localStorage, where any script running on the page could read it and
 * use it from anywhere. This removes a token left there by them (a migration: once per page load, harmless after).
 */
const LEGACY_TOKEN_KEY = 'tributary.token';

export function forgetStoredToken(): void {
  try {
    localStorage.removeItem(LEGACY_TOKEN_KEY);
  } catch {
    // storage blocked: nothing was kept there either
  }
}
