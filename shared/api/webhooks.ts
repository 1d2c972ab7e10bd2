import { z } from 'zod';
import { defineOperation, idParam, intQuery } from './operation.ts';

/** The event types an endpoint may subscribe to (SPEC §8.7). */
export const WEBHOOK_EVENTS = [
  'conversation.started',
  'attribute.captured',
  'goal.reached',
  'livechat.requested',
  'livechat.connected',
  'livechat.missed',
  'conversation.ended',
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

const eventType = z.enum(WEBHOOK_EVENTS);

/**
 * After a rotation the replaced secret signs too, for this long: every delivery carries both signatures
 * (`v1,new v1,old`), so a receiver keeps verifying while it switches to the new secret. A day, like the retries.
 */
export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

/** The `disabledReason` an admin's switch-off records (the English sentence logs and mail show). */
export const DISABLED_BY_ADMIN = 'disabled by an admin';

/**
 * Why an endpoint is off, as a code a UI says in its own language (`disabledReason` is the server's English
 * sentence): `failing` when every delivery failed for a day (then `failingSince` says since when), `admin` when an
 * admin turned it off, null while it is on.
 */
export const disabledCodeSchema = z.enum(['failing', 'admin']);
export type DisabledCode = z.infer<typeof disabledCodeSchema>;

const endpointUrl = z.string().min(1).max(2048);
const endpointEvents = z.array(eventType).min(1).max(WEBHOOK_EVENTS.length);

export const webhookEndpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    createdAt: z.number().int(),
    failingSince: z.number().int().nullable().meta({ description: 'First failed attempt since the last success' }),
    disabledAt: z.number().int().nullable(),
    disabledReason: z
      .string()
      .nullable()
      .meta({ description: 'Why it was disabled: every delivery failed for 24 hours (re-enable with PATCH)' }),
    disabledCode: disabledCodeSchema
      .nullable()
      .meta({ description: '`disabledReason` as a code: `failing` (failed for 24 hours) or `admin`; null while on' }),
    previousSecretUntil: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'After a rotation: until when (epoch ms) the replaced secret signs deliveries too' }),
  })
  .meta({
    id: 'WebhookEndpoint',
    examples: [
      {
        id: 'wh_1',
        url: 'https://crm.example.com/hooks/tributary',
        events: ['conversation.started', 'goal.reached'],
        enabled: true,
        createdAt: 1765000000000,
        failingSince: null,
        disabledAt: null,
        disabledReason: null,
        disabledCode: null,
        previousSecretUntil: null,
      },
    ],
  });

