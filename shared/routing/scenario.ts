import { z } from 'zod';
import { step } from './engine.ts';
import { nextTimerAt, pendingVisitorTimers } from './queries.ts';
import { scheduleSchema } from './scheduleSchema.ts';
import {
  agentSchema,
  agentStatusSchema,
  attributesSchema,
  planSchema,
  routingSchema,
  rulesSchema,
  settingsPatchSchema,
  settingsSchema,
  teamSchema,
} from './schema.ts';
import { createRoutingState } from './state.ts';
import type { Decision, Note, RoutingEvent } from './types.ts';

const id = z.string().trim().min(1, 'must not be empty');
const at = z.number().min(0, 'must be 0 or later');
const DEFAULT_START = '2026-01-05T00:00:00Z';

/**
 * A route-sim scenario (SPEC §8.3): the workspace, then events on a virtual clock in seconds. Besides the five
 * visitor and agent events, the workspace events of the runtime (`agent`, `agentRemoved`, `teams`, `rules`,
 * `settings`, `plan`) may be replayed too, to see what a change of rules or team would have done.
 */
export const scenarioEventSchema = z.discriminatedUnion('type', [
  z.object({ at, type: z.literal('request'), visitor: id, routing: routingSchema, attributes: attributesSchema }),
  z.object({ at, type: z.literal('accept'), agent: id, visitor: id }),
  z.object({ at, type: z.literal('decline'), agent: id, visitor: id }),
  z.object({ at, type: z.literal('end'), visitor: id }),
  z.object({ at, type: z.literal('left'), visitor: id }),
  z.object({
    at,
    type: z.literal('transfer'),
    agent: id,
    visitor: id,
    to: z.union([z.strictObject({ agentId: id }), z.strictObject({ teamId: id })], {
      error: 'must be {"agentId": "…"} or {"teamId": "…"}',
    }),
    note: z.string().max(2000).optional(),
  }),
  z.object({ at, type: z.literal('status'), agent: id, status: agentStatusSchema }),
  z.object({
    at,
    type: z.literal('agent'),
    agent: id,
    liveChat: z.boolean().optional(),
    status: agentStatusSchema.optional(),
    teams: z.array(id).optional(),
    schedule: scheduleSchema.nullable().optional(),
  }),
  z.object({ at, type: z.literal('agentRemoved'), agent: id }),
  z.object({ at, type: z.literal('teams'), teams: z.array(teamSchema) }),
  z.object({ at, type: z.literal('rules'), rules: rulesSchema }),
  z.object({ at, type: z.literal('settings'), settings: settingsPatchSchema }),
  z.object({ at, type: z.literal('plan'), plan: planSchema }),
  z.object({ at, type: z.literal('businessHours'), businessHours: scheduleSchema.nullable() }),
]);

export const scenarioSchema = z
  .object({
    plan: planSchema,
    settings: settingsSchema,
    agents: z.array(agentSchema).default([]),
    teams: z.array(teamSchema).default([]),
    rules: rulesSchema.default([]),
    engagementsUsed: z.number().int().min(0).default(0),
    /** The wall-clock instant of `at` 0, for schedules and business hours (default: Monday 2026-01-05 00:00 UTC). */
    startsAt: z.iso
      .datetime({ offset: true, error: 'must be a date-time such as 2026-01-05T09:00:00+01:00' })
      .default(DEFAULT_START),
    businessHours: scheduleSchema.optional(),
    events: z.array(scenarioEventSchema).default([]),
  })
  .superRefine((s, ctx) => {
    for (const [list, name] of [
      [s.agents, 'agents'],
      [s.teams, 'teams'],
      [s.rules, 'rules'],
    ] as const) {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        const message = `duplicate id "${item.id}"`;
        if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [name, i, 'id'], message });
        seen.add(item.id);
      });
    }
  });

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioEvent = Scenario['events'][number];

/** One step of a run, for observers (tests, explain): the event (or a clock tick) and what it decided. */
export interface ScenarioStep {
  at: number;
  event: RoutingEvent;
  decisions: Decision[];
  notes: Note[];
}

/**
 * Runs a scenario on a virtual clock: events in `at` order (stable for equal times), every timer due at t before
 * the events at t, then the clock runs on until no timer is left. The same engine runs the live workspace.
 */
export function runScenario(
  scenario: Scenario,
  onStep?: (s: ScenarioStep) => void,
): { decisions: Decision[]; notes: Note[] } {
  const clockOrigin = Date.parse(scenario.startsAt) / 1000;
  // route-sim prints every change of a queued visitor's place; the runtime pushes places to visitors itself.
  const state = createRoutingState({ ...scenario, clockOrigin }, { reportPositions: true });
  const decisions: Decision[] = [];
  const notes: Note[] = [];
  const run = (event: RoutingEvent, now: number): void => {
    const r = step(state, event, now);
    decisions.push(...r.decisions);
    notes.push(...r.notes);
    onStep?.({ at: now, event, decisions: r.decisions, notes: r.notes });
  };
  // Array.prototype.sort is stable, so events at equal times keep their listed order.
  const events = scenario.events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i);
  for (const { e } of events) {
    const { at: now, ...event } = e;
    run(event as RoutingEvent, now);
  }
  // Schedule boundaries recur every week: the clock runs on while a visitor's timer (offer, transfer, queue) is left.
  while (pendingVisitorTimers(state) > 0) run({ type: 'tick' }, nextTimerAt(state)!);
  return { decisions, notes };
}
