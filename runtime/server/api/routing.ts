import { z } from 'zod';
import { agentStatusSchema } from '../../../shared/routing/schema.ts';
import { intParam, parseBody } from '../http/body.ts';
import { json, type Req, type Route } from '../http/types.ts';
import { routingWorkspace } from '../live/router.ts';
import { whatIf } from '../routing/whatIf.ts';
import { PLANS, ruleSchema, settingsSchema } from '../store/settings.ts';
import { can } from '../store/users.ts';
import type { ApiContext } from './context.ts';

const DAY = 24 * 3600 * 1000;
const whatIfBody = z
  .object({
    rules: z.array(ruleSchema).max(500).optional(),
    settings: settingsSchema
      .pick({ acceptTimeoutSec: true, maxChatsPerAgent: true, trialEngagementLimit: true })
      .partial()
      .strict()
      .optional(),
    plan: z.enum(PLANS).optional(),
    /** Changes to agents: availability, live-chat permission, teams. */
    agents: z
      .array(
        z
          .object({
            id: z.string().min(1),
            status: agentStatusSchema.optional(),
            liveChat: z.boolean().optional(),
            teams: z.array(z.string()).optional(),
          })
          .strict(),
      )
      .max(1000)
      .optional(),
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().nonnegative().optional(),
  })
  .strict();

/** The routing decision log with its why, and the what-if replay (admins). */
export function routingRoutes(ctx: ApiContext): Route[] {
  const admin = (req: Req) => ctx.auth.require(req, can.admin);
  return [
    {
      method: 'GET',
      path: '/api/routing/decisions',
      handler(req) {
        admin(req);
        const q = req.query;
        const rows = ctx.store.decisions.query({
          visitorId: q.get('visitor') || undefined,
          agentId: q.get('agent') || undefined,
          conversationId: q.get('conversation') || undefined,
          from: q.has('from') ? intParam(req, 'from', 0) : undefined,
          to: q.has('to') ? intParam(req, 'to', 0) : undefined,
          limit: intParam(req, 'limit', 100, 1, 1000),
        });
        return json(200, rows);
      },
    },
    {
      method: 'POST',
      path: '/api/routing/what-if',
      maxBody: 512 * 1024,
      handler(req) {
        admin(req);
        const b = parseBody(req, whatIfBody);
        const to = b.to ?? Date.now();
        const from = b.from ?? to - DAY;
        const current = routingWorkspace(ctx.store);
        const patch = new Map((b.agents ?? []).map((a) => [a.id, a]));
        const edited = {
          ...current,
          plan: b.plan ?? current.plan,
          settings: { ...current.settings, ...b.settings },
          rules: b.rules ? b.rules.map((r) => ({ id: r.id, when: r.when, route: r.route })) : current.rules,
          agents: current.agents.map((a) => ({ ...a, ...patch.get(a.id) })),
        };
        return json(200, whatIf(ctx.store.decisions.events(from, to), current, edited, from, to));
      },
    },
  ];
}
