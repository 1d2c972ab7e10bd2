import { inSchedule, nextBoundary } from './clock.ts';
import type { AgentState, RoutingState } from './state.ts';
import type { AgentStatus } from './types.ts';

/**
 * An agent's status in force (SPEC §4 schedules): without a schedule, the agent's own choice. With one, inside a
 * block the agent is online and outside offline, unless the agent chose otherwise since the last block boundary:
 * that choice holds until the next boundary (Marketo's rule).
 */
export function effectiveStatus(state: RoutingState, agent: AgentState, now: number): AgentStatus {
  if (!agent.schedule) return agent.chosen;
  if (agent.chosenUntil !== undefined && now < agent.chosenUntil) return agent.chosen;
  return inSchedule(agent.schedule, state.clockOrigin + now) ? 'online' : 'offline';
}

/** The agent's next block boundary on the engine's clock, or undefined (no schedule, or no blocks). */
export function boundaryAfter(state: RoutingState, agent: AgentState, now: number): number | undefined {
  if (!agent.schedule) return undefined;
  const wall = nextBoundary(agent.schedule, state.clockOrigin + now);
  return wall === undefined ? undefined : wall - state.clockOrigin;
}

const timerKey = (agent: AgentState) => `@schedule ${agent.id}`;

/** Arms (or clears) the timer of the agent's next block boundary. */
export function armSchedule(state: RoutingState, agent: AgentState, now: number): void {
  const due = boundaryAfter(state, agent, now);
  if (due === undefined) state.timers.delete(timerKey(agent));
  else state.timers.push(timerKey(agent), due, { kind: 'schedule', agent });
}

export function disarmSchedule(state: RoutingState, agent: AgentState): void {
  state.timers.delete(timerKey(agent));
}
