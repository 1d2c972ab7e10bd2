import { z } from 'zod';
import { hashPassword } from '../auth/passwords.ts';
import { notFound, parseBody } from '../http/body.ts';
import { HttpError, json, type Route } from '../http/types.ts';
import { can, ROLES } from '../store/users.ts';
import type { ApiContext } from './context.ts';
import { avatarUrl, userView } from './views.ts';

const fields = {
  email: z.string().trim().toLowerCase().email().max(320),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(8, 'use at least 8 characters').max(1000),
  roles: z
    .array(z.enum(ROLES))
    .min(1)
    .transform((r) => [...new Set(r)]),
  canPublish: z.boolean(),
  liveChat: z.boolean(),
  viewAll: z.boolean(),
};
const newUser = z
  .object({
    ...fields,
    canPublish: fields.canPublish.default(false),
    liveChat: fields.liveChat.optional(),
    viewAll: fields.viewAll.default(false),
  })
  .strict();
const userPatch = z.object(fields).partial().strict();

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
    {
      method: 'GET',
      path: '/api/users',
      handler: (req) => (
        admin(req),
        json(
          200,
          users.list().map((u) => view(u.id)),
        )
      ),
    },
    {
      method: 'POST',
      path: '/api/users',
      maxBody: 8192,
      async handler(req) {
        admin(req);
        const b = parseBody(req, newUser);
        conflictOnEmail(b.email);
        const u = users.create({
          ...b,
          liveChat: b.liveChat ?? b.roles.includes('agent'),
          passwordHash: await hashPassword(b.password),
        });
        ctx.live.workspaceChanged();
        return json(201, view(u.id));
      },
    },
    {
      method: 'GET',
      path: '/api/users/{id}',
      handler(req) {
        admin(req);
        if (!users.get(req.params.id)) throw notFound('user');
        return json(200, view(req.params.id));
      },
    },
    {
      method: 'PATCH',
      path: '/api/users/{id}',
      maxBody: 8192,
      async handler(req) {
        const { user: me } = admin(req);
        const b = parseBody(req, userPatch);
        if (!users.get(req.params.id)) throw notFound('user');
        if (b.email) conflictOnEmail(b.email, req.params.id);
        if (req.params.id === me.id && b.roles && !b.roles.includes('admin')) {
          throw new HttpError(409, 'last-admin', 'you cannot take the admin role from yourself');
        }
        const { password, ...rest } = b;
        users.update(req.params.id, { ...rest, passwordHash: password ? await hashPassword(password) : undefined });
        if (password) ctx.store.sessions.revokeUser(req.params.id);
        ctx.live.workspaceChanged();
        return json(200, view(req.params.id));
      },
    },
    {
      method: 'DELETE',
      path: '/api/users/{id}',
      handler(req) {
        const { user: me } = admin(req);
        if (req.params.id === me.id) throw new HttpError(409, 'self', 'you cannot delete yourself');
        if (!users.remove(req.params.id)) throw notFound('user');
        ctx.live.userRemoved(req.params.id);
        ctx.live.workspaceChanged();
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: '/api/agents',
      handler(req) {
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
        return json(200, agents);
      },
    },
  ];
}
