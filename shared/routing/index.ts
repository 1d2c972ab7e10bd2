/**
 * The live-chat routing engine (SPEC §4), pure: no I/O, no clock of its own. See docs/routing.md.
 *
 *   const state = createRoutingState(workspace);
 *   const { decisions, timers, records } = step(state, event, nowSeconds);
 */
export { step } from './engine.ts';
export { createRoutingState, type RoutingState } from './state.ts';
export {
  agentsAvailable,
  agentView,
  nextTimerAt,
  pendingVisitorTimers,
  queuePlace,
  queues,
  trialUsage,
  visitorRecord,
  type AgentView,
  type QueuePlace,
} from './queries.ts';
export { runScenario, scenarioSchema, scenarioEventSchema, type Scenario, type ScenarioStep } from './scenario.ts';
export { parseScenario } from './parseScenario.ts';
export { explainDecision, explainNote } from './explain.ts';
export { copyRecord } from './output.ts';
export { DEFAULT_SETTINGS, MAX_CHATS_LIMIT, QUEUE_BOUNDS, SETTING_BOUNDS } from './settings.ts';
export { scheduleSchema } from './scheduleSchema.ts';
export {
  agentSchema,
  agentStatusSchema,
  planSchema,
  routingSchema,
  ruleSchema,
  rulesSchema,
  settingsPatchSchema,
  settingsSchema,
} from './schema.ts';
export type * from './types.ts';
