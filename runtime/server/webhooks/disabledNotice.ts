import type { Mail } from '../mail/mailer.ts';
import type { WebhookEndpoint } from '../store/webhooks.ts';

/** The email admins get when a failing endpoint was disabled. */
export function disabledNotice(e: WebhookEndpoint): Mail {
  return {
    subject: `Webhook disabled: ${e.url}`,
    text: [
      `Tributary stopped sending webhooks to ${e.url}: ${e.disabledReason ?? 'it kept failing'}.`,
      '',
      'Its pending deliveries are kept. Fix the receiver, then enable the endpoint again in the admin console',
      '(Webhooks), or with PATCH /api/webhooks/' + e.id + ' {"enabled": true}; the pending deliveries resume.',
    ].join('\n'),
  };
}
