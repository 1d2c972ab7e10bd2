import { z } from 'zod';
import { agentStatusSchema } from '../routing/schema.ts';
import { defineOperation, intQuery } from './operation.ts';
import { PLANS, ruleSchema, settingsSchema } from './workspace.ts';
import { MAX_QUERY_LENGTH } from './searchLimits.ts';
import { WHY_CODES } from '../routing/whys.ts';

/** One clause of a decision's why: a code with its parts (shared/routing/whys.ts lists every code's parts). */
export const whySchema = z.looseObject({ code: z.enum(WHY_CODES) }).meta({
  id: 'WhyClause',
  description:
    'A code with its parts (agent ids, pool labels, numbers; seconds as numbers); the clauses of a decision in ' +
    'order say its `why` (docs/routing.md)',
  examples: [{ code: 'offeredNext', pool: 'team sales', agent: 'u_4f2a', position: 2, size: 3 }],
});
const whysSchema = z
  .array(whySchema)
  .optional()
  .meta({ description: 'The why as clauses, to say in any language (absent: logged before clauses were recorded)' });

/** A stored routing decision: the engine's decision (in `detail`) plus the conversation it concerns. */
export const decisionSchema = z
  .object({
    id: z.number().int(),
    at: z.number().int(),
    conversationId: z.string(),
    visitorId: z.string().nullable().meta({ description: "The conversation's visitor (null: conversation gone)" }),
    visitorName: z
      .string()
      .nullable()
      .meta({ description: "The visitor's name, else their email, when their profile has one" }),
    event: z.string().meta({ description: '`offered`, `connected`, `timeout`, `declined`, `fallback`, `queued`, …' }),
    agentId: z.string().nullable(),
    reason: z.string().nullable(),
    why: z.string().meta({ description: 'Why, in English' }),
    whys: whysSchema,
    detail: z
      .looseObject({
        pool: z.string().optional(),
        rule: z.string().optional(),
        retry: z.boolean().optional(),
        skipped: z.array(z.object({ agent: z.string(), reason: z.string() })).optional(),
        skippedMore: z.number().int().optional(),
      })
      .meta({ description: 'The whole engine decision: pool, position, rule, retry, skipped agents, …' }),
  })
  .meta({
    id: 'Decision',
    examples: [
      {
        id: 7,
        at: 1765000360000,
        conversationId: 'c_5d1e',
        visitorId: 'v_77aa',
        visitorName: 'Ada Lovelace',
        event: 'offered',
        agentId: 'u_4f2a',
        reason: null,
        why: 'team sales: offered to u_4f2a, next in the rotation (position 2 of 3)',
        whys: [{ code: 'offeredNext', pool: 'team sales', agent: 'u_4f2a', position: 2, size: 3 }],
        detail: { event: 'offered', agent: 'u_4f2a', pool: 'sales' },
      },
    ],
  });
export type Decision = z.infer<typeof decisionSchema>;

export const whatIfSchema = z
  .object({
    rules: z.array(ruleSchema).max(500).optional(),
    settings: settingsSchema
      .pick({ acceptTimeoutSec: true, maxChatsPerAgent: true, trialEngagementLimit: true })
      .partial()
      .strict()
      .optional(),
    plan: z.enum(PLANS).optional(),
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
      .optional()
      .meta({ description: 'Changes to agents: availability, live-chat permission, teams' }),
    from: z.number().int().nonnegative().optional().meta({ description: 'Epoch ms; default `to` − 24 h' }),
    to: z.number().int().nonnegative().optional().meta({ description: 'Epoch ms; default now' }),
  })
  .strict()
  .meta({ id: 'WhatIf', examples: [{ settings: { maxChatsPerAgent: 2 }, plan: 'prime' }] });
export type WhatIfRequest = z.input<typeof whatIfSchema>;

const outcomeSchema = z
  .object({
    visitor: z.string(),
    outcome: z.string().meta({ description: '`connected <agent>`, `fallback <reason>` or `pending`' }),
    decisions: z.array(
      z.object({
        at: z.number(),
        event: z.string(),
        agent: z.string().optional(),
        reason: z.string().optional(),
        why: z.string(),
        whys: whysSchema,
      }),
    ),
  })
  .meta({ id: 'WhatIfOutcome' });
