import { z } from 'zod';
import { conditionSchema } from '../conditions/schema.ts';
import { DEFAULT_SETTINGS, MAX_CHATS_LIMIT } from './settings.ts';
import type { Routing, RoutingRule } from './types.ts';

/** Zod schemas of the routing vocabulary, shared by the route-sim scenario and the runtime's admin API. */

const id = z.string().trim().min(1, 'must not be empty');

export const planSchema = z.enum(['select', 'prime', 'ultimate']);
export const agentStatusSchema = z.enum(['online', 'away', 'offline']);

/** The `routing` of a `liveChat` card (SPEC §2). */
export const routingSchema: z.ZodType<Routing> = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('roundRobin') }),
  z.object({ mode: z.literal('agent'), agentId: id }),
  z.object({ mode: z.literal('rules') }),
  z.object({ mode: z.literal('team'), teamId: id }),
]);

export const settingsFields = {
  acceptTimeoutSec: z.number().min(0, 'must be 0 seconds or more'),
  maxChatsPerAgent: z.number().int().min(0).max(MAX_CHATS_LIMIT, `must be at most ${MAX_CHATS_LIMIT}`),
  trialEngagementLimit: z.number().int().min(0),
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
