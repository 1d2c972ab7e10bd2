import { api } from '../../../shared/api/routes.ts';
import type { Route } from '../http/types.ts';
import { dashboard, dashboardDays } from '../results/dashboard.ts';
import { parseRange } from '../results/range.ts';
import { can } from '../store/users.ts';
import type { ApiContext } from './context.ts';
import { route } from './operation.ts';

/** The results dashboard (admins: it shows every agent's live-chat outcomes). */
export function dashboardRoutes(ctx: ApiContext): Route[] {
  return [
    route(api.getDashboard, {
      async handler(req, call) {
        await ctx.auth.require(req, can.admin);
        const days = dashboardDays(parseRange(call.query.from, call.query.to));
        return call.json(200, await dashboard(ctx.store, days));
      },
    }),
  ];
}
