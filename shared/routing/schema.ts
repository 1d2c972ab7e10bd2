import { z } from 'zod';
import { boundedConditionSchema } from '../conditions/depth.ts';
import { scheduleSchema } from './scheduleSchema.ts';
import { DEFAULT_QUEUE, DEFAULT_SETTINGS, PLANS, QUEUE_BOUNDS, SETTING_BOUNDS } from './settings.ts';
import type { RoutingRule } from './types.ts';

/** Zod schemas of the routing vocabulary, shared by the route-sim scenario and the runtime's admin API. */

const id = z.string().trim().min(1, 'must not be empty');

export const planSchema = z.enum(PLANS);
export const agentStatusSchema = z.enum(['online', 'away', 'offline']);

/**
 * The routing modes of a `liveChat` card (SPEC §4), in the order the editor offers them. The one list of modes:
 * the card, the engine, route-sim, the editor and the server all take it from here.
 */
export const ROUTING_MODES = ['roundRobin', 'balanced', 'agent', 'team', 'rules'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

/** How a team picks among its members: its rotation (the default), or the least loaded member. */
export const TEAM_STRATEGIES = ['rotation', 'balanced'] as const;

/** The `routing` of a `liveChat` card (SPEC §2), also a route-sim request's and a rule target's routing. */
export const routingSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('roundRobin') }),
  z.strictObject({ mode: z.literal('balanced') }),
  z.strictObject({ mode: z.literal('agent'), agentId: z.string().trim().min(1, 'choose the agent') }),
  z.strictObject({
    mode: z.literal('team'),
    teamId: z.string().trim().min(1, 'choose the team'),
    strategy: z.enum(TEAM_STRATEGIES).optional(),
  }),
  z.strictObject({ mode: z.literal('rules') }),
]);

/** A whole number within the bounds; each message names the bound it breaks. */
function bounded({ min, max }: { min: number; max: number }) {
  return z.number().int('must be a whole number').min(min, `must be ${min} or more`).max(max, `must be at most ${max}`);
}

/** The waiting queue's settings; any field left out keeps its current value (or the default). */
export const queuePatchSchema = z.strictObject({
  enabled: z.boolean().optional(),
  maxWaitSec: bounded(QUEUE_BOUNDS.maxWaitSec).optional(),
  maxLength: bounded(QUEUE_BOUNDS.maxLength).optional(),
});

/** Each routing setting with its bounds (SETTING_BOUNDS), defined once for scenarios, the engine and the API. */
export const settingsFields = {
  acceptTimeoutSec: bounded(SETTING_BOUNDS.acceptTimeoutSec),
  maxChatsPerAgent: bounded(SETTING_BOUNDS.maxChatsPerAgent),
  trialEngagementLimit: bounded(SETTING_BOUNDS.trialEngagementLimit),
  queue: z.strictObject({
    enabled: z.boolean(),
    maxWaitSec: bounded(QUEUE_BOUNDS.maxWaitSec),
    maxLength: bounded(QUEUE_BOUNDS.maxLength),
  }),
  fallbackToRoundRobin: z.boolean(),
};

/** Settings with the defaults of SPEC §4 filled in (a partial `queue` is completed from the default). */
export const settingsSchema = z
  .object({
    acceptTimeoutSec: settingsFields.acceptTimeoutSec.default(DEFAULT_SETTINGS.acceptTimeoutSec),
    maxChatsPerAgent: settingsFields.maxChatsPerAgent.default(DEFAULT_SETTINGS.maxChatsPerAgent),
    trialEngagementLimit: settingsFields.trialEngagementLimit.default(DEFAULT_SETTINGS.trialEngagementLimit),
    queue: queuePatchSchema.default({}).transform((q) => ({ ...DEFAULT_QUEUE, ...q })),
    fallbackToRoundRobin: settingsFields.fallbackToRoundRobin.default(DEFAULT_SETTINGS.fallbackToRoundRobin),
  })
  .prefault({});

/** A change of some settings (runtime `settings` event). */
export const settingsPatchSchema = z.object({
  acceptTimeoutSec: settingsFields.acceptTimeoutSec.optional(),
  maxChatsPerAgent: settingsFields.maxChatsPerAgent.optional(),
  trialEngagementLimit: settingsFields.trialEngagementLimit.optional(),
  queue: queuePatchSchema.optional(),
  fallbackToRoundRobin: settingsFields.fallbackToRoundRobin.optional(),
});

export const agentSchema = z.object({
  id,
  teams: z.array(id).default([]),
  liveChat: z.boolean().default(true),
  status: agentStatusSchema.default('offline'),
  /** Weekly availability; with one, the schedule decides the status and a `status` event overrides it. */
  schedule: scheduleSchema.optional(),
});

/** A team: `{"id": "sales"}`, or just `"sales"`. */
export const teamSchema = z.union([z.object({ id }), id.transform((teamId) => ({ id: teamId }))]);

/** Where a rule sends the visitor: one agent or one team. */
export const ruleRouteSchema = z.union([z.object({ agentId: id }).strict(), z.object({ teamId: id }).strict()], {
  error: 'must be {"agentId": "…"} or {"teamId": "…"}',
});

/**
 * A rule; without an `id` it is named after its place (`rule 2`) when the list is read. The one shape of a rule:
 * the admin API's `Rule` extends it with a required id and a display name.
 */
export const ruleSchema = z.object({
  id: id.optional(),
  when: boundedConditionSchema,
  route: ruleRouteSchema,
});

/** Rules as the engine takes them: every rule has an id. */
export const rulesSchema = z
  .array(ruleSchema)
  .transform((rules): RoutingRule[] => rules.map((r, i) => ({ ...r, id: r.id ?? `rule ${i + 1}` })));

/** Visitor attributes: text; numbers and booleans are taken as their text, null as unknown. */
export const attributesSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .default({})
  .transform((attrs) => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(attrs)) if (v !== null) out[k] = String(v);
    return out;
  });
