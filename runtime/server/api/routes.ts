import type { Registry } from 'prom-client';
import type { Route } from '../http/types.ts';
import type { VersionCache } from '../live/versionCache.ts';
import type { DraftIO } from '../streams/draftIO.ts';
import type { ApiContext } from './context.ts';
import { conversationRoutes } from './conversations.ts';
import { dialogueRoutes } from './dialogues.ts';
import { meRoutes } from './me.ts';
import { routingRoutes } from './routing.ts';
import { sessionRoutes } from './session.ts';
import { streamRoutes } from './streams.ts';
import { userRoutes } from './users.ts';
import { widgetRoutes } from './widget.ts';
import { workspaceRoutes } from './workspace.ts';

/** The whole route table; docs/openapi.yaml documents exactly these (a test compares the two). */
export function buildRoutes(ctx: ApiContext, drafts: DraftIO, versions: VersionCache, registry: Registry): Route[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      handler: () => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' }),
    },
    {
      method: 'GET',
      path: '/metrics',
      handler: async () => ({
        status: 200,
        headers: { 'content-type': registry.contentType },
        body: await registry.metrics(),
      }),
    },
    ...sessionRoutes(ctx),
    ...meRoutes(ctx),
    ...userRoutes(ctx),
    ...workspaceRoutes(ctx),
    ...streamRoutes(ctx, drafts),
    ...dialogueRoutes(ctx),
    ...widgetRoutes(ctx, versions),
    ...conversationRoutes(ctx, ctx),
    ...routingRoutes(ctx),
  ];
}
