import { api } from '../../../shared/api/routes.ts';
import { AVATAR_TYPES } from '../../../shared/api/users.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { notFound } from '../http/body.ts';
import { HttpError, type Route } from '../http/types.ts';
import type { ApiContext } from './context.ts';
import { looksLike } from './images.ts';
import { route } from './operation.ts';
import { userView } from './views.ts';

const IMAGE_TYPES = new Set<string>(AVATAR_TYPES);

/** The signed-in user's own profile: name, password, avatar. */
export function meRoutes(ctx: ApiContext): Route[] {
  return [
    route(api.getMe, {
      async handler(req, call) {
        const { user } = await ctx.auth.require(req);
        return call.json(200, userView(user, await ctx.store.teams.ofUser(user.id)));
      },
    }),
    route(api.updateMe, {
      async handler(req, call) {
        const { user, token } = await ctx.auth.require(req);
        const body = call.body;
        let passwordHash: string | undefined;
        if (body.password !== undefined) {
          const ok = await verifyPassword(
            body.currentPassword ?? '',
            (await ctx.store.users.passwordHash(user.id)) ?? '',
          );
          if (!ok) throw new HttpError(403, 'wrong-password', 'the current password is wrong');
          passwordHash = await hashPassword(body.password);
        }
        const updated = (await ctx.store.users.update(user.id, { name: body.name, passwordHash }))!;
        if (passwordHash) {
          // A new password ends every other session (a stolen token stops working); this one goes on.
          await ctx.store.sessions.revokeUser(user.id, token);
          await ctx.live.userChanged(user.id, { sessionsEnded: true, keep: token });
        }
        await ctx.live.profileChanged();
        return call.json(200, userView(updated, await ctx.store.teams.ofUser(user.id)));
      },
    }),
    route(api.uploadAvatar, {
      async handler(req, call) {
        const { user } = await ctx.auth.require(req);
        const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        if (!IMAGE_TYPES.has(type)) throw new HttpError(415, 'unsupported-type', 'send a PNG, JPEG, GIF or WebP image');
        if (req.body.length === 0) throw new HttpError(400, 'invalid', 'the image is empty');
        if (!looksLike(type, req.body)) throw new HttpError(400, 'invalid', `the body is not a ${type} image`);
        await ctx.store.users.setAvatar(user.id, req.body, type);
        await ctx.live.profileChanged();
        return call.json(200, userView((await ctx.store.users.get(user.id))!));
      },
    }),
    route(api.removeAvatar, {
      async handler(req) {
        const { user } = await ctx.auth.require(req);
        await ctx.store.users.setAvatar(user.id, null, null);
        await ctx.live.profileChanged();
        return { status: 204 };
      },
    }),
    route(api.getAvatar, {
      async handler(req, call) {
        const a = await ctx.store.users.avatar(call.params.id);
        if (!a) throw notFound('avatar');
        // Public (the widget shows it to visitors); the URL carries the version, so it may be cached long.
        return {
          status: 200,
          headers: {
            'content-type': a.type,
            'cache-control': 'public, max-age=31536000, immutable',
            'x-content-type-options': 'nosniff',
          },
          body: a.data,
        };
      },
    }),
  ];
}
