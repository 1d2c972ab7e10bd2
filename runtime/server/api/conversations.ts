import { api } from '../../../shared/api/routes.ts';
import { notFound } from '../http/body.ts';
import { HttpError, type Route } from '../http/types.ts';
import { transcript } from '../live/snapshots.ts';
import type { Hub } from '../live/hub.ts';
import { can } from '../store/users.ts';
import { conversationAccess } from './conversationAccess.ts';
import type { ApiContext } from './context.ts';
import { route } from './operation.ts';
import { searchOrBadRequest } from './searchErrors.ts';

/**
 * Conversations and transcripts (SPEC §5): an agent sees the conversations they took part in; with the view-all
 * permission (or as admin) every conversation.
 */
export function conversationRoutes(ctx: ApiContext, hub: Pick<Hub, 'store'>): Route[] {
  const { conversations } = ctx.store;
  const { reader, mayRead, summary } = conversationAccess(ctx.store);
  return [
    route(api.listConversations, {
      async handler(req, call) {
        const { user } = await ctx.auth.require(req, reader);
        const all = can.viewAllConversations(user);
        const q = call.query;
        const requested = q.agent;
        if (!all && requested && requested !== user.id)
          throw new HttpError(403, 'forbidden', 'you may only list your own conversations');
        const rows = await conversations.query({
          agentId: all ? requested : user.id,
          visitorId: q.visitor,
          status: q.status,
          before: q.before,
          limit: q.limit,
        });
        return call.json(200, await Promise.all(rows.map(summary)));
      },
    }),
    route(api.searchConversations, {
      async handler(req, call) {
        const { user } = await ctx.auth.require(req, reader);
        const all = can.viewAllConversations(user);
        const q = call.query;
        if (!all && q.agent && q.agent !== user.id)
          throw new HttpError(403, 'forbidden', 'you may only search your own conversations');
        const page = await searchOrBadRequest(() =>
          conversations.search({
            text: q.q,
            agentId: all ? q.agent : user.id,
            visitorId: q.visitor,
            streamId: q.stream,
            version: q.version,
            status: q.status,
            from: q.from,
            to: q.to,
            cursor: q.cursor,
            limit: q.limit,
          }),
        );
        return call.json(200, { conversations: await Promise.all(page.rows.map(summary)), next: page.next });
      },
    }),
    route(api.getConversation, {
      async handler(req, call) {
        const { user } = await ctx.auth.require(req, reader);
        const c = await conversations.get(call.params.id);
        if (!c) throw notFound('conversation');
        if (!(await mayRead(user, c))) throw new HttpError(403, 'forbidden', 'not one of your conversations');
        const decisions = (await ctx.store.decisions.query({ conversationId: c.id, limit: 200 })).reverse();
        return call.json(200, { ...(await summary(c)), items: await transcript(hub, c), decisions });
      },
    }),
  ];
}