export const webhookDeliverySchema = z
  .object({
    id: z.string().meta({ description: 'The `webhook-id` header: the same on every attempt' }),
    type: z.string(),
    createdAt: z.number().int(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    nextAt: z.number().int().meta({ description: 'When the next attempt is due (pending)' }),
    lastStatus: z.number().int().nullable().meta({ description: "The receiver's HTTP status of the last attempt" }),
    lastError: z.string().nullable(),
    lastMs: z.number().int().nullable().meta({ description: 'How long the last attempt took' }),
    lastAt: z.number().int().nullable(),
  })
  .meta({
    id: 'WebhookDelivery',
    examples: [
      {
        id: 'msg_Xq3v9wGh0aPc:wh_1',
        type: 'goal.reached',
        createdAt: 1765000000000,
        status: 'delivered',
        attempts: 2,
        nextAt: 1765000005120,
        lastStatus: 204,
        lastError: null,
        lastMs: 120,
        lastAt: 1765000005120,
      },
    ],
  });

const endpointParams = z.object({ id: idParam });

export const listWebhooks = defineOperation({
  operationId: 'listWebhooks',
  method: 'GET',
  path: '/api/webhooks',
  tag: 'results',
  summary: 'Webhook endpoints (secrets are shown once, when created)',
  access: 'admin',
  responses: { 200: { description: 'Endpoints', schema: z.array(webhookEndpointSchema) } },
  errors: [401, 403],
});

export const createWebhook = defineOperation({
  operationId: 'createWebhook',
  method: 'POST',
  path: '/api/webhooks',
  tag: 'results',
  summary: 'Add an endpoint: deliveries are signed with the secret answered here (Standard Webhooks)',
  description:
    "Only http and https URLs; a URL naming this runtime's own listener answers 422 `bad-url` " +
    '(receivers on other loopback ports are allowed).',
  access: 'admin',
  body: z.object({ url: endpointUrl, events: endpointEvents }),
  bodyExample: { url: 'https://crm.example.com/hooks/tributary', events: ['goal.reached'] },
  responses: {
    201: {
      description: 'Created; `secret` (`whsec_…`) verifies the signatures',
      schema: webhookEndpointSchema.extend({ secret: z.string() }),
      example: {
        id: 'wh_1',
        url: 'https://crm.example.com/hooks/tributary',
        events: ['goal.reached'],
        enabled: true,
        createdAt: 1765000000000,
        failingSince: null,
        disabledAt: null,
        disabledReason: null,
        disabledCode: null,
        previousSecretUntil: null,
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      },
    },
  },
  errors: [400, 401, 403, 422],
});

export const updateWebhook = defineOperation({
  operationId: 'updateWebhook',
  method: 'PATCH',
  path: '/api/webhooks/{id}',
  tag: 'results',
  summary: 'Edit an endpoint: its URL, its event types, or switch it on or off',
  description:
    'Give any of `url`, `events`, `enabled` (at least one). A URL is checked as when adding (422 `bad-url`). ' +
    'Enabling clears the failing mark and pending deliveries resume; deliveries already queued go to the new URL, ' +
    'and event types taken away stop new deliveries only.',
  access: 'admin',
  params: endpointParams,
  body: z.object({
    url: endpointUrl.optional(),
    events: endpointEvents.optional(),
    enabled: z.boolean().optional(),
  }),
  bodyExample: { url: 'https://crm.example.com/hooks/tributary-v2', events: ['goal.reached', 'conversation.ended'] },
  responses: { 200: { description: 'The endpoint', schema: webhookEndpointSchema } },
  errors: [400, 401, 403, 404, 422],
});

export const rotateWebhookSecret = defineOperation({
  operationId: 'rotateWebhookSecret',
  method: 'POST',
  path: '/api/webhooks/{id}/secret',
  tag: 'results',
  summary: 'Rotate the signing secret: a new secret, shown once here; the old one keeps signing for 24 hours',
  description:
    'Every delivery sent in the next 24 hours carries two signatures in `webhook-signature` (`v1,…` with the new ' +
    'secret, then `v1,…` with the old one, space-separated: the Standard Webhooks convention for rotation), so ' +
    'receivers verifying with either secret keep accepting them while they switch. Rotating again within the day ' +
    'retires the oldest secret at once.',
  access: 'admin',
  params: endpointParams,
  responses: {
    200: {
      description: 'The new secret (`whsec_…`) and until when the old one signs too',
      schema: z.object({ id: z.string(), secret: z.string(), previousSecretUntil: z.number().int() }),
      example: { id: 'wh_1', secret: 'whsec_Q2x0bV9uZXdfc2VjcmV0X2V4YW1wbGVfMQ==', previousSecretUntil: 1765086400000 },
    },
  },
  errors: [400, 401, 403, 404],
});

export const deleteWebhook = defineOperation({
  operationId: 'deleteWebhook',
  method: 'DELETE',
  path: '/api/webhooks/{id}',
  tag: 'results',
  summary: 'Remove an endpoint and its delivery log',
  access: 'admin',
  params: endpointParams,
  responses: { 204: { description: 'Removed' } },
  errors: [400, 401, 403, 404],
});

export const listWebhookDeliveries = defineOperation({
  operationId: 'listWebhookDeliveries',
  method: 'GET',
  path: '/api/webhooks/{id}/deliveries',
  tag: 'results',
  summary: "An endpoint's delivery log, newest first",
  access: 'admin',
  params: endpointParams,
  query: z.object({ limit: intQuery().min(1).max(500).default(100) }),
  responses: { 200: { description: 'Deliveries', schema: z.array(webhookDeliverySchema) } },
  errors: [400, 401, 403, 404],
});

export const resendWebhookDelivery = defineOperation({
  operationId: 'resendWebhookDelivery',
  method: 'POST',
  path: '/api/webhooks/{id}/deliveries/{delivery}/resend',
  tag: 'results',
  summary: 'Send a delivery again now, with the same `webhook-id`',
  access: 'admin',
  params: z.object({ id: idParam, delivery: z.string().min(1).max(200) }),
  responses: { 202: { description: 'Queued', schema: webhookDeliverySchema } },
  errors: [400, 401, 403, 404],
});

export const testWebhook = defineOperation({
  operationId: 'testWebhook',
  method: 'POST',
  path: '/api/webhooks/{id}/test',
  tag: 'results',
  summary: 'Send a test event (`webhook.test`) to the endpoint, whatever it subscribed to',
  access: 'admin',
  params: endpointParams,
  responses: {
    202: {
      description: 'Queued',
      schema: z.object({ deliveryId: z.string() }),
      example: { deliveryId: 'msg_Xq3v9wGh0aPc:wh_1' },
    },
  },
  errors: [400, 401, 403, 404],
});
