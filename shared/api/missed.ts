import { z } from 'zod';
import { defineOperation, intQuery } from './operation.ts';
import { whySchema } from './routing.ts';

/** One missed chat as the inbox's Missed list shows it (SPEC §4 "Missed chat", §5). */
export const missedChatSchema = z
  .object({
    conversationId: z.string(),
    visitorId: z.string(),
    visitorName: z.string().nullable(),
    at: z.number().int().meta({ description: 'When the fallback happened (epoch ms)' }),
    reason: z.string().meta({ description: 'The fallback reason: `no-eligible-agent`, `queue-timeout`, …' }),
    why: z.string().meta({ description: 'The fallback decision in English words' }),
    whys: z
      .array(whySchema)
      .optional()
      .meta({ description: "The fallback decision's clauses, agents by name (absent: logged before clauses were)" }),
    message: z.string().nullable().meta({ description: 'What the visitor left after the fallback' }),
    messageAt: z.number().int().nullable(),
    email: z.string().nullable().meta({ description: 'Where to reply: the email left with the message, or captured' }),
    claimedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    claimedAt: z.number().int().nullable(),
    answeredBy: z
      .object({ id: z.string(), name: z.string() })
      .nullable()
      .meta({ description: 'Who last replied by email (null: not answered yet)' }),
    answeredAt: z.number().int().nullable(),
  })
  .meta({
    id: 'MissedChat',
    examples: [
      {
        conversationId: 'c_1a2b',
        visitorId: 'v_9f8e',
        visitorName: 'Ada',
        at: 1765000000000,
        reason: 'no-eligible-agent',
        why: 'round robin: no eligible agent (ann at capacity 10/10, bea away)',
        message: 'Please call me back about pricing.',
        messageAt: 1765000030000,
        email: 'ada@example.com',
        claimedBy: null,
        claimedAt: null,
        answeredBy: null,
        answeredAt: null,
      },
    ],
  });
export type MissedChatView = z.infer<typeof missedChatSchema>;

export const listMissed = defineOperation({
  operationId: 'listMissed',
  method: 'GET',
  path: '/api/missed',
  tag: 'live',
  summary: 'Missed chats (every fallback), newest first, with what the visitor left and who follows up',
  access: 'agent',
  query: z.object({
    claimed: z.enum(['true', 'false']).optional().meta({ description: 'Only claimed or only unclaimed ones' }),
    before: intQuery().optional().meta({ description: 'Fallbacks before this epoch ms (paging)' }),
    limit: intQuery().min(1).max(200).default(50),
  }),
  responses: { 200: { description: 'Missed chats', schema: z.array(missedChatSchema) } },
  errors: [400, 401, 403],
});

export const claimMissed = defineOperation({
  operationId: 'claimMissed',
  method: 'POST',
  path: '/api/missed/{id}/claim',
  tag: 'live',
  summary: 'Take the follow-up of a missed chat (again by the same agent: no change)',
  access: 'agent',
  params: z.object({ id: z.string().min(1).max(100) }),
  responses: { 200: { description: 'The claimed missed chat', schema: missedChatSchema } },
  errors: [401, 403, 404, 409],
});

export const replyMissed = defineOperation({
  operationId: 'replyMissed',
  method: 'POST',
  path: '/api/missed/{id}/reply',
  tag: 'live',
  summary:
    "Answer a missed chat by email (the agent who claimed it): sent through the workspace's mailer to the visitor's " +
    'email, with the agent as Reply-To; 409 when someone else holds it or it is not claimed, 422 without an email',
  access: 'agent',
  params: z.object({ id: z.string().min(1).max(100) }),
  body: z
    .object({ text: z.string().trim().min(1).max(10_000) })
    .meta({ examples: [{ text: 'Hi Ada, 40 seats come to 1,600 EUR a month. Shall we talk on Monday?' }] }),
  maxBody: 65536,
  responses: {
    200: {
      description: 'Queued for sending to this address',
      schema: z.object({ to: z.string() }).meta({ examples: [{ to: 'ada@example.com' }] }),
    },
  },
  errors: [400, 401, 403, 404, 409, 413, 422],
});
