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
  const view = (id: string) => userView(users.get(id)!, teams.ofUser(id));
  const conflictOnEmail = (email: string, self?: string) => {
    const other = users.byEmail(email);
    if (other && other.user.id !== self) throw new HttpError(409, 'email-taken', 'another user has this email');
  };
  return [
    route(api.listUsers, {
      handler: (req, call) => (
        admin(req),
        call.json(
          200,
          users.list().map((u) => view(u.id)),
        )
      ),
    }),
    route(api.createUser, {
      async handler(req, call) {
        admin(req);
        const b = call.body;
        conflictOnEmail(b.email);
        const u = users.create({
          ...b,
          liveChat: b.liveChat ?? b.roles.includes('agent'),
          passwordHash: await hashPassword(b.password),
        });
        ctx.live.workspaceChanged();
        return call.json(201, view(u.id));
      },
    }),
    route(api.getUser, {
      handler(req, call) {
        admin(req);
        if (!users.get(call.params.id)) throw notFound('user');
        return call.json(200, view(call.params.id));
      },
    }),
    route(api.updateUser, {
      async handler(req, call) {
        const { user: me } = admin(req);
        const b = call.body;
        if (!users.get(call.params.id)) throw notFound('user');
        if (b.email) conflictOnEmail(b.email, call.params.id);
        if (call.params.id === me.id && b.roles && !b.roles.includes('admin')) {
          throw new HttpError(409, 'last-admin', 'you cannot take the admin role from yourself');
        }
        const { password, ...rest } = b;
        users.update(call.params.id, { ...rest, passwordHash: password ? await hashPassword(password) : undefined });
        if (password) ctx.store.sessions.revokeUser(call.params.id);
        ctx.live.userChanged(call.params.id, { sessionsEnded: Boolean(password) });
        ctx.live.workspaceChanged();
        return call.json(200, view(call.params.id));
      },
    }),
    route(api.deleteUser, {
      handler(req, call) {
        const { user: me } = admin(req);
        if (call.params.id === me.id) throw new HttpError(409, 'self', 'you cannot delete yourself');
        if (!users.remove(call.params.id)) throw notFound('user');
        ctx.live.userRemoved(call.params.id);
        ctx.live.workspaceChanged();
        return { status: 204 };
      },
    }),
    route(api.listAgents, {
      handler(req, call) {
        ctx.auth.require(req);
        const open = ctx.live.openChats();
        const agents = users
          .list()
          .filter((u) => u.roles.includes('agent'))
          .map((u) => ({
            id: u.id,
            name: u.name,
            email: u.email,
            avatarUrl: avatarUrl(u),
            liveChat: u.liveChat,
            status: u.status,
            teams: teams.ofUser(u.id),
            openChats: open.get(u.id) ?? 0,
          }));
        return call.json(200, agents);
      },
    }),
  ];
}
