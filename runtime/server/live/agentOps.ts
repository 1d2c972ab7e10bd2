import type { TranscriptItem } from '../../../shared/protocol/common.ts';
import type { AgentStatus, Offer } from '../../../shared/protocol/agent.ts';
import type { Chat } from '../../../shared/protocol/agent.ts';
import { agentView } from '../../../shared/routing/queries.ts';
import type { Conv } from './conv.ts';
import type { Hub } from './hub.ts';
import { endChat } from './routingEffects.ts';
import { chatSnapshot } from './snapshots.ts';
import { delivered } from './delivered.ts';
import type { OpError } from './visitorOps.ts';

/** The agent's pending offers and held chats, as the routing engine knows them (for `hello`). */
export async function agentState(hub: Hub, userId: string): Promise<{ offers: Offer[]; chats: Chat[] }> {
  const view = agentView(hub.router.state, userId);
  const offers: Offer[] = [];
  const chats: Chat[] = [];
  for (const id of view?.offers ?? []) {
    const conv = await hub.conv(id);
    const offer = hub.router.state.visitors.get(id)?.offer;
    if (!conv || !offer) continue;
    const why =
      (await hub.store.decisions.query({ conversationId: id, limit: 10 })).find((d) => d.event === 'offered')?.why ??
      '';
    offers.push({
      conversationId: id,
      visitorId: conv.rec.visitorId,
      offeredAt: Math.round(offer.offeredAt * 1000),
      deadline: Math.round(offer.dueAt * 1000),
      visitor: { ...conv.profile },
      dialogueName: conv.dialogueName,
      why,
    });
  }
  for (const id of view?.chats ?? []) {
    const conv = await hub.conv(id);
    if (conv) chats.push(await chatSnapshot(hub, conv));
  }
  return { offers, chats };
}

/** Availability: stored, told to the routing engine and to every tab of the agent. */
export function setStatus(hub: Hub, userId: string, status: AgentStatus): void {
  hub.write(() => void hub.store.users.update(userId, { status }));
  hub.route({ type: 'status', agent: userId, status });
  hub.after(() => hub.agents.get(userId).forEach((p) => p.send({ type: 'status', status })));
}

function heldOffer(hub: Hub, userId: string, conversationId: string): Conv | OpError {
  // An offered conversation is in memory (routing refers to it).
  const conv = hub.cached(conversationId);
  const record = hub.router.state.visitors.get(conversationId);
  if (!conv || record?.phase !== 'offered' || record.offer?.agent !== userId) {
    return { code: 'not-found', message: `no pending offer for conversation ${conversationId}` };
  }
  return conv;
}

export function accept(hub: Hub, userId: string, conversationId: string): OpError | undefined {
  const conv = heldOffer(hub, userId, conversationId);
  if ('code' in conv) return conv;
  hub.route({ type: 'accept', agent: userId, visitor: conversationId });
  return undefined;
}

export function decline(hub: Hub, userId: string, conversationId: string): OpError | undefined {
  const conv = heldOffer(hub, userId, conversationId);
  if ('code' in conv) return conv;
  hub.route({ type: 'decline', agent: userId, visitor: conversationId });
  return undefined;
}

/** A chat the agent holds now. */
export function heldChat(hub: Hub, userId: string, conversationId: string): Conv | OpError {
  // A live chat is in memory (routing refers to it).
  const conv = hub.cached(conversationId);
  if (!conv || conv.rec.status !== 'live' || conv.rec.agentId !== userId) {
    return { code: 'not-found', message: `you hold no live chat ${conversationId}` };
  }
  return conv;
}

/** An agent's chat message: stored (idempotent by client id), acknowledged, then relayed. */
export function agentMessage(
  hub: Hub,
  userId: string,
  msg: { id: string; conversationId: string; text: string },
  stored: (seq: number) => void,
): OpError | undefined | Promise<OpError | undefined> {
  const conv = heldChat(hub, userId, msg.conversationId);
  if ('code' in conv) {
    // A resend after the chat ended still gets its ack when the message was stored.
    return hub.store.conversations.seqOfClientId(msg.conversationId, `a:${userId}`, msg.id).then((ended) => {
      if (ended === undefined) return conv;
      hub.after(() => stored(ended));
      return undefined;
    });
  }
  const sender = `a:${userId}` as const;
  const seen = hub.seqOf(conv, sender, msg.id);
  if (seen !== undefined) return void hub.after(() => stored(seen));
  const [item] = hub.append(
    conv,
    [{ type: 'agent', text: msg.text, clientId: msg.id, agent: hub.agentCard(userId) }],
    sender,
    msg.id,
  );
  hub.metrics.message('agent');
  hub.after(() => {
    stored(item.seq);
    hub.broadcast(conv, [{ ...item, state: 'sent' } as TranscriptItem]);
    if (hub.visitors.has(conv.rec.id)) delivered(hub, conv, 'visitor', item.seq);
  });
  return undefined;
}

export function agentRead(hub: Hub, userId: string, conversationId: string, upTo: number): OpError | undefined {
  const conv = heldChat(hub, userId, conversationId);
  if ('code' in conv) return conv;
  const seq = Math.min(upTo, conv.rec.lastSeq);
  if (seq <= conv.rec.agentRead) return undefined;
  conv.rec.agentRead = seq;
  conv.rec.agentDelivered = Math.max(conv.rec.agentDelivered, seq);
  hub.touch(conv);
  hub.after(() =>
    hub.visitors.get(conversationId).forEach((p) => p.send({ type: 'receipt', upTo: seq, state: 'read' })),
  );
  return undefined;
}

export function agentEnd(hub: Hub, userId: string, conversationId: string): OpError | undefined {
  const conv = heldChat(hub, userId, conversationId);
  if ('code' in conv) return conv;
  hub.route({ type: 'end', visitor: conversationId });
  endChat(hub, conv, 'agent');
  return undefined;
}
