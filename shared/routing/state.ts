import { Pool } from './pool.ts';
import { DEFAULT_SETTINGS, mergeSettings } from './settings.ts';
import { TimerHeap } from './timerHeap.ts';
import type {
  AgentInit,
  AgentStatus,
  Plan,
  RoutingRule,
  RoutingSettings,
  RoutingWorkspace,
  VisitorRecord,
} from './types.ts';

/** The engine's view of one agent. `chats` and `offers` hold visitor ids; their sum is the agent's load. */
export interface AgentState {
  id: string;
  /** Stable order key: the agent's place in the workspace's agent list (later additions go last). */
  order: number;
  liveChat: boolean;
  status: AgentStatus;
  teams: string[];
  chats: Set<string>;
  offers: Set<string>;
  /** `chats.size + offers.size`, kept by `refreshAgent` (read on every skip, so one field rather than two sets). */
  load: number;
  /** The pools this agent is a member of, with its position in each. */
  slots: Map<Pool, number>;
}

/**
 * Everything the routing engine knows. Created by `createRoutingState` and then owned by the engine: `step`
 * mutates it in place (a copy per event would cost more than the decision itself at 10,000 visitors), so nothing
 * else may write to it. Read it through `visitorRecord`, `agentView`, `agentsAvailable` and `nextTimerAt`.
 */
export interface RoutingState {
  plan: Plan;
  settings: RoutingSettings;
  agents: Map<string, AgentState>;
  nextOrder: number;
  roundRobin: Pool;
  /** Team pools: every declared team and every team an agent names. */
  teams: Map<string, Pool>;
  declaredTeams: Set<string>;
  rules: RoutingRule[];
  /** Visitors with a pending offer or an open chat (the engine forgets the others). */
  visitors: Map<string, VisitorRecord>;
  /**
   * Pending offers: their accept deadlines by offer id, each with the visitor's record. The count is what the
   * select trial adds to the engagements.
   */
  timers: TimerHeap<VisitorRecord>;
  /** Connected engagements over the workspace's lifetime, starting at `engagementsUsed`. */
  engagements: number;
  /** The clock of the last step (seconds, the caller's clock). */
  now: number;
}

/** A fresh engine state for a workspace (agents in their stable order). */
export function createRoutingState(ws: RoutingWorkspace): RoutingState {
  const state: RoutingState = {
    plan: ws.plan,
    settings: mergeSettings(DEFAULT_SETTINGS, ws.settings),
    agents: new Map(),
    nextOrder: 0,
    roundRobin: new Pool('round robin'),
    teams: new Map(),
    declaredTeams: new Set((ws.teams ?? []).map((t) => t.id)),
    rules: ws.rules ?? [],
    visitors: new Map(),
    timers: new TimerHeap<VisitorRecord>(),
    engagements: ws.engagementsUsed ?? 0,
    now: 0,
  };
  for (const init of ws.agents ?? []) {
    if (!state.agents.has(init.id)) state.agents.set(init.id, newAgent(state, init));
  }
  rebuildPools(state);
  return state;
}

export function newAgent(state: RoutingState, init: AgentInit): AgentState {
  return {
    id: init.id,
    order: state.nextOrder++,
    liveChat: init.liveChat ?? true,
    status: init.status ?? 'offline',
    teams: [...new Set(init.teams ?? [])],
    chats: new Set(),
    offers: new Set(),
    load: 0,
    slots: new Map(),
  };
}

/** Rebuilds every pool from the agents (creation, settings changes). O(agents × teams per agent). */
export function rebuildPools(state: RoutingState): void {
  const eligible = isEligibleIn(state);
  const teamMembers = new Map<string, AgentState[]>([...state.declaredTeams].map((id) => [id, []]));
  const live: AgentState[] = [];
  for (const a of state.agents.values()) {
    if (a.liveChat) live.push(a);
    for (const t of a.teams) {
      if (!teamMembers.has(t)) teamMembers.set(t, []);
      teamMembers.get(t)!.push(a);
    }
  }
  state.roundRobin.setMembers(live, eligible);
  for (const [id, pool] of state.teams) if (!teamMembers.has(id)) pool.setMembers([], eligible);
  for (const id of state.teams.keys()) if (!teamMembers.has(id)) state.teams.delete(id);
  for (const [id, members] of teamMembers) teamPool(state, id).setMembers(members, eligible);
}

/** The pool of team `id`, created when missing. */
export function teamPool(state: RoutingState, id: string): Pool {
  let pool = state.teams.get(id);
  if (!pool) state.teams.set(id, (pool = new Pool(`team ${id}`)));
  return pool;
}

/** Why `agent` cannot take a chat now (SPEC §4), or undefined when it is eligible. */
export function ineligibility(state: RoutingState, agent: AgentState): string | undefined {
  if (!agent.liveChat) return 'no live-chat permission';
  if (agent.status !== 'online') return agent.status;
  const load = agent.load;
  const max = state.settings.maxChatsPerAgent;
  if (load >= max) return load === max ? atCapacity(max) : `at capacity ${load}/${max}`;
  return undefined;
}

// `at capacity 10/10` is the reason of most skips in a busy workspace: one string per limit, not one per skip.
const capacityTexts: string[] = [];
function atCapacity(max: number): string {
  return (capacityTexts[max] ??= `at capacity ${max}/${max}`);
}

export function isEligibleIn(state: RoutingState): (agent: AgentState) => boolean {
  return (agent) => ineligibility(state, agent) === undefined;
}

/** Brings the agent's eligibility bit up to date in every pool it belongs to. O(pools of the agent × log). */
export function refreshAgent(state: RoutingState, agent: AgentState): void {
  agent.load = agent.chats.size + agent.offers.size;
  const eligible = ineligibility(state, agent) === undefined;
  for (const [pool, position] of agent.slots) pool.setEligible(position, eligible);
}
