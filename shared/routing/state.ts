import { armSchedule, effectiveStatus } from './availability.ts';
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
  Schedule,
  VisitorRecord,
} from './types.ts';
import type { WaitQueue } from './waitQueue.ts';

/** The engine's view of one agent. `chats` and `offers` hold visitor ids; their sum is the agent's load. */
export interface AgentState {
  id: string;
  /** Stable order key: the agent's place in the workspace's agent list (later additions go last). */
  order: number;
  liveChat: boolean;
  /** The status in force (with a schedule: the schedule's, or the agent's own choice until the next boundary). */
  status: AgentStatus;
  /** The agent's own choice (the inbox toggle, a `status` event). */
  chosen: AgentStatus;
  schedule?: Schedule;
  /** With a schedule: the choice holds until this instant (the engine's clock), then the schedule rules again. */
  chosenUntil?: number;
  teams: string[];
  chats: Set<string>;
  /** Visitors with a pending offer to this agent, request or transfer. */
  offers: Set<string>;
  /** `chats.size + offers.size`, kept by `refreshAgent` (read on every skip, so one field rather than two sets). */
  load: number;
  /** Since when the agent has been idle: its last chat ended or it became available, whichever is later. */
  idleSince: number;
  /** The pools this agent is a member of, with its position in each. */
  slots: Map<Pool, number>;
  /** The key the agent's place in the balanced indexes was taken with (undefined: not in them). */
  keyLoad: number;
  keyIdle: number;
  indexed: boolean;
  /** Online with the live-chat permission (counted by each pool: a queue needs someone available). */
  available: boolean;
  eligible: boolean;
}

/** What the engine's timer heap holds: accept deadlines, queue deadlines and schedule boundaries. */
export type Timer =
  | { kind: 'offer' | 'transfer'; record: VisitorRecord }
  | { kind: 'queue'; queue: WaitQueue }
  | { kind: 'schedule'; agent: AgentState };

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
  /** Visitors queued, with a pending offer or an open chat (the engine forgets the others). */
  visitors: Map<string, VisitorRecord>;
  /** Every deadline: offers, transfers, queue waits, schedule boundaries; the earliest first. */
  timers: TimerHeap<Timer>;
  /** Pending request offers (not transfers): what the select trial adds to the engagements. */
  pendingOffers: number;
  /** Timers that belong to visitors (offers, transfers, queues): route-sim's clock runs while any is left. */
  visitorTimers: number;
  /** The waiting queues by pool label (`round robin`, `team sales`, `agent ann`); empty ones are dropped. */
  queues: Map<string, WaitQueue>;
  /** Arrival numbers of queued visitors: the earliest head among several queues is served first. */
  queueSeq: number;
  /** Agents that became eligible during this step: their pools' queues are served before the step ends. */
  freed: AgentState[];
  /** Connected engagements over the workspace's lifetime, starting at `engagementsUsed`. */
  engagements: number;
  businessHours?: Schedule;
  /** Epoch second of the engine's time 0 (schedules read wall time as clockOrigin + now). */
  clockOrigin: number;
  /** Whether `queued` lines are printed for every visitor whose place moves (route-sim) or only on entry. */
  reportPositions: boolean;
  /** The clock of the last step (seconds, the caller's clock). */
  now: number;
}

/** A fresh engine state for a workspace (agents in their stable order). */
export function createRoutingState(
  ws: RoutingWorkspace,
  opts: { reportPositions?: boolean; now?: number } = {},
): RoutingState {
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
    timers: new TimerHeap<Timer>(),
    pendingOffers: 0,
    visitorTimers: 0,
    queues: new Map(),
    queueSeq: 0,
    freed: [],
    engagements: ws.engagementsUsed ?? 0,
    businessHours: ws.businessHours,
    clockOrigin: ws.clockOrigin ?? 0,
    reportPositions: opts.reportPositions ?? false,
    now: opts.now ?? 0,
  };
  for (const init of ws.agents ?? []) {
    if (!state.agents.has(init.id)) state.agents.set(init.id, newAgent(state, init));
  }
  rebuildPools(state);
  for (const agent of state.agents.values()) if (agent.schedule) armSchedule(state, agent, state.now);
  return state;
}

export function newAgent(state: RoutingState, init: AgentInit): AgentState {
  const agent: AgentState = {
    id: init.id,
    order: state.nextOrder++,
    liveChat: init.liveChat ?? true,
    status: init.status ?? 'offline',
    chosen: init.status ?? 'offline',
    schedule: init.schedule,
    teams: [...new Set(init.teams ?? [])],
    chats: new Set(),
    offers: new Set(),
    load: 0,
    idleSince: state.now,
    slots: new Map(),
    keyLoad: 0,
    keyIdle: 0,
    indexed: false,
    available: false,
    eligible: false,
  };
  agent.status = effectiveStatus(state, agent, state.now);
  agent.available = agent.liveChat && agent.status === 'online';
  return agent;
}

/** Rebuilds every pool from the agents (creation, team changes). O(agents × teams per agent). */
export function rebuildPools(state: RoutingState): void {
  for (const a of state.agents.values()) {
    a.load = a.chats.size + a.offers.size;
    a.eligible = ineligibility(state, a) === undefined;
    a.available = a.liveChat && a.status === 'online';
    a.indexed = a.eligible;
    a.keyLoad = a.load;
    a.keyIdle = a.idleSince;
  }
  const teamMembers = new Map<string, AgentState[]>([...state.declaredTeams].map((id) => [id, []]));
  const live: AgentState[] = [];
  for (const a of state.agents.values()) {
    if (a.liveChat) live.push(a);
    for (const t of a.teams) {
      if (!teamMembers.has(t)) teamMembers.set(t, []);
      teamMembers.get(t)!.push(a);
    }
  }
  state.roundRobin.setMembers(live);
  for (const [id, pool] of state.teams) if (!teamMembers.has(id)) pool.setMembers([]);
  for (const id of state.teams.keys()) if (!teamMembers.has(id)) state.teams.delete(id);
  for (const [id, members] of teamMembers) teamPool(state, id).setMembers(members);
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

/**
 * Brings the agent's standing up to date in every pool it belongs to: its eligibility bit, its place in the
 * balanced indexes, the pools' count of available agents. An agent that just became eligible is noted in
 * `state.freed`, so that the queues of its pools are served before the step ends. O(pools of the agent × log).
 */
export function refreshAgent(state: RoutingState, agent: AgentState): void {
  agent.load = agent.chats.size + agent.offers.size;
  const eligible = ineligibility(state, agent) === undefined;
  const available = agent.liveChat && agent.status === 'online';
  const rekey = agent.indexed && (!eligible || agent.keyLoad !== agent.load || agent.keyIdle !== agent.idleSince);
  if (rekey) for (const pool of agent.slots.keys()) pool.balanced.remove(agent);
  if (rekey || !agent.indexed) {
    agent.indexed = eligible;
    agent.keyLoad = agent.load;
    agent.keyIdle = agent.idleSince;
    if (eligible) for (const pool of agent.slots.keys()) pool.balanced.insert(agent);
  }
  if (available !== agent.available) {
    for (const pool of agent.slots.keys()) pool.availableCount += available ? 1 : -1;
    agent.available = available;
  }
  if (eligible !== agent.eligible) {
    agent.eligible = eligible;
    for (const [pool, position] of agent.slots) pool.setEligible(position, eligible);
    if (eligible) state.freed.push(agent);
  }
}
