import type { AgentServerMessage, Offer } from '../../../shared/protocol/agent.ts';
import { copyRecord } from '../../../shared/routing/output.ts';
import { queues } from '../../../shared/routing/queries.ts';
import type { Decision, RoutingEvent, StepResult, VisitorRecord } from '../../../shared/routing/types.ts';
import type { Conv } from './conv.ts';
import type { Hub } from './hub.ts';
import { chatSnapshot } from './snapshots.ts';
import { delivered } from './delivered.ts';

/**
 * Carries out what the routing engine decided (it only returns decisions): stores each decision with its why,
 * keeps the conversation's routing record, tells agents about offers and visitors about agents and fallbacks.
 * The routing engine's visitor key is the conversation id.
 */
export function applyRouting(hub: Hub, result: StepResult, event: RoutingEvent): void {
  const records = new Map(result.records.map((r) => [r.visitor, r]));
  for (const d of result.decisions) {
    const at = Math.round(d.at * 1000);
    hub.write(
      () =>
        void hub.store.decisions.add({
          at,
          conversationId: d.visitor,
          event: d.event,
          agentId: d.agent ?? null,
          reason: d.reason ?? null,
          why: d.why,
          detail: { ...d },
        }),
    );
    hub.metrics.decision(d.event);
    withConv(hub, d.visitor, (conv) => decide(hub, conv, d, records.get(d.visitor), event));
  }
  for (const r of result.records) {
    // The engine keeps mutating its records: keep a copy.
    const routing = r.phase === 'closed' ? null : copyRecord(r);
    withConv(hub, r.visitor, (conv) => {
      conv.rec.routing = routing;
      hub.touch(conv);
    });
  }
  if (result.queues.length) tellQueues(hub, result.queues);
}

/** Every visitor waiting in these pools' queues hears its (new) place and estimated wait. */
function tellQueues(hub: Hub, pools: string[]): void {
  const waiting = queues(hub.router.state).filter((q) => pools.includes(q.pool));
  hub.after(() => {
    for (const q of waiting) for (const v of q.visitors) tellPlace(hub, v.visitor);
  });
}

/** Sends the visitor's current queue place (`position: 0` once it is no longer queued). */
export function tellPlace(hub: Hub, conversationId: string): void {
  const msg = hub.queuePlaces.message(hub.router.state, conversationId);
  for (const p of hub.visitors.get(conversationId)) p.send(msg);
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

function decide(hub: Hub, conv: Conv, d: Decision, record: VisitorRecord | undefined, event: RoutingEvent): void {
  const id = conv.rec.id;
  const tellAgent = (agentId: string | undefined, msg: AgentServerMessage) => {
    if (!agentId) return;
    hub.after(() => {
      for (const p of hub.agents.get(agentId)) p.send(msg);
    });
  };
  switch (d.event) {
    case 'queued':
      return;
    case 'offered': {
      // Served from the queue: the visitor no longer waits in line.
      if (d.waited !== undefined) hub.after(() => tellPlace(hub, id));
      const offer = record?.offer;
      if (!offer || !d.agent) return;
      const o: Offer = {
        conversationId: id,
        visitorId: conv.rec.visitorId,
        offeredAt: Math.round(offer.offeredAt * 1000),
        deadline: Math.round(offer.dueAt * 1000),
        visitor: { ...conv.profile },
        dialogueName: conv.dialogueName,
        why: d.why,
      };
      hub.after(() => {
        for (const p of hub.agents.get(d.agent!)) p.send({ type: 'offer', now: hub.now(), offer: o });
      });
      return;
    }
    case 'connected': {
      if (!d.agent) return;
      const agent = hub.agentCard(d.agent);
      conv.rec.status = 'live';
      conv.rec.agentId = d.agent;
      conv.rec.connectedAt = hub.now();
      const items = hub.append(conv, [{ type: 'agentJoined', agent }]);
      const engagements = hub.router.state.engagements;
      hub.write(() => void hub.store.meta.setEngagementsUsed(engagements));
      hub.callback(conv, 'liveChatInitiated', { agentId: agent.id, agentName: agent.name });
      hub.after(async () => {
        hub.broadcast(conv, items, { skipAgents: true });
        const chat = await chatSnapshot(hub, conv);
        for (const p of hub.agents.get(d.agent!)) {
          p.send({ type: 'offerGone', conversationId: id, reason: 'accepted' });
          p.send({ type: 'chatOpened', chat });
        }
        // What the visitor wrote while waiting is on the agent's screen now.
        if (hub.agents.has(d.agent!)) delivered(hub, conv, 'agent', conv.rec.lastSeq);
      });
      return;
    }
    case 'timeout':
    case 'declined':
      tellAgent(d.agent, { type: 'offerGone', conversationId: id, reason: d.event });
      return;
    case 'fallback': {
      const reason = d.reason && d.reason !== 'visitor-left' ? d.reason : 'no-eligible-agent';
      const items = hub.append(conv, [
        { type: 'fallback', text: fallbackText(hub, reason), reason },
        { type: 'ended', reason: 'fallback' },
      ]);
      hub.callback(conv, 'requestTimeout', { reason });
      hub.finish(conv, 'fallback');
      hub.after(() => hub.broadcast(conv, items));
      return;
    }
    case 'ended': {
      if (d.agent && record?.connectedAt !== undefined) hub.queuePlaces.chatEnded(d.at - record.connectedAt);
      if (conv.rec.status === 'waiting') {
        tellAgent(d.agent, { type: 'offerGone', conversationId: id, reason: 'withdrawn' });
      } else if (conv.rec.status === 'live' && event.type !== 'end') {
        // Ended by the workspace (the agent was removed), not by either person.
        endChat(hub, conv, 'system');
      }
      return;
    }
  }
}

/** The live chat is over: entries for both sides, the callback, and the agent's slot is free. */
export function endChat(hub: Hub, conv: Conv, by: 'visitor' | 'agent' | 'system'): void {
  const items = hub.append(conv, [
    { type: 'chatEnded', by },
    { type: 'ended', reason: 'chat-ended' },
  ]);
  hub.callback(conv, 'liveChatEnded', { by });
  hub.finish(conv, 'chat-ended');
  hub.after(() => hub.broadcast(conv, items));
}

/** The fallback's text: the away message outside the business hours, else the fallback message. */
function fallbackText(hub: Hub, reason: string): string {
  const s = hub.workspace.settings;
  return reason === 'outside-hours' ? s.awayMessage : s.fallbackMessage;
}
