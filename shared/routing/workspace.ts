import { armSchedule, disarmSchedule } from './availability.ts';
import { applyStatus, choose } from './statusChanges.ts';
import { handleEnd, lapse } from './chat.ts';
import { clearOffer } from './offers.ts';
import type { Output } from './output.ts';
import { armQueue, enqueueRestored } from './queue.ts';
import { mergeSettings } from './settings.ts';
import { newAgent, rebuildPools, refreshAgent, teamPool, type RoutingState } from './state.ts';
import { failTransfer } from './transfer.ts';
import type { RoutingEvent, VisitorRecord } from './types.ts';
import { englishWhy } from './whyRender.ts';
import type { Why } from './whys.ts';

type Ev<T extends RoutingEvent['type']> = Extract<RoutingEvent, { type: T }>;

/**
 * An agent chooses a status. Going away keeps the offers and chats the agent holds (SPEC §4); with a schedule the
 * choice holds until the next block boundary.
 */
export function handleStatus(state: RoutingState, out: Output, ev: Ev<'status'>, now: number): void {
  const agent = state.agents.get(ev.agent);
  if (!agent) return out.note({ at: now, agent: ev.agent, text: `status ignored: agent ${ev.agent} is unknown` });
  choose(state, agent, ev.status, now);
}

/** Adds an agent (last in the stable order) or updates one; only the fields given change. */
export function handleAgent(state: RoutingState, ev: Ev<'agent'>, now: number): void {
  let agent = state.agents.get(ev.agent);
  if (!agent) {
    agent = newAgent(state, { id: ev.agent });
    agent.teams = [];
    state.agents.set(agent.id, agent);
  }
  if (ev.liveChat !== undefined) agent.liveChat = ev.liveChat;
  if (ev.schedule !== undefined) {
    agent.schedule = ev.schedule ?? undefined;
    agent.chosenUntil = undefined;
    if (agent.schedule) armSchedule(state, agent, now);
    else disarmSchedule(state, agent);
  }
  if (ev.status !== undefined) choose(state, agent, ev.status, now);
  else applyStatus(state, agent, now);
  if (agent.liveChat) state.roundRobin.add(agent);
  else state.roundRobin.remove(agent);
  if (ev.teams !== undefined) {
    const next = [...new Set(ev.teams)];
    for (const t of agent.teams) if (!next.includes(t)) leaveTeam(state, agent.id, t);
    agent.teams = next;
    for (const t of next) teamPool(state, t).add(agent);
  }
  refreshAgent(state, agent);
  // Joining a team with visitors waiting: its queue is served like when the agent becomes eligible.
  if (agent.eligible) state.freed.push(agent);
}

function leaveTeam(state: RoutingState, agentId: string, team: string): void {
  const pool = state.teams.get(team);
  const agent = state.agents.get(agentId)!;
  if (!pool) return;
  pool.remove(agent);
  if (pool.size === 0 && !state.declaredTeams.has(team)) state.teams.delete(team);
}

/**
 * An agent leaves the workspace: each open chat ends (`ended`), each pending offer lapses as if declined
 * (`declined`, then the retry or the fallback), and a transfer offered to them fails, so no visitor waits for
 * someone who is gone.
 */
export function handleAgentRemoved(state: RoutingState, out: Output, ev: Ev<'agentRemoved'>, now: number): void {
  const agent = state.agents.get(ev.agent);
  if (!agent) return out.note({ at: now, agent: ev.agent, text: `removal ignored: agent ${ev.agent} is unknown` });
  // Leave every pool first, so that a retry cannot pick the agent being removed.
  state.roundRobin.remove(agent);
  for (const t of agent.teams) leaveTeam(state, agent.id, t);
  disarmSchedule(state, agent);
  const gone: Why = { code: 'removed', agent: agent.id };
  for (const visitor of [...agent.chats]) handleEnd(state, out, visitor, now, { whys: [gone] });
  for (const visitor of [...agent.offers]) {
    const record = state.visitors.get(visitor)!;
    if (record.transfer?.agent === agent.id) {
      failTransfer(state, out, record, 'declined', now);
      continue;
    }
    clearOffer(state, out, record);
    const whys: Why[] = [gone, { code: 'removedOffer' }];
    out.decide(record, { at: now, visitor, event: 'declined', agent: agent.id, whys, why: englishWhy(whys) });
    lapse(state, out, record, agent, now);
  }
  state.agents.delete(agent.id);
  const own = state.queues.get(`agent ${agent.id}`);
  if (own)
    for (const r of [...own.from(1)]) handleEnd(state, out, r.visitor, now, { whys: [gone, { code: 'queueClosed' }] });
}

