import type { Offer } from '../../../shared/protocol/agent.ts';
import { copyRecord } from '../../../shared/routing/output.ts';
import { agentView, queues } from '../../../shared/routing/queries.ts';
import type { RoutingState } from '../../../shared/routing/state.ts';
import type { Decision, RoutingEvent, StepResult, VisitorRecord } from '../../../shared/routing/types.ts';
import { engineState, type Conv } from './conv.ts';
import type { Hub } from './hub.ts';
import type { OpError } from './opError.ts';
import { delivered } from './receipts.ts';
import { chatSnapshot } from './snapshots.ts';
import { recordMissed } from './missed.ts';
import { transferAccepted, transferLapsed, transferOffered, transferWithdrawn } from './transfer.ts';

/**
 * Live chat from the offer to the end, in one place. Fed by events — an agent's accept, decline or end, a
 * visitor's end, and the routing engine's results (`routed`) — it changes the conversation, stores what must be
 * stored in the turn's unit of work, and publishes the effects (to the visitor's and the agent's sockets through
 * the hub, wherever they are connected) once that is durable.
 */

/** An agent's accept of the offer they hold; anything else is `not-found` and changes nothing. */
export function accept(hub: Hub, agentId: string, conversationId: string): OpError | undefined {
  const err = heldOffer(hub, agentId, conversationId);
  if (err) return err;
  hub.route({ type: 'accept', agent: agentId, visitor: conversationId });
  return undefined;
}

/** An agent's decline of the offer they hold (the engine counts it like a timeout). */
export function decline(hub: Hub, agentId: string, conversationId: string): OpError | undefined {
  const err = heldOffer(hub, agentId, conversationId);
  if (err) return err;
  hub.route({ type: 'decline', agent: agentId, visitor: conversationId });
  return undefined;
}

/** The agent ends a chat they hold. */
export function agentEnd(hub: Hub, agentId: string, conversationId: string): OpError | undefined {
  const conv = heldChat(hub, agentId, conversationId);
  if ('code' in conv) return conv;
  endLiveChat(hub, conv, 'agent');
  return undefined;
}

/** A chat the agent holds now (in memory: routing refers to it). */
export function heldChat(hub: Hub, agentId: string, conversationId: string): Conv | OpError {
  const conv = hub.cached(conversationId);
  if (!conv || conv.rec.status !== 'live' || conv.rec.agentId !== agentId) {
    return { code: 'not-found', message: `you hold no live chat ${conversationId}` };
  }
  return conv;
}

/**
 * Either person ends the live chat, or the visitor gives up waiting: routing hears it (a pending offer is
 * withdrawn, the agent's slot freed) and a connected chat gets its closing entries. True when a connected chat
 * was closed (a waiting conversation is left to its caller to end).
 */
export function endLiveChat(hub: Hub, conv: Conv, by: 'visitor' | 'agent'): boolean {
  const status = conv.rec.status;
  if (status !== 'waiting' && status !== 'live') return false;
  hub.route({ type: 'end', visitor: conv.rec.id });
  if (status === 'waiting') return false;
  closeChat(hub, conv, by);
  return true;
}

/** The offer as an agent's inbox shows it: the one place it is built (on `offered` and in `hello`). */
export function offerView(
  conv: Conv,
  offer: { offeredAt: number; dueAt: number },
  why: string,
  transfer?: Offer['transfer'],
): Offer {
  return {
    conversationId: conv.rec.id,
    visitorId: conv.rec.visitorId,
    offeredAt: Math.round(offer.offeredAt * 1000),
    deadline: Math.round(offer.dueAt * 1000),
    visitor: { ...conv.profile },
    dialogueName: conv.dialogueName,
    why,
    ...(transfer ? { transfer } : {}),
  };
}

/** The pending offer `agentId` holds for this record: a routed one, or a colleague's transfer. */
function offerOf(hub: Hub, record: VisitorRecord | undefined, agentId: string) {
  if (record?.phase === 'offered' && record.offer?.agent === agentId) return { pending: record.offer };
  const t = record?.transfer;
  if (t?.agent !== agentId) return undefined;
  return { pending: t, transfer: { from: hub.agentCard(t.from), ...(t.note ? { note: t.note } : {}) } };
}

