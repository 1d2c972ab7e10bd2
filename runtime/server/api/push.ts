import { api } from '../../../shared/api/routes.ts';
import { HttpError, type Route } from '../http/types.ts';
import { vapidKeys } from '../push/vapid.ts';
import { hashToken } from '../store/sessions.ts';
import { can } from '../store/users.ts';
import { refuseUrl } from '../webhooks/endpointUrl.ts';
import type { ApiContext } from './context.ts';
import { route } from './operation.ts';

/**
 * Web Push for agents (docs/inbox.md, Notifications): the VAPID public key browsers subscribe with, and the
 * subscriptions themselves, each kept for the session that made it (signing out forgets them).
 */
export function pushRoutes(ctx: ApiContext): Route[] {
  const agent = (req: Parameters<ApiContext['auth']['require']>[0]) => ctx.auth.require(req, can.liveChat);
  return [
    route(api.getPushKey, {
      async handler(req, call) {
        await agent(req);
        return call.json(200, { publicKey: (await vapidKeys(ctx.store)).publicKey });
      },
    }),
    route(api.savePushSubscription, {
      async handler(req, call) {
        const p = await agent(req);
        const s = call.body;
        const refused = refuseUrl(s.endpoint, ctx.webhooks.ownPorts());
        if (refused) throw new HttpError(422, 'bad-endpoint', refused.replace(/^url/, 'endpoint'));
        await ctx.store.push.save({
          endpoint: s.endpoint,
          userId: p.user.id,
          p256dh: s.keys.p256dh,
          auth: s.keys.auth,
          lang: s.lang,
          sessionHash: hashToken(p.token),
          createdAt: Date.now(),
        });
        return { status: 204 };
      },
    }),
    route(api.deletePushSubscription, {
      async handler(req, call) {
        const p = await agent(req);
        await ctx.store.push.remove(call.body.endpoint, p.user.id);
        return { status: 204 };
      },
    }),
  ];
}
