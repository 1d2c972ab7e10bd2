import { inSchedule, nextBoundary } from './clock.ts';
import { refreshAgent, type AgentState, type RoutingState } from './state.ts';
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
function boundaryAfter(state: RoutingState, agent: AgentState, now: number): number | undefined {
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

/** The agent chose a status (inbox toggle): with a schedule it holds until the next block boundary. */
export function choose(state: RoutingState, agent: AgentState, status: AgentStatus, now: number): void {
  agent.chosen = status;
  agent.chosenUntil = boundaryAfter(state, agent, now);
  applyStatus(state, agent, now);
}

/** A block boundary passed: the agent's own choice lapses and the schedule rules again. */
export function crossBoundary(state: RoutingState, agent: AgentState, at: number): void {
  agent.chosenUntil = undefined;
  applyStatus(state, agent, at);
  armSchedule(state, agent, at);
}

/** Puts the status in force into effect; becoming online starts the agent's idle time (balanced ties). */
export function applyStatus(state: RoutingState, agent: AgentState, now: number): void {
  const next = effectiveStatus(state, agent, now);
  if (next === 'online' && agent.status !== 'online') agent.idleSince = now;
  agent.status = next;
  refreshAgent(state, agent);
}
