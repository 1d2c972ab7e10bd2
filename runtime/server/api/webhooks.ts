import { randomBytes } from 'node:crypto';
import { api } from '../../../shared/api/routes.ts';
import { DISABLED_BY_ADMIN, ROTATION_GRACE_MS, type DisabledCode } from '../../../shared/api/webhooks.ts';
import { notFound } from '../http/body.ts';
import { HttpError, type Route } from '../http/types.ts';
import { newId } from '../store/ids.ts';
import { can } from '../store/users.ts';
import { FAN_OUT_BATCH, TEST_EVENT, type WebhookDelivery, type WebhookEndpoint } from '../store/webhooks.ts';
import { refuseUrl } from '../webhooks/endpointUrl.ts';
import type { ApiContext } from './context.ts';
import { route } from './operation.ts';

/** Webhook endpoints, their delivery log, resend and test events (SPEC §8.7): admins. */
export function webhookRoutes(ctx: ApiContext): Route[] {
  const { webhooks } = ctx.store;
  const admin = (req: Parameters<typeof ctx.auth.require>[0]) => ctx.auth.require(req, can.admin);
  const existing = async (id: string) => (await webhooks.endpoint(id)) ?? throwNotFound('webhook');
  return [
    route(api.listWebhooks, {
      async handler(req, call) {
        await admin(req);
        return call.json(200, (await webhooks.endpoints()).map(view));
      },
    }),
    route(api.createWebhook, {
      async handler(req, call) {
        await admin(req);
        const { url, events } = call.body;
        const refused = refuseUrl(url, ctx.webhooks.ownPorts());
        if (refused) throw new HttpError(422, 'bad-url', refused);
        const endpoint = {
          id: newId('wh'),
          url,
          events: [...new Set(events)],
          secret: newSecret(),
          enabled: true,
          createdAt: Date.now(),
        };
        await webhooks.createEndpoint(endpoint);
        return call.json(201, {
          ...view({
            ...endpoint,
            failingSince: null,
            disabledAt: null,
            disabledReason: null,
            previousSecret: null,
            previousUntil: null,
          }),
          secret: endpoint.secret,
        });
      },
    }),
    route(api.updateWebhook, {
      async handler(req, call) {
        await admin(req);
        const e = await existing(call.params.id);
        const { url, events, enabled } = call.body;
        if (url === undefined && events === undefined && enabled === undefined)
          throw new HttpError(400, 'invalid', 'give url, events or enabled');
        if (url !== undefined) {
          const refused = refuseUrl(url, ctx.webhooks.ownPorts());
          if (refused) throw new HttpError(422, 'bad-url', refused);
        }
        if (url !== undefined || events !== undefined)
          await webhooks.editEndpoint(e.id, {
            ...(url !== undefined ? { url } : {}),
            ...(events !== undefined ? { events: [...new Set(events)] } : {}),
          });
        if (enabled !== undefined) {
          await webhooks.setEndpointState(
            e.id,
            enabled
              ? { enabled, failingSince: null, disabledAt: null, disabledReason: null }
              : { enabled, disabledAt: Date.now(), disabledReason: DISABLED_BY_ADMIN },
          );
        }
        // A new URL or a switch back on: what waits is due now.
        if (enabled || url !== undefined) ctx.webhooks.deliverSoon();
        return call.json(200, view(await existing(e.id)));
      },
    }),
    route(api.rotateWebhookSecret, {
      async handler(req, call) {
        await admin(req);
        const e = await existing(call.params.id);
        const secret = newSecret();
        const previousSecretUntil = Date.now() + ROTATION_GRACE_MS;
        if (!(await webhooks.rotateSecret(e.id, secret, previousSecretUntil))) throw notFound('webhook');
        ctx.log.info({ audit: 'webhook-secret-rotated', endpoint: e.id }, 'a webhook secret was rotated');
        return call.json(200, { id: e.id, secret, previousSecretUntil });
      },
    }),
    route(api.deleteWebhook, {
      async handler(req, call) {
        await admin(req);
        if (!(await webhooks.removeEndpoint(call.params.id))) throw notFound('webhook');
        return { status: 204 };
      },
    }),
    route(api.listWebhookDeliveries, {
      async handler(req, call) {
        await admin(req);
        await existing(call.params.id);
        // Events stored and not yet fanned out by a delivery worker are made deliveries first, so that the log
        // shows every event of every step stored so far (a transaction only while the outbox holds some).
        while ((await webhooks.fanOut(FAN_OUT_BATCH)) === FAN_OUT_BATCH);
        return call.json(200, (await webhooks.deliveries(call.params.id, call.query.limit)).map(deliveryView));
      },
    }),
    route(api.resendWebhookDelivery, {
      async handler(req, call) {
        await admin(req);
        const d = await webhooks.delivery(call.params.delivery);
        if (!d || d.endpointId !== call.params.id) throw notFound('delivery');
        await webhooks.resend(d.id, Date.now());
        ctx.webhooks.deliverSoon();
        return call.json(202, deliveryView((await webhooks.delivery(d.id)) ?? d));
      },
    }),
    route(api.testWebhook, {
      async handler(req, call) {
        await admin(req);
        const e = await existing(call.params.id);
        const at = Date.now();
        const eventId = newId('msg');
        const payload = JSON.stringify({
          type: TEST_EVENT,
          timestamp: new Date(at).toISOString(),
          data: { endpointId: e.id, message: 'A test event from Tributary' },
        });
        await webhooks.enqueueTo(e.id, { eventId, type: TEST_EVENT, payload, at });
        ctx.webhooks.deliverSoon();
        return call.json(202, { deliveryId: `${eventId}:${e.id}` });
      },
    }),
  ];
}

/** A signing secret: `whsec_` and 24 random bytes in base64 (the Standard Webhooks form). */
const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/** An endpoint as listed: everything but the secrets; until when a replaced secret signs too. */
function view(e: WebhookEndpoint) {
  return {
    id: e.id,
    url: e.url,
    events: e.events,
    enabled: e.enabled,
    createdAt: e.createdAt,
    failingSince: e.failingSince,
    disabledAt: e.disabledAt,
    disabledReason: e.disabledReason,
    disabledCode: disabledCode(e.disabledReason),
    previousSecretUntil:
      e.previousSecret && e.previousUntil !== null && e.previousUntil > Date.now() ? e.previousUntil : null,
  };
}

/** The reason as a code UIs translate: anything but an admin's switch-off is the deliverer giving up. */
const disabledCode = (reason: string | null): DisabledCode | null =>
  reason === null ? null : reason === DISABLED_BY_ADMIN ? 'admin' : 'failing';

function deliveryView(d: WebhookDelivery) {
  return {
    id: d.id,
    type: d.type,
    createdAt: d.createdAt,
    status: d.status,
    attempts: d.attempts,
    nextAt: d.nextAt,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    lastMs: d.lastMs,
    lastAt: d.lastAt,
  };
}

function throwNotFound(what: string): never {
  throw notFound(what);
}
