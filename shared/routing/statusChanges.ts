import { armSchedule, boundaryAfter, effectiveStatus } from './availability.ts';
import { refreshAgent, type AgentState, type RoutingState } from './state.ts';
import type { AgentStatus } from './types.ts';

// Status changes that re-index the agent (refreshAgent): apart from availability.ts, which state.ts itself uses.

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
