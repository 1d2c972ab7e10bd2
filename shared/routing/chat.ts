import { crossBoundary } from './statusChanges.ts';
import { clearOffer, close, fallback, offerFromPool } from './offers.ts';
import type { Output } from './output.ts';
import { leaveQueue, queueTimeout, reportMoves, serveQueues, type Moved } from './queue.ts';
import { refreshAgent, type AgentState, type RoutingState } from './state.ts';
import { acceptTransfer, clearTransfer, failTransfer } from './transfer.ts';
import type { Decision, RoutingEvent, VisitorRecord } from './types.ts';
import { englishWhy } from './whyRender.ts';
import { roundSecs, type Why } from './whys.ts';

type AgentAnswer = Extract<RoutingEvent, { type: 'accept' | 'decline' }>;

/** The record of the visitor's offer (or transfer offer) when `agent` holds it; otherwise a note says why not. */
function pendingOffer(state: RoutingState, out: Output, ev: AgentAnswer, now: number): VisitorRecord | undefined {
  const record = state.visitors.get(ev.visitor);
  if (record?.phase === 'offered' && record.offer?.agent === ev.agent) return record;
  if (record?.phase === 'connected' && record.transfer?.agent === ev.agent) return record;
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
  if (record.transfer) return acceptTransfer(state, out, record, now);
  const offeredAt = record.offer!.offeredAt;
  const agent = clearOffer(state, out, record)!;
  agent.chats.add(record.visitor);
  refreshAgent(state, agent);
  record.phase = 'connected';
  record.connectedAt = now;
  state.engagements++;
  const limit = state.settings.trialEngagementLimit;
  const whys: Why[] = [
    {
      code: 'accepted',
      agent: agent.id,
      secs: roundSecs(now - offeredAt),
      load: agent.chats.size + agent.offers.size,
      max: state.settings.maxChatsPerAgent,
    },
  ];
  if (state.plan === 'select') whys.push({ code: 'trial', n: state.engagements, limit });
  out.decide(record, {
    at: now,
    visitor: record.visitor,
    event: 'connected',
    agent: agent.id,
    whys,
    why: englishWhy(whys),
  });
}

export function handleDecline(state: RoutingState, out: Output, ev: AgentAnswer, now: number): void {
  const record = pendingOffer(state, out, ev, now);
  if (!record) return;
  if (record.transfer) return failTransfer(state, out, record, 'declined', now);
  const agent = clearOffer(state, out, record)!;
  const whys: Why[] = [{ code: 'declined', agent: agent.id }];
  out.decide(record, {
    at: now,
    visitor: record.visitor,
    event: 'declined',
    agent: agent.id,
    whys,
    why: englishWhy(whys),
  });
  lapse(state, out, record, agent, now);
}

/**
 * Fires every timer due by `now`, earliest first, each stamped with its due time: accept deadlines (offers and
 * transfers), queue deadlines, schedule boundaries. After each, the queues of agents it freed are served.
 */
export function fireDue(state: RoutingState, out: Output, now: number): void {
  for (let due = state.timers.peek(); due && due.due <= now; due = state.timers.peek()) {
    const { key, due: at, value: timer } = due;
    if (timer.kind === 'schedule') {
      state.timers.delete(key);
      crossBoundary(state, timer.agent, at);
    } else if (timer.kind === 'queue') {
      queueTimeout(state, out, timer.queue.head()!, at);
    } else if (timer.kind === 'transfer') {
      const record = timer.record;
      failTransfer(state, out, record, 'timeout', at);
    } else {
      const record = timer.record;
      const agent = clearOffer(state, out, record);
      const agentId = agent?.id ?? record.agent!;
      const whys: Why[] = [{ code: 'timeout', agent: agentId, secs: roundSecs(state.settings.acceptTimeoutSec) }];
      out.decide(record, {
        at,
        visitor: record.visitor,
        event: 'timeout',
        agent: agentId,
        whys,
        why: englishWhy(whys),
      });
      lapse(state, out, record, agent, at);
    }
    serveQueues(state, out, at);
  }
}

/**
 * After a timeout or a decline: the fallback message, except on prime/ultimate with team routing, where one more
 * agent of the team is tried first — by the same strategy as the offer it follows, never the one who just let
 * the offer lapse (SPEC §4). When that retry finds nobody eligible and `fallbackToRoundRobin` is set, round robin
 * over every live-chat agent is tried before the fallback.
 */
