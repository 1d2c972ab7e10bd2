import { api } from '../../../shared/api/routes.ts';
import { type Req, type Route } from '../http/types.ts';
import { routingWorkspace } from '../live/router.ts';
import { whatIf } from '../routing/whatIf.ts';
import { can } from '../store/users.ts';
import type { ApiContext } from './context.ts';
import { route } from './operation.ts';
import { searchOrBadRequest } from './searchErrors.ts';

const DAY = 24 * 3600 * 1000;
/** The routing decision log with its why, and the what-if replay (admins). */
export function routingRoutes(ctx: ApiContext): Route[] {
  const admin = (req: Req) => ctx.auth.require(req, can.admin);
  return [
    route(api.listDecisions, {
      async handler(req, call) {
        await admin(req);
        const q = call.query;
        const rows = await searchOrBadRequest(() =>
          ctx.store.decisions.query({
            visitorId: q.visitor,
            visitorText: q.q,
            agentId: q.agent,
            conversationId: q.conversation,
            from: q.from,
            to: q.to,
            limit: q.limit,
          }),
        );
        return call.json(200, rows);
      },
    }),
    route(api.listQueue, {
      async handler(req, call) {
        await ctx.auth.require(req, (u) => can.viewAllConversations(u) || can.liveChat(u));
        const now = Date.now();
        const queues = await Promise.all(
          ctx.live.waiting().map(async (q) => ({
            pool: q.pool,
            visitors: await Promise.all(
              q.visitors.map(async (v) => {
                const c = await ctx.store.conversations.get(v.conversationId);
                const profile = c ? ((await ctx.store.conversations.visitor(c.visitorId))?.profile ?? {}) : {};
                const name = [profile.firstName, profile.lastName].filter(Boolean).join(' ') || profile.email || null;
                return { ...v, visitorName: name, waitingSec: Math.max(0, Math.round((now - v.since) / 1000)) };
              }),
            ),
          })),
        );
        return call.json(200, { queues });
      },
    }),
    route(api.whatIf, {
      async handler(req, call) {
        await admin(req);
        const b = call.body;
        const to = b.to ?? Date.now();
        const from = b.from ?? to - DAY;
        const current = await routingWorkspace(ctx.store);
        const patch = new Map((b.agents ?? []).map((a) => [a.id, a]));
        const edited = {
          ...current,
          plan: b.plan ?? current.plan,
          settings: { ...current.settings, ...b.settings },
          rules: b.rules ? b.rules.map((r) => ({ id: r.id, when: r.when, route: r.route })) : current.rules,
          agents: current.agents.map((a) => ({ ...a, ...patch.get(a.id) })),
        };
        return call.json(200, whatIf(await ctx.store.decisions.events(from, to), current, edited, from, to));
      },
    }),
  ];
}
