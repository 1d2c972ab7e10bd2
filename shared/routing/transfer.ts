import type { Output } from './output.ts';
import { offerFromPool } from './offers.ts';
import { ineligibility, refreshAgent, type AgentState, type RoutingState } from './state.ts';
import type { Decision, RoutingEvent, VisitorRecord } from './types.ts';
import { englishWhy } from './whyRender.ts';
import { roundSecs, type Why } from './whys.ts';

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
  const prefix: Why[] = [{ code: 'handsOver', agent: sender.id, note: note !== undefined }];
  if ('agentId' in ev.to) {
    const target = state.agents.get(ev.to.agentId);
    if (ev.to.agentId === ev.agent) return refuse('an agent cannot transfer a chat to themselves');
    if (!target) return refuse(`agent ${ev.to.agentId} is unknown`);
    const reason = ineligibility(state, target);
    if (reason) return refuse(`agent ${target.id} is not eligible (${reason})`);
    const max = state.settings.maxChatsPerAgent;
    const pool = `agent ${target.id}`;
    const whys: Why[] = [...prefix, { code: 'offeredNamed', pool, load: target.load, max }];
    return offerTransfer(state, out, record, sender, target, now, note, { pool, whys });
  }
  const pool = state.teams.get(ev.to.teamId);
  if (!pool) return refuse(`team ${ev.to.teamId} is unknown`);
  const result = offerFromPool(state, out, record, pool, now, {
    prefix,
    exclude: sender,
    excludeReason: 'the sender',
    offer: (target, detail) => offerTransfer(state, out, record, sender, target, now, note, detail),
  });
  if (!result.offered) refuse(englishWhy(result.whys.slice(prefix.length)));
}

function offerTransfer(
  state: RoutingState,
  out: Output,
  record: VisitorRecord,
  sender: AgentState,
  target: AgentState,
  now: number,
  note: string | undefined,
  detail: Omit<Decision, 'at' | 'visitor' | 'event' | 'agent' | 'why'>,
): void {
  const id = `${record.visitor}#${++record.offers}`;
  const dueAt = now + state.settings.acceptTimeoutSec;
  target.offers.add(record.visitor);
  refreshAgent(state, target);
  record.transfer = { id, agent: target.id, from: sender.id, offeredAt: now, dueAt, ...(note ? { note } : {}) };
  state.timers.push(id, dueAt, { kind: 'transfer', record });
  state.visitorTimers++;
  out.arm.push({ offer: id, kind: 'transfer', visitor: record.visitor, agent: target.id, dueAt });
  const whys: Why[] = [...detail.whys, { code: 'staysUntil', from: sender.id, agent: target.id }];
  out.decide(record, {
    at: now,
    visitor: record.visitor,
    event: 'offered',
    agent: target.id,
    ...detail,
    transfer: true,
    from: sender.id,
    ...(note ? { note } : {}),
    whys,
    why: englishWhy(whys),
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
  const secs = roundSecs(now - t.offeredAt);
  const whys: Why[] = [
    { code: 'transferAccepted', agent: target.id, from: t.from, secs, load: target.load, max },
    { code: 'holds', agent: t.from, load: sender?.load ?? 0, max },
  ];
  out.decide(record, {
    at: now,
    visitor: record.visitor,
    event: 'connected',
    agent: target.id,
    transfer: true,
    from: t.from,
    whys,
    why: englishWhy(whys),
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
  const secs = roundSecs(state.settings.acceptTimeoutSec);
  const answer: Why[] = [
    how === 'timeout'
      ? { code: 'transferTimeout', agent: t.agent, from: t.from, secs }
      : { code: 'transferDeclined', agent: t.agent, from: t.from },
  ];
  out.decide(record, {
    at,
    visitor: record.visitor,
    event: how,
    agent: t.agent,
    transfer: true,
    whys: answer,
    why: englishWhy(answer),
  });
  const failed: Why[] = [
    { code: 'transferFailed', agent: t.agent, how },
    { code: 'staysWith', agent: t.from },
  ];
  out.decide(record, {
    at,
    visitor: record.visitor,
    event: 'transfer-failed',
    agent: t.from,
    whys: failed,
    why: englishWhy(failed),
  });
}
