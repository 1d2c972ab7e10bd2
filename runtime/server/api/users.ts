import { api } from '../../../shared/api/routes.ts';
import { hashPassword } from '../auth/passwords.ts';
import { notFound } from '../http/body.ts';
import { HttpError, json, type Route } from '../http/types.ts';
import { can } from '../store/users.ts';
import type { ApiContext } from './context.ts';
import { route } from './operation.ts';
import { avatarUrl, userView } from './views.ts';

/** Users, agents (SPEC §7). Admins manage users; everyone signed in may list the agents (for routing choices). */
export function userRoutes(ctx: ApiContext): Route[] {
  const { users, teams } = ctx.store;
  const admin = (req: Parameters<Route['handler']>[0]) => ctx.auth.require(req, can.admin);
  const view = async (id: string) => userView((await users.get(id))!, await teams.ofUser(id));
  const conflictOnEmail = async (email: string, self?: string) => {
    const other = await users.byEmail(email);
    if (other && other.user.id !== self) throw new HttpError(409, 'email-taken', 'another user has this email');
  };
  return [
    route(api.listUsers, {
      handler: async (req, call) => (
        await admin(req),
        call.json(200, await Promise.all((await users.list()).map((u) => view(u.id))))
      ),
    }),
    route(api.createUser, {
      async handler(req, call) {
        await admin(req);
        const b = call.body;
        await conflictOnEmail(b.email);
        const u = await users.create({
          ...b,
          liveChat: b.liveChat ?? b.roles.includes('agent'),
          passwordHash: await hashPassword(b.password),
        });
        await ctx.live.workspaceChanged();
        return call.json(201, await view(u.id));
      },
    }),
    route(api.getUser, {
      async handler(req, call) {
        await admin(req);
        if (!(await users.get(call.params.id))) throw notFound('user');
        return call.json(200, await view(call.params.id));
      },
    }),
    route(api.updateUser, {
      async handler(req, call) {
        const { user: me } = await admin(req);
        const b = call.body;
        if (!(await users.get(call.params.id))) throw notFound('user');
        if (b.email) await conflictOnEmail(b.email, call.params.id);
        if (call.params.id === me.id && b.roles && !b.roles.includes('admin')) {
          throw new HttpError(409, 'last-admin', 'you cannot take the admin role from yourself');
        }
        const { password, ...rest } = b;
        const passwordHash = password ? await hashPassword(password) : undefined;
        await users.update(call.params.id, { ...rest, passwordHash });
        if (password) await ctx.store.sessions.revokeUser(call.params.id);
        await ctx.live.userChanged(call.params.id, { sessionsEnded: Boolean(password) });
        await ctx.live.workspaceChanged();
        return call.json(200, await view(call.params.id));
      },
    }),
    route(api.deleteUser, {
      async handler(req, call) {
        const { user: me } = await admin(req);
        if (call.params.id === me.id) throw new HttpError(409, 'self', 'you cannot delete yourself');
        if (!(await users.remove(call.params.id))) throw notFound('user');
        ctx.live.userRemoved(call.params.id);
        await ctx.live.workspaceChanged();
        return { status: 204 };
      },
    }),
    route(api.listAgents, {
      async handler(req, call) {
        await ctx.auth.require(req);
        const open = ctx.live.openChats();
        const agents = await Promise.all(
          (await users.list())
            .filter((u) => u.roles.includes('agent'))
            .map(async (u) => ({
              id: u.id,
              name: u.name,
              email: u.email,
              avatarUrl: avatarUrl(u),
              liveChat: u.liveChat,
              status: u.status,
              teams: await teams.ofUser(u.id),
              openChats: open.get(u.id) ?? 0,
            })),
        );
        return call.json(200, agents);
      },
    }),
  ];
}
