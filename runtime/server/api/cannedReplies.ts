import { CANNED_LIMITS, type CannedReplyView } from '../../../shared/api/cannedReplies.ts';
import { api } from '../../../shared/api/routes.ts';
import { notFound } from '../http/body.ts';
import { HttpError, type Route } from '../http/types.ts';
import type { CannedReply } from '../store/cannedReplies.ts';
import { can, type User } from '../store/users.ts';
import type { ApiContext } from './context.ts';
import { route } from './operation.ts';

/**
 * Canned replies (SPEC §5): the workspace's, which admins manage, and each agent's own. Agents with live chat and
 * admins read them; a workspace reply is changed by admins only, a personal one by its owner only (403 otherwise,
 * also for an admin: a colleague's personal replies are theirs).
 */
export function cannedReplyRoutes(ctx: ApiContext): Route[] {
  const replies = ctx.store.cannedReplies;
  const reader = (u: User) => can.liveChat(u) || can.admin(u);
  const mayEdit = (u: User, r: CannedReply) => (r.ownerId === null ? can.admin(u) : r.ownerId === u.id);
  const view = (u: User, r: CannedReply): CannedReplyView => ({
    id: r.id,
    scope: r.ownerId === null ? 'workspace' : 'personal',
    shortcut: r.shortcut,
    body: r.body,
    editable: mayEdit(u, r),
    updatedAt: r.updatedAt,
  });
  /** The reply `id` if `u` may change it: 404 when there is none, 403 when it is not theirs to change (the
   * workspace's for an agent, a colleague's personal one for anyone). */
  const editable = async (u: User, id: string) => {
    const r = await replies.get(id);
    if (!r) throw notFound('canned reply');
    if (!mayEdit(u, r))
      throw new HttpError(
        403,
        'forbidden',
        r.ownerId === null ? 'only admins change workspace replies' : 'you may only change your own replies',
      );
    return r;
  };
  return [
    route(api.listCannedReplies, {
      async handler(req, call) {
        const { user } = await ctx.auth.require(req, reader);
        return call.json(
          200,
          (await replies.list(user.id)).map((r) => view(user, r)),
        );
      },
    }),
    route(api.createCannedReply, {
      async handler(req, call) {
        const { user } = await ctx.auth.require(req, reader);
        const { scope, shortcut, body } = call.body;
        if (scope === 'workspace' && !can.admin(user))
          throw new HttpError(403, 'forbidden', 'only admins add workspace replies');
        const max = scope === 'workspace' ? CANNED_LIMITS.workspace : CANNED_LIMITS.personal;
        const made = await replies.create(scope === 'workspace' ? null : user.id, { shortcut, body }, max);
        if (made === 'full')
          throw new HttpError(
            400,
            'too-many',
            `scope: at most ${max} ${scope === 'workspace' ? 'workspace replies' : 'personal replies per agent'}; remove one first`,
          );
        return call.json(201, view(user, made));
      },
    }),
    route(api.updateCannedReply, {
      async handler(req, call) {
        const { user } = await ctx.auth.require(req, reader);
        const r = await editable(user, call.params.id);
        const changed = await replies.update(r.id, call.body);
        if (!changed) throw notFound('canned reply');
        return call.json(200, view(user, changed));
      },
    }),
    route(api.deleteCannedReply, {
      async handler(req, call) {
        const { user } = await ctx.auth.require(req, reader);
        const r = await editable(user, call.params.id);
        await replies.remove(r.id);
        return { status: 204 };
      },
    }),
  ];
}