/** The offers an agent holds now (for `hello`), each with the why of its decision as stored. */
export async function pendingOffers(hub: Hub, agentId: string): Promise<Offer[]> {
  const offers: Offer[] = [];
  for (const id of agentView(hub.router.state, agentId)?.offers ?? []) {
    const conv = await hub.conv(id);
    const offer = offerOf(hub, hub.router.state.visitors.get(id), agentId);
    if (!conv || !offer) continue;
    const stored = await hub.store.decisions.query({ conversationId: id, limit: 10 });
    const why = stored.find((d) => d.event === 'offered' && d.agentId === agentId)?.why ?? '';
    offers.push(offerView(conv, offer.pending, why, offer.transfer));
  }
  return offers;
}

/**
 * Carries out what the routing engine decided (it only returns decisions): stores each decision with its why,
 * keeps the conversation's routing record, tells agents about offers and visitors about agents and fallbacks.
 * The routing engine's visitor key is the conversation id.
 */
export function carryOutRouting(
  hub: Hub,
  result: StepResult,
  event: RoutingEvent,
  // Among several nodes the routing owner's engine, which is ahead of this node's replica.
  state: RoutingState = hub.router.state,
): void {
  const records = new Map(result.records.map((r) => [r.visitor, r]));
  for (const d of result.decisions) {
    const at = Math.round(d.at * 1000);
    const { whys, ...detail } = d;
    const stored = {
      at,
      conversationId: d.visitor,
      event: d.event,
      agentId: d.agent ?? null,
      reason: d.reason ?? null,
      why: d.why,
      whys,
      detail,
    };
    hub.write(() => void hub.store.decisions.add(stored));
    hub.metrics.decision(d.event);
    withConv(hub, d.visitor, (conv) => decide(hub, conv, d, records.get(d.visitor), event, state));
  }
  for (const r of result.records) {
    // The engine keeps mutating its records: keep a copy.
    const routing = r.phase === 'closed' ? null : copyRecord(r);
    withConv(hub, r.visitor, (conv) => {
      conv.rec.routing = routing;
      hub.touch(conv);
    });
  }
  if (result.queues.length) tellQueues(hub, result.queues, state);
}

/** Sends the visitor's current queue place (`position: 0` once it is no longer queued). */
export function tellPlace(hub: Hub, conversationId: string): void {
  hub.toVisitor(conversationId, hub.queuePlaces.message(hub.router.state, conversationId));
}

/** Every visitor waiting in these pools' queues hears its (new) place and estimated wait. */
function tellQueues(hub: Hub, pools: string[], state: RoutingState): void {
  const waiting = queues(state).filter((q) => pools.includes(q.pool));
  hub.after(() => {
    for (const q of waiting) for (const v of q.visitors) tellPlace(hub, v.visitor);
  });
}

function heldOffer(hub: Hub, agentId: string, conversationId: string): OpError | undefined {
  const record = hub.router.state.visitors.get(conversationId);
  // Among several nodes the conversation is in the routing owner's memory, not necessarily in this node's.
  if ((!hub.clustered && !hub.cached(conversationId)) || !offerOf(hub, record, agentId)) {
    return { code: 'not-found', message: `no pending offer for conversation ${conversationId}` };
  }
  return undefined;
}

/** Runs `fn` on the conversation: at once when it is in memory (it is, while routing refers to it), else once it
 * is read back (after a failed commit made the hub forget it). */
function withConv(hub: Hub, id: string, fn: (conv: Conv) => void): void {
  const conv = hub.cached(id);
  if (conv) return fn(conv);
  Promise.resolve(hub.conv(id)).then(
    (c) => c && fn(c),
    (err) => hub.log.error({ err, conversation: id }, 'a routed conversation could not be read'),
  );
}

