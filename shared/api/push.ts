import { z } from 'zod';
import { defineOperation } from './operation.ts';

const base64url = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[A-Za-z0-9_-]+=*$/, 'base64url');

/** A browser's push subscription as `PushSubscription.toJSON()` gives it, plus the inbox language for its texts. */
export const pushSubscriptionSchema = z
  .object({
    endpoint: z
      .url({ protocol: /^https$/ })
      .max(2048)
      .meta({ description: "The push service's URL for this browser (https)" }),
    expirationTime: z.number().nullable().optional(),
    keys: z.object({ p256dh: base64url, auth: base64url }),
    lang: z.enum(['en', 'ko']).default('en').meta({ description: 'The language of the notifications' }),
  })
  .meta({
    id: 'PushSubscription',
    examples: [
      {
        endpoint: 'https://fcm.googleapis.com/fcm/send/dPxTJ9kIwQ:APA91bHgEf2',
        keys: {
          p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
          auth: 'tBHItJI5svbpez7KI4CCXg',
        },
        lang: 'en',
      },
    ],
  });
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionSchema>;

export const getPushKey = defineOperation({
  operationId: 'getPushKey',
  method: 'GET',
  path: '/api/push/key',
  tag: 'live',
  summary: "The workspace's VAPID public key (base64url), for `pushManager.subscribe({ applicationServerKey })`",
  access: 'agent',
  responses: {
    200: {
      description: 'The key',
      schema: z.object({ publicKey: z.string() }).meta({
        id: 'PushKey',
        examples: [
          { publicKey: 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U' },
        ],
      }),
    },
  },
  errors: [401, 403],
});

export const savePushSubscription = defineOperation({
  operationId: 'savePushSubscription',
  method: 'PUT',
  path: '/api/push/subscriptions',
  tag: 'live',
  summary:
    "Keeps this browser's push subscription for the signed-in agent and this session: offers and visitor messages " +
    'of their chats arrive as system notifications even when no inbox tab is open. Signing out forgets it',
  access: 'agent',
  body: pushSubscriptionSchema,
  maxBody: 8192,
  responses: { 204: { description: 'Kept (saving the same endpoint again replaces it)' } },
  errors: [400, 401, 403, 413, 422],
});

export const deletePushSubscription = defineOperation({
  operationId: 'deletePushSubscription',
  method: 'DELETE',
  path: '/api/push/subscriptions',
  tag: 'live',
  summary: "Forgets one of the signed-in agent's push subscriptions (the browser unsubscribed)",
  access: 'agent',
  body: z.object({ endpoint: z.string().max(2048) }).meta({
    id: 'PushEndpoint',
    examples: [{ endpoint: 'https://fcm.googleapis.com/fcm/send/dPxTJ9kIwQ:APA91bHgEf2' }],
  }),
  maxBody: 4096,
  responses: { 204: { description: 'Forgotten (also when it was not kept)' } },
  errors: [400, 401, 403, 413],
});

/**
 * What a push carries to the inbox's service worker (runtime/inbox/serviceWorker.ts), encrypted for the browser
 * (RFC 8291): the notification's words in the agent's language, and where a click leads.
 */
export interface PushPayload {
  kind: 'offer' | 'message';
  conversationId: string;
  title: string;
  body: string;
  /** Notifications with one tag replace each other (the inbox page uses the same ones): `offer:…`, `chat:…`. */
  tag: string;
  /** The inbox page a click opens: `/inbox?offer=…` or `/inbox?chat=…`. */
  url: string;
}
