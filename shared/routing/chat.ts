import { clearOffer, close, fallback, offerFromPool } from './offers.ts';
import type { Output } from './output.ts';
import { refreshAgent, type AgentState, type RoutingState } from './state.ts';
import type { RoutingEvent, VisitorRecord } from './types.ts';
import { listSkips, secs } from './why.ts';

type AgentAnswer = Extract<RoutingEvent, { type: 'accept' | 'decline' }>;

/** The record of the visitor's offer when `agent` holds it; otherwise a note says why nothing happens. */
function pendingOffer(state: RoutingState, out: Output, ev: AgentAnswer, now: number): VisitorRecord | undefined {
  const record = state.visitors.get(ev.visitor);
  if (record?.phase === 'offered' && record.offer?.agent === ev.agent) return record;
  out.note({
    at: now,
    visitor: ev.visitor,
    agent: ev.agent,
    text: `${ev.type} ignored: ${ev.agent} holds no pending offer for ${ev.visitor}`,
  });
  return undefined;
}

export function handleAccept(state: RoutingState, out: Output, ev: AgentAnswer, now: number): void {
  const record = pendingOffer(state, out, ev, now);
  if (!record) return;
  const offeredAt = record.offer!.offeredAt;
  const agent = clearOffer(state, out, record)!;
  agent.chats.add(record.visitor);
  refreshAgent(state, agent);
  record.phase = 'connected';
  record.connectedAt = now;
  state.engagements++;
  const limit = state.settings.trialEngagementLimit;
  const trial = state.plan === 'select' ? `; engagement ${state.engagements} of ${limit} on the select trial` : '';
  const load = `${agent.chats.size + agent.offers.size}/${state.settings.maxChatsPerAgent}`;
  out.decide(record, {
    at: now,
    visitor: record.visitor,
    event: 'connected',
    agent: agent.id,
    why: `${agent.id} accepted after ${secs(now - offeredAt)} and now holds ${load} chats${trial}`,
  });
}

export function handleDecline(state: RoutingState, out: Output, ev: AgentAnswer, now: number): void {
  const record = pendingOffer(state, out, ev, now);
  if (!record) return;
  const agent = clearOffer(state, out, record)!;
  const why = `${agent.id} declined the offer, which counts like a timeout`;
  out.decide(record, { at: now, visitor: record.visitor, event: 'declined', agent: agent.id, why });
  lapse(state, out, record, agent, now);
}

/** Fires every accept timer due by `now`, earliest first; each decision is stamped with its due time. */
export function fireDue(state: RoutingState, out: Output, now: number): void {
  for (let due = state.timers.peek(); due && due.due <= now; due = state.timers.peek()) {
    const { key, due: at, value: record } = due;
    state.timers.delete(key);
    const agent = clearOffer(state, out, record);
    const agentId = agent?.id ?? record.agent!;
    const why = `${agentId} did not accept within ${secs(state.settings.acceptTimeoutSec)}`;
    out.decide(record, { at, visitor: record.visitor, event: 'timeout', agent: agentId, why });
    lapse(state, out, record, agent, at);
  }
}

/**
 * After a timeout or a decline: the fallback message, except on prime/ultimate with team routing, where one more
 * agent of the team is tried first — the next eligible one in the team's rotation, never the one who just let
 * the offer lapse (SPEC §4).
 */
export function lapse(
  state: RoutingState,
  out: Output,
  record: VisitorRecord,
  agent: AgentState | undefined,
  now: number,
): void {
  const who = agent?.id ?? record.agent ?? 'the agent';
  const team = record.retryTeam;
  const refused = noRetry(state, record, who);
  if (refused !== undefined || team === undefined) {
    return fallback(state, out, record, 'accept-timeout', refused ?? '', now);
  }
  record.retried = true;
  const pool = state.teams.get(team);
  const prefix = `${who} let the offer lapse; the ${state.plan} plan tries one more agent of the team: `;
  if (!pool) return fallback(state, out, record, 'accept-timeout', `${prefix}team ${team} no longer exists`, now);
  const result = offerFromPool(state, out, record, pool, now, { prefix, exclude: agent, retry: true });
  if (result.offered) return;
  const why = `${prefix}no other eligible agent (${listSkips(result.skipped, result.skippedMore)})`;
  fallback(state, out, record, 'accept-timeout', why, now);
}

/** Why this lapse gets no retry, or undefined when one more agent of the team should be tried. */
function noRetry(state: RoutingState, record: VisitorRecord, who: string): string | undefined {
  const lapsed = `${who} let the offer lapse`;
  if (record.retryTeam === undefined) return `${lapsed}; ${modeName(record)} routing tries no other agent`;
  if (state.plan === 'select') return `${lapsed}; trying one more agent of the team needs the prime plan`;
  if (record.retried) return `${who} let the retry offer lapse too; team routing tries only one more agent`;
  return undefined;
}

function modeName(record: VisitorRecord): string {
  const r = record.routing;
  if (r.mode === 'roundRobin') return 'round robin';
  if (r.mode === 'rules') return 'custom rules to an agent';
  return r.mode;
}

/** An end from either side: a pending offer is withdrawn, an open chat closes; the agent's slot frees up. */
export function handleEnd(state: RoutingState, out: Output, visitor: string, now: number, why?: string): void {
  const record = state.visitors.get(visitor);
  if (!record) {
    out.note({ at: now, visitor, text: `end ignored: ${visitor} has no pending offer and no open chat` });
    return;
  }
  let agentId = record.agent!;
  let text: string;
  if (record.phase === 'offered') {
    const agent = clearOffer(state, out, record);
    agentId = agent?.id ?? agentId;
    text = why ?? `ended while the offer to ${agentId} was pending: the offer is withdrawn`;
  } else {
    const agent = state.agents.get(agentId);
    if (agent) {
      agent.chats.delete(visitor);
      refreshAgent(state, agent);
    }
    const max = state.settings.maxChatsPerAgent;
    const load = agent ? `; ${agentId} now holds ${agent.load}/${max} chats` : '';
    text = why ?? `the chat with ${agentId} ended${load}`;
  }
  out.decide(record, { at: now, visitor, event: 'ended', agent: agentId, why: text });
  close(state, record, now);
}
