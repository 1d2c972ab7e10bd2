import { handleEnd, lapse } from './chat.ts';
import { clearOffer } from './offers.ts';
import type { Output } from './output.ts';
import { mergeSettings } from './settings.ts';
import { isEligibleIn, newAgent, rebuildPools, refreshAgent, teamPool, type RoutingState } from './state.ts';
import type { RoutingEvent, VisitorRecord } from './types.ts';

type Ev<T extends RoutingEvent['type']> = Extract<RoutingEvent, { type: T }>;

/** An agent changes availability. Going away keeps the offers and chats the agent holds (SPEC §4). */
export function handleStatus(state: RoutingState, out: Output, ev: Ev<'status'>, now: number): void {
  const agent = state.agents.get(ev.agent);
  if (!agent) return out.note({ at: now, agent: ev.agent, text: `status ignored: agent ${ev.agent} is unknown` });
  agent.status = ev.status;
  refreshAgent(state, agent);
}

/** Adds an agent (last in the stable order) or updates one; only the fields given change. */
export function handleAgent(state: RoutingState, ev: Ev<'agent'>): void {
  const eligible = isEligibleIn(state);
  let agent = state.agents.get(ev.agent);
  if (!agent) {
    agent = newAgent(state, { id: ev.agent });
    agent.teams = [];
    state.agents.set(agent.id, agent);
  }
  if (ev.status !== undefined) agent.status = ev.status;
  if (ev.liveChat !== undefined) agent.liveChat = ev.liveChat;
  if (agent.liveChat) state.roundRobin.add(agent, eligible);
  else state.roundRobin.remove(agent, eligible);
  if (ev.teams !== undefined) {
    const next = [...new Set(ev.teams)];
    for (const t of agent.teams) if (!next.includes(t)) leaveTeam(state, agent.id, t);
    agent.teams = next;
    for (const t of next) teamPool(state, t).add(agent, eligible);
  }
  refreshAgent(state, agent);
}

function leaveTeam(state: RoutingState, agentId: string, team: string): void {
  const pool = state.teams.get(team);
  const agent = state.agents.get(agentId)!;
  if (!pool) return;
  pool.remove(agent, isEligibleIn(state));
  if (pool.size === 0 && !state.declaredTeams.has(team)) state.teams.delete(team);
}

/**
 * An agent leaves the workspace: each open chat ends (`ended`), and each pending offer lapses as if declined
 * (`declined`, then the retry or the fallback), so no visitor waits for someone who is gone.
 */
export function handleAgentRemoved(state: RoutingState, out: Output, ev: Ev<'agentRemoved'>, now: number): void {
  const agent = state.agents.get(ev.agent);
  if (!agent) return out.note({ at: now, agent: ev.agent, text: `removal ignored: agent ${ev.agent} is unknown` });
  // Leave every pool first, so that a retry cannot pick the agent being removed.
  state.roundRobin.remove(agent, isEligibleIn(state));
  for (const t of agent.teams) leaveTeam(state, agent.id, t);
  const gone = `${agent.id} was removed from the workspace`;
  for (const visitor of [...agent.chats]) handleEnd(state, out, visitor, now, gone);
  for (const visitor of [...agent.offers]) {
    const record = state.visitors.get(visitor)!;
    clearOffer(state, out, record);
    const why = `${agent.id} was removed from the workspace; the pending offer counts as declined`;
    out.decide(record, { at: now, visitor, event: 'declined', agent: agent.id, why });
    lapse(state, out, record, agent, now);
  }
  state.agents.delete(agent.id);
}

export function handleTeams(state: RoutingState, ev: Ev<'teams'>): void {
  state.declaredTeams = new Set(ev.teams.map((t) => t.id));
  rebuildPools(state);
}

export function handleRules(state: RoutingState, ev: Ev<'rules'>): void {
  state.rules = ev.rules;
}

/** New settings apply to what happens next; offers already made keep their deadline. */
export function handleSettings(state: RoutingState, ev: Ev<'settings'>): void {
  state.settings = mergeSettings(state.settings, ev.settings);
  // A new chat limit changes who is eligible everywhere: one pass over the agents, on an admin action only.
  for (const agent of state.agents.values()) refreshAgent(state, agent);
}

export function handlePlan(state: RoutingState, ev: Ev<'plan'>): void {
  state.plan = ev.plan;
}

/**
 * Puts back a visitor the runtime stored before a restart: an open chat, or a pending offer with its original
 * deadline (already past: it lapses on this very step). Closed records, unknown agents and visitors the engine
 * already holds change nothing.
 */
export function handleRestore(state: RoutingState, out: Output, ev: Ev<'restore'>, now: number): void {
  const r = ev.record;
  const agent = r.agent === undefined ? undefined : state.agents.get(r.agent);
  if (r.phase === 'closed' || !agent || state.visitors.has(r.visitor) || (r.phase === 'offered' && !r.offer)) {
    return out.note({ at: now, visitor: r.visitor, text: `restore ignored: nothing to restore for ${r.visitor}` });
  }
  // A record stored by an older version may lack the offer count; the next offer must not reuse the pending id.
  const counted = Number(r.offer?.id.split('#').pop());
  const offers = Math.max(r.offers ?? 0, Number.isInteger(counted) ? counted : 0);
  const record: VisitorRecord = { ...r, offer: r.offer && { ...r.offer }, offers };
  state.visitors.set(r.visitor, record);
  if (record.phase === 'connected') agent.chats.add(r.visitor);
  else {
    agent.offers.add(r.visitor);
    state.timers.push(record.offer!.id, record.offer!.dueAt, record);
    out.arm.push({ offer: record.offer!.id, visitor: r.visitor, agent: agent.id, dueAt: record.offer!.dueAt });
  }
  refreshAgent(state, agent);
}