export type WhatIfOutcome = z.infer<typeof outcomeSchema>;

export const whatIfResultSchema = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    requests: z.number().int(),
    changed: z.number().int(),
    differences: z.array(z.object({ visitor: z.string(), before: outcomeSchema, after: outcomeSchema })),
    summary: z.object({
      before: z.record(z.string(), z.number()),
      after: z.record(z.string(), z.number()),
    }),
  })
  .meta({
    id: 'WhatIfResult',
    examples: [
      {
        from: 1765000000000,
        to: 1765086400000,
        requests: 12,
        changed: 1,
        differences: [
          {
            visitor: 'v_77aa',
            before: { visitor: 'v_77aa', outcome: 'connected u_4f2a', decisions: [] },
            after: {
              visitor: 'v_77aa',
              outcome: 'fallback no-eligible-agent',
              decisions: [
                { at: 1765000360000, event: 'fallback', reason: 'no-eligible-agent', why: 'nobody is online' },
              ],
            },
          },
        ],
        summary: { before: { connected: 12 }, after: { connected: 11, fallback: 1 } },
      },
    ],
  });
export type WhatIfResult = z.infer<typeof whatIfResultSchema>;

export const listDecisions = defineOperation({
  operationId: 'listDecisions',
  method: 'GET',
  path: '/api/routing/decisions',
  tag: 'live',
  summary: 'Routing decisions with their why, newest first',
  access: 'admin',
  query: z.object({
    visitor: z.string().max(100).optional(),
    q: z
      .string()
      .max(MAX_QUERY_LENGTH)
      .optional()
      .meta({ description: "Words of the visitor's name, email or other captured values (the last one as a prefix)" }),
    agent: z.string().max(100).optional(),
    conversation: z.string().max(100).optional(),
    from: intQuery().nonnegative().optional().meta({ description: 'Epoch ms' }),
    to: intQuery().nonnegative().optional().meta({ description: 'Epoch ms' }),
    limit: intQuery().min(1).max(1000).default(100),
  }),
  responses: { 200: { description: 'Decisions', schema: z.array(decisionSchema) } },
  errors: [400, 401, 403],
});

export const whatIf = defineOperation({
  operationId: 'whatIf',
  method: 'POST',
  path: '/api/routing/what-if',
  tag: 'live',
  summary:
    'Replay the logged routing requests of a window (default the last 24 h) with edited rules, settings, plan, agents',
  description:
    'Runs the routing scenario runner twice over the logged requests, accepts, declines, ends and status changes: ' +
    'once with the workspace as it is and once with the edits; answers the requests whose outcome differs.',
  access: 'admin',
  body: whatIfSchema,
  maxBody: 512 * 1024,
  responses: { 200: { description: 'Differences', schema: whatIfResultSchema } },
  errors: [400, 401, 403, 413],
});

export const queueViewSchema = z
  .object({
    queues: z.array(
      z.object({
        pool: z.string().meta({ description: '`round robin`, `team <id>` or `agent <id>`' }),
        visitors: z.array(
          z.object({
            conversationId: z.string(),
            visitorName: z.string().nullable(),
            since: z.number().int().meta({ description: 'Epoch ms' }),
            waitingSec: z.number().int().nonnegative(),
          }),
        ),
      }),
    ),
  })
  .meta({
    id: 'QueueView',
    examples: [
      {
        queues: [
          {
            pool: 'team sales',
            visitors: [{ conversationId: 'c_1a2b', visitorName: 'Ada', since: 1765000000000, waitingSec: 42 }],
          },
        ],
      },
    ],
  });
export type QueueView = z.infer<typeof queueViewSchema>;

export const listQueue = defineOperation({
  operationId: 'listQueue',
  method: 'GET',
  path: '/api/routing/queue',
  tag: 'live',
  summary: 'Visitors waiting in the live-chat queues, in order, and for how long',
  access: 'agent',
  responses: { 200: { description: 'The queues', schema: queueViewSchema } },
  errors: [401, 403],
});
