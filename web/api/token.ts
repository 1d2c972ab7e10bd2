/**
 * The session token of the web apps. The HttpOnly cookie signs plain HTTP in; the token is kept for what a cookie
 * cannot reach (WebSocket URLs carry it as `?token=`), and sent as a bearer token too.
 */
const TOKEN_KEY = 'tributary.token';

export const sessionToken = {
  get(): string | undefined {
    try {
      return localStorage.getItem(TOKEN_KEY) ?? undefined;
    } catch {
      return undefined;
    }
  },
  set(token: string | undefined): void {
    try {
      if (token) localStorage.setItem(TOKEN_KEY, token);
      else localStorage.removeItem(TOKEN_KEY);
    } catch {
      // storage blocked: the cookie still signs HTTP requests in
    }
  },
};
