import { createHash, timingSafeEqual } from 'node:crypto';
import type { Registry } from 'prom-client';
import { api } from '../../../shared/api/routes.ts';
import { can } from '../store/users.ts';
import type { Route } from '../http/types.ts';
import type { VersionCache } from '../live/versionCache.ts';
import type { DraftIO } from '../streams/draftIO.ts';
import type { ApiContext } from './context.ts';
import { cannedReplyRoutes } from './cannedReplies.ts';
import { conversationRoutes } from './conversations.ts';
import { dialogueRoutes } from './dialogues.ts';
import { emailRoutes } from './email.ts';
import { meRoutes } from './me.ts';
import { missedRoutes } from './missed.ts';
import { pushRoutes } from './push.ts';
import { route } from './operation.ts';
import { resultsRoutes } from './results.ts';
import { leadsRoutes } from './leads.ts';
import { dashboardRoutes } from './dashboard.ts';
import { webhookRoutes } from './webhooks.ts';
import { routingRoutes } from './routing.ts';
import { sessionRoutes } from './session.ts';
import { streamRoutes } from './streams.ts';
import { userRoutes } from './users.ts';
import { visitorContextRoutes } from './visitorContext.ts';
import { widgetRoutes } from './widget.ts';
import { widgetSettingsRoutes } from './widgetSettings.ts';
import { workspaceRoutes } from './workspace.ts';

/** The server's half of the route table of shared/api/routes.ts: every operation's handler (a test compares). */
export function buildRoutes(ctx: ApiContext, drafts: DraftIO, versions: VersionCache, registry: Registry): Route[] {
  return [
    route(api.health, {
      handler: (_req, call) => call.json(200, { status: 'ok', ...ctx.live.health() }),
    }),
    route(api.metrics, {
      // Open when configured so; else a bearer token equal to TRIBUTARY_METRICS_TOKEN, or a signed-in admin.
      handler: async (req) => {
        const { metricsPublic, metricsToken } = ctx.security.config;
        const bearer = req.headers['authorization']?.match(/^bearer\s+(.+)$/i)?.[1].trim();
        if (!metricsPublic && !(metricsToken && bearer && safeEqual(bearer, metricsToken)))
          await ctx.auth.require(req, can.admin);
        return { status: 200, headers: { 'content-type': registry.contentType }, body: await registry.metrics() };
      },
    }),
    ...sessionRoutes(ctx),
    ...meRoutes(ctx),
    ...userRoutes(ctx),
    ...workspaceRoutes(ctx),
    ...emailRoutes(ctx),
    ...missedRoutes(ctx),
    ...pushRoutes(ctx),
    ...streamRoutes(ctx, drafts),
    ...dialogueRoutes(ctx),
    ...widgetRoutes(ctx, versions),
    ...widgetSettingsRoutes(ctx),
    ...conversationRoutes(ctx, ctx),
    ...visitorContextRoutes(ctx, versions),
    ...cannedReplyRoutes(ctx),
    ...routingRoutes(ctx),
    ...resultsRoutes(ctx),
    ...leadsRoutes(ctx),
    ...dashboardRoutes(ctx),
    ...webhookRoutes(ctx),
  ];
}

function safeEqual(a: string, b: string): boolean {
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(a), h(b));
}
