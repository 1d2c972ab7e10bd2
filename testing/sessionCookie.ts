import type { BrowserContext } from 'playwright-core';
import { SESSION_COOKIE } from '../runtime/server/auth/authenticate.ts';

/**
 * Signs a browser context in with a session token as the web apps are signed in: the HttpOnly session cookie (the
 * apps keep no token of their own: web/api/token.ts).
 */
export async function addSessionCookie(context: BrowserContext, base: string, token: string): Promise<void> {
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: base, httpOnly: true, sameSite: 'Lax' }]);
}
