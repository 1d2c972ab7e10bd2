import { copyRecord } from './output.ts';
import { ineligibility, type RoutingState } from './state.ts';
import type { AgentStatus, VisitorRecord } from './types.ts';

/**
 * Whether some agent could take a chat now, optionally in team `teamId` (an unknown team has none). This is the
 * answer to an `agentsAvailable` condition, for condition cards and routing rules alike. O(1).
 */
export function agentsAvailable(state: RoutingState, teamId?: string): boolean {
  if (teamId === undefined) return state.roundRobin.eligibleCount > 0;
  return (state.teams.get(teamId)?.eligibleCount ?? 0) > 0;
}

/** When the earliest pending offer lapses (the caller's clock, seconds), or undefined when none is pending. */
export function nextTimerAt(state: RoutingState): number | undefined {
  return state.timers.peek()?.due;
}

/** A copy of the visitor's current routing record (pending offer or open chat), or undefined. */
export function visitorRecord(state: RoutingState, visitor: string): VisitorRecord | undefined {
  const r = state.visitors.get(visitor);
  return r && copyRecord(r);
}

/** What the inbox shows about an agent: load, eligibility and the visitors it holds. */
export interface AgentView {
  id: string;
  liveChat: boolean;
  status: AgentStatus;
  teams: string[];
  chats: string[];
  offers: string[];
  eligible: boolean;
  /** Why the agent is not eligible (`away`, `at capacity 10/10`, …). */
  ineligible?: string;
}

export function agentView(state: RoutingState, agentId: string): AgentView | undefined {
  const a = state.agents.get(agentId);
  if (!a) return undefined;
  const reason = ineligibility(state, a);
  return {
    id: a.id,
    liveChat: a.liveChat,
    status: a.status,
    teams: [...a.teams],
    chats: [...a.chats],
    offers: [...a.offers],
    eligible: reason === undefined,
    ...(reason ? { ineligible: reason } : {}),
  };
}

/** Pending offers plus connected engagements, the number the select trial compares with its limit. */
export function trialUsage(state: RoutingState): { engagements: number; pending: number; limit: number } {
  return { engagements: state.engagements, pending: state.timers.size, limit: state.settings.trialEngagementLimit };
}
