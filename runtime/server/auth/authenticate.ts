import { HttpError, type Req } from '../http/types.ts';
import type { Sessions } from '../store/sessions.ts';
import type { User, Users } from '../store/users.ts';

export const SESSION_COOKIE = 'tributary_session';

export interface Principal {
  user: User;
  token: string;
  /** How the token came: a cookie needs the Origin check on state-changing requests, a bearer token does not. */
  via: 'bearer' | 'cookie' | 'query';
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The token of a request: `Authorization: Bearer`, then `?token=` (WebSocket URLs), then the session cookie. */
export function tokenOf(
  headers: Readonly<Record<string, string>>,
  query?: URLSearchParams,
): { token: string; via: Principal['via'] } | undefined {
  const auth = headers['authorization'];
  if (auth?.toLowerCase().startsWith('bearer ')) return { token: auth.slice(7).trim(), via: 'bearer' };
  const q = query?.get('token');
  if (q) return { token: q, via: 'query' };
  const c = readCookie(headers['cookie'], SESSION_COOKIE);
  if (c) return { token: c, via: 'cookie' };
  return undefined;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Authentication of HTTP requests and WebSocket upgrades against the session store. */
export function createAuth(users: Users, sessions: Sessions) {
  const principal = async (
    headers: Readonly<Record<string, string>>,
    query?: URLSearchParams,
  ): Promise<Principal | undefined> => {
    const t = tokenOf(headers, query);
    if (!t) return undefined;
    const userId = await sessions.userId(t.token);
    const user = userId ? await users.get(userId) : undefined;
    return user && { user, token: t.token, via: t.via };
  };
  return {
    principal,
    /**
     * The signed-in user of an API request, or 401. A cookie-authenticated request that changes state must come
     * from this site (Origin or Referer naming our host), which stops cross-site request forgery even where
     * SameSite=Lax does not apply.
     */
    async require(req: Req, allowed?: (u: User) => boolean): Promise<Principal> {
      const p = await principal(req.headers, undefined);
      if (!p) throw new HttpError(401, 'unauthorized', 'sign in first');
      if (p.via === 'cookie' && STATE_CHANGING.has(req.method) && !sameOrigin(req.headers)) {
        throw new HttpError(403, 'bad-origin', 'the request comes from another site');
      }
      if (allowed && !allowed(p.user)) throw new HttpError(403, 'forbidden', 'your role does not allow this');
      return p;
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;

/**
 * Whether a browser request comes from this site: its `Origin` (or, without one, `Referer`) names our host. A
 * request with neither (scripts, tests) passes (SPEC §8.8); a browser always sends `Origin` on cross-site writes and
 * WebSocket handshakes.
 */
export function sameOrigin(headers: Readonly<Record<string, string>>): boolean {
  const host = headers['host'];
  const source = headers['origin'] || headers['referer'];
  if (!source) return true;
  try {
    return new URL(source).host === host;
  } catch {
    return false;
  }
}