export function handleTeams(state: RoutingState, ev: Ev<'teams'>): void {
  state.declaredTeams = new Set(ev.teams.map((t) => t.id));
  rebuildPools(state);
  for (const a of state.agents.values()) if (a.eligible) state.freed.push(a);
}

export function handleRules(state: RoutingState, ev: Ev<'rules'>): void {
  state.rules = ev.rules;
}

/** New settings apply to what happens next; offers keep their deadlines, queue waits take the new maximum. */
export function handleSettings(state: RoutingState, out: Output, ev: Ev<'settings'>): void {
  state.settings = mergeSettings(state.settings, ev.settings);
  // A new maximum wait applies to everyone waiting (arrival order stays deadline order).
  for (const queue of state.queues.values()) armQueue(state, out, queue);
  // A new chat limit changes who is eligible everywhere: one pass over the agents, on an admin action only.
  for (const agent of state.agents.values()) refreshAgent(state, agent);
}

export function handleBusinessHours(state: RoutingState, ev: Ev<'businessHours'>): void {
  state.businessHours = ev.businessHours ?? undefined;
}

export function handlePlan(state: RoutingState, ev: Ev<'plan'>): void {
  state.plan = ev.plan;
}

/**
 * Puts back a visitor the runtime stored before a restart: a queue place (restore them in arrival order), an open
 * chat (with a pending transfer), or a pending offer, each with its original deadline (already past: it lapses on
 * this very step). Closed records, unknown agents and visitors the engine already holds change nothing.
 */
export function handleRestore(state: RoutingState, out: Output, ev: Ev<'restore'>, now: number): void {
  const r = ev.record;
  const ignore = () =>
    out.note({ at: now, visitor: r.visitor, text: `restore ignored: nothing to restore for ${r.visitor}` });
  if (r.phase === 'closed' || state.visitors.has(r.visitor)) return ignore();
  // A record stored by an older version may lack the offer count; the next offer must not reuse the pending id.
  const counted = Math.max(idNumber(r.offer?.id), idNumber(r.transfer?.id));
  const offers = Math.max(r.offers ?? 0, counted);
  const record: VisitorRecord = {
    ...r,
    offer: r.offer && { ...r.offer },
    queue: r.queue && { ...r.queue },
    transfer: r.transfer && { ...r.transfer },
    offers,
  };
  if (record.phase === 'queued') {
    if (!record.queue) return ignore();
    return enqueueRestored(state, out, record);
  }
  const agent = r.agent === undefined ? undefined : state.agents.get(r.agent);
  if (!agent || (r.phase === 'offered' && !r.offer)) return ignore();
  state.visitors.set(r.visitor, record);
  if (record.phase === 'connected') {
    agent.chats.add(r.visitor);
    const t = record.transfer;
    const target = t && state.agents.get(t.agent);
    if (t && target) {
      target.offers.add(r.visitor);
      refreshAgent(state, target);
      state.timers.push(t.id, t.dueAt, { kind: 'transfer', record });
      state.visitorTimers++;
      out.arm.push({ offer: t.id, kind: 'transfer', visitor: r.visitor, agent: target.id, dueAt: t.dueAt });
    } else record.transfer = undefined;
  } else {
    agent.offers.add(r.visitor);
    state.timers.push(record.offer!.id, record.offer!.dueAt, { kind: 'offer', record });
    state.pendingOffers++;
    state.visitorTimers++;
    out.arm.push({
      offer: record.offer!.id,
      kind: 'offer',
      visitor: r.visitor,
      agent: agent.id,
      dueAt: record.offer!.dueAt,
    });
  }
  refreshAgent(state, agent);
}

function idNumber(id: string | undefined): number {
  const n = Number(id?.split('#').pop());
  return Number.isInteger(n) ? n : 0;
}
