import { z } from 'zod';
import { conditionSchema } from '../conditions/schema.ts';
import { DEFAULT_SETTINGS, PLANS, SETTING_BOUNDS } from './settings.ts';
import type { RoutingRule } from './types.ts';

/** Zod schemas of the routing vocabulary, shared by the route-sim scenario and the runtime's admin API. */

const id = z.string().trim().min(1, 'must not be empty');

export const planSchema = z.enum(PLANS);
export const agentStatusSchema = z.enum(['online', 'away', 'offline']);

/**
 * The routing modes of a `liveChat` card (SPEC §4), in the order the editor offers them. The one list of modes:
 * the card, the engine, route-sim, the editor and the server all take it from here.
 */
export const ROUTING_MODES = ['roundRobin', 'agent', 'team', 'rules'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

/** The `routing` of a `liveChat` card (SPEC §2), also a route-sim request's and a rule target's routing. */
export const routingSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('roundRobin') }),
  z.strictObject({ mode: z.literal('agent'), agentId: z.string().trim().min(1, 'choose the agent') }),
  z.strictObject({ mode: z.literal('team'), teamId: z.string().trim().min(1, 'choose the team') }),
  z.strictObject({ mode: z.literal('rules') }),
]);

/** A whole number within the setting's bounds; each message names the bound it breaks. */
function bounded(name: keyof typeof SETTING_BOUNDS) {
  const { min, max } = SETTING_BOUNDS[name];
  return z.number().int('must be a whole number').min(min, `must be ${min} or more`).max(max, `must be at most ${max}`);
}

/** Each routing setting with its bounds (SETTING_BOUNDS), defined once for scenarios, the engine and the API. */
export const settingsFields = {
  acceptTimeoutSec: bounded('acceptTimeoutSec'),
  maxChatsPerAgent: bounded('maxChatsPerAgent'),
  trialEngagementLimit: bounded('trialEngagementLimit'),
};

/** Settings with the defaults of SPEC §4 filled in. */
export const settingsSchema = z
  .object({
    acceptTimeoutSec: settingsFields.acceptTimeoutSec.default(DEFAULT_SETTINGS.acceptTimeoutSec),
    maxChatsPerAgent: settingsFields.maxChatsPerAgent.default(DEFAULT_SETTINGS.maxChatsPerAgent),
    trialEngagementLimit: settingsFields.trialEngagementLimit.default(DEFAULT_SETTINGS.trialEngagementLimit),
  })
  .prefault({});

/** A change of some settings (runtime `settings` event). */
export const settingsPatchSchema = z.object({
  acceptTimeoutSec: settingsFields.acceptTimeoutSec.optional(),
  maxChatsPerAgent: settingsFields.maxChatsPerAgent.optional(),
  trialEngagementLimit: settingsFields.trialEngagementLimit.optional(),
});

export const agentSchema = z.object({
  id,
  teams: z.array(id).default([]),
  liveChat: z.boolean().default(true),
  status: agentStatusSchema.default('offline'),
});

/** A team: `{"id": "sales"}`, or just `"sales"`. */
export const teamSchema = z.union([z.object({ id }), id.transform((teamId) => ({ id: teamId }))]);

/** A rule; without an `id` it is named after its place (`rule 2`) when the list is read. */
export const ruleSchema = z.object({
  id: id.optional(),
  when: conditionSchema,
  route: z.union([z.object({ agentId: id }).strict(), z.object({ teamId: id }).strict()], {
    error: 'must be {"agentId": "…"} or {"teamId": "…"}',
  }),
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
