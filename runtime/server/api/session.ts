import { api } from '../../../shared/api/routes.ts';
import { DUMMY_HASH, verifyPassword } from '../auth/passwords.ts';
import { SESSION_COOKIE, sameOrigin } from '../auth/authenticate.ts';
import { HttpError, type Route } from '../http/types.ts';
import { PoolBusy } from '../security/hashPool.ts';
import { SESSION_TTL_MS, hashToken } from '../store/sessions.ts';
import type { ApiContext } from './context.ts';
import { route } from './operation.ts';
import { userView } from './views.ts';

/**
 * Sign-in and sign-out (SPEC §8.4): 200 {token} + an HttpOnly SameSite=Lax cookie; 401 without a hint. Sign-in
 * takes JSON only: a browser (it sends `Origin`) must say `application/json` (a cross-site form can post
 * `text/plain`, never `application/json` without CORS) and be this site's page; a script without an `Origin` is
 * not refused for its content type; failures are throttled per account and per client address
 * (docs/security.md) and logged without the password.
 */
export function sessionRoutes(ctx: ApiContext): Route[] {
  /** Sign-ins being checked now per client address: a burst is refused before it queues for the hash threads. */
  const inFlight = new Map<string, number>();
  return [
    route(api.signIn, {
      async handler(req, call) {
        const { throttle, refused, config } = ctx.security;
        // A browser always sends Origin with a POST; a form can only post text/plain or form types. Scripts
        // (no Origin, SPEC §8.8) may leave the type out, as fetch does for a string body: the body is still JSON.
        const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        if (type !== 'application/json' && req.headers.origin !== undefined)
          throw new HttpError(415, 'unsupported-type', 'send the sign-in as application/json');
        if (!sameOrigin(req.headers)) throw new HttpError(403, 'bad-origin', 'the request comes from another site');
        const body = call.body;
        const account = body.email.toLowerCase();
        const now = Date.now();
        const wait = throttle.wait(account, req.ip, now);
        if (wait > 0) {
          refused('signin-throttled');
          ctx.log.warn({ email: account, address: req.ip, reason: 'throttled' }, 'sign-in refused');
          throw tooMany(Math.ceil(wait / 1000), 'too many failed sign-ins; try again later');
        }
        const running = inFlight.get(req.ip) ?? 0;
        if (running >= config.signInConcurrency) {
          refused('signin-busy');
          throw tooMany(1, 'too many sign-ins at once from your address; try again in a moment');
        }
        if (!ctx.security.hashBudget(now)) {
          ctx.log.warn({ email: account, address: req.ip, reason: 'hash-budget' }, 'sign-in refused');
          throw tooMany(1, 'too many sign-ins at once; try again in a moment');
        }
        let found: Awaited<ReturnType<typeof ctx.store.users.byEmail>>;
        let ok: boolean;
        throttle.attempt(account, req.ip, now);
        inFlight.set(req.ip, running + 1);
        try {
          found = await ctx.store.users.byEmail(body.email);
          // Verify against a dummy hash for an unknown email, so the answer takes as long either way.
          ok = await verifyPassword(body.password, found?.passwordHash ?? DUMMY_HASH);
        } catch (err) {
          throttle.takeBack(account, req.ip, Date.now());
          if (!(err instanceof PoolBusy)) throw err;
          refused('signin-busy');
          throw tooMany(1, 'too many sign-ins at once; try again in a moment');
        } finally {
          const n = (inFlight.get(req.ip) ?? 1) - 1;
          if (n > 0) inFlight.set(req.ip, n);
          else inFlight.delete(req.ip);
        }
        if (!found || !ok) {
          ctx.log.warn(
            { email: account, address: req.ip, reason: found ? 'wrong-password' : 'unknown-email' },
            'sign-in failed',
          );
          throw new HttpError(401, 'unauthorized', 'wrong email or password');
        }
        throttle.succeeded(account, req.ip, Date.now());
        const token = await ctx.store.sessions.create(found.user.id);
        const secure = req.headers['x-forwarded-proto'] === 'https' ? '; Secure' : '';
        const cookie = `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_TTL_MS / 1000}${secure}`;
        return call.json(200, { token, user: userView(found.user) }, { 'set-cookie': cookie });
      },
    }),
    route(api.signOut, {
      async handler(req) {
        const p = await ctx.auth.require(req);
        // This browser's push subscriptions go with the session (one transaction): no notifications for someone
        // signed out.
        await Promise.all([ctx.store.sessions.revoke(p.token), ctx.store.push.removeSession(hashToken(p.token))]);
        ctx.live.sessionRevoked(p.token);
        return {
          status: 204,
          headers: { 'set-cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` },
        };
      },
    }),
  ];
}

function tooMany(retryAfterSec: number, message: string): HttpError {
  return new HttpError(
    429,
    'rate-limited',
    message,
    { retryAfter: retryAfterSec },
    {
      'retry-after': String(retryAfterSec),
    },
  );
}
