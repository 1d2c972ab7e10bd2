import type { Output } from './output.ts';
import { offerFromPool } from './offers.ts';
import { ineligibility, refreshAgent, type AgentState, type RoutingState } from './state.ts';
import type { Decision, RoutingEvent, VisitorRecord } from './types.ts';
import { secs } from './why.ts';

type Transfer = Extract<RoutingEvent, { type: 'transfer' }>;

/**
 * An agent hands a chat to another agent or a team with a note (SPEC §4). The target gets an offer (same timeout,
 * same eligibility; a team rotates and never offers the sender); the chat stays with the sender until the target
 * accepts. A refused transfer (not the holder, oneself, an unknown or ineligible target) changes nothing and
 * decides nothing: a note says why.
 */
export function handleTransfer(state: RoutingState, out: Output, ev: Transfer, now: number): void {
  const refuse = (why: string) =>
    out.note({ at: now, visitor: ev.visitor, agent: ev.agent, text: `transfer refused: ${why}` });
  const record = state.visitors.get(ev.visitor);
  if (record?.phase !== 'connected' || record.agent !== ev.agent) {
    return refuse(`${ev.agent} holds no open chat with ${ev.visitor}`);
  }
  if (record.transfer) return refuse(`a transfer to ${record.transfer.agent} is already pending`);
  const sender = state.agents.get(ev.agent)!;
  const note = ev.note?.trim() || undefined;
  const prefix = `${sender.id} hands the chat over${note ? ` with a note` : ''}; `;
  if ('agentId' in ev.to) {
    const target = state.agents.get(ev.to.agentId);
    if (ev.to.agentId === ev.agent) return refuse('an agent cannot transfer a chat to themselves');
    if (!target) return refuse(`agent ${ev.to.agentId} is unknown`);
    const reason = ineligibility(state, target);
    if (reason) return refuse(`agent ${target.id} is not eligible (${reason})`);
    const max = state.settings.maxChatsPerAgent;
    const why = `${prefix}agent ${target.id}: offered to the named agent (${target.load}/${max} chats before this one)`;
    return offerTransfer(state, out, record, sender, target, now, note, { pool: `agent ${target.id}`, why });
  }
  const pool = state.teams.get(ev.to.teamId);
  if (!pool) return refuse(`team ${ev.to.teamId} is unknown`);
  const result = offerFromPool(state, out, record, pool, now, {
    prefix,
    exclude: sender,
    excludeReason: 'the sender',
    offer: (target, detail) => offerTransfer(state, out, record, sender, target, now, note, detail),
  });
  if (!result.offered) refuse(result.why.slice(prefix.length));
}

function offerTransfer(
  state: RoutingState,
  out: Output,
  record: VisitorRecord,
  sender: AgentState,
  target: AgentState,
  now: number,
  note: string | undefined,
  detail: Omit<Decision, 'at' | 'visitor' | 'event' | 'agent'>,
): void {
  const id = `${record.visitor}#${++record.offers}`;
  const dueAt = now + state.settings.acceptTimeoutSec;
  target.offers.add(record.visitor);
  refreshAgent(state, target);
  record.transfer = { id, agent: target.id, from: sender.id, offeredAt: now, dueAt, ...(note ? { note } : {}) };
  state.timers.push(id, dueAt, { kind: 'transfer', record });
  state.visitorTimers++;
  out.arm.push({ offer: id, kind: 'transfer', visitor: record.visitor, agent: target.id, dueAt });
  out.decide(record, {
    at: now,
    visitor: record.visitor,
    event: 'offered',
    agent: target.id,
    ...detail,
    transfer: true,
    from: sender.id,
    ...(note ? { note } : {}),
    why: `${detail.why}; the chat stays with ${sender.id} until ${target.id} accepts`,
  });
}

/** Withdraws a pending transfer offer; returns the target who held it. */
export function clearTransfer(state: RoutingState, out: Output, record: VisitorRecord): AgentState | undefined {
  const t = record.transfer;
  if (!t) return undefined;
  record.transfer = undefined;
  if (state.timers.delete(t.id)) state.visitorTimers--;
  out.cancel.push(t.id);
  const target = state.agents.get(t.agent);
  if (target) {
    target.offers.delete(record.visitor);
    refreshAgent(state, target);
  }
  return target;
}

/** The target accepted: the chat moves from the sender to the target (`connected`, `transfer: true`). */
export function acceptTransfer(state: RoutingState, out: Output, record: VisitorRecord, now: number): void {
  const t = record.transfer!;
  const target = clearTransfer(state, out, record)!;
  const sender = state.agents.get(t.from);
  if (sender) {
    sender.chats.delete(record.visitor);
    sender.idleSince = now;
    refreshAgent(state, sender);
  }
  target.chats.add(record.visitor);
  refreshAgent(state, target);
  record.agent = target.id;
  const max = state.settings.maxChatsPerAgent;
  out.decide(record, {
    at: now,
    visitor: record.visitor,
    event: 'connected',
    agent: target.id,
    transfer: true,
    from: t.from,
    why: `${target.id} accepted the transfer from ${t.from} after ${secs(now - t.offeredAt)} and now holds ${target.load}/${max} chats; ${t.from} holds ${sender?.load ?? 0}/${max}`,
  });
}

/** The target declined or let the transfer lapse: the chat stays with the sender (`transfer-failed`). */
export function failTransfer(
  state: RoutingState,
  out: Output,
  record: VisitorRecord,
  how: 'timeout' | 'declined',
  at: number,
): void {
  const t = record.transfer!;
  clearTransfer(state, out, record);
  const within = `within ${secs(state.settings.acceptTimeoutSec)}`;
  out.decide(record, {
    at,
    visitor: record.visitor,
    event: how,
    agent: t.agent,
    transfer: true,
    why:
      how === 'timeout'
        ? `${t.agent} did not accept the transfer from ${t.from} ${within}`
        : `${t.agent} declined the transfer from ${t.from}`,
  });
  out.decide(record, {
    at,
    visitor: record.visitor,
    event: 'transfer-failed',
    agent: t.from,
    why: `the transfer to ${t.agent} failed (${how}); the chat stays with ${t.from}`,
  });
}
