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

/**
 * When the engine's next timer is due (the caller's clock, seconds): an offer or transfer that lapses, a queue
 * wait that ends, an agent's schedule boundary. Undefined when none is armed.
 */
export function nextTimerAt(state: RoutingState): number | undefined {
  return state.timers.peek()?.due;
}

/** Timers that belong to visitors (offers, transfers, queue waits); schedule boundaries come every week forever. */
export function pendingVisitorTimers(state: RoutingState): number {
  return state.visitorTimers;
}

/** A queued visitor's place: the pool, the 1-based position, the queue's length, and since when it waits. */
export interface QueuePlace {
  pool: string;
  position: number;
  length: number;
  since: number;
  /** Agents of the pool online with the live-chat permission (for an estimate of the wait). */
  available: number;
}

/** Where the visitor waits, or undefined when it is not queued. O(log n). */
export function queuePlace(state: RoutingState, visitor: string): QueuePlace | undefined {
  const r = state.visitors.get(visitor);
  if (r?.phase !== 'queued' || !r.queue) return undefined;
  const queue = state.queues.get(r.queue.pool);
  if (!queue) return undefined;
  return {
    pool: r.queue.pool,
    position: queue.position(visitor),
    length: queue.length,
    since: r.queue.since,
    available: availableIn(state, r.queue.pool),
  };
}

function availableIn(state: RoutingState, label: string): number {
  if (label === 'round robin') return state.roundRobin.availableCount;
  if (label.startsWith('team ')) return state.teams.get(label.slice(5))?.availableCount ?? 0;
  return state.agents.get(label.slice(6))?.available ? 1 : 0;
}

/** Every waiting queue with its visitors in order (who waits, where, since when): the inbox's queue view. */
export function queues(state: RoutingState): { pool: string; visitors: { visitor: string; since: number }[] }[] {
  return [...state.queues.values()].map((q) => ({
    pool: q.pool,
    visitors: [...q.from(1)].map((r) => ({ visitor: r.visitor, since: r.queue!.since })),
  }));
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
  return { engagements: state.engagements, pending: state.pendingOffers, limit: state.settings.trialEngagementLimit };
}