export function lapse(
  state: RoutingState,
  out: Output,
  record: VisitorRecord,
  agent: AgentState | undefined,
  now: number,
): void {
  const who = agent?.id ?? record.agent;
  const team = record.retryTeam;
  const refused = noRetry(state, record, who);
  if (refused !== undefined || team === undefined) {
    return fallback(state, out, record, 'accept-timeout', refused ?? [], now);
  }
  record.retried = true;
  const pool = state.teams.get(team);
  const prefix: Why[] = [
    { code: 'lapsed', agent: who },
    { code: 'retryTeam', plan: state.plan },
  ];
  if (!pool) return roundRobinOrFallback(state, out, record, agent, [...prefix, { code: 'teamGone', team }], now);
  const balanced = record.retryStrategy === 'balanced';
  const result = offerFromPool(state, out, record, pool, now, { prefix, exclude: agent, retry: true, balanced });
  if (result.offered) return;
  const whys: Why[] = [...prefix, { code: 'noOtherEligible', skipped: result.skipped, more: result.skippedMore }];
  roundRobinOrFallback(state, out, record, agent, whys, now);
}

/** The fallback `accept-timeout`, after one round-robin offer when the workspace falls back to round robin. */
function roundRobinOrFallback(
  state: RoutingState,
  out: Output,
  record: VisitorRecord,
  agent: AgentState | undefined,
  whys: Why[],
  now: number,
): void {
  if (state.settings.fallbackToRoundRobin && !record.roundRobinTried) {
    record.roundRobinTried = true;
    const prefix: Why[] = [...whys, { code: 'roundRobinFallback' }];
    const result = offerFromPool(state, out, record, state.roundRobin, now, {
      prefix,
      exclude: agent,
      fallbackToRoundRobin: true,
    });
    if (result.offered) return;
    return fallback(state, out, record, 'accept-timeout', result.whys, now);
  }
  fallback(state, out, record, 'accept-timeout', whys, now);
}

/** Why this lapse gets no retry, or undefined when one more agent of the team should be tried. */
function noRetry(state: RoutingState, record: VisitorRecord, who: string | undefined): Why[] | undefined {
  const lapsed: Why = { code: 'lapsed', agent: who };
  if (record.retryTeam === undefined) return [lapsed, { code: 'noRetry', mode: record.routing.mode }];
  if (state.plan === 'select') return [lapsed, { code: 'retryNeedsPrime' }];
  if (record.retried) return [{ code: 'retryLapsed', agent: who }, { code: 'retryOnce' }];
  return undefined;
}

/**
 * An end from either side, or the visitor leaving (`reason: 'visitor-left'`): a queue place is given up, a pending
 * offer withdrawn, a pending transfer withdrawn and the chat closed with its holder; the agent's slot frees up.
 */
export function handleEnd(
  state: RoutingState,
  out: Output,
  visitor: string,
  now: number,
  opts: { whys?: Why[]; reason?: 'visitor-left' } = {},
): void {
  const record = state.visitors.get(visitor);
  if (!record) {
    out.note({ at: now, visitor, text: `end ignored: ${visitor} is not queued and has no pending offer or open chat` });
    return;
  }
  const left: Why[] = opts.reason === 'visitor-left' ? [{ code: 'visitorLeft' }] : [];
  const reason = opts.reason ? { reason: opts.reason } : {};
  let decision: Decision;
  let moved: Moved | undefined;
  if (record.phase === 'queued') {
    const { pool, since } = record.queue!;
    moved = leaveQueue(state, out, record);
    const whys = opts.whys ?? [...left, { code: 'endedQueued', secs: roundSecs(now - since), pool }];
    decision = { at: now, visitor, event: 'ended', ...reason, pool, whys, why: englishWhy(whys) };
  } else if (record.phase === 'offered') {
    const agent = clearOffer(state, out, record);
    const agentId = agent?.id ?? record.agent!;
    const whys = opts.whys ?? [...left, { code: 'endedOffered', agent: agentId }];
    decision = { at: now, visitor, event: 'ended', agent: agentId, ...reason, whys, why: englishWhy(whys) };
  } else {
    const target = clearTransfer(state, out, record);
    const agentId = record.agent!;
    const agent = state.agents.get(agentId);
    if (agent) {
      agent.chats.delete(visitor);
      agent.idleSince = now;
      refreshAgent(state, agent);
    }
    const max = state.settings.maxChatsPerAgent;
    let whys = opts.whys;
    if (!whys) {
      whys = [...left, { code: 'chatEnded', agent: agentId }];
      if (target) whys.push({ code: 'transferWithdrawn', agent: target.id });
      if (agent) whys.push({ code: 'nowHolds', agent: agentId, load: agent.load, max });
    }
    decision = { at: now, visitor, event: 'ended', agent: agentId, ...reason, whys, why: englishWhy(whys) };
  }
  out.decide(record, decision);
  close(state, record, now);
  reportMoves(state, out, moved, now);
}
