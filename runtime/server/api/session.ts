import { api } from '../../../shared/api/routes.ts';
import { DUMMY_HASH, verifyPassword } from '../auth/passwords.ts';
import { SESSION_COOKIE } from '../auth/authenticate.ts';
import { HttpError, type Route } from '../http/types.ts';
import { SESSION_TTL_MS } from '../store/sessions.ts';
import type { ApiContext } from './context.ts';
import { route } from './operation.ts';
import { userView } from './views.ts';

/** Sign-in and sign-out (SPEC §8.4): 200 {token} + an HttpOnly SameSite=Lax cookie; 401 without a hint. */
export function sessionRoutes(ctx: ApiContext): Route[] {
  return [
    route(api.signIn, {
      async handler(req, call) {
        const body = call.body;
        const found = ctx.store.users.byEmail(body.email);
        // Verify against a dummy hash for an unknown email, so the answer takes as long either way.
        const ok = await verifyPassword(body.password, found?.passwordHash ?? DUMMY_HASH);
        if (!found || !ok) throw new HttpError(401, 'unauthorized', 'wrong email or password');
        const token = ctx.store.sessions.create(found.user.id);
        const secure = req.headers['x-forwarded-proto'] === 'https' ? '; Secure' : '';
        const cookie = `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_TTL_MS / 1000}${secure}`;
        return call.json(200, { token, user: userView(found.user) }, { 'set-cookie': cookie });
      },
    }),
    route(api.signOut, {
      handler(req) {
        const p = ctx.auth.require(req);
        ctx.store.sessions.revoke(p.token);
        ctx.live.sessionRevoked(p.token);
        return {
          status: 204,
          headers: { 'set-cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` },
        };
      },
    }),
  ];
}