function decide(
  hub: Hub,
  conv: Conv,
  d: Decision,
  record: VisitorRecord | undefined,
  event: RoutingEvent,
  state: RoutingState,
): void {
  const id = conv.rec.id;
  const agentId = d.agent;
  switch (d.event) {
    case 'queued':
      return;
    case 'offered': {
      // Served from the queue: the visitor no longer waits in line.
      if (d.waited !== undefined) hub.after(() => tellPlace(hub, id));
      if (agentId && !d.transfer) hub.results.offered(conv.rec, agentId);
      const held = agentId ? offerOf(hub, record, agentId) : undefined;
      if (!held || !agentId) return;
      if (d.transfer) transferOffered(hub, conv, d);
      const offer = offerView(conv, held.pending, d.why, held.transfer);
      hub.after(() => hub.toAgent(agentId, { type: 'offer', now: hub.now(), offer }));
      return;
    }
    case 'connected': {
      if (!agentId) return;
      if (d.transfer) return transferAccepted(hub, conv, d);
      const agent = hub.agentCard(agentId);
      if (record) hub.results.connected(conv.rec, agentId, (d.at - record.requestedAt) * 1000);
      conv.rec.status = 'live';
      conv.rec.agentId = agentId;
      conv.rec.connectedAt = hub.now();
      const items = hub.append(conv, [{ type: 'agentJoined', agent }]);
      const engagements = state.engagements;
      hub.write(() => void hub.store.meta.setEngagementsUsed(engagements));
      hub.callback(conv, 'liveChatInitiated', { agentId: agent.id, agentName: agent.name });
      hub.after(async () => {
        hub.broadcast(conv, items, { skipAgents: true });
        const chat = await chatSnapshot(hub, conv);
        hub.toAgent(agentId, { type: 'offerGone', conversationId: id, reason: 'accepted' });
        hub.toAgent(agentId, { type: 'chatOpened', chat });
        // What the visitor wrote while waiting is on the agent's screen now.
        if (hub.connected('agent', agentId)) delivered(hub, conv, 'agent', conv.rec.lastSeq);
      });
      return;
    }
    case 'timeout':
    case 'declined': {
      const reason = d.event;
      if (agentId && !d.transfer) hub.results.offerMissed(conv.rec, agentId);
      if (agentId) hub.after(() => hub.toAgent(agentId, { type: 'offerGone', conversationId: id, reason }));
      if (d.transfer) transferLapsed(hub, conv, d, reason);
      return;
    }
    case 'fallback': {
      const reason = d.reason && d.reason !== 'visitor-left' ? d.reason : 'no-eligible-agent';
      const items = hub.append(conv, [
        { type: 'fallback', text: fallbackText(hub, reason), reason },
        { type: 'ended', reason: 'fallback' },
      ]);
      hub.callback(conv, 'requestTimeout', { reason });
      hub.results.missed(conv.rec, reason);
      hub.finish(conv, 'fallback');
      hub.after(() => hub.broadcast(conv, items));
      recordMissed(hub, conv, reason, Math.round(d.at * 1000), record);
      return;
    }
    case 'ended': {
      if (agentId && record?.connectedAt !== undefined) hub.queuePlaces.chatEnded(d.at - record.connectedAt);
      // The record kept from the step before still names a transfer that this end withdrew.
      const transferTo = (conv.rec.routing as VisitorRecord | null)?.transfer?.agent;
      if (transferTo) transferWithdrawn(hub, conv, transferTo);
      if (conv.rec.status === 'waiting') {
        if (agentId)
          hub.after(() => hub.toAgent(agentId, { type: 'offerGone', conversationId: id, reason: 'withdrawn' }));
        if (d.reason === 'visitor-left') abandon(hub, conv);
      } else if (conv.rec.status === 'live' && event.type !== 'end') {
        // Ended by the workspace (the agent was removed), not by either person.
        closeChat(hub, conv, 'system');
      }
      return;
    }
  }
}

/** The visitor's page has been gone past the grace while waiting (live/visitorGrace.ts): the conversation is
 * over, as when the visitor closes it (`abandoned`); a page that comes back finds it ended. */
function abandon(hub: Hub, conv: Conv): void {
  conv.rec.engine = { ...engineState(conv), status: 'ended', cardId: null, endReason: 'input-ended' };
  const items = hub.append(conv, [{ type: 'ended', reason: 'abandoned' }]);
  hub.finish(conv, 'abandoned');
  hub.after(() => hub.broadcast(conv, items));
}

/** The fallback's text: the away message outside the business hours, else the fallback message. */
function fallbackText(hub: Hub, reason: string): string {
  const s = hub.workspace.settings;
  return reason === 'outside-hours' ? s.awayMessage : s.fallbackMessage;
}

/** The live chat is over: entries for both sides, the callback, and the agent's slot is free. */
function closeChat(hub: Hub, conv: Conv, by: 'visitor' | 'agent' | 'system'): void {
  const items = hub.append(conv, [
    { type: 'chatEnded', by },
    { type: 'ended', reason: 'chat-ended' },
  ]);
  hub.callback(conv, 'liveChatEnded', { by });
  hub.finish(conv, 'chat-ended');
  hub.after(() => hub.broadcast(conv, items));
}
